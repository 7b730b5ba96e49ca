// `peviz export VIEW --out FILE.png|svg`: any view rendered headless (DISPLAY unset) by
// the real program, checked as a person would: the size asked for, a picture that
// is not blank, the colormap's ends where the data reaches them, --scale, and one clear line with
// no file for bad input.
#include <gtest/gtest.h>
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
#include "file_checks.hpp"
#include "png_image.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

using testing_png::Image;
using testing_png::load;

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
  ASSERT_EQ(run("rope-decay --width 400 --height 300 --scale 2 --out " + out.string()), 0)
      << stderr_;
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

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

long occurrences(const std::string& text, const std::string& what) {
  long n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Base64 decoding written here, independently of the exporter's encoder.
std::string unbase64(const std::string& text) {
  const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const std::size_t v = digits.find(c);
    if (v == std::string::npos) break;  // '=' padding ends the data
    buffer = buffer << 6 | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(buffer >> bits & 0xFF);
    }
  }
  return out;
}

TEST_F(FigureExportTest, SvgIsXmlWithTheAxesTextAndADecodableHeatmap) {
  const fs::path out = dir_ / "sim.svg";
  ASSERT_EQ(run("similarity --positions 300 --width 1000 --height 700 --out " + out.string()), 0)
      << stderr_;
  EXPECT_EQ(std::system(("xmllint --noout " + out.string()).c_str()), 0) << "not well-formed XML";
  const std::string svg = read_file(out);
  EXPECT_NE(svg.find("width=\"1000\" height=\"700\""), std::string::npos);
  // Text is glyph outlines, each text a group named by its words (for search and screen
  // readers); --svg-text editable writes <text> instead.
  EXPECT_NE(svg.find("aria-label=\"Similarity between positions\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"position q\""), std::string::npos);
  EXPECT_EQ(svg.find("<text"), std::string::npos);
  EXPECT_NE(svg.find("<use xlink:href=\"#g"), std::string::npos);
  const fs::path editable = dir_ / "sim_text.svg";
  ASSERT_EQ(run("similarity --positions 300 --svg-text editable --out " + editable.string()), 0)
      << stderr_;
  const std::string text_svg = read_file(editable);
  EXPECT_NE(text_svg.find(">Similarity between positions</text>"), std::string::npos);
  EXPECT_EQ(text_svg.find("<use "), std::string::npos);
  EXPECT_NE(svg.find("<linearGradient"), std::string::npos);  // the colorbar
  // The 300 x 300 grid is one embedded PNG with a pixel per cell.
  const std::string marker = "data:image/png;base64,";
  const std::size_t at = svg.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string png =
      unbase64(svg.substr(at + marker.size(), svg.find('"', at) - at - marker.size()));
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()),
                                                static_cast<int>(png.size()), &w, &h, &channels, 3);
  ASSERT_NE(pixels, nullptr);
  // Each cell is kx x ky pixels, about a pixel of the picture each (a renderer that
  // smooths scaled images, as librsvg does, then blurs nothing).
  ASSERT_EQ(w % 300, 0);
  ASSERT_EQ(h % 300, 0);
  const int kx = w / 300, ky = h / 300;
  EXPECT_GE(kx, 1);
  // The diagonal is similarity 1: the top of the colormap.
  const Rgb top = colormap_sample(colormap(ColormapId::RdBu), 1.0);
  for (int i : {0, 150, 299}) {
    const unsigned char* p = &pixels[(static_cast<std::size_t>(i * ky) * w + i * kx) * 3];
    EXPECT_NEAR(p[0], top.r * 255, 1.5);
    EXPECT_NEAR(p[2], top.b * 255, 1.5);
  }
  stbi_image_free(pixels);
}

TEST_F(FigureExportTest, SvgDrawsEverySeriesAsALineAndSmallGridsAsCells) {
  const fs::path waves = dir_ / "waves.svg";
  ASSERT_EQ(run("waves --dims 0,1,8,9,30 --out " + waves.string()), 0) << stderr_;
  const std::string svg = read_file(waves);
  EXPECT_EQ(std::system(("xmllint --noout " + waves.string()).c_str()), 0);
  // Five curves (and a legend line each, which are <line>s): at least five polylines.
  EXPECT_GE(occurrences(svg, "<polyline"), 5);
  EXPECT_NE(svg.find("aria-label=\"dim 30: sin"), std::string::npos);
  const fs::path small = dir_ / "small.svg";
  ASSERT_EQ(run("encoding --positions 6 --d 8 --out " + small.string()), 0) << stderr_;
  const std::string cells = read_file(small);
  EXPECT_EQ(cells.find("<image"), std::string::npos);
  // 6 x 8 cells as rects, each with its printed value.
  EXPECT_GE(occurrences(cells, "<rect"), 48);
  EXPECT_NE(cells.find("aria-label=\"0.84\""), std::string::npos);  // sin(1) in cell (1, 0)
}

TEST_F(FigureExportTest, AllWritesEveryViewIntoTheFolder) {
  const fs::path folder = dir_ / "deck";
  ASSERT_EQ(run("all --out-dir " + folder.string() + " --width 640 --height 400 --d 32 --heads 12"),
            0)
      << stderr_;
  long pictures = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const Image img = load(entry.path());
    EXPECT_EQ(img.width, 640) << entry.path();
    EXPECT_EQ(img.height, 400) << entry.path();
    ++pictures;
  }
  // Every view of the window, by name.
  EXPECT_GE(pictures, 13);
  for (const char* view : {"encoding", "long-context", "alibi", "rope-clocks", "nope"}) {
    EXPECT_TRUE(fs::exists(folder / (std::string(view) + ".png"))) << view;
  }
  // --format svg writes the same views as SVG.
  const fs::path svgs = dir_ / "svg";
  ASSERT_EQ(run("all --out-dir " + svgs.string() + " --format svg"), 0) << stderr_;
  EXPECT_EQ(std::distance(fs::directory_iterator(svgs), fs::directory_iterator()), pictures);
  // A parameter no view accepts, or one some view rejects, writes nothing at all.
  const fs::path bad = dir_ / "bad";
  EXPECT_EQ(run("all --out-dir " + bad.string() + " --d 63"), 2);
  EXPECT_NE(stderr_.find("even"), std::string::npos) << stderr_;
  EXPECT_EQ(run("all --out-dir " + bad.string() + " --teapot 1"), 2);
  EXPECT_NE(stderr_.find("no view has an option 'teapot'"), std::string::npos) << stderr_;
  EXPECT_FALSE(fs::exists(bad));
}

TEST_F(FigureExportTest, CompareExportsPanelsSideBySideHeadless) {
  const fs::path out = dir_ / "cmp.png";
  ASSERT_EQ(run("similarity --compare \"scheme=sinusoidal;scheme=learned\" --out " + out.string()),
            0)
      << stderr_;
  const Image img = load(out);
  ASSERT_EQ(img.width, 1600);
  ASSERT_EQ(img.height, 1000);
  // Stacked: sinusoidal cosines (all positive for d 64 over 100 positions, blue) above,
  // learned noise (red cells for negative cosines) below.
  const Rgb red = colormap_sample(colormap(ColormapId::RdBu), 0.3);
  const auto reddish = [&](int y0, int y1) {  // in the heatmaps' columns, left of their colorbars
    long n = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = 300; x < 600; ++x) {
        const unsigned char* p = img.at(x, y);
        n += (p[0] > p[2] + 30 && std::abs(p[0] - red.r * 255) < 60) ? 1 : 0;
      }
    }
    return n;
  };
  EXPECT_LT(reddish(210, 450), 50);
  EXPECT_GT(reddish(670, 910), 1000);
  // A group the view cannot use, or one panel only: one line, no file.
  const fs::path bad = dir_ / "bad.png";
  EXPECT_EQ(run("wavelengths --compare \"scaling=ntk;scaling=yarn\" --out " + bad.string()), 2);
  EXPECT_NE(stderr_.find("does not use 'scaling'"), std::string::npos) << stderr_;
  EXPECT_EQ(run("wavelengths --compare \"base=10\" --out " + bad.string()), 2);
  EXPECT_NE(stderr_.find("2 to 4 panels"), std::string::npos) << stderr_;
  EXPECT_FALSE(fs::exists(bad));
}

TEST_F(FigureExportTest, ViewsWithoutATableExportTheNumbersTheyDraw) {
  const fs::path out = dir_ / "lc.csv";
  ASSERT_EQ(run("long-context --d 64 --base 10000 --factor 4 --out " + out.string()), 0) << stderr_;
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "panel,layer,label,x,y,value");
  // Linear PI's wavelength of pair i is s times 2 pi base^(2i/d) (computed here).
  int pi_rows = 0;
  while (std::getline(in, line)) {
    if (line.rfind("wavelength,line,linear PI", 0) != 0) continue;
    std::stringstream fields(line);
    std::string panel, layer, label, x, y;
    std::getline(fields, panel, ',');
    std::getline(fields, layer, ',');
    std::getline(fields, label, ',');
    std::getline(fields, x, ',');
    std::getline(fields, y, ',');
    const double i = std::stod(x);
    EXPECT_NEAR(std::stod(y), 4.0 * 2.0 * M_PI * std::pow(10000.0, 2.0 * i / 64.0),
                1e-9 * std::stod(y))
        << line;
    ++pi_rows;
  }
  EXPECT_EQ(pi_rows, 32);
  // A view with its own table keeps it.
  const fs::path enc = dir_ / "pe.csv";
  ASSERT_EQ(run("encoding --d 4 --positions 2 --out " + enc.string()), 0) << stderr_;
  std::ifstream pe(enc);
  std::getline(pe, line);
  EXPECT_EQ(line, "position,dim_0,dim_1,dim_2,dim_3");
}

// The PNG's colour type byte (IHDR): 2 = RGB, 6 = RGBA.
int png_colour_type(const fs::path& path) {
  const std::string bytes = read_file(path);
  return bytes.size() > 25 ? static_cast<unsigned char>(bytes[25]) : -1;
}

// Every view's CSV holds what its figure shows, numbers a spreadsheet reads: data rows,
// finite numbers or empty fields, and the numbers the picture states only in words
// (the playground's headline difference and row entropies, the properties' checks).
TEST_F(FigureExportTest, EveryViewsCsvHoldsWhatItsFigureShows) {
  for (const char* view : {"encoding", "waves", "wavelengths", "similarity", "shift", "properties",
                           "alternatives", "rope-clocks", "rope-relative", "rope-decay", "alibi",
                           "t5", "nope", "long-context", "playground", "attention"}) {
    const fs::path out = dir_ / (std::string(view) + ".csv");
    ASSERT_EQ(run(std::string(view) + " --out " + out.string()), 0) << view << ": " << stderr_;
    EXPECT_EQ(testing_files::csv_check(out), "") << view;
  }
  const std::string playground = read_file(dir_ / "playground.csv");
  EXPECT_NE(playground.find(",value,largest_output_difference,,,2.41"), std::string::npos);
  EXPECT_NE(playground.find(",value,row_entropy_2_man,,,1.05"), std::string::npos);
  // The nope and playground logits of masked cells are empty fields, not -inf.
  EXPECT_EQ(read_file(dir_ / "nope.csv").find("inf"), std::string::npos);
  EXPECT_EQ(playground.find("inf"), std::string::npos);
  const std::string properties = read_file(dir_ / "properties.csv");
  for (const char* check : {"bounded", "unique", "constant_norm", "nearest_most_similar"}) {
    EXPECT_NE(properties.find(std::string(",value,") + check + ",,,1\n"), std::string::npos)
        << check;
  }
  EXPECT_NE(properties.find(",value,checks_passed,,,4\n"), std::string::npos);
  const std::string alternatives = read_file(dir_ / "alternatives.csv");
  EXPECT_NE(alternatives.find(",value,sincos_bounded,,,1\n"), std::string::npos);
  EXPECT_NE(alternatives.find(",value,integer_bounded,,,0\n"), std::string::npos);
  EXPECT_NE(alternatives.find(",value,integer_supremum,,,\n"), std::string::npos);  // unbounded
}

TEST_F(FigureExportTest, TransparentPicturesHaveNoBackground) {
  for (const char* renderer : {"cpu", "gl"}) {
    SCOPED_TRACE(renderer);
    const fs::path out = dir_ / (std::string("t-") + renderer + ".png");
    ASSERT_EQ(run("waves --width 800 --height 500 --transparent --renderer " +
                  std::string(renderer) + " --out " + out.string()),
              0)
        << stderr_;
    EXPECT_EQ(png_colour_type(out), 6);  // RGBA
    int w = 0, h = 0, channels = 0;
    unsigned char* px = stbi_load(out.c_str(), &w, &h, &channels, 4);
    ASSERT_NE(px, nullptr);
    ASSERT_EQ(w, 800);
    ASSERT_EQ(h, 500);
    long empty = 0, opaque = 0, partial = 0;
    for (int i = 0; i < w * h; ++i) {
      const int a = px[4 * i + 3];
      empty += a == 0 ? 1 : 0;
      opaque += a == 255 ? 1 : 0;
      partial += a > 0 && a < 255 ? 1 : 0;
    }
    EXPECT_EQ(px[3], 0);  // the top-left corner: nothing but background
    EXPECT_GT(empty, w * h / 2);
    EXPECT_GT(opaque, 1000);   // lines and text
    EXPECT_GT(partial, 1000);  // their anti-aliased edges
    stbi_image_free(px);
  }
  // Without it: RGB, every pixel opaque.
  const fs::path plain = dir_ / "plain.png";
  ASSERT_EQ(run("waves --width 800 --height 500 --out " + plain.string()), 0) << stderr_;
  EXPECT_EQ(png_colour_type(plain), 2);
  // SVG: no opaque white rectangles behind the picture (the legends' boxes stay, at 88%).
  const fs::path svg = dir_ / "t.svg", svg_plain = dir_ / "p.svg";
  ASSERT_EQ(run("waves --transparent --out " + svg.string()), 0) << stderr_;
  ASSERT_EQ(run("waves --out " + svg_plain.string()), 0) << stderr_;
  const std::string paper = "fill=\"#ffffff\"/>";
  EXPECT_EQ(occurrences(read_file(svg), paper), 0);
  EXPECT_EQ(occurrences(read_file(svg_plain), paper), 2);  // the picture's and the figure's
  EXPECT_EQ(occurrences(read_file(svg), "fill-opacity=\"0.88\""),
            occurrences(read_file(svg_plain), "fill-opacity=\"0.88\""));
}

TEST_F(FigureExportTest, TheGlRendererDrawsTheSamePicture) {
  const fs::path cpu = dir_ / "cpu.png", gl = dir_ / "gl.png";
  ASSERT_EQ(run("alibi --heads 12 --width 900 --height 600 --out " + cpu.string()), 0) << stderr_;
  ASSERT_EQ(run("alibi --heads 12 --width 900 --height 600 --renderer gl --out " + gl.string()), 0)
      << stderr_;
  const Image a = load(cpu), b = load(gl);
  ASSERT_EQ(a.width, b.width);
  ASSERT_EQ(a.height, b.height);
  long close = 0;
  for (std::size_t i = 0; i < a.rgb.size(); i += 3) {
    int most = 0;
    for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(a.rgb[i + c] - b.rgb[i + c]));
    close += most <= 8 ? 1 : 0;
  }
  EXPECT_GT(close, static_cast<long>(a.rgb.size() / 3) * 999 / 1000);
  EXPECT_EQ(run("alibi --renderer vulkan --out " + (dir_ / "x.png").string()), 2);
  EXPECT_NE(stderr_.find("--renderer is cpu or gl"), std::string::npos) << stderr_;
  EXPECT_EQ(run("alibi --transparent maybe --out " + (dir_ / "x.png").string()), 2);
  EXPECT_FALSE(fs::exists(dir_ / "x.png"));
}

TEST_F(FigureExportTest, BadInputGivesOneLineAndNoFile) {
  const std::string out = (dir_ / "x.png").string();
  EXPECT_EQ(run("nosuchview --out " + out), 2);
  EXPECT_NE(stderr_.find("unknown view 'nosuchview'"), std::string::npos) << stderr_;
  EXPECT_EQ(run("compare --out " + out), 2);
  EXPECT_NE(stderr_.find("'compare' is a mode, not a view"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --bogus 3 --out " + out), 2);
  EXPECT_NE(stderr_.find("view 'encoding' has no option 'bogus' (see peviz --help)"),
            std::string::npos)
      << stderr_;
  EXPECT_EQ(run("encoding --d 63 --out " + out), 2);
  EXPECT_NE(stderr_.find("even"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --width 5 --out " + out), 2);
  EXPECT_NE(stderr_.find("--width"), std::string::npos) << stderr_;
  EXPECT_EQ(run("similarity --scheme rope --out " + out), 2);
  EXPECT_NE(stderr_.find("not rope"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --out " + (dir_ / "missing" / "x.svg").string()), 2);
  EXPECT_NE(stderr_.find("cannot write"), std::string::npos) << stderr_;
  EXPECT_EQ(run("encoding --out " + (dir_ / "missing" / "x.png").string()), 2);
  EXPECT_NE(stderr_.find("cannot write"), std::string::npos) << stderr_;
  EXPECT_EQ(std::count(stderr_.begin(), stderr_.end(), '\n'), 1) << stderr_;
  EXPECT_EQ(files(), 0);
}

}  // namespace
}  // namespace peviz
