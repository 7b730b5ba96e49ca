// The "shift" view: M_k's entries are cos / sin of k w_i (computed here from the paper's
// formula), the three rows match PE computed here, the prediction sits on the actual row,
// the error is rounding-sized and grows with position, and the picture has its colours.
#include <gtest/gtest.h>

#include <cmath>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

// Vaswani Sec. 3.5, written out independently: w_i = base^(-2i/d).
double omega(int i, int d, double base = 10000.0) {
  return std::pow(base, -2.0 * i / d);
}

TEST(ShiftViewTest, MatrixHoldsTheRotationBlocks) {
  auto view = view_named("shift");
  ASSERT_TRUE(view);
  SharedParams s;
  set_param(s, *view, "offset", "3");
  const plot::Figure f = build(*view, s);
  const plot::Panel* m = panel(f, "matrix");
  ASSERT_TRUE(m && m->heatmap);
  const Eigen::MatrixXd& v = *m->heatmap->values;
  ASSERT_EQ(v.rows(), 64);
  ASSERT_EQ(v.cols(), 64);
  for (int i : {0, 5, 31}) {
    const double a = 3 * omega(i, 64);
    EXPECT_NEAR(v(2 * i, 2 * i), std::cos(a), 1e-15);
    EXPECT_NEAR(v(2 * i, 2 * i + 1), std::sin(a), 1e-15);
    EXPECT_NEAR(v(2 * i + 1, 2 * i), -std::sin(a), 1e-15);
    EXPECT_NEAR(v(2 * i + 1, 2 * i + 1), std::cos(a), 1e-15);
  }
  EXPECT_EQ(v(0, 2), 0.0);
  EXPECT_EQ(v(10, 40), 0.0);
  EXPECT_NE(all_text(f).find("k = 3"), std::string::npos);
  EXPECT_FALSE(m->readout(1.0, 0.0).empty());

  // Concat layout: the block of pair i sits on columns (i, i + 32).
  set_param(s, *view, "layout", "concat");
  const plot::Figure g = build(*view, s);
  const Eigen::MatrixXd& c = *panel(g, "matrix")->heatmap->values;
  EXPECT_NEAR(c(0, 32), std::sin(3.0), 1e-15);
  EXPECT_NEAR(c(32, 0), -std::sin(3.0), 1e-15);
  EXPECT_NEAR(c(7, 39), std::sin(3 * omega(7, 64)), 1e-15);
  EXPECT_EQ(c(0, 1), 0.0);
}

TEST(ShiftViewTest, RowsPredictionAndErrorAreRight) {
  auto view = view_named("shift");
  SharedParams s;
  set_param(s, *view, "offset", "-4");
  set_param(s, *view, "position", "20");
  const plot::Figure f = build(*view, s);
  const plot::Panel* rows = panel(f, "rows");
  ASSERT_TRUE(rows && rows->heatmap);
  const Eigen::MatrixXd& r = *rows->heatmap->values;
  ASSERT_EQ(r.rows(), 3);
  for (int i : {0, 3, 20}) {
    EXPECT_NEAR(r(0, 2 * i), std::sin(20 * omega(i, 64)), 1e-14);
    EXPECT_NEAR(r(2, 2 * i + 1), std::cos(16 * omega(i, 64)), 1e-14);
    EXPECT_NEAR(r(1, 2 * i), r(2, 2 * i), 1e-14);  // M_k PE[p] = PE[p+k]
  }
  const plot::Panel* pred = panel(f, "prediction");
  ASSERT_TRUE(pred);
  const plot::LineSeries* actual = series(*pred, "actual");
  const plot::LineSeries* predicted = series(*pred, "predicted");
  ASSERT_TRUE(actual && predicted);
  ASSERT_EQ(actual->y.size(), 64u);
  for (std::size_t j = 0; j < 64; ++j) EXPECT_NEAR(actual->y[j], predicted->y[j], 1e-14);
  EXPECT_EQ(predicted->marker, plot::Marker::Diamond);
  // The big number: rounding-sized.
  const plot::Panel* big = panel(f, "error");
  ASSERT_TRUE(big);
  ASSERT_GE(big->texts.size(), 2u);
  const double shown = std::stod(big->texts[1].text);
  EXPECT_LT(shown, 1e-14);
  EXPECT_NE(all_text(f).find("PE[16]"), std::string::npos);
}

TEST(ShiftViewTest, ErrorGrowsWithPosition) {
  auto view = view_named("shift");
  SharedParams s;
  s.positions = 100000;
  const plot::Figure f = build(*view, s);
  const plot::LineSeries& e = panel(f, "errors")->lines.at(0);
  ASSERT_GT(e.y.size(), 40u);
  // The first sample covers the first few dozen positions; the last ones are near 1e5.
  const double head = e.y[0];
  double tail = 0.0;
  for (std::size_t j = e.y.size() - 10; j < e.y.size(); ++j) tail = std::max(tail, e.y[j]);
  // docs/formulas.md Sec. 2: ~1e-15 to 1e-14 for small p, growing about linearly with p.
  EXPECT_LT(head, 5e-14);
  EXPECT_GT(tail, 20.0 * head);
  EXPECT_LT(tail, 1e-9);
  EXPECT_NE(f.note.find("position"), std::string::npos);  // sampled, and says so
}

// At presentation sizes the figure keeps the big number (second text of its panel) and, when
// there is room, the matrix; at the normal size all five panels.
TEST(ShiftViewTest, NarrowRequestsKeepTheBigNumber) {
  auto view = view_named("shift");
  SharedParams s;
  set_param(s, *view, "offset", "5");
  for (const auto& [w, h] :
       {std::pair{364, 336}, std::pair{464, 476}, std::pair{563, 516}, std::pair{864, 696}}) {
    const plot::Figure f = build(*view, s, w, h);
    const plot::Panel* big = panel(f, "error");
    ASSERT_TRUE(big) << w;
    ASSERT_GE(big->texts.size(), 2u) << w;
    EXPECT_LT(std::stod(big->texts[1].text), 1e-14) << w;
    if (w >= 464) {
      EXPECT_TRUE(panel(f, "matrix")) << w;
    }
  }
  const plot::Figure wide = build(*view, s, 1200, 900);
  for (const char* id : {"matrix", "rows", "prediction", "errors", "error"})
    EXPECT_TRUE(panel(wide, id)) << id;
}

TEST(ShiftViewTest, PictureShowsTheMatrixAndTheOrangeNumber) {
  auto view = view_named("shift");
  SharedParams s;
  s.d = 8;
  const plot::Figure f = build(*view, s);
  const std::vector<std::uint8_t> rgba = render(f);
  const Ink ink = ink_of(rgba);
  EXPECT_GT(ink.pixels, 1200L * 800 / 20);
  EXPECT_GT(ink.colours, 100u);
  long orange = 0, blue = 0;  // the error's colour (#d55e00); a dark RdBu blue of cos(1 * w) ~ 1
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    orange +=
        std::abs(rgba[i] - 0xd5) < 12 && std::abs(rgba[i + 1] - 0x5e) < 12 && rgba[i + 2] < 20;
    blue += rgba[i] < 60 && rgba[i + 2] > 90 && rgba[i + 2] > rgba[i] + 60;
  }
  EXPECT_GT(orange, 300);
  EXPECT_GT(blue, 2000);
}

}  // namespace
}  // namespace peviz
