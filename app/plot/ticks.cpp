#include "ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace peviz::plot {

double nice_step(double lo, double hi, int target) {
  const double span = std::abs(hi - lo);
  if (!(span > 0.0) || !std::isfinite(span)) return 1.0;
  const double raw = span / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  // Heckbert 1990: round the step up to 1, 2, 5 or 10 times a power of ten.
  const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
  return nice * magnitude;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (lo > hi) std::swap(lo, hi);
  std::vector<double> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  if (lo == hi) {
    ticks.push_back(lo);
    return ticks;
  }
  const double step = nice_step(lo, hi, target);
  const double first = std::ceil(lo / step - 1e-9);
  const double last = std::floor(hi / step + 1e-9);
  for (double k = first; k <= last && ticks.size() < 1000; k += 1.0) {
    const double v = k * step;
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);  // no "-0"
  }
  return ticks;
}

std::string tick_label(double value, double step) {
  char buffer[64];
  const double a = std::abs(value);
  if (a != 0.0 && a < 1e-4) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  } else if (step >= 1.0 || a >= 1e6) {
    if (a >= 1e15) {
      std::snprintf(buffer, sizeof buffer, "%.3g", value);
    } else {
      std::snprintf(buffer, sizeof buffer, "%.0f", value);
    }
  } else {
    const int decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 10), value);
  }
  return buffer;
}

std::string power_label(double value) {
  if (!(value > 0.0)) return "0";
  const double e = std::log10(value);
  const long k = std::lround(e);
  if (std::abs(e - k) > 1e-9) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
  }
  if (k >= 0 && k <= 3) return std::to_string(static_cast<long>(std::lround(value)));
  static constexpr const char* kSuperscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = "10";
  if (k < 0) out += "⁻";  // superscript minus
  for (char c : std::to_string(std::labs(k))) out += kSuperscripts[c - '0'];
  return out;
}

std::vector<Tick> axis_ticks(double lo, double hi, int target, bool log, bool integer) {
  if (lo > hi) std::swap(lo, hi);
  std::vector<Tick> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  if (log && lo > 0.0) {
    const double a = std::log10(lo), b = std::log10(hi);
    const int first = static_cast<int>(std::floor(a)), last = static_cast<int>(std::ceil(b));
    const int decades = last - first;
    const int every =
        std::max(1, decades / std::max(target, 1) + (decades % std::max(target, 1) ? 1 : 0));
    for (int k = first; k <= last; ++k) {
      const double major = std::pow(10.0, k);
      if (major >= lo * (1 - 1e-12) && major <= hi * (1 + 1e-12) && (k - first) % every == 0) {
        ticks.push_back({major, power_label(major)});
      }
      if (decades <= target) {
        for (int m = 2; m <= 9; ++m) {
          const double minor = m * major;
          if (minor < lo || minor > hi) continue;
          // Label 2 and 5 when the window spans less than two decades.
          const bool labelled = (b - a) < 2.0 && (m == 2 || m == 5);
          ticks.push_back({minor, labelled ? tick_label(minor, minor) : ""});
        }
      }
    }
    if (ticks.empty()) {  // a window inside one decade with no multiple of 10^k: fall back
      for (double v : nice_ticks(lo, hi, target))
        ticks.push_back({v, tick_label(v, nice_step(lo, hi, target))});
    }
    return ticks;
  }
  double step = nice_step(lo, hi, target);
  if (integer) step = std::max(step, 1.0);
  const double first = std::ceil(lo / step - 1e-9);
  const double last = std::floor(hi / step + 1e-9);
  for (double k = first; k <= last && ticks.size() < 1000; k += 1.0) {
    double v = k * step;
    if (std::abs(v) < step * 1e-9) v = 0.0;
    ticks.push_back({v, tick_label(v, step)});
  }
  return ticks;
}

}  // namespace peviz::plot
