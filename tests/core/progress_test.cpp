#include "core/progress.hpp"

#include <gtest/gtest.h>

namespace peviz {
namespace {

TEST(Progress, EmptyFunctionNeverCancels) {
  EXPECT_NO_THROW(report_progress({}, 0.5));
}

TEST(Progress, FalseCancelsAndTheFractionArrives) {
  double seen = -1.0;
  EXPECT_NO_THROW(report_progress(
      [&](double f) {
        seen = f;
        return true;
      },
      0.25));
  EXPECT_EQ(seen, 0.25);
  EXPECT_THROW(report_progress([](double) { return false; }, 0.5), Cancelled);
}

}  // namespace
}  // namespace peviz
