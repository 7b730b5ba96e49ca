#include "lod.hpp"

#include <algorithm>
#include <cmath>

namespace peviz {

Samples sample_range(long first, long last, double lo, double hi, long max_count) {
  Samples s;
  if (lo > hi) std::swap(lo, hi);
  long a = std::max(first, static_cast<long>(std::floor(lo + 0.5)));
  long b = std::min(last, static_cast<long>(std::ceil(hi - 0.5)));
  if (b < a) {  // window narrower than a cell: show the nearest one
    a = std::clamp(static_cast<long>(std::lround((lo + hi) * 0.5)), first, last);
    b = a;
  }
  const long count = b - a + 1;
  max_count = std::max(1L, max_count);
  s.stride = std::max(1L, (count + max_count - 1) / max_count);
  // Start on a multiple of the stride so that panning keeps the same samples.
  if (s.stride > 1) a = first + ((a - first) / s.stride) * s.stride;
  const long n = (b - a) / s.stride + 1;
  s.values.resize(n);
  for (long k = 0; k < n; ++k) s.values[k] = static_cast<double>(a + k * s.stride);
  s.lo = static_cast<double>(a) - 0.5;
  s.hi = static_cast<double>(a + (n - 1) * s.stride + s.stride) - 0.5;
  return s;
}

std::string stride_note(const Samples& s, const char* what) {
  if (s.stride <= 1) return "";
  const long k = s.stride;
  const char* suffix = (k % 100 >= 11 && k % 100 <= 13) ? "th"
                       : k % 10 == 1                    ? "st"
                       : k % 10 == 2                    ? "nd"
                       : k % 10 == 3                    ? "rd"
                                                        : "th";
  return "every " + std::to_string(k) + suffix + " " + what;
}

}  // namespace peviz
