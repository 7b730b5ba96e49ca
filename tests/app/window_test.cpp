// The real program in a real window (run under xvfb-run by ctest): it opens,
// draws the encoding heatmap and saves a screenshot a person would accept.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "core/colormap.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  const unsigned char* at(int x, int y) const {
    return &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
  }
};

Image load(const fs::path& path) {
  Image img;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &channels, 3);
  if (data != nullptr) {
    img.rgb.assign(data, data + static_cast<std::size_t>(img.width) * img.height * 3);
    stbi_image_free(data);
  }
  return img;
}

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

TEST_F(WindowTest, UnwritableScreenshotFails) {
  EXPECT_EQ(run("--screenshot /nonexistent-peviz/x.png 2>/dev/null"), 1);
}

}  // namespace
}  // namespace peviz
