// Presentation mode in the real window (under Xvfb): a lesson step shows the view
// and the lesson column only (no sidebar, no menu bar), in the theme asked for, with
// larger text; a broken lesson file leaves the window running with its problems.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/cli/scene_file.hpp"
#include "app/window/explorer.hpp"
#include "app/window/presentation.hpp"
#include "app/window/settings.hpp"
#include "app/window/ui_theme.hpp"
#include "png_image.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

using testing_png::Image;
using testing_png::load;

class PresentationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run (ctest does)";
    dir_ = fs::temp_directory_path() / ("peviz_present_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  int run(const std::string& args) {
    const int status = std::system((std::string(PEVIZ_EXE) + " --no-settings " + args).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // Pixels within `tol` of (r, g, b) in the rectangle.
  static long count(const Image& img, int x0, int y0, int x1, int y1, int r, int g, int b,
                    int tol) {
    long n = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const unsigned char* p = img.at(x, y);
        n += std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol
                 ? 1
                 : 0;
      }
    }
    return n;
  }
  fs::path dir_;
};

constexpr const char* kLesson =
    "title: A test lesson\n"
    "## First\n"
    "view: encoding\n"
    "set: d = 32, positions = 40\n"
    "The **first** step.\n"
    "## Second\n"
    "view: wavelengths\n"
    "ask: How long is the longest wavelength?\n"
    "answer: About base times 2 pi.\n"
    "- a list item\n";

TEST_F(PresentationTest, ShowsTheViewAndTheLessonOnlyInTheTheme) {
  const fs::path lesson = dir_ / "t.lesson";
  std::ofstream(lesson) << kLesson;
  const fs::path shot = dir_ / "dark.png";
  ASSERT_EQ(
      run("--lesson " + lesson.string() + " --present --theme dark --screenshot " + shot.string()),
      0);
  const Image img = load(shot);
  ASSERT_EQ(img.width, 1600);
  // Dark theme: the corners are the dark background (#16181d); no light sidebar at the left.
  EXPECT_EQ(count(img, 0, 0, 20, 20, 0x16, 0x18, 0x1d, 3), 400);
  // Where the window's sidebar would be, left of the plot's axis labels: the dark background.
  EXPECT_GT(count(img, 0, 300, 35, 700, 0x16, 0x18, 0x1d, 3), 35 * 400 * 95 / 100)
      << "a sidebar is showing";
  // The lesson column (right 30%) has light text on the dark background.
  const long text = count(img, 1130, 0, 1600, 400, 0xec, 0xee, 0xf2, 40);
  EXPECT_GT(text, 600);
  // The heatmap is in the left part: both ends of RdBu appear.
  EXPECT_GT(count(img, 100, 150, 1000, 900, 0x67, 0x00, 0x1f, 20), 100);
  EXPECT_GT(count(img, 100, 150, 1000, 900, 0x05, 0x30, 0x61, 20), 100);
}

TEST_F(PresentationTest, LargerTextInPresentationThanInTheWindow) {
  const fs::path lesson = dir_ / "t.lesson";
  std::ofstream(lesson) << kLesson;
  const fs::path small = dir_ / "small.png", big = dir_ / "big.png";
  ASSERT_EQ(run("--lesson " + lesson.string() + " --font-scale 1 --screenshot " + small.string()),
            0);
  ASSERT_EQ(
      run("--lesson " + lesson.string() + " --present --font-scale 2 --screenshot " + big.string()),
      0);
  // The step title's dark pixels in the lesson column (30% of the width at text scale 1,
  // 38% at 2): twice the size, about four times the ink.
  const long a = count(load(small), 1130, 0, 1600, 250, 0x15, 0x15, 0x1a, 60);
  const long b = count(load(big), 1000, 0, 1600, 250, 0x15, 0x15, 0x1a, 60);
  EXPECT_GT(b, 2 * a) << a << " vs " << b;
}

TEST_F(PresentationTest, TheKeysOverlayDimsTheViewAndListsTheKeys) {
  const fs::path lesson = dir_ / "t.lesson";
  std::ofstream(lesson) << kLesson;
  const fs::path plain = dir_ / "plain.png", keys = dir_ / "keys.png";
  ASSERT_EQ(run("--lesson " + lesson.string() + " --present --screenshot " + plain.string()), 0);
  ASSERT_EQ(run("--lesson " + lesson.string() + " --present --keys --screenshot " + keys.string()),
            0);
  const Image a = load(plain), b = load(keys);
  // The white corner is dimmed behind the modal overlay.
  EXPECT_EQ(count(a, 0, 0, 10, 10, 255, 255, 255, 0), 100);
  EXPECT_EQ(count(b, 0, 0, 10, 10, 255, 255, 255, 20), 0);
  // The overlay in the middle is the light theme's white with dark text on it.
  EXPECT_GT(count(b, 500, 300, 1100, 700, 255, 255, 255, 5), 100000);
  EXPECT_GT(count(b, 500, 300, 1100, 700, 0x15, 0x15, 0x1a, 60), 3000);
}

TEST_F(PresentationTest, ABrokenLessonKeepsTheWindowAndNamesTheLine) {
  const fs::path lesson = dir_ / "broken.lesson";
  std::ofstream(lesson) << "title: Broken\n## One\nview: encodign\n";
  const fs::path shot = dir_ / "broken.png";
  // The window opens, shows the problem, and the screenshot succeeds.
  ASSERT_EQ(run("--lesson " + lesson.string() + " --screenshot " + shot.string() + " 2>" +
                (dir_ / "err.txt").string()),
            0);
  std::ifstream err(dir_ / "err.txt");
  const std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("broken.lesson:3:"), std::string::npos) << text;
  EXPECT_NE(text.find("encodign"), std::string::npos) << text;
  // The problem box is drawn in the theme's "bad" colour (#d55e00) in the lesson column.
  EXPECT_GT(count(load(shot), 1100, 0, 1600, 400, 0xd5, 0x5e, 0x00, 30), 200);
}

// HiDPI: a monitor's content scale gives the text scale, the nearest of the + and - steps.
TEST(HiDpi, TheContentScaleGivesTheNearestTextStep) {
  EXPECT_FLOAT_EQ(content_text_scale(1.0f), 1.0f);
  EXPECT_FLOAT_EQ(content_text_scale(2.0f), 2.0f);  // a "Retina" screen
  EXPECT_FLOAT_EQ(content_text_scale(1.5f), 1.5f);  // 150 % in the desktop's settings
  EXPECT_FLOAT_EQ(content_text_scale(1.25f), 1.25f);
  EXPECT_FLOAT_EQ(content_text_scale(1.1f), 1.0f);  // nearest step
  EXPECT_FLOAT_EQ(content_text_scale(2.2f), 2.0f);
  EXPECT_FLOAT_EQ(content_text_scale(4.0f), 3.0f);  // the largest step
  EXPECT_FLOAT_EQ(content_text_scale(0.5f), 0.8f);  // the smallest
  EXPECT_FLOAT_EQ(content_text_scale(0.0f), 1.0f);  // no answer from the monitor
  EXPECT_FLOAT_EQ(content_text_scale(-1.0f), 1.0f);
  EXPECT_FLOAT_EQ(content_text_scale(std::nanf("")), 1.0f);
  // Every answer is one of the steps that + and - move between.
  for (float c = 0.5f; c < 4.0f; c += 0.05f) {
    const float s = content_text_scale(c);
    EXPECT_FLOAT_EQ(next_font_scale(s, 0), s) << c;
    EXPECT_TRUE(s == 3.0f || next_font_scale(next_font_scale(s, +1), -1) == s) << c;
  }
}

// File > Recent: newest first, each file once, eight at most, kept in the settings.
TEST(RecentFiles, NewestFirstEachOnceEightAtMost) {
  std::vector<RecentFile> list;
  add_recent(list, RecentKind::Lesson, "/a/one.lesson");
  add_recent(list, RecentKind::Model, "/a/config.json");
  add_recent(list, RecentKind::Scene, "/a/s.scene");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0], (RecentFile{RecentKind::Scene, "/a/s.scene"}));
  EXPECT_EQ(list[2], (RecentFile{RecentKind::Lesson, "/a/one.lesson"}));
  add_recent(list, RecentKind::Lesson, "/a/one.lesson");  // opened again: first, once
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].path, "/a/one.lesson");
  EXPECT_EQ(list[1].path, "/a/s.scene");
  for (int i = 0; i < 10; ++i) add_recent(list, RecentKind::Scene, "/b/" + std::to_string(i));
  ASSERT_EQ(list.size(), kRecentLimit);
  EXPECT_EQ(list[0].path, "/b/9");
  EXPECT_EQ(list[7].path, "/b/2");
  // A relative path is kept absolute (the working folder may change).
  add_recent(list, RecentKind::Lesson, "rel/x.lesson");
  EXPECT_EQ(list[0].path, (fs::current_path() / "rel/x.lesson").string());
}

TEST(RecentFiles, TheSettingsKeepTheListAndSkipWhatTheyCannotRead) {
  const std::vector<RecentFile> list = {{RecentKind::Scene, "/a/s.scene"},
                                        {RecentKind::Model, "/a/tiny.json"},
                                        {RecentKind::Lesson, "/a/one.lesson"}};
  const nlohmann::json j = recent_json(list);
  EXPECT_EQ(j[0]["kind"], "scene");
  EXPECT_EQ(j[1]["path"], "/a/tiny.json");
  EXPECT_EQ(recent_from_json(j), list);
  const nlohmann::json odd = nlohmann::json::parse(R"([
      {"kind": "scene", "path": "/a/s.scene"}, {"kind": "picture", "path": "/a/x.png"},
      {"kind": "lesson"}, 7, {"kind": "model", "path": ""}, {"kind": "scene", "path": "/a/s.scene"},
      {"kind": "lesson", "path": "/a/one.lesson"}])");
  const std::vector<RecentFile> read = recent_from_json(odd);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].path, "/a/s.scene");
  EXPECT_EQ(read[1].path, "/a/one.lesson");
  EXPECT_TRUE(recent_from_json(nlohmann::json::object()).empty());
}

// The keys overlay lists the new keys.
TEST(Keys, UndoRedoAndSaveSceneAreListed) {
  std::string all;
  for (const auto& [key, what] : presentation_keys()) all += key + ": " + what + "\n";
  EXPECT_NE(all.find("Ctrl+Z / Ctrl+Y: undo / redo"), std::string::npos) << all;
  EXPECT_NE(all.find("Ctrl+Shift+Z redoes"), std::string::npos) << all;
  EXPECT_NE(all.find("Ctrl+S: save the scene"), std::string::npos) << all;
}

// A file dropped on the window (or chosen in File > Recent) opens as its kind: a .scene as a
// scene (its view, options and theme), a .lesson as a lesson, anything else as a model file;
// each joins File > Recent. A scene that cannot be read changes nothing and says why in a line.
TEST(DroppedFiles, OpenAsTheirKindAndJoinTheRecentList) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_drop_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Explorer explorer;
  Presentation presentation;
  Scene s;
  s.view = "similarity";
  s.settings = {{"scheme", "learned"}, {"d", "32"}};
  s.theme = "dark";
  const fs::path scene = dir / "s.scene";
  write_scene(scene.string(), s);
  ASSERT_TRUE(presentation.open_file(scene.string(), explorer)) << presentation.scene_message();
  EXPECT_STREQ(explorer.active().name(), "similarity");
  EXPECT_EQ(explorer.shared().scheme, Scheme::Learned);
  EXPECT_EQ(explorer.shared().d, 32);
  EXPECT_EQ(presentation.theme(), plot::Theme::Dark);
  ASSERT_FALSE(presentation.recent().empty());
  EXPECT_EQ(presentation.recent()[0], (RecentFile{RecentKind::Scene, scene.string()}));

  const fs::path bad = dir / "bad.scene";
  std::ofstream(bad) << "{\"peviz_scene\": 1, \"view\": \"nonsense\"}";
  EXPECT_FALSE(presentation.open_file(bad.string(), explorer));
  EXPECT_NE(presentation.scene_message().find("bad.scene"), std::string::npos)
      << presentation.scene_message();
  EXPECT_EQ(presentation.scene_message().find('\n'), std::string::npos);
  EXPECT_STREQ(explorer.active().name(), "similarity");  // nothing changed
  EXPECT_EQ(presentation.recent().size(), 1u);

  const fs::path model = dir / "tiny.json";
  std::ofstream(model) << R"({"hidden_size": 256, "num_attention_heads": 4,
      "max_position_embeddings": 2048, "rope_theta": 500000})";
  EXPECT_TRUE(presentation.open_file(model.string(), explorer));
  EXPECT_EQ(explorer.shared().scheme, Scheme::Rope);
  EXPECT_EQ(explorer.take_opened_model(), model.string());
  EXPECT_EQ(explorer.take_opened_model(), "");

  const fs::path lesson = dir / "one.lesson";
  std::ofstream(lesson) << "title: One\n## Step\nview: encoding\nset: d = 16\nText.\n";
  EXPECT_TRUE(presentation.open_file(lesson.string(), explorer));
  EXPECT_STREQ(explorer.active().name(), "encoding");
  EXPECT_EQ(presentation.recent()[0], (RecentFile{RecentKind::Lesson, lesson.string()}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peviz
