// Position Interpolation's bounds (Chen et al., arXiv:2306.15595, Sec. 2.3, Theorem 2.1 and the
// comparison after it), for the RoPE attention score a(s) = Re sum_{j<d/2} h_j e^{i s theta_j},
// theta_j = c^(-2j/d):
//   interpolation (Theorem 2.1): between two positions s1 <= s <= s2,
//     |a(s) - a_linear(s)| <= d (max_j |h_j|) (s - s1)(s2 - s) / (8 ln c),
//   where a_linear joins a(s1) and a(s2) by a straight line (from |a''| <= max|h| sum theta_j^2
//   <= max|h| d / (4 ln c) and the linear-interpolation error (s - s1)(s2 - s) |a''| / 2);
//   between neighbouring integers (s2 - s1 = 1) the largest value, at the midpoint, is
//     d max|h| / (32 ln c)   (32 ln 10000 = 294.73);
//   extrapolation (RoFormer's bound, the paper's Eq. 5):
//     |a(s)| <= (max_j |h_{j+1} - h_j|) sum_{k=1}^{d/2} |A_k(s)|,  A_k(s) = sum_{j<k} e^{i s
//     theta_j}.
// With max|h_{j+1} - h_j| = max|h_j| the extrapolation bound over the interpolation bound is
//   32 ln c sum_k |A_k(s)| / d = 16 ln c B(s),  B(s) = (2/d) sum_k |A_k(s)| (core/rope_decay.hpp);
// the paper argues sum_k |A_k(s)| >= d, so the ratio is at least 32 ln c (294.73; its abstract
// rounds the comparison to "~600x smaller").
#pragma once

#include <Eigen/Core>

namespace peviz {

// d max_h (s - s1)(s2 - s) / (8 ln base), for s1 <= s <= s2 (0 outside).
double interpolation_bound(int d, double base, double max_h, double s1, double s2, double s);

// sum_{k=1}^{d/2} |A_k(s)| for s = 0..max_distance: the extrapolation bound for max|dh| = 1.
Eigen::VectorXd extrapolation_bound(int d, double base, long max_distance);

// The extrapolation bound (max|dh| = 1) over the largest interpolation bound between
// neighbouring integers (max|h| = 1), at s = 0..max_distance: 32 ln(base) sum_k |A_k(s)| / d.
Eigen::VectorXd interpolation_bound_ratio(int d, double base, long max_distance);

}  // namespace peviz
