// The lesson player drives the explorer: a step sets its view and parameters, an
// animation moves its parameter with time and stops at the end, a saved file is
// reloaded on the same step, and a broken save keeps the last good lesson on screen
// with the problem's line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/lesson/lesson_file.hpp"
#include "app/window/explorer.hpp"
#include "app/window/lesson_player.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

class LessonPlayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("peviz_player_" + std::to_string(::getpid()) + ".lesson");
  }
  void TearDown() override { fs::remove(path_); }
  void write(const std::string& text) {
    std::ofstream(path_) << text;
    // A new modification time even on file systems with coarse timestamps.
    fs::last_write_time(path_, fs::last_write_time(path_) + std::chrono::seconds(++saves_));
  }
  // A view parameter as the explorer holds it (its saved settings).
  static std::string param(Explorer& e, const std::string& view, const std::string& name) {
    return e.save()["views"][view][name].dump();
  }
  fs::path path_;
  int saves_ = 0;
};

constexpr const char* kLesson =
    "title: Clocks\n"
    "## Still\n"
    "view: rope-clocks\n"
    "set: d = 16, position = 3\n"
    "Text.\n"
    "## Turning\n"
    "view: rope-clocks\n"
    "animate: position 0 -> 100 in 4s\n"
    "ask: Which hand moves fastest?\n"
    "answer: Pair 0.\n"
    "## Similarity\n"
    "view: similarity\n";

TEST_F(LessonPlayerTest, StepsSetTheViewAndParameters) {
  write(kLesson);
  Explorer explorer;
  LessonPlayer player;
  ASSERT_TRUE(player.open(path_, explorer))
      << (player.problems().empty() ? "" : player.problems()[0]);
  EXPECT_EQ(player.step_count(), 3);
  EXPECT_STREQ(explorer.active().name(), "rope-clocks");
  EXPECT_EQ(param(explorer, "rope-clocks", "position"), "3");
  player.go(2, explorer);
  EXPECT_STREQ(explorer.active().name(), "similarity");
  player.go(99, explorer);  // clamped
  EXPECT_EQ(player.step(), 2);
  player.go(0, explorer);
  EXPECT_EQ(param(explorer, "rope-clocks", "position"), "3");
}

TEST_F(LessonPlayerTest, AnimationMovesItsParameterAndStopsAtTheEnd) {
  write(kLesson);
  Explorer explorer;
  LessonPlayer player;
  ASSERT_TRUE(player.open(path_, explorer));
  player.next(explorer);
  EXPECT_TRUE(player.playing());
  EXPECT_EQ(param(explorer, "rope-clocks", "position"), "0");
  player.tick(1.0, explorer);  // a quarter of 4 s: 25
  EXPECT_EQ(param(explorer, "rope-clocks", "position"), "25");
  player.toggle_play();  // pause: time stands still
  player.tick(1.0, explorer);
  EXPECT_EQ(param(explorer, "rope-clocks", "position"), "25");
  player.toggle_play();
  player.tick(10.0, explorer);  // past the end: stays at 100, stops
  EXPECT_EQ(param(explorer, "rope-clocks", "position"), "100");
  EXPECT_FALSE(player.playing());
  EXPECT_FALSE(player.revealed());
  player.reveal();
  EXPECT_TRUE(player.revealed());
}

TEST_F(LessonPlayerTest, ReloadsOnSaveAndKeepsTheLastGoodLessonOnABrokenSave) {
  write(kLesson);
  Explorer explorer;
  LessonPlayer player;
  ASSERT_TRUE(player.open(path_, explorer));
  player.go(2, explorer);
  // The teacher renames the lesson and saves: reloaded, still on step 3.
  std::string edited = kLesson;
  edited.replace(edited.find("Clocks"), 6, "Dials");
  write(edited);
  player.reload_if_changed(explorer);
  ASSERT_TRUE(player.problems().empty());
  EXPECT_EQ(player.lesson()->title, "Dials");
  EXPECT_EQ(player.step(), 2);
  // A typo in line 12: the problem names the line, the last good lesson stays.
  std::string broken = edited;
  broken.replace(broken.find("view: similarity"), 16, "view: similarty");
  write(broken);
  player.reload_if_changed(explorer);
  ASSERT_EQ(player.problems().size(), 1u);
  EXPECT_NE(player.problems()[0].find(":12: "), std::string::npos) << player.problems()[0];
  EXPECT_NE(player.problems()[0].find("similarty"), std::string::npos) << player.problems()[0];
  EXPECT_EQ(player.lesson()->title, "Dials");
  EXPECT_STREQ(explorer.active().name(), "similarity");
  // Fixed again: the problems go away.
  write(edited);
  player.reload_if_changed(explorer);
  EXPECT_TRUE(player.problems().empty());
}

// The watch behind the reload: a save is one change, seen once; a missing file is not an
// error, and coming back counts as a change.
TEST_F(LessonPlayerTest, TheFileWatchSeesEachSaveOnce) {
  LessonFileWatch watch;
  EXPECT_FALSE(watch.watching());
  EXPECT_FALSE(watch.take_change());
  write(kLesson);
  watch.watch(path_);
  EXPECT_EQ(watch.path(), path_);
  EXPECT_FALSE(watch.changed());
  write(kLesson);
  EXPECT_TRUE(watch.changed());
  EXPECT_TRUE(watch.changed());  // asking does not take it
  EXPECT_TRUE(watch.take_change());
  EXPECT_FALSE(watch.changed());
  EXPECT_FALSE(watch.take_change());
  fs::remove(path_);
  EXPECT_TRUE(watch.take_change());
  EXPECT_FALSE(watch.take_change());
  write(kLesson);
  EXPECT_TRUE(watch.take_change());
  watch.clear();
  write(kLesson);
  EXPECT_FALSE(watch.changed());
  EXPECT_FALSE(watch.take_change());
}

// A live field is filled from the figure of the step on screen only: right after a step is
// set, the explorer's figure is still the step before's, so there is none to fill from
// (the column shows "…").
TEST_F(LessonPlayerTest, LiveFieldsNeverUseTheFigureOfAnotherStep) {
  write(
      "title: T\n## A\nview: playground\nscheme: nope\nset: mask = causal\n"
      "Big: {{value:largest_output_difference}}.\n## B\nview: playground\nset: mask = none\n"
      "Small: {{value:largest_output_difference}}.\n");
  Explorer explorer;
  LessonPlayer player;
  ASSERT_TRUE(player.open(path_, explorer));
  EXPECT_EQ(player.field_figure(explorer), nullptr);
  player.go(1, explorer);
  EXPECT_EQ(player.field_figure(explorer), nullptr);
  const std::vector<TextSpan> spans =
      fill_fields(player.lesson()->steps[1].text[0].spans, player.field_figure(explorer));
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[1].text, "…");
}

TEST_F(LessonPlayerTest, AMissingFileIsAProblemNotACrash) {
  Explorer explorer;
  LessonPlayer player;
  EXPECT_FALSE(player.open(path_.string() + ".missing", explorer));
  ASSERT_EQ(player.problems().size(), 1u);
  EXPECT_FALSE(player.has_lesson());
}

}  // namespace
}  // namespace peviz
