// Sines and cosines of many angles (x0 + k dx) w at rounding accuracy without a sin and a cos
// for each: the angle addition formulas (a rotation by the step's angle) between exact anchors.
// Used where a picture needs a trigonometric function over evenly spaced positions (box means'
// middles, similarity profiles), so its cost is a few multiplications a value.
//   - The exact angle: x w = hi + lo with lo = fma(x, w, -hi) (Dekker's product, exact with a
//     fused multiply-add), and sin(hi + lo) = sin hi cos lo + cos hi sin lo: the value is
//     rounded once more than the result, not the argument (at x = 10^6 the argument's rounding
//     alone would cost 1e-10).
//   - Between anchors (every kAnchorStep values, each computed exactly as above):
//     (s, c) <- (s cs + c sn, c cs - s sn), with cs, sn the step's exact cos and sin: each
//     step adds about one rounding, so a value is within about kAnchorStep ulp of 1.
// Sources: the addition formulas; Dekker, "A floating-point technique for extending the available
// precision", Numer. Math. 18 (1971), Sec. 5 (the exact product).
#pragma once

#include <Eigen/Core>

namespace peviz {

// x * w as hi + lo, hi = fl(x w), exactly (for finite x w).
struct ExactAngle {
  double hi = 0.0, lo = 0.0;
};
ExactAngle exact_angle(double x, double w);
double sin_of(ExactAngle a);
// Both at once (the same values as sin_of and cos_of).
void sincos_of(ExactAngle a, double& s, double& c);
double cos_of(ExactAngle a);

// Values between exact anchors in sincos_progression.
inline constexpr long kAnchorStep = 16;

// s[k] = sin((x0 + k dx) w), c[k] = cos((x0 + k dx) w) for k = 0..count-1, each within about
// 2e-15 of the exact value. x0 + k dx must be exact in double (e.g. integers or half-integers
// below 2^51): the anchors take it as written.
void sincos_progression(double x0, double dx, long count, double w, double* s, double* c);

// out[k] = sum_i weights[i] cos((x0 + k dx) w[i]) for k = 0..count-1, summed in the order of i
// (as the direct sum), each term within about 2e-15 |weights[i]| of exact; on the machine's cores
// for large sums, with the same anchors (so the same bits) whatever the number of threads.
Eigen::VectorXd cos_sum_progression(double x0, double dx, long count,
                                    const Eigen::Ref<const Eigen::VectorXd>& w,
                                    const Eigen::Ref<const Eigen::VectorXd>& weights);

// Whether values[k] == values[0] + k * (values[1] - values[0]) exactly for every k (two values
// or fewer: true).
bool is_progression(const Eigen::Ref<const Eigen::VectorXd>& values);

}  // namespace peviz
