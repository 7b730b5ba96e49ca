// A Figure is a description of a picture, not pixels: panels with axes, a heatmap,
// line series, bars, reference lines, shaded bands, shapes and text, in data
// coordinates. The screen (ImGui), PNG (the same drawing offscreen) and SVG all
// draw the same Figure through the Canvas interface, so an export is exactly what
// the user saw. Views build Figures from Params and core's numbers.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/colormap.hpp"

namespace peviz::plot {

// What a colour means, so that one Figure draws in every theme (light, dark, high
// contrast): a Figure names roles, and the Style of the drawing resolves them
// (Style::resolve). Literal colours are for marks on a heatmap's own colours.
enum class Ink : std::uint8_t {
  Literal,  // r, g, b as given
  Text,     // body text, strong marks
  Muted,    // secondary text, faint marks
  Axis,     // frames, dial rims, ticks
  Grid,     // grid lines, faint circles
  Paper,    // the background
  Surface,  // a filled area that stands off the background a little (dial faces, chips)
  Good,     // a check that passes, an equal output
  Bad,      // a check that fails, a different output
  Series,   // the theme's palette entry `index`
};

struct Color {
  float r = 0.0f, g = 0.0f, b = 0.0f, a = 1.0f;  // 0..1, sRGB; the light theme's for a role
  Ink ink = Ink::Literal;
  std::uint8_t index = 0;  // Ink::Series: the palette entry
};
// 0xRRGGBB with an alpha.
constexpr Color hex_color(unsigned rgb, float alpha = 1.0f) {
  return {((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f,
          alpha};
}
// A role; `alpha` multiplies the theme's colour's alpha.
constexpr Color ink(Ink role, float alpha = 1.0f) {
  Color c{0.0f, 0.0f, 0.0f, alpha};
  c.ink = role;
  return c;
}
// The theme's palette entry i (colour-blind safe in every theme).
constexpr Color series_ink(std::size_t i, float alpha = 1.0f) {
  Color c = ink(Ink::Series, alpha);
  c.index = static_cast<std::uint8_t>(i % 8);
  return c;
}

enum class Stroke { Solid, Dashed, Dotted };
enum class Marker { None, Circle, Square, Diamond };
// Where a panel's legend goes: a corner inside the plot, or Outside (to its right).
enum class Corner { None, TopLeft, TopRight, BottomLeft, BottomRight, Outside };

struct Axis {
  std::string label;
  double lo = 0.0;  // the range shown before any zoom
  double hi = 1.0;
  bool log = false;                     // logarithmic (lo, hi > 0)
  bool integer = false;                 // ticks only on integers (positions, dimensions, heads)
  bool inverted = false;                // larger values further down / left (matrix rows)
  bool position = false;                // values are token positions: the shared cursor marks them
  std::vector<std::string> categories;  // labels for 0..n-1 (tokens) instead of numbers
};

// Cells coloured through a colormap. Cell (r, c) covers
// x in [x_lo + c (x_hi - x_lo)/cols, ...) and y in [y_lo + r (y_hi - y_lo)/rows, ...).
struct HeatmapLayer {
  std::shared_ptr<const Eigen::MatrixXd> values;  // rows x cols; +-inf are drawn as the ends
  double x_lo = 0.0, x_hi = 1.0;
  double y_lo = 0.0, y_hi = 1.0;
  ColormapId colormap = ColormapId::RdBu;
  double lo = -1.0;         // value at the low end of the colormap
  double hi = 1.0;          // value at the high end
  std::string value_label;  // colorbar title
  bool colorbar = true;
  bool print_values = false;  // print every value in its cell (small grids)
  int decimals = 2;
  // Cells that are not finite are masked (a key the query may not see): drawn in the
  // neutral surface colour, not as an end of the colormap, and crossed where they are
  // large enough to hold a cross.
  bool masked = false;
};

struct LineSeries {
  std::string label;  // legend entry; "" keeps it out of the legend
  std::vector<double> x, y;
  std::vector<double> y_low;  // optional: fill between y_low and y (an envelope)
  Color color;
  float width = 2.0f;
  Stroke stroke = Stroke::Solid;
  Marker marker = Marker::None;
  float marker_size = 4.0f;
};

struct Bars {
  std::string label;
  std::vector<double> x, height;
  double width = 0.8;  // in x data units
  double base = 0.0;
  Color color;
};

struct RefLine {
  bool vertical = true;  // x = at (true) or y = at (false)
  double at = 0.0;
  Color color;
  Stroke stroke = Stroke::Dashed;
  float width = 1.5f;
  std::string label;  // drawn next to the line
};

struct Band {
  bool vertical = true;  // x in [from, to] (true) or y in [from, to] (false)
  double from = 0.0, to = 0.0;
  Color color;
  std::string label;  // legend entry
};

struct Shape {
  enum class Kind { Circle, Segment, Arrow } kind = Kind::Segment;
  double x0 = 0.0, y0 = 0.0;  // circle: centre; segment/arrow: start
  double x1 = 0.0, y1 = 0.0;  // circle: (radius, unused); segment/arrow: end
  Color color;
  float width = 2.0f;
  bool filled = false;
  Color fill;
};

struct Text {
  double x = 0.0, y = 0.0;  // data coordinates
  std::string text;
  Color color;
  float scale = 1.0f;  // relative to the body font size
  bool bold = false;
  float align_x = 0.5f;  // 0 left, 0.5 centre, 1 right of (x, y)
  float align_y = 0.5f;  // 0 top, 0.5 middle, 1 bottom
  // The widest it may be, as a fraction of the plot's width (0: no limit); a longer text
  // is shortened with an ellipsis by the layout, measured with the canvas's font.
  float max_width = 0.0f;
};

struct Panel {
  std::string id;  // stable: zoom state and the export's CSV follow it
  std::string title;
  float left = 0.0f, top = 0.0f, right = 1.0f, bottom = 1.0f;  // area, figure fractions
  Axis x, y;
  std::optional<HeatmapLayer> heatmap;
  std::vector<Band> bands;
  std::vector<Bars> bars;
  std::vector<LineSeries> lines;
  std::vector<RefLine> refs;
  std::vector<Shape> shapes;
  std::vector<Text> texts;
  Corner legend = Corner::TopRight;
  bool equal_aspect = false;  // one data unit is as long on x as on y (dials)
  bool grid = true;
  bool axes = true;    // frame, ticks and labels (off for dials)
  std::string x_link;  // panels with the same non-empty link zoom and pan together in x
  // Exact values at a data point, for the hover readout (computed with core; may be empty).
  std::function<std::vector<std::string>(double x, double y)> readout;
};

struct Figure {
  std::string title;
  std::string subtitle;  // parameters, so a screenshot explains itself
  std::string note;      // bottom line: level of detail
  // What the reference implementation would accept with a warning (drawn after the note;
  // a headless export prints each on stderr and still writes the file).
  std::vector<std::string> warnings;
  std::vector<Panel> panels;
  std::string message;  // shown instead of the panels (e.g. "type a sentence")
  // The numbers the figure states in words (a headline difference, a check's result), by
  // name, for its CSV: a picture's text is not data a spreadsheet can read.
  std::vector<std::pair<std::string, double>> values;
  // Why the figure cannot show what was asked, when only a part of it cannot (a panel of a
  // comparison). With `message`, it makes a file export refuse the figure (refusal()).
  std::string problem;
  // The line a file export refuses this figure with; "" when it can be written.
  const std::string& refusal() const { return message.empty() ? problem : message; }
};

// The hovered position, marked in every panel with a position axis: a vertical line at x
// where x is a position, a horizontal one at y where y is. Hovering a panel whose two axes
// are positions (a similarity grid) sets both; hovering one position axis sets x = y.
struct Cursor {
  double x = 0.0, y = 0.0;
};

// The data window a panel shows (after zoom and pan).
struct DataWindow {
  double x_lo = 0.0, x_hi = 1.0;
  double y_lo = 0.0, y_hi = 1.0;
  bool operator==(const DataWindow&) const = default;
};

// What a view is asked to draw: the figure's pixel size (for level of detail) and
// the windows of the panels the user zoomed or panned (by panel id).
struct FigureRequest {
  int width = 1200;
  int height = 800;
  std::vector<std::pair<std::string, DataWindow>> windows;
  const DataWindow* window(const std::string& id) const {
    for (const auto& [key, w] : windows) {
      if (key == id) return &w;
    }
    return nullptr;
  }
  bool operator==(const FigureRequest&) const = default;
};

}  // namespace peviz::plot
