// The panels of the playground figure (playground_view.hpp), one builder each: the
// logits and weights heatmaps, the row entropy, the attention outputs, the magnitudes of
// token and position, and the repeated word (the permutation test has a file of its own,
// playground_permutation.hpp). Each builds its panel for a box of the figure's body, or
// says it does not fit there; the view chooses the arrangement. Also the text measures
// and the geometry the builders and the view share.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"
#include "core/attention.hpp"
#include "core/permutation.hpp"
#include "core/token_position.hpp"

namespace peviz::playground {

constexpr int kChipTokens = 12;   // tokens drawn as chips up to this many
constexpr long kOutputDims = 16;  // output dimensions shown in the outputs heatmap
inline constexpr plot::Color kMatch = plot::ink(plot::Ink::Good);  // bluish green: the same output
inline constexpr plot::Color kDiffer = plot::ink(plot::Ink::Bad);  // vermillion: a different output

// ---------------------------------------------------------------------------------------
// Measuring text. A FigureRequest is in logical pixels at a body font of 20 px, and the draw
// layer (draw_figure.cpp) sizes every font from the body font, so a figure laid out to fit
// its logical size fits at any text scale. Views cannot ask the draw layer how wide a text
// is; the playground measures with the advance widths of the font the window and the
// pictures draw with (DejaVu Sans), with a margin, and chooses its layout, its wordings and
// what it leaves out from those measures. Text is never made smaller to fit.

constexpr double kFontPx = 20.0;                  // body text
constexpr double kTickPx = 0.85 * kFontPx;        // ticks, colorbar labels, the note
constexpr double kPanelTitlePx = 1.05 * kFontPx;  // panel titles (bold)
constexpr double kTitlePx = 1.35 * kFontPx;       // the figure's title (bold)
// The sizes the playground draws its own texts at, relative to the body font.
constexpr float kCellScale = 0.9f;        // values in heatmap cells
constexpr float kSmallScale = 0.75f;      // positions and differences by the chips
constexpr float kBarScale = 0.8f;         // numbers over bars, notes in the bar panels
constexpr float kLineScale = 0.85f;       // the lines of the permutation panel's small print
constexpr float kOutputCellScale = 0.6f;  // values in the outputs heatmap's cells

// The width of `text` drawn `px` high: the font's own advances (plot/text_metrics), a
// little generous.
double text_px(std::string_view text, double px, bool bold);
// `text` broken at spaces into lines at most `width` wide (a longer word stands alone), as
// the draw layer wraps titles.
std::vector<std::string> wrap(const std::string& text, double px, bool bold, double width);
double widest_px(const std::vector<std::string>& lines, double px, bool bold);
// The first of `options` that fits on one line of `width`, else the one on the fewest
// lines, at most `lines` of them (with `wrapped_first`: the first on at most `lines`),
// else the last.
std::string choose_text(const std::vector<std::string>& options, double px, bool bold, double width,
                        std::size_t lines = 2, bool wrapped_first = false);
// A panel title: the first of `options` on one line of the panel's width, else on the two
// lines the draw layer wraps titles to.
std::string choose_title(const std::vector<std::string>& options, double width);
// "“dog bites man”", shortened for long texts.
std::string quoted(const std::vector<std::string>& tokens, std::size_t max_words = 8);
// The largest |value| a row of numbers differs by, as a big readable number.
std::string difference_text(double v);
bool is_masked(double logit);

// ---------------------------------------------------------------------------------------
// Geometry. Boxes are in the logical pixels of the figure's body (the area below the title
// and subtitle and above the note), which is what a panel's fractions are fractions of.

struct Box {
  double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
};

// What a panel draws around its plot, to find the plot's box as layout_figure does.
struct Frame {
  std::string title;
  bool axes = false;
  double y_ticks_px = 0.0;  // the widest y tick label
  bool y_label = false;
  bool x_label = false;
  bool colorbar = false;
  std::string value_label;  // the colorbar's title
};

// The plot's box in a panel covering `area`.
Box plot_box(const Box& area, const Frame& f);
// The panel covers `a` of a body `width` x `height`.
void place(plot::Panel& p, const Box& a, double width, double height);
// The widest of the words as tick labels.
double widest_word_px(const std::vector<std::string>& words, double px, bool bold);

// A line of small print stacked in a plot: its text, size and weight.
struct Note {
  std::string text;
  double px;
  bool bold;
  plot::Color color;
};

// ---------------------------------------------------------------------------------------
// The logits and weights heatmaps (token x token: queries down, keys across).

// What both heatmaps show.
struct GridFacts {
  std::vector<std::string> tokens;
  std::shared_ptr<const AttentionResult> r;
  bool printed = false;     // short enough to print values in the cells
  bool any_masked = false;  // some logit is -infinity
  // The hover readout of a cell, shared by both heatmaps.
  std::function<std::vector<std::string>(double, double)> readout;
};

// The facts of `r` over `tokens`; `printed` when the values may be printed in the cells.
GridFacts grid_facts(const AttentionResult& r, const std::vector<std::string>& tokens,
                     bool printed);

// How a token x token heatmap shows in its box: the richest of a colorbar, the axis labels
// and the values printed with 2 or 1 decimals that its cells have room for, with at least
// `min_decimals` (-1: the values may be left out).
struct GridLook {
  bool ok = false;
  bool colorbar = true;
  bool labels = true;  // "query i", "key j"
  int decimals = -1;   // -1: no values printed
  Box plot;
};

// How the logits (or weights) heatmap shows in `area`, with no more than `cap` allows; `need`
// is the fewest decimals a sentence of at most 8 printed tokens must show (-1: none).
GridLook grid_look(const GridFacts& g, bool logits, const Box& area, int need, const GridLook& cap);
// The logits (or weights) heatmap in `area` of a body `body_w` x `body_h`, as `look` says.
plot::Panel grid_panel(const GridFacts& g, bool logits, const Box& area, const GridLook& look,
                       double body_w, double body_h, const plot::FigureRequest& request);

// ---------------------------------------------------------------------------------------
// The other panels; each returns nothing when it does not fit in `area` (the outputs
// always fit).

// The attention outputs, first kOutputDims dimensions: the sentence's rows on top and,
// when the second sentence is a reordering, its rows un-shuffled into the first's order
// below (row perm[i] of the lower block is the reordered sentence's row i), separated by
// an empty row: without position the two blocks are identical row for row.
plot::Panel outputs_panel(const AttentionResult& r, const std::optional<PermutationTest>& test,
                          const std::vector<std::string>& tokens, const Box& area,
                          const plot::Style& style);

// Row entropy: one bar per query, its value at its end when there is room.
std::optional<plot::Panel> entropy_panel(const AttentionResult& r,
                                         const std::vector<std::string>& tokens, const Box& area,
                                         const plot::Style& style);

// Token vs position magnitudes for the selected token.
struct MagnitudeFacts {
  TokenPositionSplit split;
  bool absolute = false;
  Scheme scheme = Scheme::Sinusoidal;
  Mask mask = Mask::Causal;
  std::string word;
  long position = 0;
};

// `right_gap`: the empty pixels right of the panel (0 at the figure's edge), which its x
// label may reach into.
std::optional<plot::Panel> magnitude_panel(const MagnitudeFacts& m, const Box& area,
                                           double right_gap, const plot::Style& style);

// A repeated word: the cosine of its two occurrences before and after position.
struct RepeatFacts {
  bool found = false;
  std::string word;
  int a = 0, b = 0;
  double before = 1.0, after = 1.0;
  bool absolute = false;
};

std::optional<plot::Panel> repeated_panel(const RepeatFacts& rf, const Box& area,
                                          const plot::Style& style);

}  // namespace peviz::playground
