// A heatmap plot on the ImGui draw list: title, the GPU-coloured cells (one
// texture, see HeatmapRenderer), axes with nice ticks, a colorbar and a hover
// readout that reports the cell under the mouse. Rows run top to bottom.
#pragma once

#include <imgui.h>

#include <string>

#include "heatmap_renderer.hpp"

namespace peviz::plot {

struct HeatmapAxes {
  std::string title;
  std::string x_label;      // columns, e.g. "dimension"
  std::string y_label;      // rows, e.g. "position"
  std::string value_label;  // colorbar, e.g. "PE value"
  double x_first = 0.0;     // data coordinate of column 0
  double y_first = 0.0;     // data coordinate of row 0 (e.g. the first position)
  double value_lo = -1.0;   // value at the low end of the colormap
  double value_hi = 1.0;    // value at the high end of the colormap
};

struct HeatmapHover {
  bool active = false;
  int row = -1;  // 0-based row of the texture
  int col = -1;  // 0-based column of the texture
};

// Draws into the current ImGui window at the cursor, filling `size` pixels.
// `title_font` may be null (then the current font is used).
HeatmapHover draw_heatmap_plot(HeatmapRenderer& renderer, const HeatmapAxes& axes, ImVec2 size,
                               ImFont* title_font);

// Which cell a point inside the cells' rectangle falls on (clamped to the grid).
HeatmapHover cell_at(ImVec2 point, ImVec2 cells_min, ImVec2 cells_max, int cols, int rows);

}  // namespace peviz::plot
