// Self-attention with identity projections (Wq = Wk = Wv = I): attend(embeddings, params)
// with params.identity_projections = true (core/attention.hpp), which uses no d x d
// matrix, so a sentence at d = 4096 costs milliseconds.
//   X = token embeddings + position_scale * absolute PE (sinusoidal / learned)
//   q = k = v = X;  RoPE: q_i <- a R_i q_i, k_j <- a R_j k_j
//   logits = q k^T / sqrt(d) + bias (ALiBi, T5, causal mask);  weights = softmax rows
// Also the absolute positional vectors themselves, for the playground's magnitude
// analysis (how large the position signal is next to the token's vector).
#pragma once

#include <Eigen/Core>

#include "attention.hpp"

namespace peviz {

// True for the schemes that add a vector to the tokens (sinusoidal, learned).
bool adds_position_to_tokens(Scheme scheme);

// The n x d matrix attend() adds to the token rows 0..n-1: position_scale times the
// sinusoidal or learned table; zeros for the relative schemes (RoPE, ALiBi, T5, NoPE).
Eigen::MatrixXd absolute_position_signal(const AttentionParams& params, long n);

// attend() with identity projections, whatever params.identity_projections says.
AttentionResult attend_identity(const Eigen::MatrixXd& embeddings, const AttentionParams& params);

}  // namespace peviz
