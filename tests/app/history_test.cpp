// Undo and redo's rules (app/state/history.hpp): one gesture is one step, undo and redo
// walk the steps, a new change ends the redo list, the list is bounded.
#include "app/state/history.hpp"

#include <gtest/gtest.h>

#include <string>

namespace peviz {
namespace {

TEST(History, FirstStateIsTheStartWithNothingToUndo) {
  History h;
  EXPECT_FALSE(h.observe("a", false, 0.0));
  EXPECT_EQ(h.current(), "a");
  EXPECT_FALSE(h.can_undo());
  EXPECT_FALSE(h.can_redo());
  EXPECT_EQ(h.undo("a"), std::nullopt);
  EXPECT_EQ(h.current(), "a");
}

TEST(History, AQuietChangeIsOneStepAndUndoRedoWalkIt) {
  History h(10, 0.5);
  h.observe("base=10000", false, 0.0);
  EXPECT_TRUE(h.observe("base=500", false, 1.0));
  EXPECT_EQ(h.undo_steps(), 1u);
  EXPECT_TRUE(h.can_undo());
  EXPECT_EQ(h.undo("base=500"), "base=10000");
  EXPECT_TRUE(h.can_redo());
  EXPECT_FALSE(h.can_undo());
  EXPECT_EQ(h.redo("base=10000"), "base=500");
  EXPECT_FALSE(h.can_redo());
  EXPECT_EQ(h.undo_steps(), 1u);
}

TEST(History, ASliderDragIsOneStep) {
  History h(10, 0.5);
  h.observe("d=64", false, 0.0);
  // The mouse is held over 30 frames while d goes 66, 68, ...: nothing is recorded.
  double t = 1.0;
  for (int d = 66; d <= 124; d += 2, t += 1.0 / 60) {
    EXPECT_FALSE(h.observe("d=" + std::to_string(d), true, t));
  }
  // Released: still within the quiet time, then one step.
  EXPECT_FALSE(h.observe("d=124", false, t));
  EXPECT_FALSE(h.observe("d=124", false, t + 0.4));
  EXPECT_TRUE(h.pending());
  EXPECT_TRUE(h.observe("d=124", false, t + 0.6));
  EXPECT_FALSE(h.pending());
  EXPECT_FALSE(h.observe("d=124", false, t + 2.0));
  EXPECT_EQ(h.undo_steps(), 1u);
  EXPECT_EQ(h.undo("d=124"), "d=64");
}

TEST(History, HeldKeyRepeatsAreOneStep) {
  // A repeat arrives as a release and a press: busy frames with quiet frames between,
  // each quiet gap shorter than the quiet time.
  History h(10, 0.5);
  h.observe("offset=0", false, 0.0);
  double t = 1.0;
  for (int k = 1; k <= 20; ++k, t += 0.033) {
    h.observe("offset=" + std::to_string(k), k % 2 == 1, t);  // pressed, released, ...
  }
  EXPECT_EQ(h.undo_steps(), 0u);
  EXPECT_TRUE(h.observe("offset=20", false, t + 0.6));
  EXPECT_EQ(h.undo_steps(), 1u);
  EXPECT_EQ(h.undo("offset=20"), "offset=0");
}

TEST(History, UndoTakesBackAChangeNotYetRecorded) {
  History h(10, 0.5);
  h.observe("a", false, 0.0);
  h.observe("b", true, 1.0);  // a drag, not released yet
  EXPECT_TRUE(h.pending());
  EXPECT_TRUE(h.can_undo());
  EXPECT_EQ(h.undo("b"), "a");
  EXPECT_EQ(h.redo("a"), "b");
}

TEST(History, ANewChangeEndsTheRedoList) {
  History h(10, 0.0);
  h.observe("a", false, 0.0);
  h.observe("b", false, 1.0);
  h.observe("c", false, 2.0);
  EXPECT_EQ(h.undo("c"), "b");
  EXPECT_EQ(h.undo("b"), "a");
  EXPECT_EQ(h.redo_steps(), 2u);
  EXPECT_TRUE(h.observe("x", false, 3.0));
  EXPECT_EQ(h.redo_steps(), 0u);
  EXPECT_FALSE(h.can_redo());
  EXPECT_EQ(h.redo("x"), std::nullopt);
  EXPECT_EQ(h.undo("x"), "a");
}

TEST(History, RedoWithAnUnrecordedChangeRecordsItInstead) {
  History h(10, 0.0);
  h.observe("a", false, 0.0);
  h.observe("b", false, 1.0);
  EXPECT_EQ(h.undo("b"), "a");
  h.observe("y", true, 2.0);  // changed again, still busy
  EXPECT_FALSE(h.can_redo());
  EXPECT_EQ(h.redo("y"), std::nullopt);
  EXPECT_EQ(h.current(), "y");
  EXPECT_EQ(h.undo("y"), "a");
}

TEST(History, RestoredTextReplacesTheCurrentStepWithoutAStep) {
  History h(10, 0.0);
  h.observe("a", false, 0.0);
  h.observe("b", false, 1.0);
  ASSERT_EQ(h.undo("b"), "a");
  h.restored("a'");  // the restored state writes itself a little differently
  EXPECT_FALSE(h.observe("a'", false, 2.0));
  EXPECT_EQ(h.redo_steps(), 1u);
  EXPECT_EQ(h.redo("a'"), "b");
}

TEST(History, KeepsTheNewestStepsUpToItsLimit) {
  History h(3, 0.0);
  h.observe("s0", false, 0.0);
  for (int k = 1; k <= 6; ++k) h.observe("s" + std::to_string(k), false, k);
  EXPECT_EQ(h.undo_steps(), 3u);
  std::string live = "s6";
  for (const char* want : {"s5", "s4", "s3"}) {
    const auto back = h.undo(live);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, want);
    live = *back;
  }
  EXPECT_EQ(h.undo(live), std::nullopt);
  EXPECT_EQ(h.redo_steps(), 3u);
}

TEST(History, ClearForgetsEverything) {
  History h(10, 0.0);
  h.observe("a", false, 0.0);
  h.observe("b", false, 1.0);
  h.clear();
  EXPECT_FALSE(h.can_undo());
  EXPECT_EQ(h.current(), std::nullopt);
  EXPECT_FALSE(h.observe("c", false, 2.0));
  EXPECT_EQ(h.current(), "c");
}

}  // namespace
}  // namespace peviz
