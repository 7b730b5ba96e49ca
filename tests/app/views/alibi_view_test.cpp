// Tests for the "alibi" view: the slope bars against the published slopes (Press et al.,
// Sec. 3; docs/formulas.md Sec. 5: 12 heads are 2^-1..2^-8 then 2^-0.5..2^-3.5, unsorted), the
// horizons against ln(100)/m computed here, the bias cells against -m (i - j) written out,
// and the rendered picture.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

// Bar heights of a panel by x (over all its bar series).
std::map<long, double> bars_by_x(const plot::Panel& p) {
  std::map<long, double> out;
  for (const plot::Bars& b : p.bars) {
    for (std::size_t k = 0; k < b.x.size(); ++k) out[std::lround(b.x[k])] = b.height[k];
  }
  return out;
}

TEST(AlibiViewTest, TwelveHeadsInTheOfficialUnsortedOrderWithHorizons) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  set_param(s, *view, "heads", "12");
  set_param(s, *view, "head", "9");
  const plot::Figure f = build(*view, s, 1600, 900);
  const plot::Panel* slopes = panel(f, "slopes");
  const plot::Panel* horizon = panel(f, "horizon");
  ASSERT_TRUE(slopes && horizon);
  // The slope axis is the power x of m = 2^-x.
  const std::vector<double> powers = {1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5};
  const std::map<long, double> x = bars_by_x(*slopes), hz = bars_by_x(*horizon);
  ASSERT_EQ(x.size(), 12u);
  for (long h = 0; h < 12; ++h) {
    EXPECT_DOUBLE_EQ(x.at(h), powers[h]) << "head " << h;
    // Horizon: the bias -m r reaches -ln 100 at r = ln(100) 2^x.
    EXPECT_NEAR(hz.at(h), std::log(100.0) * std::pow(2.0, powers[h]), 1e-9) << "head " << h;
  }
  // Head 9 is the chosen one (its own bar series) with slope 2^-1.5 = 0.353553.
  EXPECT_NE(all_text(f).find("2^-1.5 = 0.353553"), std::string::npos) << f.subtitle;
  // Every bar is labelled with its power at this width.
  int labels = 0;
  for (const plot::Text& t : slopes->texts)
    labels += t.text == "-1.5" || t.text == "2^-1.5" ? 1 : 0;
  EXPECT_EQ(labels, 1);
}

TEST(AlibiViewTest, CausalBiasIsMinusSlopeTimesDistanceAndMasksTheFuture) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  set_param(s, *view, "positions", "20");
  set_param(s, *view, "head", "1");  // 8 heads: slope 2^-2
  const plot::Figure f = build(*view, s);
  const plot::Panel* p = panel(f, "bias");
  ASSERT_TRUE(p && p->heatmap);
  const Eigen::MatrixXd& b = *p->heatmap->values;
  ASSERT_EQ(b.rows(), 20);
  ASSERT_EQ(b.cols(), 20);
  for (int i = 0; i < 20; ++i) {
    for (int j = 0; j < 20; ++j) {
      if (j <= i) {
        EXPECT_DOUBLE_EQ(b(i, j), -0.25 * (i - j)) << i << "," << j;
      } else {
        EXPECT_TRUE(std::isinf(b(i, j)) && b(i, j) < 0) << i << "," << j;
      }
    }
  }
  ASSERT_TRUE(static_cast<bool>(p->readout));
  const std::vector<std::string> r = p->readout(3.0, 10.0);  // key 3, query 10
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NE(r[1].find("-1.75"), std::string::npos) << r[1];
  EXPECT_NE(p->readout(12.0, 10.0)[1].find("masked"), std::string::npos);
}

TEST(AlibiViewTest, NoMaskIsTheSymmetricBias) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  set_param(s, *view, "positions", "9");
  set_param(s, *view, "mask", "none");
  const plot::Figure f = build(*view, s);
  const Eigen::MatrixXd& b = *panel(f, "bias")->heatmap->values;
  for (int i = 0; i < 9; ++i) {
    for (int j = 0; j < 9; ++j) EXPECT_DOUBLE_EQ(b(i, j), -0.5 * std::abs(i - j)) << i << "," << j;
  }
}

TEST(AlibiViewTest, SampledAtLargeNAndTheHeadIsClamped) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  set_param(s, *view, "positions", "131072");
  set_param(s, *view, "heads", "3");
  set_param(s, *view, "head", "7");  // clamped to head 2
  const plot::Figure f = build(*view, s);
  const plot::Panel* p = panel(f, "bias");
  ASSERT_TRUE(p && p->heatmap);
  EXPECT_LE(p->heatmap->values->rows(), 2000);
  EXPECT_NE(f.note.find("every"), std::string::npos);
  // 3 heads: 2^-4, 2^-8, then 2^-2 (every other slope of 4 heads).
  EXPECT_NE(f.subtitle.find("head 2: slope m = 2^-2 = 0.25"), std::string::npos) << f.subtitle;
  // The sampled cell (row r, column c) holds -m (q - k) of its sampled positions.
  const Eigen::MatrixXd& b = *p->heatmap->values;
  const double step = (p->heatmap->y_hi - p->heatmap->y_lo) / b.rows();
  const double q = p->heatmap->y_lo + 0.5 + (b.rows() - 1) * step, k = p->heatmap->x_lo + 0.5;
  EXPECT_DOUBLE_EQ(b(b.rows() - 1, 0), -0.25 * (q - k));
}

TEST(AlibiViewTest, RendersTheBiasMaskedTriangleAndTheChosenHead) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  const plot::Figure f = build(*view, s);
  const std::vector<std::uint8_t> px = render(f);
  const Ink ink = ink_of(px);
  EXPECT_GT(ink.pixels, 1200L * 800 / 20);
  // Viridis' dark end (masked and farthest cells) in the left half, the chosen head's
  // orange (#d55e00) in the right half.
  long dark = 0, orange = 0;
  for (int y = 0; y < 800; ++y) {
    for (int x = 0; x < 1200; ++x) {
      const std::uint8_t* c = &px[(static_cast<std::size_t>(y) * 1200 + x) * 4];
      if (x < 600 && std::abs(c[0] - 0x44) < 12 && std::abs(c[1] - 0x01) < 12 &&
          std::abs(c[2] - 0x54) < 14)
        ++dark;
      if (x > 600 && std::abs(c[0] - 0xd5) < 10 && std::abs(c[1] - 0x5e) < 10 && c[2] < 12)
        ++orange;
    }
  }
  EXPECT_GT(dark, 20000);
  EXPECT_GT(orange, 500);
}

TEST(AlibiViewTest, SmallFiguresKeepTheBiasAndDropTheBarCharts) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  set_param(s, *view, "heads", "12");
  // A presenter's small figure: the bias alone, the chosen head's slope and horizon above it.
  plot::Figure f = build(*view, s, 364, 336);
  ASSERT_EQ(f.panels.size(), 1u);
  EXPECT_EQ(f.panels[0].id, "bias");
  EXPECT_NE(f.subtitle.find("horizon 9.21"), std::string::npos) << f.subtitle;
  EXPECT_NE(f.subtitle.find("m = 0.5"), std::string::npos) << f.subtitle;
  // A little more room: the slopes beside it, in the official order.
  f = build(*view, s, 563, 516);
  ASSERT_EQ(f.panels.size(), 2u);
  const std::map<long, double> x = bars_by_x(*panel(f, "slopes"));
  ASSERT_EQ(x.size(), 12u);
  EXPECT_DOUBLE_EQ(x.at(8), 0.5);
  EXPECT_EQ(build(*view, s, 1200, 800).panels.size(), 3u);
}

TEST(AlibiViewTest, NoTextIsCutOrOverlapsWhenPresented) {
  auto view = view_named("alibi");
  SharedParams s;
  s.scheme = Scheme::Alibi;
  // The steps of lesson 8 that show the view.
  for (const auto& [heads, head, positions] :
       std::vector<std::tuple<const char*, const char*, const char*>>{
           {"8", "0", "100"}, {"8", "7", "100"}, {"12", "0", "100"}, {"8", "2", "2000"}}) {
    set_param(s, *view, "heads", heads);
    set_param(s, *view, "head", head);
    set_param(s, *view, "positions", positions);
    EXPECT_EQ(presented_failures(*view, s), "");
  }
  set_param(s, *view, "mask", "none");
  EXPECT_EQ(presented_failures(*view, s), "");
}

}  // namespace
}  // namespace peviz
