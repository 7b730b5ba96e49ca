// The long-term decay bound of RoPE.
// Source: Su et al., "RoFormer", arXiv:2104.09864, Sec. 3.4.3, Eq. (35)-(37):
// |<R_m q, R_n k>| <= (max_i |h_{i+1} - h_i|) * sum_{j=1}^{d/2} |S_j|, S_j = sum_{k<j} e^{i r t_k},
// and the paper plots the relative upper bound
//   B(r) = (2/d) * sum_{j=1}^{d/2} |sum_{k=0}^{j-1} e^{i r t_k}|,  t_k = base^(-2k/d), r = m - n.
// B(0) = (d/2 + 1) / 2. B is not monotone (d=64: B(50) < B(100)).
#pragma once

#include <Eigen/Core>

namespace peviz {

// B(r) for r = 0..max_distance (O(max_distance * d)).
Eigen::VectorXd rope_decay_bound(int d, double base, long max_distance);

}  // namespace peviz
