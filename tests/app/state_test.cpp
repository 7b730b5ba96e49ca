// app/state: the one parameter model (placeholder until its tests land).
#include "app/state/state.hpp"

#include <gtest/gtest.h>

namespace peviz {
namespace {

TEST(State, StartsAtTheDefaults) {
  State s;
  EXPECT_EQ(s.shared.d, 64);
  EXPECT_EQ(std::string(s.view().name()), "encoding");
}

}  // namespace
}  // namespace peviz
