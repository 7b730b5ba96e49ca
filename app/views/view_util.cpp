#include "view_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <memory>

namespace peviz {

std::string fmt(const char* format, ...) {
  va_list args, again;
  va_start(args, format);
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, format, args);  // measure, then write: no length limit
  va_end(args);
  std::string out(n > 0 ? static_cast<std::size_t>(n) : 0u, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
  va_end(again);
  return out;
}

std::string num(double v) {
  return fmt("%g", v);
}

std::string span(long first, long last) {
  return std::to_string(first) + "–" + std::to_string(last);
}

plot::Axis position_axis(double lo, double hi, bool inverted, const char* label) {
  plot::Axis a;
  a.label = label;
  a.lo = lo;
  a.hi = hi;
  a.integer = true;
  a.inverted = inverted;
  a.position = true;
  return a;
}

plot::HeatmapLayer heatmap_over(const Samples& rows, const Samples& cols, Eigen::MatrixXd values) {
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(std::move(values));
  h.x_lo = cols.lo;
  h.x_hi = cols.hi;
  h.y_lo = rows.lo;
  h.y_hi = rows.hi;
  return h;
}

plot::DataWindow window_of(const plot::Panel& panel, const plot::FigureRequest& request) {
  const plot::DataWindow* w = request.window(panel.id);
  plot::DataWindow out = w ? *w : plot::DataWindow{panel.x.lo, panel.x.hi, panel.y.lo, panel.y.hi};
  if (out.x_lo > out.x_hi) std::swap(out.x_lo, out.x_hi);
  if (out.y_lo > out.y_hi) std::swap(out.y_lo, out.y_hi);
  return out;
}

void make_dial(plot::Panel& panel, double x_lo, double x_hi, double y_lo, double y_hi) {
  panel.x.lo = x_lo;
  panel.x.hi = x_hi;
  panel.y.lo = y_lo;
  panel.y.hi = y_hi;
  panel.axes = false;
  panel.grid = false;
  panel.equal_aspect = true;
  panel.legend = plot::Corner::None;
}

plot::Shape unit_circle(plot::Color color, float width, std::optional<plot::Color> fill) {
  plot::Shape circle;
  circle.kind = plot::Shape::Kind::Circle;
  circle.x1 = 1.0;
  circle.color = color;
  circle.width = width;
  circle.filled = fill.has_value();
  if (fill) circle.fill = *fill;
  return circle;
}

void hatch_masked(plot::Panel& panel, const plot::DataWindow& w, long first, long last, long stride,
                  const std::string& label) {
  // Lines key - query = k (k > stride) lie in masked cells only; spaced for the window.
  const double b0 = first - 0.5, b1 = last + 0.5;
  const double spacing =
      std::max(static_cast<double>(stride), std::round((w.x_hi - w.x_lo) / 26.0));
  const double k_lo = std::max(stride + 0.5, w.x_lo - w.y_hi),
               k_hi = std::min(b1 - b0, w.x_hi - w.y_lo);
  const double k0 =
      stride + 0.5 + std::max(0.0, std::ceil((k_lo - stride - 0.5) / spacing)) * spacing;
  const plot::Color hatch = plot::hex_color(0xffffff, 0.45f);
  for (double k = k0; k < k_hi; k += spacing) {
    // x = y + k for y in [b0, b1 - k].
    panel.shapes.push_back(
        {plot::Shape::Kind::Segment, b0 + k, b0, b1, b1 - k, hatch, 1.2f, false, {}});
  }
  // The label, inside the hatched triangle of the window, when it fits there.
  const double tx = w.x_lo + 0.70 * (w.x_hi - w.x_lo), ty = w.y_lo + 0.22 * (w.y_hi - w.y_lo);
  if (!label.empty() && tx - ty > 2.0 * stride && tx < b1 && ty > b0) {
    panel.texts.push_back({tx, ty, label, plot::hex_color(0xffffff), 1.0f, true, 0.5f, 0.5f});
  }
}

QueryKeyGrid query_key_grid(plot::Panel& grid, long first, long last,
                            const plot::FigureRequest& request, long side) {
  grid.x = position_axis(first - 0.5, last + 0.5, false, "key position j");
  grid.y = position_axis(first - 0.5, last + 0.5, true, "query position i");
  grid.equal_aspect = true;
  grid.legend = plot::Corner::None;
  QueryKeyGrid g;
  g.window = window_of(grid, request);
  g.queries = sample_range(first, last, g.window.y_lo, g.window.y_hi, side);
  g.keys = sample_range(first, last, g.window.x_lo, g.window.x_hi, side);
  return g;
}

}  // namespace peviz
