// ALiBi: attention with linear biases.
// Source: Press, Smith, Lewis, arXiv:2108.12409, Sec. 3: softmax(q_i K^T + m [-(i-1), ..., -1, 0]);
// slopes from the official code (ofirpress/attention_with_linear_biases,
// fairseq/models/transformer.py get_slopes): for n a power of two the geometric
// sequence starting at 2^(-8/n) with that same ratio; otherwise the slopes of the
// closest lower power of two followed by every other slope of twice that count.
// The list is NOT sorted for other n (12 heads: 2^-1..2^-8, then 2^-0.5, 2^-1.5, ...);
// head h gets slopes[h] in this order.
// Bias conventions (rows are queries i, columns keys j):
//   Causal    b[i][j] = -m (i - j) for j <= i, -infinity (masked) for j > i  (the paper)
//   Symmetric b[i][j] = -m |i - j|, no mask  (encoder variant, ALiBi repo issue #5)
#pragma once

#include <Eigen/Core>

namespace peviz {

enum class AlibiMode { Causal, Symmetric };

// Slopes for heads 0..heads-1 (heads >= 1).
Eigen::VectorXd alibi_slopes(int heads);
// n x n bias matrix for one head's slope.
Eigen::MatrixXd alibi_bias(long n, double slope, AlibiMode mode);
// The bias between query positions `queries` (rows) and key positions `keys` (columns).
Eigen::MatrixXd alibi_bias_at(const Eigen::Ref<const Eigen::VectorXd>& queries,
                              const Eigen::Ref<const Eigen::VectorXd>& keys, double slope,
                              AlibiMode mode);
// The attention horizon of a head: the distance at which its bias alone has
// divided a key's softmax weight by `factor` (bias -m r = -ln factor, so r = ln(factor) / m).
// With factor = 100 a head of slope 1/2 "sees" about 9 tokens, one of slope 1/256 about 1179.
double alibi_horizon(double slope, double factor = 100.0);

}  // namespace peviz
