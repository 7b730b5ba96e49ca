// How many keys each query position can attend to, under a causal mask or none, at
// any sampled positions (the counts of core/nope's visible_counts without building a
// vector of the whole sequence). A sequence holds positions 0..length-1.
// Source: the additive causal mask M[i][j] = 0 for j <= i, -infinity for j > i
// (Vaswani et al., arXiv:1706.03762, Sec. 3.2.3; Haviv et al. 2022, arXiv:2203.16634):
// query i sees keys 0..i, that is i + 1 of them; without the mask it sees all `length`.
#pragma once

#include <Eigen/Core>

#include "attention.hpp"

namespace peviz {

// For each query position p (0 <= p < length): the number of keys it sees.
Eigen::VectorXd visible_counts_at(const Eigen::Ref<const Eigen::VectorXd>& queries, long length,
                                  Mask mask);

}  // namespace peviz
