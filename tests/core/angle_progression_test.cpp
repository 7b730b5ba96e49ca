// Tests for core/angle_progression: sines and cosines of evenly spaced angles by rotations
// between exact anchors, against long double (moderate angles), against the exact-angle formula
// (angles of 10^7 radians and more, where long double's own rounding is too coarse), and the
// threaded sums against a serial sum with the same anchors, bit for bit.
#include "core/angle_progression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace peviz {
namespace {

TEST(AngleProgression, ExactAngleIsTheProductAndItsRoundingError) {
  // 1023.5 = 2047 / 2 has 11 significant bits and 0.1 has 53: their product fits long double's
  // 64-bit significand exactly, so hi + lo can be checked against it.
  const ExactAngle a = exact_angle(1023.5, 0.1);
  EXPECT_EQ(a.hi, 1023.5 * 0.1);
  const long double exact = 1023.5L * static_cast<long double>(0.1);
  EXPECT_EQ(static_cast<long double>(a.hi) + static_cast<long double>(a.lo), exact);
  EXPECT_NE(a.lo, 0.0);
}

TEST(AngleProgression, MatchesLongDoubleAtModerateAngles) {
  for (const double w : {1.0, 0.3, 1e-4, 2.0 * M_PI}) {
    for (const double x0 : {0.0, 0.5, 1000.5}) {
      const double dx = 3.0;
      const long n = 1001;
      std::vector<double> s(n), c(n);
      sincos_progression(x0, dx, n, w, s.data(), c.data());
      double worst = 0.0;
      for (long k = 0; k < n; ++k) {
        const long double angle = (static_cast<long double>(x0) + k * dx) * w;
        worst = std::max({worst, std::abs(s[k] - static_cast<double>(std::sin(angle))),
                          std::abs(c[k] - static_cast<double>(std::cos(angle)))});
      }
      EXPECT_LT(worst, 2e-15) << "w " << w << " x0 " << x0;
    }
  }
}

TEST(AngleProgression, MatchesTheExactAngleFarOut) {
  // A million-position picture's box middles: half-integers 4096 apart, up to 10^7.
  const double x0 = 1e7 + 0.5, dx = 4096.0;
  const long n = 2000;
  std::vector<double> s(n), c(n);
  for (const double w : {1.0, 0.01, 1.3e-4}) {
    sincos_progression(x0, dx, n, w, s.data(), c.data());
    for (long k = 0; k < n; ++k) {
      const ExactAngle a = exact_angle(x0 + static_cast<double>(k) * dx, w);
      ASSERT_NEAR(s[k], sin_of(a), 2e-15) << k;
      ASSERT_NEAR(c[k], cos_of(a), 2e-15) << k;
    }
  }
  // The rounding of the angle alone (what a plain std::sin(x w) carries) is far larger there:
  // sin(hi) - sin(hi + lo) = -lo cos(hi) to first order, with |lo| up to half an ulp of 8e5.
  const double x = x0 + 1999.0 * dx;
  const ExactAngle a = exact_angle(x, 0.1);
  EXPECT_GT(std::abs(a.lo), 1e-12);
  EXPECT_NEAR(std::sin(a.hi) - sin_of(a), -a.lo * std::cos(a.hi), 1e-15);
}

TEST(AngleProgression, SumsEqualASerialSumWithTheSameAnchors) {
  // 64 frequencies x 4000 offsets: above the threshold for threads.
  Eigen::VectorXd w(64), weights(64);
  for (int i = 0; i < 64; ++i) {
    w[i] = std::pow(10000.0, -i / 32.0);
    weights[i] = 1.0 / (1.0 + i);
  }
  const long n = 4000;
  const Eigen::VectorXd sums = cos_sum_progression(-7999.5, 4.0, n, w, weights);
  std::vector<double> s(n), c(n);
  Eigen::VectorXd serial = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < 64; ++i) {
    sincos_progression(-7999.5, 4.0, n, w[i], s.data(), c.data());
    for (long k = 0; k < n; ++k) serial[k] += weights[i] * c[k];
  }
  for (long k = 0; k < n; ++k) ASSERT_EQ(sums[k], serial[k]) << k;
  // And within rounding of the direct sum of cosines.
  for (long k = 0; k < n; k += 97) {
    long double direct = 0.0L;
    for (int i = 0; i < 64; ++i)
      direct += weights[i] * std::cos(static_cast<long double>(-7999.5 + 4.0 * k) * w[i]);
    EXPECT_NEAR(sums[k], static_cast<double>(direct), 1e-14) << k;
  }
}

TEST(AngleProgression, RecognisesExactProgressions) {
  Eigen::VectorXd v(5);
  v << 3, 7, 11, 15, 19;
  EXPECT_TRUE(is_progression(v));
  v[4] = 20;
  EXPECT_FALSE(is_progression(v));
  EXPECT_TRUE(is_progression(Eigen::VectorXd::Constant(1, 4.0)));
  EXPECT_TRUE(is_progression(Eigen::VectorXd()));
}

}  // namespace
}  // namespace peviz
