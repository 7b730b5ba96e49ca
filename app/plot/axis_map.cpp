#include "axis_map.hpp"

#include <algorithm>
#include <cmath>

namespace peviz::plot {
namespace {

constexpr double kTiny = 1e-300;

double forward(double v, bool log) {
  return log ? std::log10(std::max(v, kTiny)) : v;
}
double backward(double v, bool log) {
  return log ? std::pow(10.0, v) : v;
}

}  // namespace

float AxisMap::to_pixel(double v) const {
  const double a = forward(lo, log), b = forward(hi, log);
  if (b == a) return 0.5f * (p_lo + p_hi);
  const double t = (forward(v, log) - a) / (b - a);
  return static_cast<float>(p_lo + t * (p_hi - p_lo));
}

double AxisMap::to_data(float pixel) const {
  if (p_hi == p_lo) return lo;
  const double t = (pixel - p_lo) / static_cast<double>(p_hi - p_lo);
  const double a = forward(lo, log), b = forward(hi, log);
  return backward(a + t * (b - a), log);
}

void zoom_range(double& lo, double& hi, double anchor, double factor, bool log) {
  const double a = forward(lo, log), b = forward(hi, log), c = forward(anchor, log);
  lo = backward(c + (a - c) * factor, log);
  hi = backward(c + (b - c) * factor, log);
}

void pan_range(double& lo, double& hi, double from, double to, bool log) {
  const double shift = forward(to, log) - forward(from, log);
  lo = backward(forward(lo, log) - shift, log);
  hi = backward(forward(hi, log) - shift, log);
}

void clamp_range(double& lo, double& hi, double min, double max, bool log) {
  double a = forward(lo, log), b = forward(hi, log);
  const double mn = forward(min, log), mx = forward(max, log);
  const double width = std::min(b - a, mx - mn);
  if (a < mn) a = mn;
  b = a + width;
  if (b > mx) {
    b = mx;
    a = b - width;
  }
  lo = backward(a, log);
  hi = backward(b, log);
}

}  // namespace peviz::plot
