#include "float_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace peviz {
namespace {

struct Layout {
  int bits;     // significand bits, hidden one included
  int min_exp;  // exponent of the smallest normal
  int max_exp;  // exponent of the largest finite
};

// 2^e for -1022 <= e <= 1023, from its bits.
double power_of_two(int e) {
  const std::uint64_t bits = static_cast<std::uint64_t>(e + 1023) << 52;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

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
  return (2.0 - power_of_two(1 - l.bits)) * power_of_two(l.max_exp);
}

double round_to(double x, FloatFormat f) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  const Layout l = layout_of(f);
  // The exponent of x's leading bit, from its bits (x a normal double; a subnormal one is far
  // below every format's smallest subnormal and takes the same path with -1023).
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  const int lead_bit = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  // IEEE 754-2019 Sec. 4.3.1, roundTiesToEven: the quantum (one unit in the last place) of x's
  // binade, that of the smallest normal below it (subnormals share it).
  const int lead = std::max(lead_bit, l.min_exp);
  const int q = lead - (l.bits - 1);
  // x / 2^q has at most 53 significant bits and is below 2^54: nearbyint rounds it to an
  // integer ties-to-even (the default rounding mode); the scalings by powers of two are exact.
  const double r = std::nearbyint(x * power_of_two(-q)) * power_of_two(q);
  if (std::abs(r) > largest_finite(f))
    return std::copysign(std::numeric_limits<double>::infinity(), x);
  return r;
}

}  // namespace peviz
