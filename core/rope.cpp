#include "rope.hpp"

#include <cmath>
#include <string>

#include "sinusoidal.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

void check_vector(Eigen::Index size, const Eigen::VectorXd& inv_freq) {
  if (2 * inv_freq.size() > size) {
    throw InvalidArgument("a vector of " + std::to_string(size) + " coordinates cannot hold " +
                          std::to_string(inv_freq.size()) + " rotary pairs");
  }
}

}  // namespace

int rotary_dim(int head_dim, double partial_rotary_factor) {
  require_even_dim(head_dim, "head dimension");
  if (!(partial_rotary_factor > 0.0 && partial_rotary_factor <= 1.0)) {
    throw InvalidArgument("partial rotary factor must be in (0, 1] (got " +
                          std::to_string(partial_rotary_factor) + ")");
  }
  // HF modeling_rope_utils.py: dim = int(head_dim * partial_rotary_factor).
  const int r = static_cast<int>(head_dim * partial_rotary_factor);
  if (r < 2 || r % 2 != 0) {
    throw InvalidArgument("partial rotary factor " + std::to_string(partial_rotary_factor) +
                          " gives " + std::to_string(r) + " rotary dimensions of " +
                          std::to_string(head_dim) + "; it must give an even number >= 2");
  }
  return r;
}

Eigen::VectorXd rope_inv_freq(int rotary_dim, double base) {
  // RoFormer Eq. (15), 0-indexed: t_i = base^(-2i/d) (the sinusoidal frequencies).
  return sinusoidal_frequencies(rotary_dim, base);
}

std::pair<int, int> rope_pair(int pair, int rotary_dim, RopePairing pairing) {
  if (pairing == RopePairing::Interleaved) return {2 * pair, 2 * pair + 1};
  return {pair, pair + rotary_dim / 2};
}

Eigen::VectorXd rope_rotate(const Eigen::Ref<const Eigen::VectorXd>& x, double position,
                            const Eigen::VectorXd& inv_freq, RopePairing pairing) {
  check_vector(x.size(), inv_freq);
  const int r = static_cast<int>(2 * inv_freq.size());
  Eigen::VectorXd y = x;
  for (int i = 0; i < r / 2; ++i) {
    const auto [a, b] = rope_pair(i, r, pairing);
    const double c = std::cos(position * inv_freq[i]);
    const double s = std::sin(position * inv_freq[i]);
    // RoFormer Eq. (14): (a, b) -> (a cos - b sin, a sin + b cos).
    y[a] = x[a] * c - x[b] * s;
    y[b] = x[a] * s + x[b] * c;
  }
  return y;
}

Eigen::MatrixXd rope_rotate_rows(const Eigen::MatrixXd& x,
                                 const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::VectorXd& inv_freq, RopePairing pairing) {
  if (positions.size() != x.rows()) {
    throw InvalidArgument("rope_rotate_rows: " + std::to_string(x.rows()) + " rows but " +
                          std::to_string(positions.size()) + " positions");
  }
  Eigen::MatrixXd y(x.rows(), x.cols());
  for (Eigen::Index row = 0; row < x.rows(); ++row) {
    y.row(row) = rope_rotate(x.row(row).transpose(), positions[row], inv_freq, pairing).transpose();
  }
  return y;
}

Eigen::MatrixXd rope_matrix(int head_dim, double position, const Eigen::VectorXd& inv_freq,
                            RopePairing pairing) {
  require_positive_dim(head_dim, "head dimension");
  check_vector(head_dim, inv_freq);
  const int r = static_cast<int>(2 * inv_freq.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(head_dim, head_dim);
  for (int i = 0; i < r / 2; ++i) {
    const auto [a, b] = rope_pair(i, r, pairing);
    const double c = std::cos(position * inv_freq[i]);
    const double s = std::sin(position * inv_freq[i]);
    m(a, a) = c;
    m(a, b) = -s;
    m(b, a) = s;
    m(b, b) = c;
  }
  return m;
}

double rope_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m, double n,
                  const Eigen::VectorXd& inv_freq, RopePairing pairing) {
  if (q.size() != k.size()) {
    throw InvalidArgument("q and k must have the same size (" + std::to_string(q.size()) + " and " +
                          std::to_string(k.size()) + ")");
  }
  return rope_rotate(q, m, inv_freq, pairing).dot(rope_rotate(k, n, inv_freq, pairing));
}

Eigen::VectorXd rope_angles(double position, const Eigen::VectorXd& inv_freq) {
  constexpr double kTwoPi = 6.283185307179586;
  Eigen::VectorXd a(inv_freq.size());
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    // RoFormer Eq. (14): pair i turns by m * t_i.
    double v = std::fmod(position * inv_freq[i], kTwoPi);
    if (v < 0.0) v += kTwoPi;
    a[i] = v;
  }
  return a;
}

const char* pairing_name(RopePairing pairing) {
  const auto i = static_cast<std::size_t>(pairing);
  return i < kPairingNames.size() ? kPairingNames[i] : "half-split";
}

}  // namespace peviz
