// The real program in a real window (run under xvfb-run by ctest): it opens,
// draws the encoding heatmap and saves a screenshot a person would accept.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "app/state/state.hpp"
#include "core/colormap.hpp"
#include "png_image.hpp"
#include "run_process.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

using testing_png::Image;
using testing_png::load;

class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run (ctest does)";
    shot_ = fs::temp_directory_path() / ("peviz_window_" + std::to_string(::getpid()) + ".png");
    fs::remove(shot_);
  }
  void TearDown() override { fs::remove(shot_); }
  int run(const std::string& args) {
    const int status = std::system((std::string(PEVIZ_EXE) + " " + args).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::path shot_;
};

TEST_F(WindowTest, ScreenshotShowsTheHeatmapAxesAndText) {
  ASSERT_EQ(run("--screenshot " + shot_.string()), 0);
  const Image img = load(shot_);
  ASSERT_EQ(img.width, 1600);
  ASSERT_EQ(img.height, 1000);

  // The heatmap fills the right part: many distinct colours, including both ends of RdBu.
  std::set<int> colours;
  bool dark_red = false, dark_blue = false;
  for (int y = 150; y < 850; y += 3) {
    for (int x = 650; x < 1450; x += 3) {
      const unsigned char* p = img.at(x, y);
      colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
      dark_red = dark_red || (p[0] > 90 && p[0] < 130 && p[1] < 30 && p[2] < 50);
      dark_blue = dark_blue || (p[0] < 30 && p[1] < 70 && p[2] > 80 && p[2] < 130);
    }
  }
  EXPECT_GT(colours.size(), 200u);
  EXPECT_TRUE(dark_red) << "no -1 cells (#67001f) in the heatmap";
  EXPECT_TRUE(dark_blue) << "no +1 cells (#053061) in the heatmap";

  // Text: the sidebar has dark glyph pixels on its light background.
  int dark = 0;
  for (int y = 0; y < 400; ++y) {
    for (int x = 0; x < 500; ++x) {
      const unsigned char* p = img.at(x, y);
      dark += (p[0] < 60 && p[1] < 60 && p[2] < 60) ? 1 : 0;
    }
  }
  EXPECT_GT(dark, 2000) << "the controls' text is missing";
}

TEST_F(WindowTest, OtherWindowSizes) {
  ASSERT_EQ(run("--width 900 --height 700 --screenshot " + shot_.string()), 0);
  const Image img = load(shot_);
  EXPECT_EQ(img.width, 900);
  EXPECT_EQ(img.height, 700);
}

// Compare mode: sinusoidal against learned similarity, one above the other. The
// sinusoidal grid is blue almost everywhere (nearby and far positions alike have a
// positive cosine), the learned one is near white with red and blue specks.
TEST_F(WindowTest, CompareScreenshotShowsTwoDistinctPlots) {
  ASSERT_EQ(run("--no-settings --view similarity --compare \"scheme=sinusoidal;scheme=learned\" "
                "--screenshot " +
                shot_.string()),
            0);
  const Image img = load(shot_);
  ASSERT_EQ(img.width, 1600);
  struct Half {
    std::set<int> colours;
    long blue = 0, red = 0;
  };
  Half half[2];
  for (int y = 80; y < 980; y += 2) {
    Half& h = half[y < 530 ? 0 : 1];
    for (int x = 520; x < 1300; x += 2) {
      const unsigned char* p = img.at(x, y);
      h.colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
      h.blue += (p[2] > p[0] + 60) ? 1 : 0;
      h.red += (p[0] > p[2] + 40 && p[1] < 200) ? 1 : 0;
    }
  }
  EXPECT_GT(half[0].colours.size(), 60u) << "panel A is missing";
  EXPECT_GT(half[1].colours.size(), 60u) << "panel B is missing";
  EXPECT_GT(half[0].blue, 3 * half[1].blue)
      << "the sinusoidal grid should be far bluer than the learned one";
  EXPECT_GT(half[1].red, 200) << "the learned grid has negative cosines (red)";
}

TEST_F(WindowTest, BadCompareIsOneErrorLineAndExitTwo) {
  const fs::path err =
      fs::temp_directory_path() / ("peviz_err_" + std::to_string(::getpid()) + ".txt");
  for (const char* spec :
       {"scheme=sinusoidal", "scheme=sinusoidal;scheme=rope", "base=10000;base"}) {
    EXPECT_EQ(run(std::string("--no-settings --view similarity --compare \"") + spec +
                  "\" --screenshot " + shot_.string() + " 2>" + err.string()),
              2)
        << spec;
    std::ifstream in(err);
    std::string first, second;
    std::getline(in, first);
    EXPECT_EQ(first.rfind("peviz: --compare", 0), 0u) << first;
    EXPECT_FALSE(std::getline(in, second)) << "more than one line: " << second;
    EXPECT_FALSE(fs::exists(shot_));
  }
  fs::remove(err);
}

// The export dialog of the real program: the --export-on-start hook opens it once
// the view is drawn and presses Export. The file has the dialog's size (1600 x 1000),
// not the window's, and is the picture `peviz export` draws for the same parameters.
TEST_F(WindowTest, ExportFromTheDialogWritesTheViewAtTheDialogsSize) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_wexport_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path out = dir / "encoding.png";
  ASSERT_EQ(run("--no-settings --width 1200 --height 800 --d 32 --positions 50 --export-on-start " +
                out.string() + " --screenshot " + shot_.string()),
            0);
  const Image img = load(out);
  ASSERT_EQ(img.width, 1600);
  ASSERT_EQ(img.height, 1000);
  std::set<int> colours;
  for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3)
    colours.insert(img.rgb[i] << 16 | img.rgb[i + 1] << 8 | img.rgb[i + 2]);
  EXPECT_GT(colours.size(), 200u) << "a blank picture";
  const fs::path headless = dir / "headless.png";
  ASSERT_EQ(std::system(("env -u DISPLAY " + std::string(PEVIZ_EXE) +
                         " export encoding --d 32 --positions 50 --out " + headless.string())
                            .c_str()),
            0);
  const Image same = load(headless);
  EXPECT_TRUE(same.rgb == img.rgb) << "the window's export differs from peviz export's";
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2)
      << "a temporary file was left";

  // The screenshot shows the dialog over the dimmed window, with its green
  // confirmation line ("Wrote /tmp/.../encoding.png (90 KB)").
  const Image shot = load(shot_);
  ASSERT_EQ(shot.width, 1200);
  long green = 0, white_title = 0;
  for (int y = 0; y < shot.height; ++y) {
    for (int x = 0; x < shot.width; ++x) {
      const unsigned char* p = shot.at(x, y);
      green += (p[0] < 40 && p[1] > 90 && p[1] < 140 && p[2] > 50 && p[2] < 100) ? 1 : 0;
      // The band of the view's title (white around the text on screen) is dimmed.
      if (y > 40 && y < 110 && x > 360) white_title += (p[0] > 250 && p[1] > 250 && p[2] > 250);
    }
  }
  EXPECT_GT(green, 150) << "no confirmation line";
  EXPECT_EQ(white_title, 0) << "the window behind the dialog is not dimmed";
  fs::remove_all(dir);
}

// The dialog as a user first sees it (--export-dialog): a box of light surface
// colour in the middle, full of text and fields; nothing is written.
TEST_F(WindowTest, ExportDialogScreenshot) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_wdialog_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_EQ(
      run("--no-settings --view alibi --heads 12 --export-dialog --screenshot " + shot_.string()),
      0);
  const Image shot = load(shot_);
  ASSERT_EQ(shot.width, 1600);
  long surface = 0, ink = 0, field = 0;
  for (int y = 350; y < 650; ++y) {
    for (int x = 450; x < 1150; ++x) {
      const unsigned char* p = shot.at(x, y);
      surface += (p[0] == 241 && p[1] == 243 && p[2] == 247) ? 1 : 0;  // #f1f3f7
      ink += (p[0] < 60 && p[1] < 60 && p[2] < 60) ? 1 : 0;
      field += (p[0] == 255 && p[1] == 255 && p[2] == 255) ? 1 : 0;  // text fields
    }
  }
  EXPECT_GT(surface, 50000) << "no dialog in the middle of the window";
  EXPECT_GT(ink, 2000) << "the dialog has no text";
  EXPECT_GT(field, 10000) << "the dialog has no fields";
  EXPECT_FALSE(fs::exists(dir / "alibi_h12_n100.png"));
  fs::remove_all(dir);
}

// An export the dialog cannot do: one line on stderr, exit code 1, no file.
TEST_F(WindowTest, ExportIntoAMissingFolderIsOneLine) {
  const fs::path err = fs::temp_directory_path() / ("peviz_xerr_" + std::to_string(::getpid()));
  EXPECT_EQ(run("--no-settings --export-on-start /nonexistent-peviz/x.png --screenshot " +
                shot_.string() + " 2>" + err.string()),
            1);
  std::ifstream in(err);
  std::string first, second;
  std::getline(in, first);
  EXPECT_EQ(first, "peviz: export: The folder /nonexistent-peviz does not exist.");
  EXPECT_FALSE(std::getline(in, second)) << second;
  EXPECT_FALSE(fs::exists("/nonexistent-peviz"));
  EXPECT_EQ(run("--no-settings --export-on-start x.gif 2>/dev/null"), 2);
  fs::remove(err);
}

TEST_F(WindowTest, UnwritableScreenshotFails) {
  EXPECT_EQ(run("--screenshot /nonexistent-peviz/x.png 2>/dev/null"), 1);
}

// The window at the largest size, every view and every scheme it shows (learned tables are the
// heaviest): 1048576 positions x d 4096, rendered and saved as the screen shows it, stays under
// 400 MB of resident memory (the process's peak, from wait4).
TEST_F(WindowTest, EveryViewAtTheLargestSizeStaysUnder400MB) {
  State state;
  long worst_kb = 0;
  std::string worst;
  for (const std::string& view : state.view_names()) {
    state.select_view(view);
    for (const Scheme scheme : state.view().schemes()) {
      const std::string what = view + ", " + scheme_name(scheme);
      testing_process::Limits limits;
      limits.memory_mb = 16384;  // address space: llvmpipe's threads reserve much, touch little
      const testing_process::Outcome o = testing_process::run(
          {PEVIZ_EXE, "--no-settings", "--view", view, "--scheme", scheme_name(scheme),
           "--positions", "1048576", "--d", "4096", "--screenshot", shot_.string()},
          limits);
      EXPECT_TRUE(o.exited(0)) << what << ": " << testing_process::describe(o) << " " << o.err;
      EXPECT_LT(o.max_rss_kb, 400L * 1024) << what;
      if (o.max_rss_kb > worst_kb) {
        worst_kb = o.max_rss_kb;
        worst = what;
      }
    }
  }
  std::printf("largest resident set: %ld MB (%s)\n", worst_kb / 1024, worst.c_str());
}

}  // namespace
}  // namespace peviz
