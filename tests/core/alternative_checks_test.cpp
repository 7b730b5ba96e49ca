// Tests for core/alternative_checks: the table of lesson 4. At the defaults (d 64, 100
// positions, k 1) only sin/cos passes all three checks; each failure is the one the
// explanations predict, and the verdicts follow the numbers of the three parts.
#include "core/alternative_checks.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace peviz {
namespace {

AltEncodingParams defaults() {
  AltEncodingParams p;
  p.d = 64;
  p.positions = 100;
  return p;
}

TEST(AlternativeChecks, OnlySinCosPassesEveryCheck) {
  const std::vector<AlternativeChecks> all = check_all_alternatives(defaults(), 1);
  ASSERT_EQ(all.size(), 6u);
  struct Expect {
    AltEncoding kind;
    bool bounded, unique, linear, affine;
  };
  const Expect expected[] = {
      {AltEncoding::Integer, false, true, false, true},
      {AltEncoding::Normalised, true, true, false, true},
      {AltEncoding::Binary, true, true, false, false},
      {AltEncoding::SinOnly, true, true, false, false},
      {AltEncoding::Tan, false, true, false, false},
      {AltEncoding::SinCos, true, true, true, true},
  };
  for (std::size_t i = 0; i < 6; ++i) {
    const AlternativeChecks& c = all[i];
    const Expect& e = expected[i];
    SCOPED_TRACE(alt_encoding_name(e.kind));
    EXPECT_EQ(c.kind, e.kind);
    EXPECT_EQ(c.bounded, e.bounded);
    EXPECT_EQ(c.unique, e.unique);
    EXPECT_EQ(c.linear_shift, e.linear);
    EXPECT_EQ(c.affine_shift, e.affine);
    // The verdicts are the parts' numbers against the documented thresholds.
    EXPECT_EQ(c.linear_shift, c.linear.relative <= kShiftTolerance);
    EXPECT_EQ(c.unique, c.uniqueness.min_distance > kUniqueEps);
  }
  // Issue 6: sin/cos below 1e-9; sin only and tan above 1e-2.
  EXPECT_LT(all[5].linear.relative, 1e-9);
  EXPECT_GT(all[3].linear.relative, 1e-2);
  EXPECT_GT(all[4].linear.relative, 1e-2);
  // Raw integers: the largest value is the last position; sin/cos: exactly 1 (cos 0).
  EXPECT_EQ(all[0].bound.max_abs, 99.0);
  EXPECT_EQ(all[5].bound.max_abs, 1.0);
}

TEST(AlternativeChecks, OneKindIsTheSameAsInTheTable) {
  AltEncodingParams p = defaults();
  p.kind = AltEncoding::Tan;
  const AlternativeChecks one = check_alternative(p, 3);
  const AlternativeChecks same = check_all_alternatives(defaults(), 3)[4];
  EXPECT_EQ(one.linear.relative, same.linear.relative);
  EXPECT_EQ(one.bound.max_abs, same.bound.max_abs);
  EXPECT_EQ(one.uniqueness.min_distance, same.uniqueness.min_distance);
}

TEST(AlternativeChecks, FourBitsRepeatAfterSixteenPositions) {
  AltEncodingParams p = defaults();
  p.kind = AltEncoding::Binary;
  p.d = 4;
  const AlternativeChecks c = check_alternative(p, 1);
  EXPECT_FALSE(c.unique);
  EXPECT_EQ(c.uniqueness.first, 0);
  EXPECT_EQ(c.uniqueness.second, 16);
}

TEST(AlternativeChecks, AFitWithTooFewPairsIsNoPass) {
  // Positions 1..6 in 8 dimensions: 5 independent pairs, tan fits them to rounding, but a
  // fit with as many unknowns as equations is no evidence.
  AltEncodingParams p = defaults();
  p.kind = AltEncoding::Tan;
  p.d = 8;
  p.positions = 6;
  p.start = 1;
  const AlternativeChecks c = check_alternative(p, 1);
  EXPECT_LT(c.linear.relative, kShiftTolerance);
  EXPECT_FALSE(c.linear.informative);
  EXPECT_FALSE(c.linear_shift);
}

TEST(AlternativeChecks, BadInputGetsAMessage) {
  EXPECT_INVALID_ARGUMENT(check_all_alternatives(defaults(), 0), "k = 0");
  EXPECT_INVALID_ARGUMENT(check_all_alternatives(defaults(), 100), "needs at least 101");
  AltEncodingParams odd = defaults();
  odd.d = 63;
  EXPECT_INVALID_ARGUMENT(check_all_alternatives(odd, 1), "even");
}

}  // namespace
}  // namespace peviz
