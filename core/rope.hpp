// Rotary position embedding (RoPE).
// Source: Su et al., "RoFormer", arXiv:2104.09864, Eq. (14)-(16):
//   R_m is block diagonal with blocks [[cos m t_i, -sin m t_i], [sin m t_i, cos m t_i]],
//   t_i = base^(-2i/d); a pair (a, b) maps to (a cos - b sin, b cos + a sin), and
//   <R_m q, R_n k> = <q, R_{n-m} k> depends only on n - m.
// Pairings (which coordinates form pair i):
//   Interleaved: (2i, 2i+1)   GPT-J rotate_every_two, Meta's Llama apply_rotary_emb
//   HalfSplit:   (i, i + r/2) GPT-NeoX and HF Llama rotate_half
// Partial rotary (HF partial_rotary_factor, GPT-NeoX rotary_pct): only the first
// r = int(head_dim * factor) coordinates rotate, and t_i uses r, not head_dim.
#pragma once

#include <Eigen/Core>
#include <array>
#include <utility>

namespace peviz {

enum class RopePairing { Interleaved, HalfSplit };
// The pairings' names on the command line, in enum order.
inline constexpr std::array<const char*, 2> kPairingNames{"interleaved", "half-split"};

// r = int(head_dim * factor); must be even and >= 2 (0 < factor <= 1).
int rotary_dim(int head_dim, double partial_rotary_factor);
// t_i = base^(-2i/r), i = 0..r/2-1 (HF _compute_default_rope_parameters, in double).
Eigen::VectorXd rope_inv_freq(int rotary_dim, double base);
// The coordinates (first, second) of pair i among the rotary_dim rotated ones.
std::pair<int, int> rope_pair(int pair, int rotary_dim, RopePairing pairing);

// R_m x: rotates the first 2*inv_freq.size() coordinates of x by position m;
// the rest of x passes through unchanged.
Eigen::VectorXd rope_rotate(const Eigen::Ref<const Eigen::VectorXd>& x, double position,
                            const Eigen::VectorXd& inv_freq, RopePairing pairing);
// Rotates row r of X by positions[r] (the q or k rows of a sequence).
Eigen::MatrixXd rope_rotate_rows(const Eigen::MatrixXd& x,
                                 const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::VectorXd& inv_freq, RopePairing pairing);
// The dense head_dim x head_dim matrix R_m (identity on the non-rotary part).
Eigen::MatrixXd rope_matrix(int head_dim, double position, const Eigen::VectorXd& inv_freq,
                            RopePairing pairing);
// <R_m q, R_n k>.
double rope_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m, double n,
                  const Eigen::VectorXd& inv_freq, RopePairing pairing);

// The angle m * t_i of every pair at position m, wrapped to [0, 2 pi): the hands
// of the RoPE clocks.
Eigen::VectorXd rope_angles(double position, const Eigen::VectorXd& inv_freq);

// kPairingNames[pairing].
const char* pairing_name(RopePairing pairing);

}  // namespace peviz
