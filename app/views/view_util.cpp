#include "view_util.hpp"

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

std::string num(double v) { return fmt("%g", v); }

std::string span(long first, long last) {
  return std::to_string(first) + "\xE2\x80\x93" + std::to_string(last);
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

}  // namespace peviz
