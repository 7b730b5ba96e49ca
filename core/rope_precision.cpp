#include "rope_precision.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "text.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

void check(int pair, int d, double base) {
  require_even_dim(d);
  require_base(base);
  if (pair < 0 || pair >= d / 2) {
    throw InvalidArgument("the pair must be between 0 and " + std::to_string(d / 2 - 1) +
                          " for d = " + std::to_string(d) + " (got " + std::to_string(pair) + ")");
  }
}

// a_T(m) = round_T(round_T(m) round_T(theta)): the product of two values of at most 24
// significant bits is exact in a double, so rounding it once is the format's own product.
double angle_in(double m, double theta, FloatFormat f) {
  return round_to(round_to(m, f) * round_to(theta, f), f);
}

}  // namespace

double precision_theta(int pair, int d, double base) {
  check(pair, d, base);
  // RoFormer Eq. (15): theta_i = base^(-2i/d), as core/rope's rope_inv_freq computes it.
  return std::pow(base, -2.0 * pair / d);
}

PrecisionPoint rope_precision_at(double m, int pair, int d, double base, FloatFormat f,
                                 double delta) {
  const double theta = precision_theta(pair, d, base);
  require_finite(m, "the position");
  require_finite(delta, "the key's offset");
  if (m < 0) throw InvalidArgument("the position must be at least 0 (got " + plain_number(m) + ")");
  PrecisionPoint out;
  const long double exact = static_cast<long double>(m) * static_cast<long double>(theta);
  const double a = angle_in(m, theta, f);
  const double b = angle_in(m + delta, theta, f);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (!std::isfinite(a)) {
    out.overflow = out.score_overflow = true;
    out.angle_error = out.cos_error = out.sin_error = out.score_error = kNaN;
    return out;
  }
  out.angle_error = static_cast<double>(static_cast<long double>(a) - exact);
  // The cache a model holds: cos and sin of its angle, stored in the format.
  const double ca = round_to(std::cos(a), f), sa = round_to(std::sin(a), f);
  out.cos_error = static_cast<double>(ca - std::cos(exact));
  out.sin_error = static_cast<double>(sa - std::sin(exact));
  if (!std::isfinite(b)) {
    out.score_overflow = true;
    out.score_error = kNaN;
    return out;
  }
  const double cb = round_to(std::cos(b), f), sb = round_to(std::sin(b), f);
  // RoFormer Eq. (16): <R_m q, R_n k> = <q, R_{n-m} k>; for q = k = (1, 0) both sides are
  // cos m t cos n t + sin m t sin n t = cos((n - m) t). In the format: each product and the sum
  // rounded to it.
  const double score = round_to(round_to(ca * cb, f) + round_to(sa * sb, f), f);
  out.score_error = static_cast<double>(
      score - std::cos(static_cast<long double>(delta) * static_cast<long double>(theta)));
  return out;
}

std::optional<long> first_angle_error_past(long first, long last, int pair, int d, double base,
                                           FloatFormat f, double limit, long budget,
                                           long* scanned_to) {
  const double theta = precision_theta(pair, d, base);
  require_positive(limit, "the error limit");
  if (first < 0) throw InvalidArgument("the first position must be at least 0");
  // Three roundings (m, theta, the product), each by a factor within [1 - u, 1 + u]:
  // |a_T - m theta| <= m theta ((1 + u)^3 - 1) while theta stays a normal number of the format.
  const double u = std::pow(2.0, -significand_bits(f));
  const double theta_t = round_to(theta, f);
  const bool normal =
      theta_t != 0.0 && std::abs(theta) >= std::ldexp(1.0, f == FloatFormat::Fp16 ? -14 : -126);
  long start = first;
  if (normal) {
    const double bound = limit / (theta * (std::pow(1.0 + u, 3) - 1.0));
    if (bound > static_cast<double>(last)) {
      if (scanned_to) *scanned_to = last;
      return std::nullopt;
    }
    start = std::max(first, static_cast<long>(std::floor(bound)));
  }
  const long end = std::min(last, start + budget - 1);
  for (long m = start; m <= end; ++m) {
    const double a = angle_in(static_cast<double>(m), theta, f);
    if (!std::isfinite(a)) return m;
    const long double err =
        static_cast<long double>(a) - static_cast<long double>(m) * static_cast<long double>(theta);
    if (std::abs(err) > limit) return m;
  }
  if (scanned_to) *scanned_to = end;
  return std::nullopt;
}

}  // namespace peviz
