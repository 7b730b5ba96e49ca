// Tests for core/row_uniqueness: the closest pair of rows, against a plain double loop and
// hand-made matrices, including rows so large and so close that the Gram-matrix shortcut
// alone would get the distance wrong.
#include "core/row_uniqueness.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/alternative_encoding.hpp"
#include "core/sinusoidal.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

// The reference: every pair, from the differences.
double brute_min(const Eigen::MatrixXd& m, long& a, long& b) {
  double best = std::numeric_limits<double>::infinity();
  for (long r = 0; r < m.rows(); ++r) {
    for (long s = r + 1; s < m.rows(); ++s) {
      double d2 = 0.0;
      for (long j = 0; j < m.cols(); ++j) d2 += (m(r, j) - m(s, j)) * (m(r, j) - m(s, j));
      if (d2 < best) {
        best = d2;
        a = r;
        b = s;
      }
    }
  }
  return std::sqrt(best);
}

TEST(RowUniqueness, FindsTheClosestPair) {
  Eigen::MatrixXd m(4, 2);
  m << 0, 0, 3, 4, 3, 4.5, 10, 0;
  const RowUniqueness u = row_uniqueness(m);
  EXPECT_DOUBLE_EQ(u.min_distance, 0.5);
  EXPECT_EQ(u.first, 1);
  EXPECT_EQ(u.second, 2);
  EXPECT_TRUE(u.unique);
}

TEST(RowUniqueness, AgreesWithEveryPairOnRandomMatricesAcrossBlocks) {
  // 700 rows span three blocks of the Gram matrix.
  for (long n : {2L, 17L, 700L}) {
    const Eigen::MatrixXd m = Eigen::MatrixXd::Random(n, 5);
    long a = 0, b = 0;
    const double expected = brute_min(m, a, b);
    const RowUniqueness u = row_uniqueness(m);
    EXPECT_NEAR(u.min_distance, expected, 1e-14) << n;
    EXPECT_EQ(u.first, a) << n;
    EXPECT_EQ(u.second, b) << n;
  }
}

TEST(RowUniqueness, LargeCloseRowsAreMeasuredExactly) {
  // |a|^2 ~ 2e18: the Gram form's rounding (~1e3) would swamp the squared distances 1 and 9.
  Eigen::MatrixXd m(3, 2);
  m << 1e9, 1e9, 1e9 + 1, 1e9, 1e9 + 4, 1e9;
  const RowUniqueness u = row_uniqueness(m);
  EXPECT_EQ(u.min_distance, 1.0);
  EXPECT_EQ(u.first, 0);
  EXPECT_EQ(u.second, 1);
}

TEST(RowUniqueness, RepeatedRowsAreNotUnique) {
  // Three bits repeat after 8 positions: rows 0 and 8 (and 1 and 9) are the same.
  AltEncodingParams p;
  p.kind = AltEncoding::Binary;
  p.d = 3;
  p.positions = 10;
  const RowUniqueness u = row_uniqueness(alternative_encoding(p));
  EXPECT_EQ(u.min_distance, 0.0);
  EXPECT_FALSE(u.unique);
  EXPECT_EQ(u.first, 0);
  EXPECT_EQ(u.second, 8);
  // A threshold: rows 1e-12 apart count as the same under eps = 1e-9.
  Eigen::MatrixXd m(2, 1);
  m << 1.0, 1.0 + 1e-12;
  EXPECT_FALSE(row_uniqueness(m, 1e-9).unique);
  EXPECT_TRUE(row_uniqueness(m, 0.0).unique);
}

TEST(RowUniqueness, SinusoidalMatchesTheClosedFormOverOffsets) {
  // docs/formulas.md Sec. 3: ||PE[p] - PE[p+r]||^2 = d - 2 sum_i cos(r w_i).
  const int d = 16;
  const long n = 300;
  double best = std::numeric_limits<double>::infinity();
  for (long r = 1; r < n; ++r) {
    double s = 0.0;
    for (int i = 0; i < d / 2; ++i) s += std::cos(r * std::pow(10000.0, -2.0 * i / d));
    best = std::min(best, std::sqrt(d - 2.0 * s));
  }
  const RowUniqueness u = row_uniqueness(sinusoidal_encoding({d, 10000.0, n, 0, Layout::Concat}));
  EXPECT_NEAR(u.min_distance, best, 1e-12);
}

TEST(RowUniqueness, FewRowsAndBadInput) {
  const RowUniqueness one = row_uniqueness(Eigen::MatrixXd::Ones(1, 4));
  EXPECT_TRUE(one.unique);
  EXPECT_EQ(one.min_distance, 0.0);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(3, 2);
  m(1, 1) = std::numeric_limits<double>::infinity();
  EXPECT_INVALID_ARGUMENT(row_uniqueness(m), "row 1, column 1");
  EXPECT_INVALID_ARGUMENT(row_uniqueness(Eigen::MatrixXd::Zero(3, 2), -1.0), "eps");
  EXPECT_INVALID_ARGUMENT(row_uniqueness(Eigen::MatrixXd::Zero(100000, 1)), "too much work");
}

}  // namespace
}  // namespace peviz
