// Tests for test_util.hpp itself: a comparison helper that never fails would make every
// suite that uses it vacuous.
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace peviz::test {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(TestUtil, MatricesNearAcceptsWithinTolerance) {
  Eigen::Matrix2d a, b;
  a << 1, 2, 3, -kInf;
  b << 1, 2 + 1e-10, 3, -kInf;
  EXPECT_TRUE(matrices_near("a", "b", "tol", a, b, 1e-9));
}

TEST(TestUtil, MatricesNearReportsTheCellAndBothValues) {
  Eigen::Matrix2d a, b;
  a << 1, 2, 3, 4;
  b << 1, 2, 3.5, 4;
  const ::testing::AssertionResult r = matrices_near("a", "b", "tol", a, b, 1e-3);
  ASSERT_FALSE(r);
  const std::string msg = r.message();
  EXPECT_NE(msg.find("(1, 0)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("3 vs 3.5"), std::string::npos) << msg;
  EXPECT_NE(msg.find("1 entries"), std::string::npos) << msg;
}

TEST(TestUtil, MatricesNearRejectsShapeNaNAndInfinityMismatch) {
  EXPECT_FALSE(
      matrices_near("a", "b", "t", Eigen::MatrixXd::Zero(2, 3), Eigen::MatrixXd::Zero(3, 2), 1.0));
  Eigen::Vector2d nan(std::nan(""), 0.0), inf(kInf, 0.0), ninf(-kInf, 0.0);
  EXPECT_FALSE(matrices_near("a", "b", "t", nan, nan, 1.0));
  EXPECT_FALSE(matrices_near("a", "b", "t", inf, ninf, 1.0));
  EXPECT_FALSE(matrices_near("a", "b", "t", inf, Eigen::Vector2d(1e308, 0.0), 1.0));
}

TEST(TestUtil, ThrowsInvalidArgumentChecksTypeAndMessage) {
  EXPECT_TRUE(throws_invalid_argument([] { throw peviz::InvalidArgument("d is 63"); }, "63"));
  EXPECT_FALSE(throws_invalid_argument([] { throw peviz::InvalidArgument("d is 63"); }, "64"));
  EXPECT_FALSE(throws_invalid_argument([] { throw std::runtime_error("63"); }, "63"));
  EXPECT_FALSE(throws_invalid_argument([] {}, ""));
}

TEST(TestUtil, EvenOddPermutation) {
  const std::vector<int> p = even_odd_permutation(6);
  EXPECT_EQ(p, (std::vector<int>{0, 2, 4, 1, 3, 5}));
  Eigen::VectorXd x(6);
  x << 10, 11, 12, 13, 14, 15;
  Eigen::VectorXd expected(6);
  expected << 10, 12, 14, 11, 13, 15;
  EXPECT_MATRIX_NEAR(apply_permutation(p, x), expected, 0.0);
  EXPECT_MATRIX_NEAR(permutation_matrix(p) * x, expected, 0.0);
}

}  // namespace
}  // namespace peviz::test
