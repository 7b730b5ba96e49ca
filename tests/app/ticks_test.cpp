#include "app/plot/ticks.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace peviz::plot {
namespace {

TEST(NiceTicks, StepsAreOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_DOUBLE_EQ(nice_step(0, 100, 10), 10.0);
  EXPECT_DOUBLE_EQ(nice_step(0, 99, 5), 20.0);  // 19.8 rounds up to 20
  EXPECT_DOUBLE_EQ(nice_step(0, 1, 4), 0.5);    // 0.25 rounds up to 0.5
  EXPECT_DOUBLE_EQ(nice_step(0, 0.003, 3), 0.001);
  EXPECT_DOUBLE_EQ(nice_step(0, 63, 6), 20.0);  // 10.5 -> 20
}

TEST(NiceTicks, TicksLieInsideTheRangeOnMultiplesOfTheStep) {
  const std::vector<double> t = nice_ticks(3.0, 97.0, 10);
  ASSERT_EQ(t.size(), 9u);  // 10, 20, ..., 90
  EXPECT_DOUBLE_EQ(t.front(), 10.0);
  EXPECT_DOUBLE_EQ(t.back(), 90.0);
  const std::vector<double> s = nice_ticks(-1.0, 1.0, 4);
  ASSERT_EQ(s.size(), 5u);  // -1, -0.5, 0, 0.5, 1
  EXPECT_DOUBLE_EQ(s[0], -1.0);
  EXPECT_EQ(std::signbit(s[2]), false);  // a clean 0, not -0
  EXPECT_DOUBLE_EQ(s[4], 1.0);
}

TEST(NiceTicks, ReversedEmptyAndNonFiniteRanges) {
  EXPECT_EQ(nice_ticks(10.0, 0.0, 5), nice_ticks(0.0, 10.0, 5));
  EXPECT_EQ(nice_ticks(4.0, 4.0, 5), std::vector<double>{4.0});
  EXPECT_TRUE(nice_ticks(0.0, INFINITY, 5).empty());
  EXPECT_TRUE(nice_ticks(NAN, 1.0, 5).empty());
}

TEST(TickLabel, DecimalsFollowTheStep) {
  EXPECT_EQ(tick_label(20.0, 10.0), "20");
  EXPECT_EQ(tick_label(0.5, 0.5), "0.5");
  EXPECT_EQ(tick_label(-1.0, 0.5), "-1.0");
  EXPECT_EQ(tick_label(0.05, 0.05), "0.05");
  EXPECT_EQ(tick_label(2500000.0, 500000.0), "2.5e+06");
}

}  // namespace
}  // namespace peviz::plot
