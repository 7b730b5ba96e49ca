// Position Interpolation's Figure 2 (Chen, Wong, Chen, Tian, "Extending Context Window of Large
// Language Models via Positional Interpolation", arXiv:2306.15595, Sec. 2.2 and Fig. 2): under
// RoPE the attention score between a query and a key s positions apart is
//   a(s) = Re sum_{j=0}^{d/2-1} h_j e^{i s theta_j},  theta_j = c^(-2j/d)
// with complex h_j from the query and the key (paper Eq. 3). Fitting the h_j to random targets
// in [-1, 1] at positions inside the trained window [0, L] by least squares gives a function
// that stays small inside the window and grows far beyond it outside (extrapolation), while
// between the integers inside the window it stays smooth (interpolation).
// The fit minimises sum_t (a(s_t) - y_t)^2 + ridge |h|^2 over the d real unknowns
// (Re h_j, Im h_j), with a(s) = sum_j (Re h_j cos(s theta_j) - Im h_j sin(s theta_j)). The
// slow pairs barely turn inside the window, so their columns are nearly parallel and the plain
// least-squares problem is ill-conditioned (its h_j reach 1e10 in double); a small ridge
// (1e-8) picks a well-defined solution whose fit inside the window is the same to 3 digits.
#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace peviz {

struct AttentionScoreFit {
  Eigen::VectorXd positions;  // s_t, the positions of the targets (inside [0, window])
  Eigen::VectorXd targets;    // y_t, uniform in [-1, 1] from Rng(seed)
  Eigen::VectorXcd h;         // the fitted h_j, j = 0..d/2-1
};

// Targets at s = 0, spacing, 2 spacing, ..., up to `window` (d even >= 2, spacing >= 1,
// ridge >= 0): the solution of (A^T A + ridge I) x = A^T y, A's columns cos(s theta_j) and
// -sin(s theta_j).
AttentionScoreFit fit_attention_score(int d, double base, long window, long spacing, double ridge,
                                      std::uint64_t seed);

// a(s) = Re sum_j h_j e^{i s theta_j} at each s, theta_j = base^(-2j/d), d = 2 h.size().
Eigen::VectorXd attention_score(const Eigen::VectorXcd& h, double base,
                                const Eigen::Ref<const Eigen::VectorXd>& s);

}  // namespace peviz
