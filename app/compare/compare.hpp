// Compare mode: the same view for two to four parameter sets side by side. This
// file holds the parts that need no window: the --compare syntax, which parameters
// differ between the panels, and merging the panels' Figures into one Figure whose
// panels of the same id zoom together in x (Panel::x_link) on shared axis ranges.
// compare_spec.cpp: the syntax and the panels' States; compare_merge.cpp: the merged
// Figure.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/plot/draw_figure.hpp"
#include "app/plot/figure.hpp"
#include "app/state/state.hpp"
#include "app/views/view.hpp"
#include "core/text.hpp"

namespace peviz::compare {

constexpr int kMaxPanels = 4;
constexpr const char* kSyntax = "--compare \"name=value,name=value;name=value\"";

// The model view of panel B, C or D compares its model with panel A's (SharedParams::
// versus_params), unless the panel names its own --versus; other views compare nothing.
void link_model(const State& first, State& panel);

// For a user who asks for a view called "compare": comparing is a mode of every view.
constexpr const char* kNotAView =
    "'compare' is a mode, not a view: add --compare \"name=value;name=value\" to a view, "
    "e.g. --view similarity --compare \"scheme=sinusoidal;scheme=learned\"";

inline char letter(int panel) {
  return static_cast<char>('A' + panel);
}
// Merged panel ids are "A/<id>", "B/<id>"...; a panel's header is "A/#header".
inline std::string prefix(int panel) {
  return std::string(1, letter(panel)) + "/";
}

// An option as on the command line: name, value (peviz::Setting).
using Setting = peviz::Setting;
using Group = std::vector<Setting>;  // the settings of one panel

// "scheme=sinusoidal;scheme=learned" or "base=10000;base=500000,d=128": one group
// per panel, separated by ';'; within a group, name=value settings separated by ','
// (names as the command-line options, a leading "--" is allowed; an item without
// '=' continues a list value: "scalings=ntk,yarn,factor=8"). An empty group
// keeps the other options unchanged. Throws InvalidArgument with one clear line.
std::vector<Group> parse_spec(const std::string& spec);

// The panels of a comparison: each a copy of `base` with its group set on top (the view's
// own parameters first, then the shared ones), refused with one line naming the panel
// ("--compare panel B: ...") when a setting is unknown or invalid, when the panel's
// scheme is not one the view shows, or when the view does not use a setting of the
// group (the panels would not differ).
std::vector<State> apply_spec(const State& base, const std::vector<Group>& groups);

// Per panel, "name = value" of the parameters whose values are not the same in all
// panels (a parameter one panel uses and another does not counts as differing);
// and the parameters that are the same everywhere.
struct Differences {
  std::vector<std::string> per_panel;
  std::string common;
};
Differences differences(const std::vector<std::vector<Setting>>& panels);

// Where each panel goes, as fractions of the figure body: 2 side by side (or one
// above the other: `stacked`), 3-4 in a 2 x 2 grid (row by row).
struct Cell {
  float left = 0, top = 0, right = 1, bottom = 1;
};
std::vector<Cell> grid(int n, bool stacked = false);

// One panel of the comparison: its Figure (null while the first build runs) and the
// header line naming what differs.
struct Part {
  const plot::Figure* figure = nullptr;
  std::string header;       // "A · base = 10000"
  std::string placeholder;  // shown while there is no figure yet
};

// Two figures whose panels stand side by side (a heatmap and its profile) compare
// better one above the other; figures of one column of panels side by side.
bool wants_stacking(const plot::Figure& f);

// Axes that can share one range: same label and scale, numbers (not categories),
// a plotted panel (not dials).
bool shareable(const plot::Panel& a, const plot::Panel& b);

// The length of an axis range (in decades on a log axis).
double extent(const plot::Axis& a);

// Ranges are worth sharing when each covers at least a quarter of their union: a
// 100-position plot next to a 131072-position one would be a speck on shared axes.
bool similar_extents(const plot::Axis& own, const plot::Axis& united);

// One Figure with every part's panels placed in its cell under a header panel (a
// title and the part's own subtitle); panel ids get the part's prefix. Panels with
// the same id in several parts get the union of their axis ranges where the ranges
// are alike (similar_extents), and, when their x ranges are shared, one x_link, so
// that zooming or panning one zooms the others in x.
plot::Figure merge(const std::vector<Part>& parts, const std::vector<Cell>& cells,
                   float header_fraction, const std::string& common, const plot::Color& muted);

// The comparison of panels (each a State: a view and its parameters) as one Figure of
// width x height laid out with 20-pixel fonts: each panel built at its cell's size
// under a header naming what differs, side by side (two figures that want it, one
// above the other), merged. `peviz export --compare` and the window's export
// dialog both write this, so they write the same picture.
FigureBuilder comparison_builder(std::vector<State> panels, int width, int height);

// The part (index) a merged panel belongs to, and its id in that part.
std::pair<int, std::string> split_id(const std::string& merged_id);

// The request of part `panel`: the zoomed windows of its panels from the merged
// widget's request, at the part's own pixel size.
plot::FigureRequest part_request(const plot::FigureRequest& merged, int panel, int width,
                                 int height);

// Panels of one part linked in x (their own x_link) line up their plot edges, as
// layout_figure does within one Figure: it cannot here, because the link also
// spans the other parts' cells. Moves the panels' left/right fractions by the
// difference measured in `layout` (from layout_figure of `merged` in `body_width`).
void align_linked(plot::Figure& merged, const std::vector<plot::PanelGeometry>& layout,
                  float body_width);

// Transitional, for code not yet on State (State::used_names is the one to use).
using peviz::ValueCollector;
std::vector<std::string> used_names(SharedParams& shared, View& view);

}  // namespace peviz::compare
