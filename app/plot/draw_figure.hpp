// Lays out and draws a Figure on a Canvas: title, panels with axes, ticks, grid,
// heatmap, bands, bars, lines, reference lines, shapes, text, legend, colorbar,
// and the shared position cursor. The same code draws the screen, PNG and SVG.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "axis_map.hpp"
#include "canvas.hpp"
#include "figure.hpp"
#include "style.hpp"

namespace peviz::plot {

struct PanelGeometry {
  Rect area;          // the panel's share of the figure
  Rect plot;          // the data rectangle
  Rect colorbar;      // empty when the panel has none
  DataWindow window;  // what the plot shows
  AxisMap x, y;       // data <-> pixels for that window
  // Where the layout moved things that did not fit: a legend too wide for the side of
  // the plot goes below it (legend_below, its top-left corner at legend_at), and a y-axis
  // label longer than the plot is tall is written across, above the plot.
  bool legend_below = false;
  Vec2 legend_at;
  bool y_label_above = false;
};

// The window a panel shows when the user has not zoomed: its axes' ranges.
DataWindow default_window(const Panel& panel);

// Panel rectangles for `figure` drawn into `area`; `windows` holds the zoomed
// windows by panel id (the others show their default window).
std::vector<PanelGeometry> layout_figure(const Figure& figure, Rect area, const Style& style,
                                         Canvas& canvas, const FigureRequest& windows);

// Draws the figure with that layout. `cursor` is the shared hovered position.
void draw_figure(const Figure& figure, const std::vector<PanelGeometry>& layout, Rect area,
                 const Style& style, Canvas& canvas, std::optional<Cursor> cursor);

// Black or white, whichever reads better on `background`.
Color text_color_on(Color background);

}  // namespace peviz::plot
