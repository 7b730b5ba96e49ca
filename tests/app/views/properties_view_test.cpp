// The "properties" view: every check's verdict and number agrees with what the paper's
// formulas give (computed here), the charts hold the norms and the cosine profile, learned
// tables fail the norm check and say when they sample, and the badges are drawn.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

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
