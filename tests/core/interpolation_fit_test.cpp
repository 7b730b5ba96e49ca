// Tests for core/interpolation_fit: Position Interpolation's Fig. 2 (Chen et al.,
// arXiv:2306.15595, Sec. 2.2, Eq. 3), a(s) = Re sum_j h_j e^{i s theta_j}, theta_j = c^(-2j/d),
// fitted to random targets by ridge least squares.
#include "core/interpolation_fit.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <complex>

#include "core/validate.hpp"

namespace peviz {
namespace {

// The paper's Eq. 3 with complex arithmetic: Re sum_j h_j e^{i s theta_j}.
double score_by_hand(const Eigen::VectorXcd& h, double base, double s) {
  const int d = static_cast<int>(2 * h.size());
  std::complex<double> sum(0.0, 0.0);
  for (Eigen::Index j = 0; j < h.size(); ++j) {
    const double theta = std::pow(base, -2.0 * static_cast<double>(j) / d);
    sum += h[j] * std::polar(1.0, s * theta);
  }
  return sum.real();
}

TEST(InterpolationFit, ScoreIsThePapersSum) {
  Eigen::VectorXcd h(4);
  h << std::complex<double>(1.0, -0.5), std::complex<double>(-0.25, 2.0),
      std::complex<double>(0.75, 0.0), std::complex<double>(0.0, -1.5);
  Eigen::VectorXd s(5);
  s << 0.0, 0.5, 1.0, 17.25, 3000.0;
  const Eigen::VectorXd a = attention_score(h, 10000.0, s);
  for (Eigen::Index t = 0; t < s.size(); ++t) {
    EXPECT_NEAR(a[t], score_by_hand(h, 10000.0, s[t]), 1e-12) << "s = " << s[t];
  }
  // At s = 0 every e^{i 0} = 1: a(0) = sum Re h_j.
  EXPECT_NEAR(a[0], 1.0 - 0.25 + 0.75 + 0.0, 1e-15);
}

TEST(InterpolationFit, TargetsAreUniformInMinusOneOneAtTheSpacing) {
  const AttentionScoreFit fit = fit_attention_score(16, 10000.0, 100, 8, 1e-8, 7);
  ASSERT_EQ(fit.positions.size(), 13);  // 0, 8, ..., 96
  ASSERT_EQ(fit.targets.size(), 13);
  ASSERT_EQ(fit.h.size(), 8);
  for (Eigen::Index t = 0; t < fit.positions.size(); ++t) {
    EXPECT_EQ(fit.positions[t], 8.0 * static_cast<double>(t));
    EXPECT_GT(fit.targets[t], -1.0);
    EXPECT_LT(fit.targets[t], 1.0);
  }
  // The same seed gives the same targets; another seed others.
  EXPECT_EQ(fit.targets, fit_attention_score(16, 10000.0, 100, 8, 1e-8, 7).targets);
  EXPECT_NE(fit.targets, fit_attention_score(16, 10000.0, 100, 8, 1e-8, 8).targets);
}

// The ridge least-squares solution x = (Re h, Im h) is where the gradient vanishes:
// A^T (A x - y) + ridge x = 0, with A built here from complex exponentials.
TEST(InterpolationFit, SolvesTheRidgeNormalEquations) {
  for (const auto& [d, window, spacing, ridge] :
       {std::tuple{128, 2048L, 8L, 1e-8}, std::tuple{16, 200L, 4L, 0.0},
        std::tuple{32, 500L, 1L, 1e-3}}) {
    SCOPED_TRACE(d);
    const AttentionScoreFit fit = fit_attention_score(d, 10000.0, window, spacing, ridge, 1);
    const Eigen::Index half = d / 2, n = fit.positions.size();
    Eigen::MatrixXd a(n, 2 * half);
    for (Eigen::Index t = 0; t < n; ++t) {
      for (Eigen::Index j = 0; j < half; ++j) {
        const std::complex<double> e =
            std::polar(1.0, fit.positions[t] * std::pow(10000.0, -2.0 * j / d));
        a(t, j) = e.real();          // d a / d Re h_j
        a(t, half + j) = -e.imag();  // d a / d Im h_j
      }
    }
    Eigen::VectorXd x(2 * half);
    x << fit.h.real(), fit.h.imag();
    const Eigen::VectorXd gradient = a.transpose() * (a * x - fit.targets) + ridge * x;
    const double scale = (a.transpose() * fit.targets).norm();
    EXPECT_LT(gradient.norm(), 1e-8 * scale) << gradient.norm();
  }
}

TEST(InterpolationFit, SmallInsideTheWindowHugeOutside) {
  // Fig. 2's message with its parameters (d 128, L 2048).
  const AttentionScoreFit fit = fit_attention_score(128, 10000.0, 2048, 8, 1e-8, 1);
  double inside = 0.0, outside = 0.0, interpolated = 0.0;
  for (long s = 0; s <= 2048; ++s)
    inside = std::max(inside, std::abs(score_by_hand(fit.h, 1e4, s)));
  for (long s = 2048; s <= 4096; ++s)
    outside = std::max(outside, std::abs(score_by_hand(fit.h, 1e4, s)));
  for (long s = 0; s <= 4096; ++s)
    interpolated = std::max(interpolated, std::abs(score_by_hand(fit.h, 1e4, 0.5 * s)));
  EXPECT_LT(inside, 1.5);
  EXPECT_LT(interpolated, 1.5);
  EXPECT_GT(outside, 100.0 * inside);
}

TEST(InterpolationFit, RefusesBadInput) {
  EXPECT_THROW(fit_attention_score(3, 10000.0, 100, 1, 0.0, 1), InvalidArgument);
  EXPECT_THROW(fit_attention_score(8, 10000.0, -1, 1, 0.0, 1), InvalidArgument);
  EXPECT_THROW(fit_attention_score(8, 10000.0, 100, 0, 0.0, 1), InvalidArgument);
  EXPECT_THROW(fit_attention_score(8, 10000.0, 100, 1, -1.0, 1), InvalidArgument);
  EXPECT_THROW(fit_attention_score(8, 10000.0, 1L << 40, 1, 0.0, 1), InvalidArgument);
}

}  // namespace
}  // namespace peviz
