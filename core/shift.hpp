// The linear shift property of sinusoidal PE: PE[p+k] = M_k PE[p] for every p.
// Source: Vaswani et al., arXiv:1706.03762, Sec. 3.5 ("PE_{pos+k} can be represented
// as a linear function of PE_pos"); derivation from the angle-addition identities.
// M_k is d x d block diagonal. On the (sin, cos) pair of frequency w_i it is
//   [[ cos(k w_i), sin(k w_i)],
//    [-sin(k w_i), cos(k w_i)]]
// (a clockwise rotation by k*w_i in (sin, cos) coordinates). Interleaved layout:
// the block sits on columns (2i, 2i+1); Concat layout: on columns (i, i + d/2).
#pragma once

#include <Eigen/Core>

#include "sinusoidal.hpp"

namespace peviz {

// The dense d x d matrix M_k (for display and for checking; applying it to many
// rows uses the 2x2 blocks directly).
Eigen::MatrixXd shift_matrix(int d, double base, long k, Layout layout);

// Selected entries (rows x cols) of M_k, for level of detail at large d.
Eigen::MatrixXd shift_matrix_cells(const Eigen::Ref<const Eigen::VectorXi>& rows,
                                   const Eigen::Ref<const Eigen::VectorXi>& cols, int d,
                                   double base, long k, Layout layout);

// Reconstruction error per position p in [p0, p0+N): max_j |(M_k PE[p])_j - PE[p+k]_j|.
// It is ~1e-15 for small p and grows about linearly with p+k (rounding of p*w_0).
Eigen::VectorXd shift_errors(const SinusoidalParams& params, long k);
// The largest of shift_errors (0 when there are no positions).
double shift_error(const SinusoidalParams& params, long k);

}  // namespace peviz
