// RoPE's angles in low precision: a model that holds the position m and the frequency theta_i
// in fp32, bf16 or fp16 and multiplies them in that format gets the angle
//   a_T(m) = round_T(round_T(m) * round_T(theta_i))
// (each rounding ties-to-even, core/float_format), not m theta_i. The error grows with m: a
// format of p significand bits is off by up to about m theta_i 2^-p, and fp16 cannot hold a
// position past 65504 at all. This is the bug of transformers issue 25681 (a RoPE cache wrong
// after casting to fp16/bf16) and the loss of RoPE's relative property in bf16 that Wang et al.
// measure ("When Precision Meets Position: BFloat16 Breaks Down RoPE in Long-Context Training",
// arXiv:2411.13476, Sec. 3).
// Per position (the chosen pair i, theta_i = base^(-2i/d) as RoFormer Eq. (15)):
//   angle error   a_T(m) - m theta_i (radians), exact product in long double;
//   cos error     round_T(cos a_T(m)) - cos(m theta_i) (and sin), what the model's cache holds;
//   score error   the relative score of unit q = k = (1, 0) at positions m and m + delta in
//                 format T, cos_T(m) cos_T(m + delta) + sin_T(m) sin_T(m + delta) (each product
//                 and the sum rounded to T), minus the exact <q, R_delta k> = cos(delta theta_i).
#pragma once

#include <Eigen/Core>
#include <optional>

#include "float_format.hpp"

namespace peviz {

struct PrecisionPoint {
  bool overflow = false;        // m or its angle does not fit the format (fp16: past 65504); then
                                // every error is NaN
  bool score_overflow = false;  // m + delta or its angle does not: score_error is NaN
  double angle_error = 0.0;     // a_T(m) - m theta (radians)
  double cos_error = 0.0;       // round_T(cos a_T) - cos(m theta)
  double sin_error = 0.0;       // round_T(sin a_T) - sin(m theta)
  double score_error = 0.0;     // relative score in T at (m, m + delta) - cos(delta theta)
};

// theta_i = base^(-2i/d) (double, as core/rope's rope_inv_freq).
double precision_theta(int pair, int d, double base);

// One position m >= 0 of pair `pair` (0 <= pair < d/2), format f; `delta` is the key's offset for
// the score. Throws InvalidArgument for an odd or small d, base <= 1, a pair out of range or a
// negative or non-finite position.
PrecisionPoint rope_precision_at(double m, int pair, int d, double base, FloatFormat f,
                                 double delta = 1.0);

// The first integer position in [first, last] where |angle error| exceeds `limit` radians
// (a position the format cannot hold counts as past it), if any. Exact: positions below
// limit / (theta ((1 + u)^3 - 1)), u = 2^-p, cannot get there (three roundings, each within
// a factor 1 + u, Higham, "Accuracy and Stability of Numerical Algorithms", Sec. 2.2) and are
// skipped; the rest are checked one by one, at most `budget` of them (nullopt when the budget
// runs out first, with *scanned_to set to the last position checked).
std::optional<long> first_angle_error_past(long first, long last, int pair, int d, double base,
                                           FloatFormat f, double limit = 0.1,
                                           long budget = 1L << 24, long* scanned_to = nullptr);

}  // namespace peviz
