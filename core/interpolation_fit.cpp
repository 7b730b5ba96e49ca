#include "interpolation_fit.hpp"

#include <Eigen/Cholesky>
#include <cmath>

#include "random.hpp"
#include "rope.hpp"
#include "validate.hpp"

namespace peviz {

AttentionScoreFit fit_attention_score(int d, double base, long window, long spacing, double ridge,
                                      std::uint64_t seed) {
  require_count(window, "the window");
  require_at_least_one(static_cast<double>(spacing), "the spacing of the targets");
  const Eigen::VectorXd theta = rope_inv_freq(d, base);
  const long n = window / spacing + 1;
  if (n > (1L << 20)) throw InvalidArgument("more than 2^20 targets: use a larger spacing");
  AttentionScoreFit fit;
  fit.positions.resize(n);
  fit.targets.resize(n);
  Rng rng(seed);
  for (long t = 0; t < n; ++t) {
    fit.positions[t] = static_cast<double>(t * spacing);
    fit.targets[t] = 2.0 * rng.uniform() - 1.0;
  }
  // Chen et al. Eq. 3: a(s) = sum_j (Re h_j cos(s theta_j) - Im h_j sin(s theta_j)).
  const Eigen::Index half = theta.size();
  Eigen::MatrixXd a(n, 2 * half);
  for (long t = 0; t < n; ++t) {
    for (Eigen::Index j = 0; j < half; ++j) {
      const double angle = fit.positions[t] * theta[j];
      a(t, j) = std::cos(angle);
      a(t, half + j) = -std::sin(angle);
    }
  }
  if (!(ridge >= 0.0) || !std::isfinite(ridge)) throw InvalidArgument("the ridge must be >= 0");
  const Eigen::MatrixXd normal =
      a.transpose() * a + ridge * Eigen::MatrixXd::Identity(2 * half, 2 * half);
  const Eigen::VectorXd x = normal.ldlt().solve(a.transpose() * fit.targets);
  fit.h.resize(half);
  for (Eigen::Index j = 0; j < half; ++j) fit.h[j] = {x[j], x[half + j]};
  return fit;
}

Eigen::VectorXd attention_score(const Eigen::VectorXcd& h, double base,
                                const Eigen::Ref<const Eigen::VectorXd>& s) {
  const Eigen::VectorXd theta = rope_inv_freq(static_cast<int>(2 * h.size()), base);
  Eigen::VectorXd out(s.size());
  for (Eigen::Index t = 0; t < s.size(); ++t) {
    double sum = 0.0;
    for (Eigen::Index j = 0; j < h.size(); ++j) {
      const double angle = s[t] * theta[j];
      sum += h[j].real() * std::cos(angle) - h[j].imag() * std::sin(angle);
    }
    out[t] = sum;
  }
  return out;
}

}  // namespace peviz
