// The "properties" view: every check's verdict and number agrees with what the paper's
// formulas give (computed here), the charts hold the norms and the cosine profile, learned
// tables fail the norm check and say when they sample, and the badges are drawn.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/learned.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

std::string fmt_dist(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "min distance = %.6g", v);
  return b;
}

// docs/formulas.md Sec. 3, written out: cosine at offset r = (2/d) sum_i cos(r base^(-2i/d)).
double cosine_at(long r, int d) {
  double sum = 0.0;
  for (int i = 0; i < d / 2; ++i) sum += std::cos(r * std::pow(10000.0, -2.0 * i / d));
  return 2.0 * sum / d;
}

TEST(PropertiesViewTest, SinusoidalPassesEveryCheckWithItsNumbers) {
  auto view = view_named("properties");
  ASSERT_TRUE(view);
  SharedParams s;
  const plot::Figure f = build(*view, s);
  const std::string text = all_text(f);
  EXPECT_EQ(occurrences(text, "PASS"), 4u);
  EXPECT_EQ(occurrences(text, "FAIL"), 0u);
  EXPECT_NE(text.find("4 of 4 checks pass"), std::string::npos);
  // sqrt(64/2) = 5.65685; neighbours 0 and 1 at distance sqrt(64 - 2 * 32 * cosine(1)).
  EXPECT_NE(text.find("5.65685"), std::string::npos);
  const double dist = std::sqrt(64.0 - 64.0 * cosine_at(1, 64));
  EXPECT_NE(text.find(fmt_dist(dist)), std::string::npos) << fmt_dist(dist);
  const plot::Panel* norm = panel(f, "norm");
  ASSERT_TRUE(norm);
  const plot::LineSeries& rows = norm->lines.at(0);
  ASSERT_EQ(rows.y.size(), 100u);
  for (double y : rows.y) EXPECT_NEAR(y, std::sqrt(32.0), 1e-12);
  EXPECT_TRUE(norm->x.position);
  const plot::LineSeries& prof = panel(f, "profile")->lines.at(0);
  ASSERT_EQ(prof.y.size(), 100u);
  for (long r : {0L, 1L, 7L, 99L}) EXPECT_NEAR(prof.y[r], cosine_at(r, 64), 1e-12) << r;
}

TEST(PropertiesViewTest, SmallDimensionFailsNearestIsMostSimilar) {
  auto view = view_named("properties");
  SharedParams s;
  s.d = 4;
  const plot::Figure f = build(*view, s);
  const std::string text = all_text(f);
  EXPECT_EQ(occurrences(text, "FAIL"), 1u);
  // The most similar offset is the argmax of the closed form over 1..99.
  long best = 1;
  for (long r = 2; r < 100; ++r) {
    if (cosine_at(r, 4) > cosine_at(best, 4)) best = r;
  }
  EXPECT_NE(best, 1);
  EXPECT_NE(text.find("most similar: offset " + std::to_string(best) + " "), std::string::npos)
      << text;
}

TEST(PropertiesViewTest, LearnedFailsTheNormAndSaysWhenItSamples) {
  auto view = view_named("properties");
  SharedParams s;
  s.scheme = Scheme::Learned;
  const plot::Figure f = build(*view, s);
  const std::string text = all_text(f);
  EXPECT_NE(text.find("FAIL"), std::string::npos);
  EXPECT_NE(text.find("0.16"), std::string::npos);    // sqrt(64) * 0.02
  EXPECT_EQ(text.find("sample"), std::string::npos);  // 100 rows: every pair

  s.positions = 131072;
  s.d = 512;
  const plot::Figure g = build(*view, s);
  const std::string big = all_text(g);
  EXPECT_NE(big.find("on a sample of"), std::string::npos);
  EXPECT_NE(g.note.find("Sampled"), std::string::npos);
}

// At 1048576 x 4096 the checks sample what the figure can show, and the figure says how much:
// each number it draws is checked here against the formula or against rows drawn here.
TEST(PropertiesViewTest, AMillionPositionsSayWhatIsSampled) {
  auto view = view_named("properties");
  SharedParams s;
  s.positions = 1048576;
  s.d = 4096;
  const plot::Figure f = build(*view, s, 1600, 1000);
  const std::string text = all_text(f);
  EXPECT_EQ(occurrences(text, "PASS"), 4u);
  const plot::Panel* norm = panel(f, "norm");
  ASSERT_TRUE(norm);
  EXPECT_EQ(norm->title, "Norm of 256 sampled rows");
  const plot::LineSeries& rows = norm->lines.at(0);
  ASSERT_EQ(rows.y.size(), 256u);
  EXPECT_EQ(rows.x[1], 4096.0);
  for (double y : rows.y) EXPECT_NEAR(y, std::sqrt(2048.0), 1e-10);
  EXPECT_NE(f.note.find("256 positions (every 4096th row)"), std::string::npos) << f.note;
  EXPECT_NE(f.note.find("uniqueness over offsets 1–512, then every 770th one"), std::string::npos)
      << f.note;
  EXPECT_NE(f.note.find("similarity (every 770th offset)"), std::string::npos) << f.note;
  const plot::LineSeries& prof = panel(f, "profile")->lines.at(0);
  ASSERT_EQ(prof.y.size(), 1363u);
  for (std::size_t k : {0u, 1u, 2u, 1000u, 1362u}) {
    const long r = std::lround(prof.x[k]);
    EXPECT_EQ(r, k < 2 ? static_cast<long>(k) : static_cast<long>(770 * (k - 1)));
    EXPECT_NEAR(prof.y[k], cosine_at(r, 4096), 1e-9) << r;
  }
  const double dist = std::sqrt(4096.0 - 4096.0 * cosine_at(1, 4096));
  EXPECT_NE(text.find(fmt_dist(dist)), std::string::npos) << fmt_dist(dist);

  s.scheme = Scheme::Learned;
  const plot::Figure g = build(*view, s, 1600, 1000);
  const std::string big = all_text(g);
  const plot::Panel* gnorm = panel(g, "norm");
  ASSERT_TRUE(gnorm);
  const plot::LineSeries& grows = gnorm->lines.at(0);
  const std::size_t m = grows.y.size();
  EXPECT_EQ(gnorm->title, "Norm of " + std::to_string(m) + " sampled rows");
  EXPECT_LE(m, 256u);
  EXPECT_GE(m, 200u);
  EXPECT_NE(big.find("on " + std::to_string(m) + " of 1048576 positions: 0, 1, then every"),
            std::string::npos)
      << big;
  EXPECT_NE(g.note.find("bounds, norms and similarity on " + std::to_string(m) + " positions"),
            std::string::npos)
      << g.note;
  EXPECT_NE(g.note.find("uniqueness from every pair of 128 positions"), std::string::npos)
      << g.note;
  EXPECT_NE(big.find("estimated on a sample of 128 of 1048576 rows"), std::string::npos) << big;
  // The rows drawn here: norms and the cosine of position 0 against the others.
  const Eigen::VectorXd first = learned_row(0, 4096, 0, 0.02);
  for (const std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{2}, m - 1}) {
    const long pos = std::lround(grows.x[k]);
    const Eigen::VectorXd row = learned_row(pos, 4096, 0, 0.02);
    EXPECT_NEAR(grows.y[k], row.norm(), 1e-12) << pos;
    const plot::LineSeries& gprof = panel(g, "profile")->lines.at(0);
    EXPECT_EQ(std::lround(gprof.x[k]), pos);
    EXPECT_NEAR(gprof.y[k], first.dot(row) / (first.norm() * row.norm()), 1e-12) << pos;
  }
}

// At presentation sizes every verdict stays, with its number where it fits; the charts go
// when the checks need the width.
TEST(PropertiesViewTest, NarrowRequestsKeepEveryVerdict) {
  auto view = view_named("properties");
  SharedParams s;
  for (const auto& [w, h] :
       {std::pair{364, 336}, std::pair{464, 476}, std::pair{563, 516}, std::pair{864, 696}}) {
    const plot::Figure f = build(*view, s, w, h);
    const std::string text = all_text(f);
    EXPECT_EQ(occurrences(text, "PASS"), 4u) << w;
    EXPECT_NE(text.find("0.9662"), std::string::npos) << w;  // nearest is most similar, cos 0.9662
    EXPECT_EQ(f.values.size(), 15u) << w;
  }
  EXPECT_TRUE(panel(build(*view, s, 1200, 900), "profile"));
}

TEST(PropertiesViewTest, BadgesAreDrawnInGreenAndVermillion) {
  auto view = view_named("properties");
  SharedParams s;
  s.scheme = Scheme::Learned;
  const std::vector<std::uint8_t> rgba = render(build(*view, s));
  long green = 0, red = 0;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    green += std::abs(rgba[i] - 0x00) < 10 && std::abs(rgba[i + 1] - 0x9e) < 10 &&
             std::abs(rgba[i + 2] - 0x73) < 10;
    red += std::abs(rgba[i] - 0xd5) < 10 && std::abs(rgba[i + 1] - 0x5e) < 10 && rgba[i + 2] < 12;
  }
  EXPECT_GT(green, 600);  // two discs and words
  EXPECT_GT(red, 600);
  EXPECT_GT(ink_of(rgba).pixels, 1200L * 800 / 50);
}

}  // namespace
}  // namespace peviz
