// xPos: RoPE with a per-pair exponential scale, so that a pair's share of q·k decays with the
// distance between query and key (Sun et al., "A Length-Extrapolatable Transformer",
// arXiv:2212.10554 (section numbers not checked here); reference code microsoft/torchscale
// torchscale/component/xpos_relative_position.py, class XPOS).
//   zeta_i = (2i/d + gamma) / (1 + gamma), gamma = 0.4, i = 0..d/2-1
//            (torchscale: scale = (arange(0, d, 2) + 0.4 d) / (1.4 d))
//   query at position n: pair i rotated by n theta_i, then multiplied by zeta_i^(n/B)
//   key   at position n: pair i rotated by n theta_i, then multiplied by zeta_i^(-n/B) (downscale)
//   theta_i = base^(-2i/d), B = scale_base = 512, pairs interleaved (2i, 2i+1): rotate_every_two
// Hence <x_q(m), x_k(n)> = sum_i zeta_i^((m-n)/B) <R_m q, R_n k>_pair i: RoPE's score with
// pair i weighted by zeta_i^((m-n)/B) < 1 for a key behind the query (m > n).
// torchscale also shifts the exponent's positions by -(len + offset) // 2 to keep the factors in
// range; the shift cancels in q·k and is left out here. zeta^(+-n/B) overflows for |n| beyond
// about B * 709 / |ln zeta_0| (290000 at gamma = 0.4): the scores below use the combined factor.
#pragma once

#include <Eigen/Core>

#include "progress.hpp"
#include "rope_relative.hpp"

namespace peviz {

inline constexpr double kXposGamma = 0.4;        // torchscale XPOS: the 0.4 in the scale
inline constexpr double kXposScaleBase = 512.0;  // torchscale XPOS: scale_base

// zeta_i, i = 0..d/2-1 (d even, >= 2).
Eigen::VectorXd xpos_zeta(int d, double gamma = kXposGamma);

// The query (key = false) or key (key = true) at `position`: pairs (2i, 2i+1) rotated by
// position * inv_freq[i] and multiplied by zeta[i]^(+position/B) (query) or ^(-position/B) (key).
Eigen::VectorXd xpos_rotate(const Eigen::Ref<const Eigen::VectorXd>& x, double position,
                            const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta,
                            double scale_base, bool key);
// Rows of X, row r at positions[r] (the q or k rows of a sequence).
Eigen::MatrixXd xpos_rotate_rows(const Eigen::MatrixXd& x,
                                 const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta,
                                 double scale_base, bool key);

// <x_q(m), x_k(n)> = sum_i zeta_i^((m-n)/B) (pair i of R_m q) . (pair i of R_n k), with the
// factor of each pair formed from m - n (no overflow at large m, n).
double xpos_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m, double n,
                  const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta, double scale_base);
// The scores over shifts t, as core/rope_relative's rope_shift_scores for RoPE: both[j] =
// xpos_score(q, k, m + t, n + t) (the decay factor stays zeta^((m - n)/B), so the line is flat up
// to rounding), key_only[j] = xpos_score(q, k, m + t, n) (the query moves ahead, away from the
// key: the causal direction in which xPos decays), each the same bits as xpos_score. The
// query's rotation is shared by the two scores and the key's at n taken once; shifts on the
// machine's cores, the caller's part reporting progress (so a newer request stops the build).
RopeShiftScores xpos_shift_scores(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m,
                                  double n, const Eigen::VectorXd& shifts,
                                  const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta,
                                  double scale_base, const ProgressFn& progress = {});

// The decay envelope at distance r = m - n: the mean over pairs of zeta_i^(r/B), the factor
// by which xPos scales the largest possible |score| when every pair contributes the same size.
// 1 at r = 0, falling monotonically for r > 0.
Eigen::VectorXd xpos_envelope(const Eigen::VectorXd& zeta, double scale_base,
                              const Eigen::VectorXd& distances);

// RoFormer's bound (core/rope_decay.hpp) with xPos's factors inside the partial sums:
//   B_x(r) = (2/d) sum_{j=1}^{d/2} |sum_{k<j} zeta_k^(r/B) e^{i r theta_k}|
// (RoFormer Sec. 3.4.3, Eq. (35)-(37), with h_k scaled by zeta_k^(r/B)); equals B(r) at r = 0.
Eigen::VectorXd xpos_decay_bound_at(int d, double base, double scale_base,
                                    const Eigen::VectorXd& distances);

}  // namespace peviz
