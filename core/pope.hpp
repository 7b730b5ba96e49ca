// PoPE, polar coordinate position embeddings: every one of the d components of a query or key
// becomes a complex number whose magnitude comes from content alone (softplus) and whose phase
// comes from position alone. Source: Gopalakrishnan, Csordas, Schmidhuber and Mozer,
// "Decoupling the 'What' and 'Where' With Polar Coordinate Positional Embeddings",
// arXiv:2509.10534 (its method section; section and equation numbers not checked here):
//   q~_{t,c} = softplus(q_{t,c}) e^{i t theta_c}
//   k~_{s,c} = softplus(k_{s,c}) e^{i (s theta_c + delta_c)}
//   a_ts = Re[ sum_c conj(q~_{t,c}) k~_{s,c} ]
//        = sum_c softplus(q_{t,c}) softplus(k_{s,c}) cos((s - t) theta_c + delta_c)
// for c = 0..d-1. delta_c is the optional learnable phase bias (0 by default; clamped to
// [-2 pi, 0] and added to the key's phase in lucidrains/PoPE-pytorch). The frequencies, d of
// them (RoPE has d/2):
//   theta_c = base^(-c/d), c = 0..d-1
// from lucidrains/PoPE-pytorch PoPE_pytorch/pope.py (inv_freqs = theta ** -(arange(dim) / dim));
// the paper's own equation for theta_c could not be read here (see docs/xpos-pope.md).
// Because softplus > 0, content sets only how much each frequency counts, never a phase: for
// any content the score against distance peaks at s - t = 0 (all cosines 1), unlike RoPE's.
#pragma once

#include <Eigen/Core>

namespace peviz {

// softplus(x) = ln(1 + e^x), computed without overflow (x + ln(1 + e^-x) for x > 0).
double softplus(double x);

// theta_c = base^(-c/d), c = 0..d-1 (d >= 1, base > 1).
Eigen::VectorXd pope_inv_freq(int d, double base);

// The real form of q~ (or k~ with phase_bias) for a row x at `position`: 2d numbers,
// (softplus(x_c) cos(position theta_c + bias_c), softplus(x_c) sin(...)) for c = 0..d-1,
// interleaved, so that the real dot product of a query row and a key row is a_ts.
// phase_bias: empty (zeros) or d values.
Eigen::VectorXd pope_embed(const Eigen::Ref<const Eigen::VectorXd>& x, double position,
                           const Eigen::VectorXd& theta,
                           const Eigen::VectorXd& phase_bias = Eigen::VectorXd());
// Row r of X at positions[r]: n x 2d.
Eigen::MatrixXd pope_embed_rows(const Eigen::MatrixXd& x,
                                const Eigen::Ref<const Eigen::VectorXd>& positions,
                                const Eigen::VectorXd& theta,
                                const Eigen::VectorXd& phase_bias = Eigen::VectorXd());

// a_ts for a query q at position t and a key k at position s (the closed form above).
double pope_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double t, double s,
                  const Eigen::VectorXd& theta,
                  const Eigen::VectorXd& phase_bias = Eigen::VectorXd());
// pope_score(q, k, 0, r) for every distance r = s - t in `distances` (no phase bias): the
// weights softplus(q_c) softplus(k_c) once, then each distance's sum of cosines; evenly spaced
// distances (a view's shifts) by rotations between exact anchors (core/angle_progression, within
// about 2e-15 of each cosine), on the machine's cores.
Eigen::VectorXd pope_scores_at(const Eigen::VectorXd& q, const Eigen::VectorXd& k,
                               const Eigen::Ref<const Eigen::VectorXd>& distances,
                               const Eigen::VectorXd& theta);

}  // namespace peviz
