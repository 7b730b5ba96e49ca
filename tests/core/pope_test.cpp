// Tests for core/pope: PoPE (Gopalakrishnan et al., arXiv:2509.10534; docs/xpos-pope.md).
// The expected values come from std::complex arithmetic written here (the paper's complex form)
// and from softplus by its definition, never from core's own output.
#include "core/pope.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "core/random.hpp"
#include "core/rope.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

double softplus_by_definition(double x) {
  return std::log(1.0 + std::exp(x));
}

// Re[sum_c conj(q~_c) k~_c] with q~_c = softplus(q_c) e^{i t theta_c}, k~_c likewise at s (plus
// delta_c), theta_c = base^(-c/d), all in std::complex.
double complex_score(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double t, double s,
                     double base, const Eigen::VectorXd& delta = Eigen::VectorXd()) {
  const int d = static_cast<int>(q.size());
  std::complex<double> sum = 0.0;
  for (int c = 0; c < d; ++c) {
    const double theta = std::pow(base, -static_cast<double>(c) / d);
    const std::complex<double> qt = std::polar(softplus_by_definition(q[c]), t * theta);
    const std::complex<double> ks =
        std::polar(softplus_by_definition(k[c]), s * theta + (delta.size() ? delta[c] : 0.0));
    sum += std::conj(qt) * ks;
  }
  return sum.real();
}

TEST(Pope, SoftplusValuesAndPositivity) {
  EXPECT_NEAR(softplus(0.0), std::log(2.0), 1e-16);
  EXPECT_NEAR(softplus(1.0), std::log(1.0 + std::exp(1.0)), 1e-15);
  EXPECT_NEAR(softplus(-1.0), std::log(1.0 + std::exp(-1.0)), 1e-16);
  // Large arguments: no overflow; softplus(x) -> x, softplus(-x) -> e^-x.
  EXPECT_DOUBLE_EQ(softplus(1000.0), 1000.0);
  EXPECT_NEAR(softplus(-40.0), std::exp(-40.0), 1e-30);
  for (double x : {-700.0, -30.0, -1.0, 0.0, 2.0, 50.0}) EXPECT_GT(softplus(x), 0.0) << x;
}

TEST(Pope, FrequenciesAreDOfThem) {
  const Eigen::VectorXd th = pope_inv_freq(8, 10000.0);
  ASSERT_EQ(th.size(), 8);
  EXPECT_DOUBLE_EQ(th[0], 1.0);
  EXPECT_NEAR(th[4], 0.01, 1e-17);                  // 10000^(-4/8)
  EXPECT_NEAR(th[7], std::pow(10.0, -3.5), 1e-18);  // 10000^(-7/8)
  // Every other PoPE frequency is RoPE's at d: theta_{2i} = base^(-2i/d).
  const Eigen::VectorXd rope = rope_inv_freq(8, 10000.0);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(th[2 * i], rope[i], 1e-16);
}

TEST(Pope, ScoreEqualsComplexForm) {
  const int d = 16;
  const Eigen::VectorXd q = normal_vector(11, d), k = normal_vector(12, d);
  const Eigen::VectorXd theta = pope_inv_freq(d, 10000.0);
  for (auto [t, s] : {std::pair{0.0, 0.0}, {5.0, 12.0}, {40.0, 3.0}, {1000.0, 999.0}}) {
    const double expected = complex_score(q, k, t, s, 10000.0);
    EXPECT_NEAR(pope_score(q, k, t, s, theta), expected, 1e-12) << t << " " << s;
    // The real embedding's dot product is the same number.
    EXPECT_NEAR(pope_embed(q, t, theta).dot(pope_embed(k, s, theta)), expected, 1e-12);
  }
  // With a phase bias on the key.
  Eigen::VectorXd delta = Eigen::VectorXd::LinSpaced(d, -2.0 * M_PI, 0.0);
  EXPECT_NEAR(pope_score(q, k, 7.0, 2.0, theta, delta), complex_score(q, k, 7.0, 2.0, 1e4, delta),
              1e-12);
  EXPECT_NEAR(pope_embed(q, 7.0, theta).dot(pope_embed(k, 2.0, theta, delta)),
              complex_score(q, k, 7.0, 2.0, 1e4, delta), 1e-12);
}

TEST(Pope, EmbedMagnitudeIsContentPhaseIsPosition) {
  const int d = 6;
  const Eigen::VectorXd x = normal_vector(3, d);
  const Eigen::VectorXd theta = pope_inv_freq(d, 100.0);
  for (double p : {0.0, 9.0, 123.0}) {
    const Eigen::VectorXd e = pope_embed(x, p, theta);
    for (int c = 0; c < d; ++c) {
      EXPECT_NEAR(std::hypot(e[2 * c], e[2 * c + 1]), softplus_by_definition(x[c]), 1e-14);
      const std::complex<double> z(e[2 * c], e[2 * c + 1]);
      // The phase is p theta_c whatever the content: z / |z| = e^{i p theta_c}.
      EXPECT_NEAR(std::abs(z / std::abs(z) - std::polar(1.0, p * theta[c])), 0.0, 1e-13);
    }
  }
}

TEST(Pope, SameContentScoreDependsOnDistanceOnly) {
  const int d = 32;
  const Eigen::VectorXd q = normal_vector(5, d), k = normal_vector(6, d);
  const Eigen::VectorXd theta = pope_inv_freq(d, 10000.0);
  for (double r : {0.0, 3.0, 17.0, -8.0}) {
    const double at0 = pope_score(q, k, 0.0, r, theta);
    for (double t : {1.0, 50.0, 4096.0})
      EXPECT_NEAR(pope_score(q, k, t, t + r, theta), at0, 1e-9) << r << " " << t;
  }
}

TEST(Pope, PeaksAtDistanceZeroForAnyContent) {
  // softplus > 0: every term's weight is positive, so a(0) = sum of the weights is the largest
  // value over all distances, for any q and k.
  const int d = 16;
  const Eigen::VectorXd theta = pope_inv_freq(d, 10000.0);
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    const Eigen::VectorXd q = normal_vector(2 * seed + 100, d),
                          k = normal_vector(2 * seed + 101, d);
    double weights = 0.0;
    for (int c = 0; c < d; ++c)
      weights += softplus_by_definition(q[c]) * softplus_by_definition(k[c]);
    EXPECT_NEAR(pope_score(q, k, 0.0, 0.0, theta), weights, 1e-12);
    for (double r = 1.0; r <= 300.0; r += 1.0) EXPECT_LT(pope_score(q, k, 0.0, r, theta), weights);
  }
}

TEST(Pope, BadInputSaysSo) {
  EXPECT_INVALID_ARGUMENT(pope_inv_freq(0, 10000.0), "");
  EXPECT_INVALID_ARGUMENT(pope_inv_freq(8, 1.0), "");
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(4);
  EXPECT_INVALID_ARGUMENT(pope_embed(x, 0.0, pope_inv_freq(3, 1e4)), "one frequency");
  EXPECT_INVALID_ARGUMENT(pope_embed(x, 0.0, pope_inv_freq(4, 1e4), Eigen::VectorXd::Ones(2)),
                          "phase bias");
  EXPECT_INVALID_ARGUMENT(pope_score(x, Eigen::VectorXd::Ones(3), 0.0, 0.0, pope_inv_freq(4, 1e4)),
                          "same size");
}

TEST(Pope, ScoresAtManyDistancesAreTheScores) {
  // 300 evenly spaced distances (by rotations between anchors) and a few uneven ones (direct),
  // against pope_score one by one, d = 512.
  Eigen::VectorXd q(512), k(512);
  for (int c = 0; c < 512; ++c) {
    q[c] = std::sin(0.37 * c) * 2.0;
    k[c] = std::cos(0.11 * c) - 0.5;
  }
  const Eigen::VectorXd theta = pope_inv_freq(512, 10000.0);
  const Eigen::VectorXd even = Eigen::VectorXd::LinSpaced(300, -1500.0, -1500.0 + 7.0 * 299);
  const Eigen::VectorXd at = pope_scores_at(q, k, even, theta);
  double scale = 0.0;
  for (int c = 0; c < 512; ++c) scale += softplus(q[c]) * softplus(k[c]);
  for (Eigen::Index j = 0; j < even.size(); ++j)
    ASSERT_NEAR(at[j], pope_score(q, k, 0.0, even[j], theta), 1e-14 * scale) << j;
  Eigen::VectorXd uneven(3);
  uneven << 0.0, 5.0, 17.0;
  const Eigen::VectorXd direct = pope_scores_at(q, k, uneven, theta);
  for (Eigen::Index j = 0; j < 3; ++j)
    EXPECT_NEAR(direct[j], pope_score(q, k, 0.0, uneven[j], theta), 1e-13 * scale);
}

}  // namespace
}  // namespace peviz
