// Tests for core/xpos: xPos (Sun et al., arXiv:2212.10554; torchscale XPOS; docs/xpos-pope.md).
// The expected values are computed here from the formulas, with explicit 2x2 matrices and the
// torchscale expression for the scales, never from core's own output.
#include "core/xpos.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "core/random.hpp"
#include "core/rope.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

// torchscale: scale = (arange(0, d, 2) + 0.4 * d) / (1.4 * d), entry i at arange value 2i.
double torchscale_scale(int i, int d) {
  return (2.0 * i + 0.4 * d) / (1.4 * d);
}

// The query (sign +1) or key (sign -1) at position n, by 2x2 matrices per pair.
Eigen::VectorXd by_hand(const Eigen::VectorXd& x, double n, double base, int sign) {
  const int d = static_cast<int>(x.size());
  Eigen::VectorXd out(d);
  for (int i = 0; i < d / 2; ++i) {
    const double theta = std::pow(base, -2.0 * i / d);
    Eigen::Matrix2d r;
    r << std::cos(n * theta), -std::sin(n * theta), std::sin(n * theta), std::cos(n * theta);
    const Eigen::Vector2d pair = r * Eigen::Vector2d(x[2 * i], x[2 * i + 1]) *
                                 std::pow(torchscale_scale(i, d), sign * n / 512.0);
    out[2 * i] = pair[0];
    out[2 * i + 1] = pair[1];
  }
  return out;
}

TEST(Xpos, ZetaHandValues) {
  // zeta_0 = 0.4 / 1.4 = 2/7; zeta_{d/2-1} = (1 - 2/d + 0.4) / 1.4.
  for (int d : {2, 8, 64, 128}) {
    const Eigen::VectorXd z = xpos_zeta(d);
    ASSERT_EQ(z.size(), d / 2);
    EXPECT_NEAR(z[0], 2.0 / 7.0, 1e-15) << d;
    EXPECT_NEAR(z[0], 0.285714285714285714, 1e-15);
    EXPECT_NEAR(z[d / 2 - 1], (1.0 - 2.0 / d + 0.4) / 1.4, 1e-15) << d;
  }
  // d = 4: zeta = (0.4/1.4, 0.9/1.4).
  const Eigen::VectorXd z4 = xpos_zeta(4);
  EXPECT_NEAR(z4[1], 0.9 / 1.4, 1e-15);
}

TEST(Xpos, ZetaMatchesTorchscaleExpression) {
  const Eigen::VectorXd z = xpos_zeta(64);
  for (int i = 0; i < 32; ++i) EXPECT_NEAR(z[i], torchscale_scale(i, 64), 1e-15) << i;
  // Increasing, all in (0, 1): every pair decays, the slow ones least.
  for (int i = 1; i < 32; ++i) EXPECT_GT(z[i], z[i - 1]);
  EXPECT_LT(z[31], 1.0);
}

TEST(Xpos, RotateMatchesMatricesTimesScale) {
  const int d = 16;
  const Eigen::VectorXd x = normal_vector(7, d);
  const Eigen::VectorXd inv = rope_inv_freq(d, 10000.0);
  const Eigen::VectorXd z = xpos_zeta(d);
  for (double n : {0.0, 1.0, 37.0, 900.0}) {
    EXPECT_MATRIX_NEAR(xpos_rotate(x, n, inv, z, 512.0, false), by_hand(x, n, 10000.0, +1), 1e-12);
    EXPECT_MATRIX_NEAR(xpos_rotate(x, n, inv, z, 512.0, true), by_hand(x, n, 10000.0, -1), 1e-12);
  }
}

TEST(Xpos, ScoreIsRopeWeightedByZetaPowerOfDistance) {
  const int d = 32;
  const Eigen::VectorXd q = normal_vector(1, d), k = normal_vector(2, d);
  const Eigen::VectorXd inv = rope_inv_freq(d, 10000.0);
  const Eigen::VectorXd z = xpos_zeta(d);
  for (auto [m, n] : {std::pair{5.0, 12.0}, {100.0, 3.0}, {700.0, 20.0}}) {
    // The definition: the scaled query dotted with the scaled key, by hand.
    const double expected = by_hand(q, m, 10000.0, +1).dot(by_hand(k, n, 10000.0, -1));
    EXPECT_NEAR(xpos_score(q, k, m, n, inv, z, 512.0), expected, 1e-12 * (1 + std::abs(expected)));
    // The same through xpos_rotate.
    EXPECT_NEAR(xpos_rotate(q, m, inv, z, 512.0, false).dot(xpos_rotate(k, n, inv, z, 512.0, true)),
                expected, 1e-12 * (1 + std::abs(expected)));
    // Complex form: Re sum (q_2i + i q_2i+1) conj(k_2i + i k_2i+1) e^{i (m - n) theta} zeta^(..).
    std::complex<double> c = 0.0;
    for (int i = 0; i < d / 2; ++i) {
      const std::complex<double> qc(q[2 * i], q[2 * i + 1]), kc(k[2 * i], k[2 * i + 1]);
      c += qc * std::conj(kc) * std::polar(1.0, (m - n) * std::pow(10000.0, -2.0 * i / d)) *
           std::pow((2.0 * i / d + 0.4) / 1.4, (m - n) / 512.0);
    }
    EXPECT_NEAR(xpos_score(q, k, m, n, inv, z, 512.0), c.real(), 1e-12 * (1 + std::abs(c.real())));
  }
}

TEST(Xpos, RelativeButDecaying) {
  const int d = 64;
  const Eigen::VectorXd q = normal_vector(3, d), k = normal_vector(4, d);
  const Eigen::VectorXd inv = rope_inv_freq(d, 10000.0);
  const Eigen::VectorXd z = xpos_zeta(d);
  const double s = xpos_score(q, k, 40.0, 10.0, inv, z, 512.0);
  // Both moved by t: the same score up to rounding, even where zeta^(+-n/B) alone overflows.
  for (double t : {1.0, 100.0, 5000.0, 1e6})
    EXPECT_NEAR(xpos_score(q, k, 40.0 + t, 10.0 + t, inv, z, 512.0), s, 1e-9 * (1 + std::abs(s)));
  // With q = k and no rotation in the way (distance 0 for RoPE), the score at distance r equals
  // sum |pair|^2 cos(r theta) zeta^(r/B): the rotation-free part shrinks as zeta^(r/B).
  Eigen::VectorXd ones = Eigen::VectorXd::Ones(d);
  const double r = 1024.0;
  double expected = 0.0;
  for (int i = 0; i < d / 2; ++i)
    expected += 2.0 * std::cos(r * inv[i]) * std::pow(torchscale_scale(i, d), r / 512.0);
  EXPECT_NEAR(xpos_score(ones, ones, r, 0.0, inv, z, 512.0), expected, 1e-10);
}

TEST(Xpos, EnvelopeIsMeanZetaPower) {
  const Eigen::VectorXd z = xpos_zeta(8);
  Eigen::VectorXd r(4);
  r << 0.0, 256.0, 512.0, 5120.0;
  const Eigen::VectorXd e = xpos_envelope(z, 512.0, r);
  EXPECT_NEAR(e[0], 1.0, 1e-15);
  // r = B: the mean of the four zetas (0.4, 0.65, 0.9, 1.15) / 1.4 = 3.1 / 5.6.
  EXPECT_NEAR(e[2], 3.1 / 5.6, 1e-15);
  EXPECT_NEAR(e[1],
              (std::sqrt(0.4 / 1.4) + std::sqrt(0.65 / 1.4) + std::sqrt(0.9 / 1.4) +
               std::sqrt(1.15 / 1.4)) /
                  4.0,
              1e-15);
  EXPECT_GT(e[1], e[2]);
  EXPECT_GT(e[2], e[3]);
}

TEST(Xpos, DecayBoundStartsAtRopesAndStaysBelow) {
  const int d = 64;
  Eigen::VectorXd r = Eigen::VectorXd::LinSpaced(257, 0.0, 256.0);
  const Eigen::VectorXd bx = xpos_decay_bound_at(d, 10000.0, 512.0, r);
  EXPECT_NEAR(bx[0], (d / 2 + 1) / 2.0, 1e-13);  // B(0) = (d/2 + 1)/2 = 16.5
  // An independent sum at r = 100 with real and imaginary parts kept apart.
  double re = 0.0, im = 0.0, total = 0.0;
  for (int k = 0; k < d / 2; ++k) {
    const double f = std::pow(torchscale_scale(k, d), 100.0 / 512.0);
    const double a = 100.0 * std::pow(10000.0, -2.0 * k / d);
    re += f * std::cos(a);
    im += f * std::sin(a);
    total += std::hypot(re, im);
  }
  EXPECT_NEAR(bx[100], total * 2.0 / d, 1e-12);
}

TEST(Xpos, BoundNeverCrossesItsEnvelope) {
  // sum_j |sum_{k<j} z_k e^{..}| <= sum_k (d/2 - k) z_k <= (d/2 + 1)/2 * sum_k z_k
  // (Chebyshev's sum inequality: d/2 - k falls while z_k^(r/B) rises with k).
  for (int d : {2, 16, 128}) {
    const Eigen::VectorXd r = Eigen::VectorXd::LinSpaced(501, 0.0, 5000.0);
    const Eigen::VectorXd bx = xpos_decay_bound_at(d, 10000.0, 512.0, r);
    const Eigen::VectorXd env = xpos_envelope(xpos_zeta(d), 512.0, r);
    for (Eigen::Index j = 0; j < r.size(); ++j)
      EXPECT_LE(bx[j], (d / 2 + 1) / 2.0 * env[j] * (1.0 + 1e-12)) << d << " r = " << r[j];
  }
}

TEST(Xpos, BadInputSaysSo) {
  EXPECT_INVALID_ARGUMENT(xpos_zeta(7), "");
  EXPECT_INVALID_ARGUMENT(xpos_zeta(0), "");
  EXPECT_INVALID_ARGUMENT(xpos_zeta(8, 0.0), "gamma");
  const Eigen::VectorXd x = Eigen::VectorXd::Ones(8);
  EXPECT_INVALID_ARGUMENT(xpos_rotate(x, 1.0, rope_inv_freq(8, 1e4), xpos_zeta(4), 512.0, false),
                          "one scale per pair");
  EXPECT_INVALID_ARGUMENT(xpos_rotate(x, 1.0, rope_inv_freq(8, 1e4), xpos_zeta(8), 0.0, false),
                          "scale base");
  EXPECT_INVALID_ARGUMENT(xpos_decay_bound_at(8, 1.0, 512.0, Eigen::VectorXd::Zero(1)), "");
}

TEST(Xpos, ShiftScoresAreTheScoresBitForBit) {
  // d = 70 with 64 rotated (partial): 300 shifts, threaded; every score equals xpos_score.
  Eigen::VectorXd q(70), k(70);
  for (int c = 0; c < 70; ++c) {
    q[c] = std::sin(0.7 * c + 0.1);
    k[c] = std::cos(0.3 * c) - 0.2;
  }
  const Eigen::VectorXd inv = rope_inv_freq(64, 10000.0);
  const Eigen::VectorXd zeta = xpos_zeta(64);
  const Eigen::VectorXd shifts = Eigen::VectorXd::LinSpaced(300, 0.0, 2990.0);
  const RopeShiftScores sc = xpos_shift_scores(q, k, 40.0, 3.0, shifts, inv, zeta, kXposScaleBase);
  EXPECT_EQ(sc.reference, xpos_score(q, k, 40.0, 3.0, inv, zeta, kXposScaleBase));
  for (Eigen::Index j = 0; j < shifts.size(); ++j) {
    ASSERT_EQ(sc.both[j],
              xpos_score(q, k, 40.0 + shifts[j], 3.0 + shifts[j], inv, zeta, kXposScaleBase))
        << j;
    ASSERT_EQ(sc.key_only[j], xpos_score(q, k, 40.0 + shifts[j], 3.0, inv, zeta, kXposScaleBase))
        << j;
  }
  EXPECT_LT(sc.max_deviation, 1e-12);
  EXPECT_THROW(xpos_shift_scores(q, k, 40.0, 3.0, shifts, inv, zeta, kXposScaleBase,
                                 [](double) { return false; }),
               Cancelled);
}

}  // namespace
}  // namespace peviz
