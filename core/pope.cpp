#include "pope.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "angle_progression.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

void check(Eigen::Index size, const Eigen::VectorXd& theta, const Eigen::VectorXd& bias) {
  if (theta.size() != size) {
    throw InvalidArgument("PoPE needs one frequency per component (" +
                          std::to_string(theta.size()) + " frequencies for " +
                          std::to_string(size) + " components)");
  }
  if (bias.size() != 0 && bias.size() != size) {
    throw InvalidArgument("the PoPE phase bias needs one value per component (" +
                          std::to_string(bias.size()) + " for " + std::to_string(size) + ")");
  }
}

}  // namespace

double softplus(double x) {
  // ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): no overflow, full precision for large |x|.
  return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

Eigen::VectorXd pope_inv_freq(int d, double base) {
  require_positive_dim(d);
  require_base(base);
  Eigen::VectorXd theta(d);
  // lucidrains/PoPE-pytorch pope.py: inv_freqs = theta ** -(arange(dim) / dim).
  for (int c = 0; c < d; ++c) theta[c] = std::pow(base, -static_cast<double>(c) / d);
  return theta;
}

Eigen::VectorXd pope_embed(const Eigen::Ref<const Eigen::VectorXd>& x, double position,
                           const Eigen::VectorXd& theta, const Eigen::VectorXd& phase_bias) {
  check(x.size(), theta, phase_bias);
  Eigen::VectorXd out(2 * x.size());
  for (Eigen::Index c = 0; c < x.size(); ++c) {
    // arXiv:2509.10534 (PoPE): magnitude softplus(x_c), phase position * theta_c (+ delta_c).
    const double mag = softplus(x[c]);
    const double phase = position * theta[c] + (phase_bias.size() ? phase_bias[c] : 0.0);
    out[2 * c] = mag * std::cos(phase);
    out[2 * c + 1] = mag * std::sin(phase);
  }
  return out;
}

Eigen::MatrixXd pope_embed_rows(const Eigen::MatrixXd& x,
                                const Eigen::Ref<const Eigen::VectorXd>& positions,
                                const Eigen::VectorXd& theta, const Eigen::VectorXd& phase_bias) {
  if (positions.size() != x.rows()) {
    throw InvalidArgument("PoPE needs one position per row (" + std::to_string(positions.size()) +
                          " positions for " + std::to_string(x.rows()) + " rows)");
  }
  Eigen::MatrixXd out(x.rows(), 2 * x.cols());
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const Eigen::VectorXd row = x.row(r).transpose();
    out.row(r) = pope_embed(row, positions[r], theta, phase_bias).transpose();
  }
  return out;
}

double pope_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double t, double s,
                  const Eigen::VectorXd& theta, const Eigen::VectorXd& phase_bias) {
  if (q.size() != k.size()) throw InvalidArgument("q and k must have the same size");
  check(q.size(), theta, phase_bias);
  double a = 0.0;
  for (Eigen::Index c = 0; c < q.size(); ++c) {
    // arXiv:2509.10534 (PoPE): a_ts = sum_c sp(q_c) sp(k_c) cos((s - t) theta_c + delta_c).
    const double bias = phase_bias.size() ? phase_bias[c] : 0.0;
    a += softplus(q[c]) * softplus(k[c]) * std::cos((s - t) * theta[c] + bias);
  }
  return a;
}

Eigen::VectorXd pope_scores_at(const Eigen::VectorXd& q, const Eigen::VectorXd& k,
                               const Eigen::Ref<const Eigen::VectorXd>& distances,
                               const Eigen::VectorXd& theta) {
  if (q.size() != k.size()) throw InvalidArgument("q and k must have the same size");
  check(q.size(), theta, Eigen::VectorXd());
  Eigen::VectorXd weights(q.size());
  for (Eigen::Index c = 0; c < q.size(); ++c) weights[c] = softplus(q[c]) * softplus(k[c]);
  // arXiv:2509.10534 (PoPE): a_ts = sum_c sp(q_c) sp(k_c) cos((s - t) theta_c).
  if (distances.size() >= 2 * kAnchorStep && is_progression(distances))
    return cos_sum_progression(distances[0], distances[1] - distances[0], distances.size(), theta,
                               weights);
  Eigen::VectorXd out(distances.size());
  for (Eigen::Index j = 0; j < distances.size(); ++j) {
    double a = 0.0;
    for (Eigen::Index c = 0; c < q.size(); ++c) a += weights[c] * std::cos(distances[j] * theta[c]);
    out[j] = a;
  }
  return out;
}

}  // namespace peviz
