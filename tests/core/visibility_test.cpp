// Tests for core/visibility: the counts against the row sums of core/nope's causal mask
// (the number of finite entries per row) and against visible_counts.
#include "core/visibility.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/nope.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

TEST(VisibilityTest, CausalCountsAreTheFiniteEntriesOfEachMaskRow) {
  const long n = 37;
  const Eigen::MatrixXd mask = causal_mask(n);
  const Eigen::VectorXd all = Eigen::VectorXd::LinSpaced(n, 0, n - 1);
  const Eigen::VectorXd counts = visible_counts_at(all, n, Mask::Causal);
  for (long i = 0; i < n; ++i) {
    long finite = 0;
    for (long j = 0; j < n; ++j) finite += std::isfinite(mask(i, j)) ? 1 : 0;
    EXPECT_EQ(counts[i], static_cast<double>(finite)) << i;
  }
  EXPECT_TRUE(counts.isApprox(visible_counts(n)));
}

TEST(VisibilityTest, NoMaskEveryPositionSeesTheWholeSequence) {
  Eigen::VectorXd q(3);
  q << 0, 5, 9;
  const Eigen::VectorXd counts = visible_counts_at(q, 10, Mask::None);
  for (Eigen::Index k = 0; k < q.size(); ++k) EXPECT_EQ(counts[k], 10.0);
}

TEST(VisibilityTest, SampledPositionsOfALongSequence) {
  Eigen::VectorXd q(2);
  q << 0, 10000000;
  const Eigen::VectorXd counts = visible_counts_at(q, 10000001, Mask::Causal);
  EXPECT_EQ(counts[0], 1.0);
  EXPECT_EQ(counts[1], 10000001.0);
}

TEST(VisibilityTest, RejectsPositionsOutsideTheSequence) {
  Eigen::VectorXd q(1);
  q << 10;
  EXPECT_THROW(visible_counts_at(q, 10, Mask::Causal), InvalidArgument);
  EXPECT_THROW(visible_counts_at(q, 0, Mask::None), InvalidArgument);
}

}  // namespace
}  // namespace peviz
