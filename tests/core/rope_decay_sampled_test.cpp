// Tests for core/rope_decay_sampled: the RoFormer Sec. 3.4.3 bound at chosen distances.
#include "core/rope_decay_sampled.hpp"

#include <gtest/gtest.h>

#include <complex>

#include "core/rope_decay.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

TEST(RopeDecaySampled, AgreesWithTheFullRange) {
  const Eigen::VectorXd full = rope_decay_bound(64, 10000.0, 1000);
  Eigen::VectorXd r(6);
  r << 0, 1, 50, 100, 999, 1000;
  const Eigen::VectorXd at = rope_decay_bound_at(64, 10000.0, r);
  for (Eigen::Index j = 0; j < r.size(); ++j) {
    EXPECT_NEAR(at[j], full[static_cast<Eigen::Index>(r[j])], 1e-12) << r[j];
  }
  // docs/formulas.md Sec. 4: B(50) = 5.73 < B(100) = 7.47 (not monotone).
  EXPECT_NEAR(at[2], 5.73, 0.005);
  EXPECT_NEAR(at[3], 7.47, 0.005);
}

TEST(RopeDecaySampled, ClosedFormsAtTheEdges) {
  Eigen::VectorXd r(3);
  r << 0, 7, 1e6;
  // B(0) = (d/2 + 1)/2; with d = 2 there is one term, |e^{ir}| = 1.
  EXPECT_NEAR(rope_decay_bound_at(4096, 10000.0, r)[0], 1024.5, 1e-9);
  const Eigen::VectorXd two = rope_decay_bound_at(2, 10000.0, r);
  EXPECT_NEAR(two[1], 1.0, 1e-15);
  EXPECT_NEAR(two[2], 1.0, 1e-15);
  // d = 4, base 100: t = (1, 0.1); B(2) = (|e^{2i}| + |e^{2i} + e^{0.2i}|) / 2.
  Eigen::VectorXd one(1);
  one << 2.0;
  const double s2 = std::abs(std::polar(1.0, 2.0) + std::polar(1.0, 0.2));
  EXPECT_NEAR(rope_decay_bound_at(4, 100.0, one)[0], (1.0 + s2) / 2.0, 1e-14);
}

TEST(RopeDecaySampled, RejectsBadInput) {
  Eigen::VectorXd r(1);
  r << 1.0;
  EXPECT_INVALID_ARGUMENT(rope_decay_bound_at(3, 10000.0, r), "");
  r << std::nan("");
  EXPECT_INVALID_ARGUMENT(rope_decay_bound_at(4, 10000.0, r), "distance");
}

}  // namespace
}  // namespace peviz
