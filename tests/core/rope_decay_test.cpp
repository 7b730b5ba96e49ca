// Tests for core/rope_decay: RoFormer Sec. 3.4.3 relative upper bound (docs/formulas.md Sec. 4)
//   B(r) = (2/d) * sum_{j=1}^{d/2} |sum_{k=0}^{j-1} e^{i r t_k}|.
#include "core/rope_decay.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.hpp"

namespace peviz {
namespace {

// The same quantity written with separate real and imaginary running sums and hypot.
double bound_by_hand(long r, int d, double base) {
  double re = 0.0, im = 0.0, total = 0.0;
  for (int k = 0; k < d / 2; ++k) {
    const double angle = static_cast<double>(r) * std::pow(base, -2.0 * k / d);
    re += std::cos(angle);
    im += std::sin(angle);
    total += std::hypot(re, im);
  }
  return total / (d / 2.0);
}

TEST(RopeDecay, BoundAtZeroIsHalfOfHalfDPlusOne) {
  // B(0) = (2/d) * sum_{j=1}^{d/2} j = (d/2 + 1) / 2: 32.5 for d = 128, 16.5 for d = 64.
  EXPECT_NEAR(rope_decay_bound(128, 10000.0, 0)[0], 32.5, 1e-13);
  EXPECT_NEAR(rope_decay_bound(64, 10000.0, 0)[0], 16.5, 1e-13);
  EXPECT_NEAR(rope_decay_bound(2, 10000.0, 0)[0], 1.0, 1e-15);
}

TEST(RopeDecay, PublishedShapeIsNotMonotone) {
  // docs/formulas.md Sec. 4: d = 64, B(50) = 5.73 < B(100) = 7.47.
  // python3 re-implementation (cmath.exp sums, double): B(50) = 5.7330770907398385,
  // B(100) = 7.465276599942443, B(10) = 8.814334423439528, B(1000) = 4.089690825082387.
  const Eigen::VectorXd b = rope_decay_bound(64, 10000.0, 1000);
  ASSERT_EQ(b.size(), 1001);
  EXPECT_NEAR(b[50], 5.73, 0.005);
  EXPECT_NEAR(b[100], 7.47, 0.005);
  EXPECT_NEAR(b[50], 5.7330770907398385, 1e-12);
  EXPECT_NEAR(b[100], 7.465276599942443, 1e-12);
  EXPECT_NEAR(b[10], 8.814334423439528, 1e-12);
  EXPECT_NEAR(b[1000], 4.089690825082387, 1e-12);
  EXPECT_LT(b[50], b[100]);
  // d = 128: B(100) = 10.227329948505133 (same script).
  EXPECT_NEAR(rope_decay_bound(128, 10000.0, 100)[100], 10.227329948505133, 1e-12);
}

TEST(RopeDecay, AgreesWithASecondComputationAndIsBoundedByBZero) {
  for (int d : {2, 16, 64, 128}) {
    for (double base : {10000.0, 500000.0}) {
      const Eigen::VectorXd b = rope_decay_bound(d, base, 300);
      for (long r = 0; r <= 300; ++r) {
        EXPECT_NEAR(b[r], bound_by_hand(r, d, base), 1e-12) << "d=" << d << " r=" << r;
        // |S_j| <= j, so B(r) <= B(0).
        EXPECT_LE(b[r], b[0] + 1e-12);
        EXPECT_GE(b[r], 0.0);
      }
    }
  }
}

TEST(RopeDecayErrors, BadArguments) {
  EXPECT_INVALID_ARGUMENT(rope_decay_bound(64, 10000.0, -1), "-1");
  EXPECT_INVALID_ARGUMENT(rope_decay_bound(63, 10000.0, 10), "63");
  EXPECT_INVALID_ARGUMENT(rope_decay_bound(0, 10000.0, 10), "");
  EXPECT_INVALID_ARGUMENT(rope_decay_bound(64, 1.0, 10), "base");
}

}  // namespace
}  // namespace peviz
