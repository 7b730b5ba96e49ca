#include "xpos.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <string>

#include "parallel.hpp"
#include "rope.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

void check(const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta, double scale_base,
           Eigen::Index size) {
  if (inv_freq.size() != zeta.size()) {
    throw InvalidArgument("xPos needs one scale per pair (" + std::to_string(zeta.size()) +
                          " scales for " + std::to_string(inv_freq.size()) + " pairs)");
  }
  if (2 * inv_freq.size() > size) {
    throw InvalidArgument("xPos rotates " + std::to_string(2 * inv_freq.size()) +
                          " coordinates but the vector has " + std::to_string(size));
  }
  if (!(scale_base > 0.0) || !std::isfinite(scale_base))
    throw InvalidArgument("the xPos scale base must be a finite number > 0");
}

}  // namespace

Eigen::VectorXd xpos_zeta(int d, double gamma) {
  require_even_dim(d);
  if (!(gamma > 0.0) || !std::isfinite(gamma))
    throw InvalidArgument("the xPos gamma must be a finite number > 0");
  Eigen::VectorXd zeta(d / 2);
  // torchscale XPOS.__init__: scale = (arange(0, d, 2) + 0.4 d) / (1.4 d).
  for (int i = 0; i < d / 2; ++i) zeta[i] = (2.0 * i / d + gamma) / (1.0 + gamma);
  return zeta;
}

Eigen::VectorXd xpos_rotate(const Eigen::Ref<const Eigen::VectorXd>& x, double position,
                            const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta,
                            double scale_base, bool key) {
  check(inv_freq, zeta, scale_base, x.size());
  Eigen::VectorXd out = x;
  const double exponent = (key ? -position : position) / scale_base;
  for (Eigen::Index i = 0; i < inv_freq.size(); ++i) {
    // torchscale apply_rotary_pos_emb: (x * cos + rotate_every_two(x) * sin) * scale.
    const double angle = position * inv_freq[i];
    const double c = std::cos(angle), s = std::sin(angle);
    const double f = std::pow(zeta[i], exponent);
    const double a = x[2 * i], b = x[2 * i + 1];
    out[2 * i] = (a * c - b * s) * f;
    out[2 * i + 1] = (b * c + a * s) * f;
  }
  return out;
}

Eigen::MatrixXd xpos_rotate_rows(const Eigen::MatrixXd& x,
                                 const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta,
                                 double scale_base, bool key) {
  if (positions.size() != x.rows()) {
    throw InvalidArgument("xPos needs one position per row (" + std::to_string(positions.size()) +
                          " positions for " + std::to_string(x.rows()) + " rows)");
  }
  Eigen::MatrixXd out(x.rows(), x.cols());
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const Eigen::VectorXd row = x.row(r).transpose();
    out.row(r) = xpos_rotate(row, positions[r], inv_freq, zeta, scale_base, key).transpose();
  }
  return out;
}

double xpos_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m, double n,
                  const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta, double scale_base) {
  if (q.size() != k.size()) throw InvalidArgument("q and k must have the same size");
  check(inv_freq, zeta, scale_base, q.size());
  const Eigen::VectorXd qm = rope_rotate(q, m, inv_freq, RopePairing::Interleaved);
  const Eigen::VectorXd kn = rope_rotate(k, n, inv_freq, RopePairing::Interleaved);
  double score = 0.0;
  const double exponent = (m - n) / scale_base;
  for (Eigen::Index i = 0; i < inv_freq.size(); ++i) {
    // torchscale XPOS.forward: q scaled by zeta^(m/B), k by zeta^(-n/B) -> zeta_i^((m - n)/B).
    score += std::pow(zeta[i], exponent) * (qm[2 * i] * kn[2 * i] + qm[2 * i + 1] * kn[2 * i + 1]);
  }
  // Coordinates past the rotated ones pass through unscaled.
  for (Eigen::Index c = 2 * inv_freq.size(); c < q.size(); ++c) score += q[c] * k[c];
  return score;
}

RopeShiftScores xpos_shift_scores(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m,
                                  double n, const Eigen::VectorXd& shifts,
                                  const Eigen::VectorXd& inv_freq, const Eigen::VectorXd& zeta,
                                  double scale_base, const ProgressFn& progress) {
  if (q.size() != k.size()) throw InvalidArgument("q and k must have the same size");
  check(inv_freq, zeta, scale_base, q.size());
  RopeShiftScores out;
  out.shifts = shifts;
  out.both.resize(shifts.size());
  out.key_only.resize(shifts.size());
  out.reference = xpos_score(q, k, m, n, inv_freq, zeta, scale_base);
  const Eigen::VectorXd kn = rope_rotate(k, n, inv_freq, RopePairing::Interleaved);
  // The factors of the scores that keep the distance: zeta_i^((m - n)/B), taken once.
  const double kept = (m - n) / scale_base;
  Eigen::VectorXd kept_factor(inv_freq.size());
  for (Eigen::Index i = 0; i < inv_freq.size(); ++i) kept_factor[i] = std::pow(zeta[i], kept);
  const auto run = [&](long j0, long j1) {
    for (long j = j0; j < j1; ++j) {
      if (j0 == 0 && j % 64 == 0)
        report_progress(progress, static_cast<double>(j) / static_cast<double>(j1));
      const double t = shifts[j];
      const Eigen::VectorXd qt = rope_rotate(q, m + t, inv_freq, RopePairing::Interleaved);
      const Eigen::VectorXd kt = rope_rotate(k, n + t, inv_freq, RopePairing::Interleaved);
      // torchscale XPOS.forward: pair i's product times zeta_i^((query - key)/B), as xpos_score.
      const double both_exponent = ((m + t) - (n + t)) / scale_base;
      const double key_exponent = ((m + t) - n) / scale_base;
      double both = 0.0, key_only = 0.0;
      for (Eigen::Index i = 0; i < inv_freq.size(); ++i) {
        const double f = both_exponent == kept ? kept_factor[i] : std::pow(zeta[i], both_exponent);
        both += f * (qt[2 * i] * kt[2 * i] + qt[2 * i + 1] * kt[2 * i + 1]);
        key_only += std::pow(zeta[i], key_exponent) *
                    (qt[2 * i] * kn[2 * i] + qt[2 * i + 1] * kn[2 * i + 1]);
      }
      // Coordinates past the rotated ones pass through unscaled (added as xpos_score adds them).
      for (Eigen::Index c = 2 * inv_freq.size(); c < q.size(); ++c) {
        both += q[c] * k[c];
        key_only += q[c] * k[c];
      }
      out.both[j] = both;
      out.key_only[j] = key_only;
    }
  };
  split_over_threads(
      shifts.size(),
      parallel_threads(static_cast<double>(shifts.size()) * static_cast<double>(q.size())), run);
  for (Eigen::Index j = 0; j < shifts.size(); ++j)
    out.max_deviation = std::max(out.max_deviation, std::abs(out.both[j] - out.reference));
  return out;
}

Eigen::VectorXd xpos_envelope(const Eigen::VectorXd& zeta, double scale_base,
                              const Eigen::VectorXd& distances) {
  if (zeta.size() == 0) throw InvalidArgument("xPos needs at least one pair");
  if (!(scale_base > 0.0) || !std::isfinite(scale_base))
    throw InvalidArgument("the xPos scale base must be a finite number > 0");
  Eigen::VectorXd out(distances.size());
  for (Eigen::Index j = 0; j < distances.size(); ++j) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < zeta.size(); ++i)
      sum += std::pow(zeta[i], distances[j] / scale_base);
    out[j] = sum / static_cast<double>(zeta.size());
  }
  return out;
}

Eigen::VectorXd xpos_decay_bound_at(int d, double base, double scale_base,
                                    const Eigen::VectorXd& distances) {
  const Eigen::VectorXd theta = rope_inv_freq(d, base);
  const Eigen::VectorXd zeta = xpos_zeta(d);
  if (!(scale_base > 0.0) || !std::isfinite(scale_base))
    throw InvalidArgument("the xPos scale base must be a finite number > 0");
  Eigen::VectorXd bound(distances.size());
  for (Eigen::Index j = 0; j < distances.size(); ++j) {
    const double r = distances[j];
    // RoFormer Sec. 3.4.3 with each term scaled by xPos's zeta_k^(r/B).
    std::complex<double> partial(0.0, 0.0);
    double total = 0.0;
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      partial += std::pow(zeta[k], r / scale_base) * std::polar(1.0, r * theta[k]);
      total += std::abs(partial);
    }
    bound[j] = total * 2.0 / d;
  }
  return bound;
}

}  // namespace peviz
