// Tests for core/alibi_exponents: the closed-form exponents against the paper's stated
// slopes and against -log2 of core/alibi's slopes (computed by a different route, the
// fairseq recursion with pow).
#include "core/alibi_exponents.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/alibi.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

TEST(AlibiExponentsTest, EightHeadsArePaperPowersOneToEight) {
  // Press et al., Sec. 3: "for our models with 8 heads, the slopes are 1/2^1, ..., 1/2^8".
  const Eigen::VectorXd x = alibi_slope_exponents(8);
  for (int h = 0; h < 8; ++h) EXPECT_DOUBLE_EQ(x[h], h + 1.0);
}

TEST(AlibiExponentsTest, TwelveHeadsAreUnsortedAsInFormulas) {
  // docs/formulas.md Sec. 5: 2^-1..2^-8 then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
  const std::vector<double> want = {1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5};
  const Eigen::VectorXd x = alibi_slope_exponents(12);
  ASSERT_EQ(x.size(), 12);
  for (int h = 0; h < 12; ++h) EXPECT_DOUBLE_EQ(x[h], want[h]) << h;
}

TEST(AlibiExponentsTest, SixteenHeadsStartAtOneOverRootTwo) {
  // Paper: 16 heads start at 1/sqrt(2) with ratio 1/sqrt(2): exponents 0.5, 1, ..., 8.
  const Eigen::VectorXd x = alibi_slope_exponents(16);
  for (int h = 0; h < 16; ++h) EXPECT_DOUBLE_EQ(x[h], 0.5 * (h + 1));
}

TEST(AlibiExponentsTest, AgreeWithCoreSlopesForEveryHeadCount) {
  for (int n = 1; n <= 300; ++n) {
    const Eigen::VectorXd x = alibi_slope_exponents(n);
    const Eigen::VectorXd m = alibi_slopes(n);
    for (int h = 0; h < n; ++h)
      EXPECT_NEAR(x[h], -std::log2(m[h]), 1e-12) << n << " heads, head " << h;
  }
}

TEST(AlibiExponentsTest, RejectsNoHeads) {
  EXPECT_THROW(alibi_slope_exponents(0), InvalidArgument);
}

}  // namespace
}  // namespace peviz
