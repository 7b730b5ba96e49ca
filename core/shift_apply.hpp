// Applying the shift M_k of sinusoidal PE without the dense d x d matrix, and its
// reconstruction error at any set of positions (for level of detail at 131072 x 4096).
// Source: Vaswani et al., arXiv:1706.03762, Sec. 3.5; the 2x2 blocks are those of
// shift.hpp: on the (sin, cos) columns of pair i, [[c, s], [-s, c]] with c = cos(k w_i),
// s = sin(k w_i). Cost O(d) per vector, O(|positions| d) for the errors.
#pragma once

#include <Eigen/Core>

#include "sinusoidal.hpp"

namespace peviz {

// M_k x for a vector x of length d (the same as shift_matrix(d, base, k, layout) * x).
Eigen::VectorXd shift_apply(const Eigen::Ref<const Eigen::VectorXd>& x, int d, double base, long k,
                            Layout layout);

// Reconstruction error max_j |(M_k PE[p])_j - PE[p+k]_j| at each of `positions` (integers,
// any sign); for a contiguous range it equals shift_errors of shift.hpp.
Eigen::VectorXd shift_errors_at(const Eigen::Ref<const Eigen::VectorXd>& positions, int d,
                                double base, long k, Layout layout);

}  // namespace peviz
