#include "float_format.hpp"

#include <cmath>
#include <limits>

namespace peviz {
namespace {

struct Layout {
  int bits;     // significand bits, hidden one included
  int min_exp;  // exponent of the smallest normal
  int max_exp;  // exponent of the largest finite
};

Layout layout_of(FloatFormat f) {
  switch (f) {
    case FloatFormat::Fp32:
      return {24, -126, 127};
    case FloatFormat::Bf16:
      return {8, -126, 127};
    case FloatFormat::Fp16:
      return {11, -14, 15};
  }
  return {24, -126, 127};
}

}  // namespace

const char* float_format_name(FloatFormat f) {
  switch (f) {
    case FloatFormat::Fp32:
      return "fp32";
    case FloatFormat::Bf16:
      return "bf16";
    case FloatFormat::Fp16:
      return "fp16";
  }
  return "fp32";
}

int significand_bits(FloatFormat f) {
  return layout_of(f).bits;
}

double largest_finite(FloatFormat f) {
  const Layout l = layout_of(f);
  // IEEE 754-2019 Sec. 3.3: (2 - 2^(1-p)) 2^emax.
  return std::ldexp(2.0 - std::ldexp(1.0, 1 - l.bits), l.max_exp);
}

double round_to(double x, FloatFormat f) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  const Layout l = layout_of(f);
  int e = 0;
  std::frexp(x, &e);  // |x| = m 2^e, m in [0.5, 1): the leading bit's exponent is e - 1
  // IEEE 754-2019 Sec. 4.3.1, roundTiesToEven: the quantum (one unit in the last place) of x's
  // binade, that of the smallest normal below it (subnormals share it).
  const int lead = std::max(e - 1, l.min_exp);
  const int q = lead - (l.bits - 1);
  // x / 2^q has at most 53 significant bits and is below 2^54: nearbyint rounds it to an
  // integer ties-to-even (the default rounding mode), and scaling back is exact.
  const double r = std::ldexp(std::nearbyint(std::ldexp(x, -q)), q);
  if (std::abs(r) > largest_finite(f))
    return std::copysign(std::numeric_limits<double>::infinity(), x);
  return r;
}

}  // namespace peviz
