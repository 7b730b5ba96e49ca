// PDF through cairo (issue 15): `peviz export VIEW --out F.pdf` and lesson decks
// (run_lesson_deck, PdfDeck), judged by programs we did not write. Poppler draws each page
// (pdftoppm -r 72: 1 pt = 1 px) and the drawing is compared with peviz's PNG of the same
// figure, pixel by pixel and by where the text's ink lies; pdfinfo gives pages and their
// size, pdffonts the embedded fonts, pdftotext the text.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/lesson_deck.hpp"
#include "app/export/figure_file.hpp"
#include "app/export/pdf_deck.hpp"
#include "app/lesson/lesson.hpp"
#include "core/validate.hpp"
#include "png_image.hpp"
#include "run_process.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

using testing_png::Image;

struct Difference {
  double mean = 0.0;    // mean over pixels of the largest channel difference (0..255)
  double strong = 0.0;  // fraction of pixels whose largest channel difference exceeds 64
  // The same where each pixel may match any pixel of the other picture's 3 x 3
  // neighbourhood (either way round): what is left when edges that the two rasterisers put
  // a pixel apart are forgiven. Poppler snaps thin lines to whole pixels and scales an
  // image of a pixel per cell with its own rounding, so a heatmap's cell edges and a 1-px
  // frame land up to a pixel from the PNG's.
  double near_mean = 0.0;
  double near_strong = 0.0;
};

int channel_difference(const unsigned char* p, const unsigned char* q) {
  return std::max({std::abs(p[0] - q[0]), std::abs(p[1] - q[1]), std::abs(p[2] - q[2])});
}

// The smallest difference between a's pixel (x, y) and b's pixels around it.
int nearest_difference(const Image& a, const Image& b, int x, int y) {
  int best = 255;
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const int u = x + dx, v = y + dy;
      if (u < 0 || v < 0 || u >= b.width || v >= b.height) continue;
      best = std::min(best, channel_difference(a.at(x, y), b.at(u, v)));
    }
  }
  return best;
}

Difference compare(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height || a.width == 0) return {255.0, 1.0, 255.0, 1.0};
  long strong = 0, near_strong = 0;
  double sum = 0.0, near_sum = 0.0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const int m = channel_difference(a.at(x, y), b.at(x, y));
      sum += m;
      strong += m > 64 ? 1 : 0;
      const int n =
          m == 0 ? 0 : std::max(nearest_difference(a, b, x, y), nearest_difference(b, a, x, y));
      near_sum += n;
      near_strong += n > 64 ? 1 : 0;
    }
  }
  const double n = static_cast<double>(a.width) * a.height;
  return {sum / n, strong / n, near_sum / n, near_strong / n};
}

void record(const std::string& name, const Difference& d) {
  ::testing::Test::RecordProperty(name + "_mean", std::to_string(d.mean));
  ::testing::Test::RecordProperty(name + "_strong", std::to_string(d.strong));
  ::testing::Test::RecordProperty(name + "_near_mean", std::to_string(d.near_mean));
  ::testing::Test::RecordProperty(name + "_near_strong", std::to_string(d.near_strong));
  std::printf("%s: mean %.3f strong %.4f; within a pixel: mean %.3f strong %.4f\n", name.c_str(),
              d.mean, d.strong, d.near_mean, d.near_strong);
}

// Text ink: dark and grey (the light theme's text 15151a and muted 5a5f6a; the heatmaps'
// dark ends and the palette's colours are saturated, so they are not ink).
bool ink(const unsigned char* p) {
  const int hi = std::max({p[0], p[1], p[2]}), lo = std::min({p[0], p[1], p[2]});
  return hi < 140 && hi - lo < 40;
}

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // inclusive
};

// The rows of text in `region` (x0, y0, x1, y1, exclusive ends): runs of pixel rows with
// ink, each with the bounding box of its ink.
std::vector<Box> ink_rows(const Image& img, Box region) {
  std::vector<Box> rows;
  bool open = false;
  for (int y = region.y0; y < std::min(region.y1, img.height); ++y) {
    int lo = -1, hi = -1;
    for (int x = region.x0; x < std::min(region.x1, img.width); ++x) {
      if (!ink(img.at(x, y))) continue;
      if (lo < 0) lo = x;
      hi = x;
    }
    if (lo < 0) {
      open = false;
      continue;
    }
    if (!open) rows.push_back({lo, y, hi, y});
    Box& b = rows.back();
    b.x0 = std::min(b.x0, lo);
    b.x1 = std::max(b.x1, hi);
    b.y1 = y;
    open = true;
  }
  return rows;
}

// Every row of text in the PDF's drawing is where the PNG has it, within `tolerance` px.
void expect_same_text_rows(const Image& png, const Image& pdf, Box region, int tolerance,
                           const std::string& what) {
  const std::vector<Box> a = ink_rows(png, region), b = ink_rows(pdf, region);
  ASSERT_FALSE(a.empty()) << what << ": no text in the region";
  const auto list = [](const std::vector<Box>& boxes) {
    std::string s;
    for (const Box& x : boxes) {
      s += " (" + std::to_string(x.x0) + "," + std::to_string(x.y0) + ")-(" + std::to_string(x.x1) +
           "," + std::to_string(x.y1) + ")";
    }
    return s;
  };
  ASSERT_EQ(a.size(), b.size()) << what << ": PNG" << list(a) << "; PDF" << list(b);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_NEAR(a[i].x0, b[i].x0, tolerance) << what << " row " << i;
    EXPECT_NEAR(a[i].x1, b[i].x1, tolerance) << what << " row " << i;
    EXPECT_NEAR(a[i].y0, b[i].y0, tolerance) << what << " row " << i;
    EXPECT_NEAR(a[i].y1, b[i].y1, tolerance) << what << " row " << i;
  }
}

std::string tool_output(const std::vector<std::string>& argv) {
  std::string out;
  EXPECT_EQ(testing_process::tool(argv, &out), 0) << argv[0] << ": " << out;
  return out;
}

int page_count(const fs::path& pdf) {
  const std::string info = tool_output({"/usr/bin/pdfinfo", pdf.string()});
  const std::size_t at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

std::string page_text(const fs::path& pdf, int page) {
  return tool_output({"/usr/bin/pdftotext", "-f", std::to_string(page), "-l", std::to_string(page),
                      "-layout", pdf.string(), "-"});
}

class PdfExport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_pdf_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing_process::Outcome peviz(std::vector<std::string> args) {
    args.insert(args.begin(), {PEVIZ_EXE, "export"});
    return testing_process::run(args, {120.0, 4096, {}, {"DISPLAY="}});
  }
  // Page `page` of `pdf` as poppler draws it at `dpi` (72: a point per pixel).
  Image render(const fs::path& pdf, int page = 1, int dpi = 72) {
    const fs::path prefix = dir_ / ("page" + std::to_string(page));
    std::string out;
    EXPECT_EQ(testing_process::tool({"/usr/bin/pdftoppm", "-png", "-r", std::to_string(dpi), "-f",
                                     std::to_string(page), "-l", std::to_string(page),
                                     "-singlefile", pdf.string(), prefix.string()},
                                    &out),
              0)
        << out;
    return testing_png::load(prefix.string() + ".png");
  }
  // The PNG and the PDF of the same arguments; the PDF drawn by poppler at `dpi`.
  std::pair<Image, Image> both(const std::vector<std::string>& args, int dpi = 72) {
    const fs::path png = dir_ / "f.png", pdf = dir_ / "f.pdf";
    for (const fs::path& out : {png, pdf}) {
      std::vector<std::string> a = args;
      a.insert(a.end(), {"--out", out.string()});
      const testing_process::Outcome o = peviz(a);
      EXPECT_TRUE(o.exited(0)) << describe(o) << ": " << o.err;
    }
    return {testing_png::load(png), render(pdf, 1, dpi)};
  }
  fs::path dir_;
};

// The title and subtitle (top strip) and the x axis's tick labels and title (bottom strip)
// of a 1600 x 1000 picture: text only, no lines (poppler snaps a thin line to whole pixels,
// so a line's ink is a pixel from the PNG's).
constexpr Box kTopStrip{0, 0, 1600, 80};
constexpr Box kBottomStrip{70, 925, 1240, 1000};  // below the axis, right of the y labels

TEST_F(PdfExport, HeatmapViewMatchesItsPng) {
  const auto [png, pdf] = both({"encoding"});
  ASSERT_EQ(pdf.width, 1600);
  ASSERT_EQ(pdf.height, 1000);
  const Difference d = compare(png, pdf);
  record("encoding", d);
  // The heatmap is the same colours cell for cell (no smoothing): what differs is the
  // anti-aliasing of glyph and line edges, and edges a pixel apart.
  EXPECT_LT(d.mean, 7.0);
  EXPECT_LT(d.near_mean, 3.0);
  EXPECT_LT(d.near_strong, 0.012);
  expect_same_text_rows(png, pdf, kTopStrip, 2, "title");
  expect_same_text_rows(png, pdf, kBottomStrip, 2, "x axis");
  // The measure sees a wrong picture: another base's PNG is far from this PDF.
  const fs::path other = dir_ / "other.png";
  ASSERT_TRUE(peviz({"encoding", "--base", "100", "--out", other.string()}).exited(0));
  const Difference wrong = compare(testing_png::load(other), pdf);
  record("encoding-against-base-100", wrong);
  EXPECT_GT(wrong.near_mean, 4.0 * d.near_mean);
  // The colour in the middle of the first cell (position 0, dimension 0 is sin 0 = 0: the
  // colormap's middle) and of the last column are the PNG's.
  for (const auto& [x, y] : {std::pair{100, 130}, std::pair{1460, 880}, std::pair{700, 500}}) {
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(png.at(x, y)[k], pdf.at(x, y)[k], 2) << x << "," << y;
  }
}

TEST_F(PdfExport, LineViewMatchesItsPng) {
  const auto [png, pdf] = both({"waves"});
  const Difference d = compare(png, pdf);
  record("waves", d);
  EXPECT_LT(d.mean, 4.5);
  EXPECT_LT(d.near_mean, 2.2);
  EXPECT_LT(d.near_strong, 0.008);
  expect_same_text_rows(png, pdf, kTopStrip, 2, "title");
  expect_same_text_rows(png, pdf, kBottomStrip, 2, "x axis");
}

TEST_F(PdfExport, ComparisonMatchesItsPng) {
  const auto [png, pdf] = both({"rope-decay", "--compare", "base=500;base=10000;base=500000"});
  const Difference d = compare(png, pdf);
  record("rope-decay-compare", d);
  EXPECT_LT(d.mean, 3.8);
  EXPECT_LT(d.near_mean, 1.7);
  EXPECT_LT(d.near_strong, 0.008);
  expect_same_text_rows(png, pdf, kTopStrip, 2, "title");
}

TEST_F(PdfExport, TextHeavyViewsMatchTheirPng) {
  for (const char* view : {"properties", "alternatives", "t5"}) {
    const auto [png, pdf] = both({view});
    const Difference d = compare(png, pdf);
    record(view, d);
    EXPECT_LT(d.mean, 8.0) << view;
    EXPECT_LT(d.near_mean, 3.6) << view;
    EXPECT_LT(d.near_strong, 0.016) << view;
    expect_same_text_rows(png, pdf, kTopStrip, 2, view);
  }
}

// --scale draws the PNG with more pixels; the PDF's page stays the logical size, and
// poppler at 72 x scale dpi gives the PNG's pixels.
TEST_F(PdfExport, PageIsTheLogicalSizeAndTheFontsAreEmbeddedDejaVu) {
  const auto [png, pdf] =
      both({"wavelengths", "--width", "900", "--height", "560", "--scale", "2"}, 144);
  ASSERT_EQ(png.width, 1800);
  ASSERT_EQ(pdf.width, 1800);
  ASSERT_EQ(pdf.height, 1120);
  const Difference d = compare(png, pdf);
  record("wavelengths-scale-2", d);
  EXPECT_LT(d.mean, 4.0);
  EXPECT_LT(d.near_mean, 2.0);
  expect_same_text_rows(png, pdf, {0, 0, 1800, 150}, 3, "title at scale 2");

  const fs::path file = dir_ / "f.pdf";
  EXPECT_EQ(page_count(file), 1);
  const std::string info = tool_output({"/usr/bin/pdfinfo", file.string()});
  EXPECT_NE(info.find("Page size:       900 x 560 pts"), std::string::npos) << info;
  // pdffonts: "ABCDEF+DejaVuSans-Bold  TrueType  WinAnsi  yes yes yes  6  0".
  const std::string fonts = tool_output({"/usr/bin/pdffonts", file.string()});
  int dejavu = 0;
  std::istringstream lines(fonts);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("+DejaVuSans") == std::string::npos) continue;
    ++dejavu;
    // The columns from the end: emb sub uni object generation (a type may be two words).
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    ASSERT_GE(w.size(), 7u) << line;
    EXPECT_EQ(w[w.size() - 5], "yes") << "not embedded: " << line;
  }
  // Regular and bold (and a CID font of the same file when characters beyond WinAnsi
  // are used: Greek letters, arrows).
  EXPECT_GE(dejavu, 2) << fonts;
  EXPECT_NE(fonts.find("+DejaVuSans "), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("+DejaVuSans-Bold "), std::string::npos) << fonts;
}

TEST_F(PdfExport, TextCanBeSearchedAndCopied) {
  const fs::path file = dir_ / "e.pdf";
  ASSERT_TRUE(peviz({"encoding", "--out", file.string()}).exited(0));
  const std::string text = page_text(file, 1);
  EXPECT_NE(text.find("Sinusoidal positional encoding"), std::string::npos) << text;
  EXPECT_NE(text.find("dimension"), std::string::npos) << text;
  EXPECT_NE(text.find("PE value"), std::string::npos) << text;
}

// Characters DejaVu Sans lacks come from the fallback font the screen merges in (Droid
// Sans Fallback for Chinese), embedded too, at the places the screen's layout gives them.
TEST_F(PdfExport, OtherScriptsUseTheScreensFallbackFont) {
  const auto [png, pdf] = both({"playground", "--text", "\u72d7 \u54ac \u4eba ok"});
  const Difference d = compare(png, pdf);
  record("playground-chinese", d);
  EXPECT_LT(d.near_mean, 2.0);
  const fs::path file = dir_ / "f.pdf";
  const std::string fonts = tool_output({"/usr/bin/pdffonts", file.string()});
  EXPECT_NE(fonts.find("+DroidSansFallback"), std::string::npos) << fonts;
  EXPECT_NE(page_text(file, 1).find("\u72d7"), std::string::npos);
  // The row labels (the words, left of the first heatmap) are where the PNG has them.
  expect_same_text_rows(png, pdf, {0, 150, 74, 420}, 2, "row labels");
}

// With SOURCE_DATE_EPOCH (reproducible builds) the creation date is fixed, and the same
// figure is the same bytes.
TEST_F(PdfExport, SourceDateEpochMakesTheSameBytes) {
  std::string bytes[2];
  for (int i = 0; i < 2; ++i) {
    const fs::path file = dir_ / ("r" + std::to_string(i) + ".pdf");
    const testing_process::Outcome o =
        testing_process::run({PEVIZ_EXE, "export", "waves", "--out", file.string()},
                             {120.0, 4096, {}, {"DISPLAY=", "SOURCE_DATE_EPOCH=1700000000"}});
    ASSERT_TRUE(o.exited(0)) << o.err;
    std::ifstream in(file, std::ios::binary);
    bytes[i].assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (i == 0) ::sleep(1);  // a second later: the date would differ
  }
  EXPECT_GT(bytes[0].size(), 1000u);
  EXPECT_EQ(bytes[0], bytes[1]);
  EXPECT_NE(tool_output({"/usr/bin/pdfinfo", (dir_ / "r0.pdf").string()})
                .find("Tue Nov 14 22:13:20 2023 UTC"),
            std::string::npos);
}

// Without a background the page is bare: poppler's white paper shows through where the
// dark theme would paint its background.
TEST_F(PdfExport, TransparentLeavesOutTheBackground) {
  const fs::path dark = dir_ / "d.pdf", bare = dir_ / "t.pdf";
  ASSERT_TRUE(peviz({"waves", "--theme", "dark", "--out", dark.string()}).exited(0));
  ASSERT_TRUE(
      peviz({"waves", "--theme", "dark", "--transparent", "--out", bare.string()}).exited(0));
  const Image a = render(dark), b = render(bare);
  ASSERT_EQ(a.width, 1600);
  ASSERT_EQ(b.width, 1600);
  EXPECT_LT(a.at(3, 3)[0] + a.at(3, 3)[1] + a.at(3, 3)[2], 3 * 80);
  EXPECT_EQ(b.at(3, 3)[0] + b.at(3, 3)[1] + b.at(3, 3)[2], 3 * 255);
}

TEST_F(PdfExport, UnwritablePathLeavesNoFileAndSaysOneLine) {
  const fs::path blocker = dir_ / "not-a-folder";
  std::ofstream(blocker) << "x";
  const fs::path out = blocker / "x.pdf";
  const testing_process::Outcome o = peviz({"encoding", "--out", out.string()});
  EXPECT_TRUE(o.exited(2)) << describe(o);
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
  EXPECT_NE(o.err.find("x.pdf"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(PdfExport, WriterNamesPdfAmongTheFormats) {
  EXPECT_EQ(figure_format("a/B.PDF"), "pdf");
  FigureFileWriter writer;
  try {
    writer.write(plot::Figure{}, (dir_ / "x.tiff").string(), PictureOptions{});
    FAIL() << "a .tiff was written";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find(".png, .svg, .pdf or .csv"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(dir_ / "x.tiff"));
}

// --- Decks --------------------------------------------------------------------------------

class DeckExport : public PdfExport {
 protected:
  fs::path write_lesson(const std::string& text) {
    const fs::path file = dir_ / "small.lesson";
    std::ofstream(file) << text;
    return file;
  }
};

constexpr const char* kSmallLesson =
    "title: A small lesson\n"
    "\n"
    "## First look\n"
    "view: encoding\n"
    "set: d = 16, positions = 20\n"
    "Rows are positions; **fast** pairs on the left, *slow* ones on the right.\n"
    "\n"
    "- a list item\n"
    "ask: What is in row zero?\n"
    "answer: Zeros and ones: sin 0 and cos 0.\n"
    "\n"
    "## The waves\n"
    "view: waves\n"
    "Each pair is a wave over the position.\n"
    "\n"
    "## Six encodings\n"
    "view: alternatives\n"
    "The integer encoding reaches {{value:integer_max_abs}} at the last position.\n";

TEST_F(DeckExport, APagePerStepAndOneAfterEachQuestion) {
  const fs::path lesson = write_lesson(kSmallLesson), deck = dir_ / "deck.pdf";
  std::ostringstream out, err;
  ASSERT_EQ(
      run_lesson_deck(lesson.string(),
                      {{"out", deck.string()}, {"width", "1200"}, {"height", "750"}}, out, err),
      0)
      << err.str();
  EXPECT_EQ(out.str(), deck.string() + ": 4 pages\n");
  EXPECT_EQ(page_count(deck), 4);
  EXPECT_NE(
      tool_output({"/usr/bin/pdfinfo", deck.string()}).find("Page size:       1200 x 750 pts"),
      std::string::npos);
  const std::string first = page_text(deck, 1), answer = page_text(deck, 2),
                    waves = page_text(deck, 3);
  EXPECT_NE(first.find("First look"), std::string::npos) << first;
  EXPECT_NE(first.find("What is in row zero?"), std::string::npos) << first;
  EXPECT_EQ(first.find("Zeros and ones"), std::string::npos) << first;  // not before its page
  EXPECT_NE(answer.find("Zeros and ones: sin 0 and cos 0."), std::string::npos) << answer;
  EXPECT_NE(waves.find("The waves"), std::string::npos) << waves;
  EXPECT_NE(waves.find("step 2 of 3"), std::string::npos) << waves;
  // A live field is filled from the step's figure (positions 0-19, set by the first step
  // and kept: the integer encoding's largest |PE| is 19).
  const std::string fields = page_text(deck, 4);
  EXPECT_NE(fields.find("reaches 19 at the last position."), std::string::npos) << fields;
  // Every page drawn: the title's ink at the top left, a figure's colours in its left part.
  for (int page = 1; page <= 4; ++page) {
    const Image img = render(deck, page);
    ASSERT_EQ(img.width, 1200) << page;
    ASSERT_EQ(img.height, 750) << page;
    const std::vector<Box> title = ink_rows(img, {0, 0, 1200, 60});
    ASSERT_EQ(title.size(), 1u) << page;
    EXPECT_NEAR(title[0].x0, 16, 3) << page;  // the figure's margin: 0.8 font sizes
    long coloured = 0;
    for (int y = 80; y < 700; y += 2) {
      for (int x = 0; x < 700; x += 2) {
        const unsigned char* p = img.at(x, y);
        coloured += std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > 60 ? 1 : 0;
      }
    }
    EXPECT_GT(coloured, 2000) << "page " << page << " has no figure";
  }
}

// The deck's figure is the figure's PNG: the same step drawn as one picture at the size
// the deck gives it matches the deck page's left part.
TEST_F(DeckExport, FigureOnThePageIsItsPng) {
  const fs::path lesson = write_lesson(kSmallLesson), deck = dir_ / "deck.pdf";
  std::ostringstream out, err;
  ASSERT_EQ(run_lesson_deck(lesson.string(), {{"--out", deck.string()}}, out, err), 0) << err.str();
  const LessonParse parsed = load_lesson(lesson);
  ASSERT_TRUE(parsed.ok());
  PdfDeck sizes(deck.string(), PictureOptions{}, "");
  const plot::FigureRequest request = sizes.figure_request(true);
  const plot::Figure figure = step_figure(parsed.lesson->steps[0], request, true);
  PictureOptions one;
  one.width = request.width;
  one.height = request.height;
  const fs::path png = dir_ / "step.png";
  FigureFileWriter().write(figure, png.string(), one);
  const Image a = testing_png::load(png), page = render(deck, 1);
  ASSERT_EQ(page.width, 1600);
  // The figure sits below the title band: find its top by matching rows.
  Image b;
  b.width = a.width;
  b.height = a.height;
  const int top = 1000 - 32 - a.height;  // the footer's band (1.6 font sizes) is below it
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const unsigned char* p = page.at(x, y + top);
      b.rgb.insert(b.rgb.end(), p, p + 3);
    }
  }
  const Difference d = compare(a, b);
  record("deck-step-1", d);
  EXPECT_LT(d.mean, 6.0);
  EXPECT_LT(d.near_mean, 2.8);
  EXPECT_LT(d.near_strong, 0.007);
}

TEST_F(DeckExport, BuiltInLessonHasStepsPlusQuestionsPages) {
  const fs::path lesson = builtin_lesson_dir() / "07-rope.lesson", deck = dir_ / "rope.pdf";
  const LessonParse parsed = load_lesson(lesson);
  ASSERT_TRUE(parsed.ok());
  const int expected = static_cast<int>(parsed.lesson->steps.size()) + parsed.lesson->questions();
  std::ostringstream out, err;
  ASSERT_EQ(run_lesson_deck(lesson.string(), {{"out", deck.string()}, {"theme", "dark"}}, out, err),
            0)
      << err.str();
  EXPECT_EQ(page_count(deck), expected);
  const Image last = render(deck, expected);
  ASSERT_EQ(last.width, 1600);
  // The dark theme's background, and the title's light ink on it.
  EXPECT_LT(last.at(5, 5)[0] + last.at(5, 5)[1] + last.at(5, 5)[2], 3 * 80);
}

TEST_F(DeckExport, BadOptionsAndPathsWriteNothingAndSayOneLine) {
  const fs::path lesson = write_lesson(kSmallLesson);
  const auto run = [&](const std::vector<std::pair<std::string, std::string>>& options, int code) {
    std::ostringstream out, err;
    EXPECT_EQ(run_lesson_deck(lesson.string(), options, out, err), code);
    const std::string e = err.str();
    EXPECT_EQ(std::count(e.begin(), e.end(), '\n'), 1) << e;
    return e;
  };
  EXPECT_NE(run({{"out", (dir_ / "d.pdf").string()}, {"scale", "2"}}, 2).find("--scale"),
            std::string::npos);
  EXPECT_NE(run({{"out", (dir_ / "d.png").string()}}, 2).find(".pdf"), std::string::npos);
  EXPECT_NE(run({{"width", "2"}, {"out", (dir_ / "d.pdf").string()}}, 2).find("--width"),
            std::string::npos);
  run({}, 2);
  const fs::path blocker = dir_ / "file";
  std::ofstream(blocker) << "x";
  EXPECT_NE(run({{"out", (blocker / "d.pdf").string()}}, 2).find("d.pdf"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "d.pdf"));
  EXPECT_FALSE(fs::exists(dir_ / "d.png"));
  // A lesson with a problem: its line, exit 1, nothing written.
  const fs::path bad = dir_ / "bad.lesson";
  std::ofstream(bad) << "title: Bad\n\n## One\nview: no-such-view\n";
  std::ostringstream out, err;
  EXPECT_EQ(run_lesson_deck(bad.string(), {{"out", (dir_ / "b.pdf").string()}}, out, err), 1);
  EXPECT_NE(err.str().find("bad.lesson:4"), std::string::npos) << err.str();
  EXPECT_FALSE(fs::exists(dir_ / "b.pdf"));
}

TEST_F(DeckExport, TheProgramWritesADeckFromTheCommandLine) {
  const fs::path lesson = write_lesson(kSmallLesson), deck = dir_ / "cli.pdf";
  const testing_process::Outcome o =
      testing_process::run({PEVIZ_EXE, "lesson", "export", lesson.string(), "--slides", "--out",
                            deck.string(), "--width", "1200", "--height", "750"},
                           {120.0, 4096, {}, {"DISPLAY="}});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o) << ": " << o.err;
  EXPECT_EQ(page_count(deck), 4);  // three steps, one answer
  const Image first = render(deck, 1);
  EXPECT_EQ(first.width, 1200);
  // Without a file name: one line, nothing written.
  const testing_process::Outcome bad = testing_process::run(
      {PEVIZ_EXE, "lesson", "export", "--slides", "--out", (dir_ / "x.pdf").string()},
      {60.0, 4096, {}, {"DISPLAY="}});
  EXPECT_TRUE(bad.exited(2)) << bad.err;
  EXPECT_NE(bad.err.find("name the lesson file first"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.pdf"));
}

}  // namespace
}  // namespace peviz
