// Small helpers the views share: number formatting and common axis setups.
#pragma once

#include <optional>
#include <string>

#include "app/plot/figure.hpp"
#include "app/views/lod.hpp"

namespace peviz {

// printf into a std::string.
std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
// 10000 -> "10000", 500000 -> "500000", 1.5 -> "1.5", 1e7 -> "1e+07".
std::string num(double v);
// "0–99" (en dash).
std::string span(long first, long last);

// A position axis over [lo, hi] (matrix rows: inverted).
plot::Axis position_axis(double lo, double hi, bool inverted, const char* label = "position");
// A heatmap layer over sampled rows and columns.
plot::HeatmapLayer heatmap_over(const Samples& rows, const Samples& cols, Eigen::MatrixXd values);

// Hatches the cells a causal mask hides (key x > query y) of a query x key heatmap over
// positions [first, last] (rows = queries on an inverted y axis), for the data window
// shown, and writes `label` inside the hatched triangle when it is in view. The hatching
// starts beyond the diagonal cells of a heatmap sampled every `stride` positions.
// Used by the NoPE, ALiBi and T5 views, whose causal heatmaps mask the same cells.
void hatch_masked(plot::Panel& panel, const plot::DataWindow& window, long first, long last,
                  long stride, const std::string& label);

// A dial panel (RoPE clocks, pair rotations): data x in [x_lo, x_hi], y in [y_lo, y_hi]
// with one unit as long on x as on y, and no axes, grid or legend.
void make_dial(plot::Panel& panel, double x_lo, double x_hi, double y_lo, double y_hi);
// The unit circle of a dial: its outline, filled with `fill` when given.
plot::Shape unit_circle(plot::Color color, float width,
                        std::optional<plot::Color> fill = std::nullopt);

// The window a panel shows: the request's (zoom, pan) or else the panel's axes.
plot::DataWindow window_of(const plot::Panel& panel, const plot::FigureRequest& request);

// A query x key heatmap over positions [first, last]: keys across, queries down (rows
// as in a matrix). Sets the panel's axes, square cells and no legend, and returns the
// window it shows and the positions sampled there, at most `side` a side.
struct QueryKeyGrid {
  plot::DataWindow window;
  Samples queries, keys;
};
QueryKeyGrid query_key_grid(plot::Panel& grid, long first, long last,
                            const plot::FigureRequest& request, long side);

}  // namespace peviz
