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
  EXPECT_EQ(tick_label(2500000.0, 500000.0), "2500000");
  EXPECT_EQ(tick_label(131072.0, 20000.0), "131072");
  EXPECT_EQ(tick_label(0.00002, 0.00001), "2e-05");
}

TEST(PowerLabel, PowersOfTenUseSuperscripts) {
  EXPECT_EQ(power_label(1.0), "1");
  EXPECT_EQ(power_label(1000.0), "1000");
  EXPECT_EQ(power_label(1e4), "10\u2074");
  EXPECT_EQ(power_label(1e-3), "10\u207B\u00B3");
  EXPECT_EQ(power_label(1e12), "10\u00B9\u00B2");
  EXPECT_EQ(power_label(250.0), "250");
}

TEST(AxisTicks, LogAxesPutMajorTicksOnDecadesAndMinorTicksBetween) {
  const std::vector<Tick> t = axis_ticks(1.0, 1000.0, 5, true, false);
  std::vector<double> majors;
  int minors = 0;
  for (const Tick& k : t) {
    if (k.label.empty()) {
      ++minors;
    } else if (std::abs(std::log10(k.value) - std::round(std::log10(k.value))) < 1e-12) {
      majors.push_back(k.value);
    }
  }
  EXPECT_EQ(majors, (std::vector<double>{1.0, 10.0, 100.0, 1000.0}));
  EXPECT_EQ(minors, 24);  // 2..9 in each of three decades
  // Twelve decades with room for four labels: every third decade.
  int labelled = 0;
  for (const Tick& k : axis_ticks(1e-6, 1e6, 4, true, false)) labelled += k.label.empty() ? 0 : 1;
  EXPECT_EQ(labelled, 5);  // 1e-6, 1e-3, 1, 1e3, 1e6
}

TEST(AxisTicks, IntegerAxesNeverTickBetweenIntegers) {
  for (const Tick& t : axis_ticks(-0.5, 3.5, 20, false, true)) {
    EXPECT_EQ(t.value, std::round(t.value));
  }
  EXPECT_EQ(axis_ticks(-0.5, 3.5, 20, false, true).size(), 4u);
}

}  // namespace
}  // namespace peviz::plot
