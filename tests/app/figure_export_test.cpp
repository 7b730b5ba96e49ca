// `peviz export VIEW --out FILE.png`: any view rendered headless (DISPLAY unset) by
// the real program, checked as a person would: the size asked for, a picture that
// is not blank, the colormap's ends where the data reaches them, --scale, and one clear line with no file for bad input.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
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

// Pixels within `tolerance` (per channel) of the colour c (0..1 floats).
long count_near(const Image& img, const Rgb& c, int tolerance) {
  long n = 0;
  for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) {
    const int dr = img.rgb[i] - static_cast<int>(std::lround(c.r * 255));
    const int dg = img.rgb[i + 1] - static_cast<int>(std::lround(c.g * 255));
    const int db = img.rgb[i + 2] - static_cast<int>(std::lround(c.b * 255));
    n += (std::abs(dr) <= tolerance && std::abs(dg) <= tolerance && std::abs(db) <= tolerance) ? 1
                                                                                               : 0;
  }
  return n;
}

class FigureExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_png_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  int run(const std::string& args) {
    const std::string err = (dir_ / "stderr.txt").string();
    const int status = std::system(
        ("env -u DISPLAY " + std::string(PEVIZ_EXE) + " export " + args + " 2> " + err).c_str());
    std::ifstream in(err);
    std::stringstream s;
    s << in.rdbuf();
    stderr_ = s.str();
    fs::remove(err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  long files() const {
    return std::distance(fs::directory_iterator(dir_), fs::directory_iterator());
  }
  fs::path dir_;
  std::string stderr_;
};

TEST_F(FigureExportTest, AViewBecomesAPictureOfTheRequestedSize) {
  const fs::path out = dir_ / "lc.png";
  ASSERT_EQ(run("long-context --d 128 --base 500000 --original-context 8192 --factor 8 --width 900 "
                "--height 560 --out " +
                out.string()),
            0)
      << stderr_;
  const Image img = load(out);
  ASSERT_EQ(img.width, 900);
  ASSERT_EQ(img.height, 560);
  std::set<int> colours;
  long ink = 0;
  for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) {
    colours.insert(img.rgb[i] << 16 | img.rgb[i + 1] << 8 | img.rgb[i + 2]);
    ink += (img.rgb[i] < 200 || img.rgb[i + 1] < 200 || img.rgb[i + 2] < 200) ? 1 : 0;
  }
  EXPECT_GT(colours.size(), 200u);
  EXPECT_GT(ink, 900L * 560 / 50);
  // Text in the title area (dark pixels in the top 40 rows).
  long dark = 0;
  for (int y = 0; y < 40; ++y) {
    for (int x = 0; x < 600; ++x) dark += img.at(x, y)[0] < 80 ? 1 : 0;
  }
  EXPECT_GT(dark, 200);
}

TEST_F(FigureExportTest, TheHeatmapReachesBothEndsOfTheColormap) {
  // Sinusoidal values span [-1, 1] over 100 positions: both ends of RdBu appear.
  const fs::path out = dir_ / "pe.png";
  ASSERT_EQ(run("encoding --values false --out " + out.string()), 0) << stderr_;
  const Image img = load(out);
  ASSERT_EQ(img.width, 1600);
  ASSERT_EQ(img.height, 1000);
  const Colormap& map = colormap(ColormapId::RdBu);
  EXPECT_GT(count_near(img, colormap_sample(map, 0.0), 12), 500);
  EXPECT_GT(count_near(img, colormap_sample(map, 1.0), 12), 500);
}

TEST_F(FigureExportTest, ScaleMultipliesThePixelsAndKeepsTheLayout) {
  const fs::path out = dir_ / "big.png";
  const fs::path small = dir_ / "small.png";
  ASSERT_EQ(run("rope-decay --width 400 --height 300 --scale 2 --out " + out.string()), 0) << stderr_;
  ASSERT_EQ(run("rope-decay --width 400 --height 300 --out " + small.string()), 0) << stderr_;
  const Image big = load(out), one = load(small);
  ASSERT_EQ(big.width, 800);
  ASSERT_EQ(big.height, 600);
  // The same picture at twice the pixels: inked pixels grow about four times (text,
  // lines and fonts scale with it), not twice (thin lines on a bigger canvas).
  const auto ink = [](const Image& img) {
    long n = 0;
    for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) n += img.rgb[i] < 160 ? 1 : 0;
    return n;
  };
  EXPECT_GT(ink(big), 3 * ink(one));
  EXPECT_LT(ink(big), 5 * ink(one));
}

TEST_F(FigureExportTest, BadInputGivesOneLineAndNoFile) {
  const std::string out = (dir_ / "x.png").string();
  EXPECT_EQ(run("nosuchview --out " + out), 2);
  EXPECT_NE(stderr_.find("unknown view 'nosuchview'"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --bogus 3 --out " + out), 2);
  EXPECT_NE(stderr_.find("unknown option --bogus"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --d 63 --out " + out), 2);
  EXPECT_NE(stderr_.find("even"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --width 5 --out " + out), 2);
  EXPECT_NE(stderr_.find("--width"), std::string::npos) << stderr_;
  EXPECT_EQ(run("similarity --scheme rope --out " + out), 2);
  EXPECT_NE(stderr_.find("not rope"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --out " + (dir_ / "missing" / "x.png").string()), 2);
  EXPECT_NE(stderr_.find("cannot write"), std::string::npos) << stderr_;
  EXPECT_EQ(std::count(stderr_.begin(), stderr_.end(), '\n'), 1) << stderr_;
  EXPECT_EQ(files(), 0);
}

}  // namespace
}  // namespace peviz
