// The "similarity" view at the sizes a lecture hall's projector asks for (text scale 1 and 2):
// both panels stay, the profile holds the cosine the paper's formula gives, and the grid is
// core's Toeplitz grid; at the normal size the grid keeps its colorbar and axis labels.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

// docs/formulas.md Sec. 3, written out: cosine at offset r = (2/d) sum_i cos(r base^(-2i/d)).
double cosine_at(long r, int d) {
  double sum = 0.0;
  for (int i = 0; i < d / 2; ++i) sum += std::cos(r * std::pow(10000.0, -2.0 * i / d));
  return 2.0 * sum / d;
}

TEST(SimilarityViewTest, EverySizeKeepsTheGridAndTheProfile) {
  auto view = view_named("similarity");
  ASSERT_TRUE(view);
  SharedParams s;
  for (const auto& [w, h] : {std::pair{364, 336}, std::pair{464, 476}, std::pair{563, 516},
                             std::pair{864, 696}, std::pair{1200, 900}}) {
    const plot::Figure f = build(*view, s, w, h);
    const plot::Panel* grid = panel(f, "grid");
    const plot::Panel* profile = panel(f, "profile");
    ASSERT_TRUE(grid && grid->heatmap && profile) << w;
    // Row 50 against all: the cosine at each distance.
    const plot::LineSeries& line = profile->lines.at(0);
    ASSERT_EQ(line.x.size(), 100u) << w;
    for (std::size_t q = 0; q < line.x.size(); q += 7)
      EXPECT_NEAR(line.y[q], cosine_at(std::labs(static_cast<long>(line.x[q]) - 50), 64), 1e-12)
          << w;
    // The grid's cells (sampled or not) depend only on the distance.
    const Eigen::MatrixXd& v = *grid->heatmap->values;
    EXPECT_NEAR(v(0, 0), 1.0, 1e-12) << w;
    EXPECT_NEAR(v(1, 1), 1.0, 1e-12) << w;
    // No text of the profile (the row's label) starts outside its window.
    for (const plot::Text& t : profile->texts) {
      EXPECT_GE(t.x, profile->x.lo) << w;
      EXPECT_LE(t.x, profile->x.hi) << w;
    }
  }
  const plot::Figure normal = build(*view, s, 1200, 900);
  EXPECT_TRUE(panel(normal, "grid")->heatmap->colorbar);
  EXPECT_EQ(panel(normal, "grid")->x.label, "position q");
}

}  // namespace
}  // namespace peviz
