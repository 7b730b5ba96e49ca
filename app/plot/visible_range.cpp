#include "visible_range.hpp"

namespace peviz::plot {

void show_windows(Figure& figure, const FigureRequest& request) {
  for (Panel& panel : figure.panels) {
    const DataWindow* w = request.window(panel.id);
    if (w == nullptr) continue;
    panel.x.lo = w->x_lo;
    panel.x.hi = w->x_hi;
    panel.y.lo = w->y_lo;
    panel.y.hi = w->y_hi;
  }
}

}  // namespace peviz::plot
