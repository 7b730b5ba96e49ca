// Tests for core/nope: the causal mask is the only position-dependent term (docs/formulas.md Sec.
// 9).
#include "core/nope.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Nope, CausalMaskByHand) {
  Eigen::Matrix3d expected;
  expected << 0, -kInf, -kInf,  //
      0, 0, -kInf,              //
      0, 0, 0;
  EXPECT_MATRIX_NEAR(causal_mask(3), expected, 0.0);
}

TEST(Nope, CausalMaskEntries) {
  const Eigen::MatrixXd m = causal_mask(40);
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 40; ++j) {
      if (j <= i) {
        EXPECT_EQ(m(i, j), 0.0) << i << ", " << j;
      } else {
        EXPECT_EQ(m(i, j), -kInf) << i << ", " << j;
      }
    }
  }
}

TEST(Nope, VisibleCounts) {
  EXPECT_MATRIX_NEAR(visible_counts(4), Eigen::Vector4d(1, 2, 3, 4), 0.0);
  // Row i of the mask has exactly i + 1 finite entries.
  const Eigen::MatrixXd m = causal_mask(25);
  const Eigen::VectorXd counts = visible_counts(25);
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(static_cast<double>(m.row(i).array().isFinite().count()), counts[i]) << i;
  }
  EXPECT_EQ(visible_counts(0).size(), 0);
  EXPECT_EQ(causal_mask(0).size(), 0);
}

TEST(NopeErrors, NegativeSize) {
  EXPECT_INVALID_ARGUMENT(causal_mask(-1), "-1");
  EXPECT_INVALID_ARGUMENT(visible_counts(-7), "-7");
}

TEST(CausalMaskAt, IsABlockOfTheMask) {
  const Eigen::MatrixXd full = causal_mask(9);
  Eigen::VectorXd q(2), k(3);
  q << 2, 8;
  k << 0, 3, 8;
  const Eigen::MatrixXd at = causal_mask_at(q, k);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(at(i, j), full(static_cast<int>(q[i]), static_cast<int>(k[j])));
  }
}

}  // namespace
}  // namespace peviz
