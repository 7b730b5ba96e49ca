// Single-head self-attention over a short sequence of token vectors, under any
// positional scheme (Vaswani et al., arXiv:1706.03762, Sec. 3.2.1, scaled dot-product):
//   X = token embeddings (+ absolute PE for sinusoidal / learned), rows are tokens
//   q = X Wq, k = X Wk, v = X Wv            (Wq, Wk, Wv seeded N(0, 1/d), or identity)
//   RoPE: q_i <- a R_i q_i, k_j <- a R_j k_j (a = the scaling's attention factor)
//   xPos: q_i, k_j rotated as interleaved RoPE and scaled by zeta^(i/B), zeta^(-j/B) (core/xpos)
//   PoPE: q_i, k_j -> softplus magnitudes with phases i theta_c, j theta_c, d complex
//         components written as 2d reals (core/pope), so q_i . k_j is PoPE's a_ij
//   logits[i][j] = q_i . k_j / sqrt(d) + bias[i][j]  (ALiBi slopes, T5 bucket biases,
//                                                      and the causal mask, -infinity)
//   weights = row-wise softmax(logits), outputs = weights v
// position_scale multiplies the positional signal (PE, RoPE angles, ALiBi slopes,
// T5 biases): 0 removes position, 1 is the scheme as published.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>

#include "learned_table.hpp"
#include "pope.hpp"
#include "rope.hpp"
#include "rope_scaling.hpp"
#include "sinusoidal.hpp"
#include "t5.hpp"
#include "xpos.hpp"

namespace peviz {

enum class Scheme { Sinusoidal, Learned, Rope, Alibi, Nope, T5, Xpos, Pope };
// The schemes' names on the command line, in enum order.
inline constexpr std::array<const char*, 8> kSchemeNames{"sinusoidal", "learned", "rope", "alibi",
                                                         "nope",       "t5",      "xpos", "pope"};
enum class Mask { Causal, None };
// The masks' names on the command line, in enum order.
inline constexpr std::array<const char*, 2> kMaskNames{"causal", "none"};

struct AttentionParams {
  Scheme scheme = Scheme::Sinusoidal;
  Mask mask = Mask::Causal;  // None: ALiBi uses its symmetric bias, T5 bidirectional buckets
  int d = 64;                // model (= head) dimension
  double base = 10000.0;     // sinusoidal, RoPE, xPos and PoPE
  Layout layout = Layout::Interleaved;           // sinusoidal column order
  RopePairing pairing = RopePairing::HalfSplit;  // RoPE pairs
  double partial_rotary_factor = 1.0;            // RoPE: fraction of dimensions rotated
  ScalingParams scaling;                         // RoPE long-context scaling (None by default)
  int heads = 8;                                 // ALiBi: number of heads (sets the slopes)
  int head = 0;                                  // ALiBi: the head shown, 0..heads-1
  T5Params t5;                                   // T5 buckets (bidirectional is set by the mask)
  std::uint64_t seed = 0;             // seeds Wq, Wk, Wv, the learned table and the T5 bias table
  bool identity_projections = false;  // Wq = Wk = Wv = I
  double position_scale = 1.0;        // 0 = no positional signal, 1 = as published, 2 = doubled
  // Learned table entries: std 1/sqrt(2), the RMS of a sinusoidal entry, so that the
  // two absolute schemes add a signal of the same size to the N(0,1) token vectors.
  double learned_stddev = 0.7071067811865476;
  // A real learned table (GPT-2's wpe.weight, ...) instead of the seeded one: its rows, scaled
  // to the same RMS learned_stddev, so that the playground compares schemes at one signal size.
  const PositionTable* learned_table = nullptr;
};

// The learned rows 0..n-1 the playground adds: the seeded table, or p.learned_table scaled to
// RMS p.learned_stddev.
Eigen::MatrixXd playground_learned_rows(const AttentionParams& p, long n, std::uint64_t seed);

struct AttentionResult {
  Eigen::MatrixXd inputs;   // n x d: token vectors plus absolute PE (if any)
  Eigen::MatrixXd bias;     // n x n: additive position bias and mask (-inf where masked)
  Eigen::MatrixXd logits;   // n x n: scores plus bias (-inf where masked)
  Eigen::MatrixXd weights;  // n x n: softmax of each row; masked entries exactly 0
  Eigen::MatrixXd outputs;  // n x d: weights * v
  Eigen::VectorXd entropy;  // n: entropy of each row of weights, in nats
};

AttentionResult attend(const Eigen::MatrixXd& embeddings, const AttentionParams& params);

// Row-wise softmax that treats -infinity as weight 0 (every row needs one finite entry).
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& logits);

// kSchemeNames[scheme].
const char* scheme_name(Scheme scheme);

}  // namespace peviz
