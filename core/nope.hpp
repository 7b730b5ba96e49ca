// NoPE: no positional encoding. The only position-dependent term is the additive
// causal mask M[i][j] = 0 for j <= i, -infinity for j > i (decoder self-attention;
// Haviv et al. 2022, arXiv:2203.16634; Kazemnejad et al. 2023, arXiv:2305.19466).
// Without the mask, attention is permutation-equivariant: no position information.
#pragma once

#include <Eigen/Core>

namespace peviz {

// n x n additive causal mask (rows are queries, columns keys).
Eigen::MatrixXd causal_mask(long n);
// The mask between query positions (rows) and key positions (columns).
Eigen::MatrixXd causal_mask_at(const Eigen::Ref<const Eigen::VectorXd>& queries,
                               const Eigen::Ref<const Eigen::VectorXd>& keys);
// How many keys query i can see under the causal mask: i + 1, for i = 0..n-1.
Eigen::VectorXd visible_counts(long n);

}  // namespace peviz
