// The RoFormer long-term-decay bound at chosen distances only, so that a chart of
// 0..1,000,000 costs what the screen shows (O(count * d)), not O(max_distance * d).
// Source: Su et al., "RoFormer", arXiv:2104.09864, Sec. 3.4.3 (see core/rope_decay.hpp):
//   B(r) = (2/d) * sum_{j=1}^{d/2} |sum_{k=0}^{j-1} e^{i r t_k}|,  t_k = base^(-2k/d).
#pragma once

#include <Eigen/Core>

namespace peviz {

// B(r) for every r in `distances` (any real r >= 0; integers are relative positions).
Eigen::VectorXd rope_decay_bound_at(int d, double base, const Eigen::VectorXd& distances);

}  // namespace peviz
