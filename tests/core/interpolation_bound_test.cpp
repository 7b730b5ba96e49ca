// Tests for core/interpolation_bound: Position Interpolation's Theorem 2.1 and the
// extrapolation bound it is compared with (Chen et al., arXiv:2306.15595, Sec. 2.3, Eq. 5).
#include "core/interpolation_bound.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "core/interpolation_fit.hpp"

namespace peviz {
namespace {

// sum_{k=1}^{d/2} |A_k(s)|, A_k(s) = sum_{j<k} e^{i s theta_j}, with std::complex.
double extrapolation_by_hand(int d, double c, double s) {
  std::complex<double> partial(0.0, 0.0);
  double total = 0.0;
  for (int j = 0; j < d / 2; ++j) {
    partial += std::exp(std::complex<double>(0.0, s * std::pow(c, -2.0 * j / d)));
    total += std::abs(partial);
  }
  return total;
}

TEST(InterpolationBound, TheoremTwoPointOne) {
  // d max|h| (s - s1)(s2 - s) / (8 ln c).
  EXPECT_NEAR(interpolation_bound(128, 10000.0, 2.0, 3.0, 5.0, 3.5),
              128.0 * 2.0 * 0.5 * 1.5 / (8.0 * std::log(10000.0)), 1e-14);
  // Between neighbouring integers its largest value is d / (32 ln c): 128 / 294.73.
  EXPECT_NEAR(32.0 * std::log(10000.0), 294.73, 0.005);
  EXPECT_NEAR(interpolation_bound(128, 10000.0, 1.0, 0.0, 1.0, 0.5), 128.0 / 294.7308919, 1e-8);
  // Zero at the ends, and outside [s1, s2].
  EXPECT_EQ(interpolation_bound(128, 10000.0, 1.0, 4.0, 5.0, 4.0), 0.0);
  EXPECT_EQ(interpolation_bound(128, 10000.0, 1.0, 4.0, 5.0, 6.0), 0.0);
}

// The theorem as a law: for any h, a(s) between two integers stays within the bound of the
// straight line joining a(s1) and a(s2).
TEST(InterpolationBound, HoldsForAFittedScore) {
  const AttentionScoreFit fit = fit_attention_score(128, 10000.0, 2048, 8, 1e-8, 3);
  const double max_h = fit.h.cwiseAbs().maxCoeff();
  for (double s1 = 0.0; s1 < 2048.0; s1 += 37.0) {
    Eigen::VectorXd s(11);
    for (int t = 0; t <= 10; ++t) s[t] = s1 + t / 10.0;
    const Eigen::VectorXd a = attention_score(fit.h, 10000.0, s);
    for (int t = 1; t < 10; ++t) {
      const double linear = a[0] + (a[10] - a[0]) * (s[t] - s1);
      EXPECT_LE(std::abs(a[t] - linear),
                interpolation_bound(128, 10000.0, max_h, s1, s1 + 1.0, s[t]) + 1e-12)
          << "s = " << s[t];
    }
  }
}

TEST(InterpolationBound, ExtrapolationIsRoformersSum) {
  const Eigen::VectorXd e = extrapolation_bound(128, 10000.0, 300);
  ASSERT_EQ(e.size(), 301);
  // At s = 0 every |A_k| = k: sum = (d/2)(d/2 + 1)/2 = 2080.
  EXPECT_NEAR(e[0], 2080.0, 1e-10);
  for (long s : {1L, 2L, 50L, 100L, 256L, 300L}) {
    EXPECT_NEAR(e[s], extrapolation_by_hand(128, 10000.0, static_cast<double>(s)), 1e-9) << s;
  }
}

TEST(InterpolationBound, RatioStaysAboveThirtyTwoLnC) {
  // The paper: sum_k |A_k(s)| >= d, so the ratio is at least 32 ln c = 294.73.
  const Eigen::VectorXd r = interpolation_bound_ratio(128, 10000.0, 4096);
  const double floor = 32.0 * std::log(10000.0);
  EXPECT_NEAR(r[0], floor * 2080.0 / 128.0, 1e-9);  // 4789.38
  for (long s = 0; s <= 4096; ++s) {
    ASSERT_GT(r[s], floor) << s;
    ASSERT_NEAR(r[s], floor * extrapolation_by_hand(128, 10000.0, static_cast<double>(s)) / 128.0,
                1e-8 * r[s])
        << s;
  }
}

}  // namespace
}  // namespace peviz
