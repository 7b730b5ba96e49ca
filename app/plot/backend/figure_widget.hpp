// A Figure on screen, with interaction: hover readout (the exact value under the
// mouse), the shared position cursor, zoom with the wheel (Shift: x only, Ctrl:
// y only), pan by dragging, double-click to reset. Zoomed windows flow back to the
// view through request(), so it can recompute what is visible at screen resolution.
#pragma once

#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/plot/draw_figure.hpp"
#include "app/plot/text_audit.hpp"
#include "imgui_canvas.hpp"

namespace peviz::plot {

struct HoverState {
  bool active = false;
  int panel = -1;  // index into the figure's panels
  double x = 0.0;  // data coordinates under the mouse
  double y = 0.0;
};

// Readout lines for a data point of a panel: the panel's own readout if it has one,
// otherwise the heatmap cell's value and each series' value at the nearest x.
std::vector<std::string> readout_lines(const Panel& panel, double x, double y);

class FigureWidget {
 public:
  // Draws `figure` at the ImGui cursor, filling `size`. `cursor` is the shared
  // hovered position (read and, while this widget is hovered, written).
  void draw(const Figure& figure, ImVec2 size, const Style& style, ImFont* regular, ImFont* bold,
            std::optional<Cursor>& cursor);

  // The windows of the zoomed panels, for the view's next FigureRequest.
  FigureRequest request(int width, int height) const;
  const HoverState& hover() const { return hover_; }
  // The texts of the last drawing: where they landed, and what was cut or ran into another.
  const TextAudit& audit() const { return audit_; }
  void reset_zoom() { zoom_.clear(); }
  bool zoomed() const { return !zoom_.empty(); }

 private:
  struct PanelZoom {
    DataWindow base;    // the panel's default window when the zoom started
    DataWindow window;  // the current window
  };
  void apply(const Figure& figure, int panel, const DataWindow& window);

  std::map<std::string, PanelZoom> zoom_;
  HeatmapCache cache_;
  HoverState hover_;
  TextAudit audit_;
  int drag_panel_ = -1;
  bool owns_cursor_ = false;
};

}  // namespace peviz::plot
