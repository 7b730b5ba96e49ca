// Tests for the "nope" view: the mask cells against the rule j <= i written out, the
// visible counts against i + 1 (and the flat N without a mask), sampling at large N, and
// the rendered picture (visible and masked colours both present under a causal mask).
#include <gtest/gtest.h>

#include <cmath>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

TEST(NopeViewTest, CausalMaskCellsAndVisibleCounts) {
  auto view = view_named("nope");
  SharedParams s;
  s.scheme = Scheme::Nope;
  set_param(s, *view, "positions", "10");
  set_param(s, *view, "start", "5");
  const plot::Figure f = build(*view, s);
  const plot::Panel* m = panel(f, "mask");
  ASSERT_TRUE(m && m->heatmap);
  const Eigen::MatrixXd& v = *m->heatmap->values;
  ASSERT_EQ(v.rows(), 10);
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 10; ++j) {
      if (j <= i) {
        EXPECT_EQ(v(i, j), 0.0);
      } else {
        EXPECT_TRUE(std::isinf(v(i, j)) && v(i, j) < 0);
      }
    }
  }
  const plot::Panel* c = panel(f, "counts");
  ASSERT_TRUE(c);
  const plot::LineSeries* causal = series(*c, "causal");
  const plot::LineSeries* none = series(*c, "no mask");
  ASSERT_TRUE(causal && none);
  ASSERT_EQ(causal->x.size(), 10u);
  for (std::size_t k = 0; k < causal->x.size(); ++k) {
    EXPECT_EQ(causal->y[k], causal->x[k] + 1.0);  // position p sees keys 0..p
    EXPECT_EQ(none->y[k], 15.0);                  // the whole sequence 0..14
  }
  EXPECT_EQ(causal->x.front(), 5.0);
  EXPECT_NE(c->readout(7.0, 0.0)[1].find("sees 8 tokens"), std::string::npos);
  EXPECT_NE(m->readout(8.0, 6.0)[1].find("masked"), std::string::npos);
}

TEST(NopeViewTest, WithoutTheMaskEveryPositionSeesEverythingAndSaysSo) {
  auto view = view_named("nope");
  SharedParams s;
  s.scheme = Scheme::Nope;
  set_param(s, *view, "positions", "12");
  set_param(s, *view, "mask", "none");
  const plot::Figure f = build(*view, s);
  EXPECT_TRUE(panel(f, "mask")->heatmap->values->isZero());
  EXPECT_NE(all_text(f).find("permutation"), std::string::npos);
  const plot::LineSeries* none = series(*panel(f, "counts"), "no mask");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->width, 3.5f);  // the active line
  for (double y : none->y) EXPECT_EQ(y, 12.0);
}

TEST(NopeViewTest, SampledAtLargeNWithTheLastPositionOnTheLine) {
  auto view = view_named("nope");
  SharedParams s;
  s.scheme = Scheme::Nope;
  set_param(s, *view, "positions", "131072");
  const plot::Figure f = build(*view, s);
  EXPECT_LE(panel(f, "mask")->heatmap->values->rows(), 2000);
  const plot::LineSeries* causal = series(*panel(f, "counts"), "causal");
  ASSERT_TRUE(causal);
  EXPECT_LE(causal->x.size(), 4000u);
  EXPECT_EQ(causal->x.back(), 131071.0);
  EXPECT_EQ(causal->y.back(), 131072.0);
}

TEST(NopeViewTest, RendersVisibleAndMaskedColours) {
  auto view = view_named("nope");
  SharedParams s;
  s.scheme = Scheme::Nope;
  const auto count = [](const std::vector<std::uint8_t>& px, unsigned rgb) {
    long n = 0;
    for (std::size_t k = 0; k + 3 < px.size(); k += 4) {
      if (std::abs(px[k] - static_cast<int>(rgb >> 16)) < 14 &&
          std::abs(px[k + 1] - static_cast<int>((rgb >> 8) & 0xff)) < 14 &&
          std::abs(px[k + 2] - static_cast<int>(rgb & 0xff)) < 14) {
        ++n;
      }
    }
    return n;
  };
  const std::vector<std::uint8_t> causal = render(build(*view, s));
  EXPECT_GT(count(causal, 0xfde725), 20000);  // viridis' bright end: visible
  EXPECT_GT(count(causal, 0x440154), 20000);  // its dark end: masked
  set_param(s, *view, "mask", "none");
  const std::vector<std::uint8_t> open = render(build(*view, s));
  EXPECT_GT(count(open, 0xfde725), 2 * count(causal, 0xfde725) - 5000);
  EXPECT_LT(count(open, 0x440154), 1000);
}

TEST(NopeViewTest, SmallFiguresKeepTheCounts) {
  auto view = view_named("nope");
  SharedParams s;
  s.scheme = Scheme::Nope;
  const plot::Figure f = build(*view, s, 364, 336);
  ASSERT_EQ(f.panels.size(), 1u);
  const plot::LineSeries* causal = series(f.panels[0], "causal");
  ASSERT_TRUE(causal);
  EXPECT_EQ(causal->y.back(), causal->x.back() + 1.0);
  EXPECT_EQ(build(*view, s, 1200, 800).panels.size(), 2u);
}

TEST(NopeViewTest, NoTextIsCutOrOverlapsWhenPresented) {
  auto view = view_named("nope");
  SharedParams s;
  s.scheme = Scheme::Nope;
  for (const char* mask : {"causal", "none"}) {  // lesson 9
    set_param(s, *view, "mask", mask);
    EXPECT_EQ(presented_failures(*view, s), "");
  }
  set_param(s, *view, "positions", "5000");
  set_param(s, *view, "start", "100");
  EXPECT_EQ(presented_failures(*view, s), "");
}

}  // namespace
}  // namespace peviz
