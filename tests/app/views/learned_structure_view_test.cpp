// The "learned-structure" view: without a table it studies the seeded random-init table and
// says so in its title; with one it shows that table's PCA (a circle stays a circle) and its
// spectrum, beside the sinusoidal table of the same size, whose columns it finds sinusoidal.
#include "app/views/learned_structure_view.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <utility>

#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "core/table_structure.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

const plot::LineSeries* path_of(const plot::Panel& p) {
  return p.lines.empty() ? nullptr : &p.lines[0];
}

TEST(LearnedStructureViewTest, RandomInitTableWhenNoneIsLoaded) {
  LearnedStructureView view;
  SharedParams s;
  s.d = 32;
  s.positions = 128;
  const plot::Figure f = build(view, s, 1400, 1000);
  ASSERT_TRUE(f.message.empty()) << f.message;
  EXPECT_NE(f.title.find("random init table (seed 0)"), std::string::npos) << f.title;
  EXPECT_NE(f.title.find("--table FILE"), std::string::npos) << f.title;
  for (const char* id : {"pca-learned", "components-learned", "spectrum-learned", "pca-sinusoidal",
                         "components-sinusoidal", "spectrum-sinusoidal"})
    EXPECT_TRUE(panel(f, id)) << id;
  const plot::Panel* sp = panel(f, "spectrum-learned");
  ASSERT_TRUE(sp && sp->heatmap);
  EXPECT_EQ(sp->heatmap->values->rows(), 65);  // bins 0..N/2
  EXPECT_EQ(sp->heatmap->values->cols(), 32);
  EXPECT_DOUBLE_EQ(sp->heatmap->values->maxCoeff(), 1.0);
  // Noise is not sinusoidal; the sinusoidal table is.
  EXPECT_LT(figure_value(f, "likeness_mean_learned"), 0.15);
  EXPECT_GT(figure_value(f, "likeness_mean_sinusoidal"), 0.5);
  // A random table spreads its variance: PC1 holds little of it.
  EXPECT_LT(figure_value(f, "explained_pc1_learned"), 0.1);
  EXPECT_GT(figure_value(f, "explained_pc1_sinusoidal"), 0.1);
}

// A loaded table whose rows go round a circle of radius 0.5 in a plane of 8 dimensions, four
// times: the scatter is that circle, the spectrum's dominant frequency 4 / N.
TEST(LearnedStructureViewTest, LoadedTable) {
  const long n = 200;
  auto table = std::make_shared<PositionTable>();
  table->values = Eigen::MatrixXd::Zero(n, 8);
  for (long p = 0; p < n; ++p) {
    const double t = 2 * std::numbers::pi * 4.0 * p / n;
    table->values(p, 1) = 0.3 * std::cos(t) + 0.4 * std::sin(t);
    table->values(p, 5) = 0.4 * std::cos(t) - 0.3 * std::sin(t);
    table->values(p, 6) = 0.25;
  }
  table->source = "circle.npy: circle (F32, 200 x 8)";
  LearnedStructureView view;
  SharedParams s;
  s.learned_table = table;
  const plot::Figure f = build(view, s, 1400, 1000);
  ASSERT_TRUE(f.message.empty()) << f.message;
  EXPECT_EQ(f.title.find("random"), std::string::npos) << f.title;
  EXPECT_NE(f.subtitle.find("circle.npy: circle (F32, 200 x 8)"), std::string::npos) << f.subtitle;
  const plot::Panel* pca = panel(f, "pca-learned");
  ASSERT_TRUE(pca);
  const plot::LineSeries* path = path_of(*pca);
  ASSERT_TRUE(path);
  ASSERT_EQ(path->x.size(), 200u);
  for (std::size_t p = 0; p < path->x.size(); ++p)
    EXPECT_NEAR(std::hypot(path->x[p], path->y[p]), 0.5, 1e-9) << p;
  EXPECT_NEAR(figure_value(f, "explained_pc1_learned"), 0.5, 1e-9);
  // Hovering a point names its position.
  const std::vector<std::string> at = pca->readout(path->x[37], path->y[37]);
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(at[0], "position 37");
  EXPECT_TRUE(pca->readout(10.0, 10.0).empty());
  // The colours run along the positions: 8 groups of 25 after the path.
  EXPECT_EQ(pca->lines.size(), 9u);
  EXPECT_EQ(pca->lines[1].label, "positions 0–24");
  EXPECT_EQ(pca->lines[8].label, "positions 175–199");
  // The spectrum of the two circle columns: all in bin 4.
  const plot::Panel* sp = panel(f, "spectrum-learned");
  ASSERT_TRUE(sp && sp->heatmap);
  EXPECT_DOUBLE_EQ((*sp->heatmap->values)(4, 1), 1.0);
  EXPECT_DOUBLE_EQ((*sp->heatmap->values)(4, 5), 1.0);
  EXPECT_NEAR((*sp->heatmap->values)(20, 1), 0.0, 1e-9);
  const std::vector<std::string> readout = sp->readout(1.0, 4.0 / n);
  ASSERT_GE(readout.size(), 3u);
  EXPECT_EQ(readout[1], "dominant: 0.02 cycles/position (period 50)");
  EXPECT_EQ(readout[2], "sinusoid-likeness 1.000");
}

TEST(LearnedStructureViewTest, LikenessBarsAndNoComparison) {
  LearnedStructureView view;
  SharedParams s;
  s.d = 16;
  s.positions = 64;
  set_param(s, view, "spectrum", "likeness");
  set_param(s, view, "compare", "false");
  const plot::Figure f = build(view, s, 1000, 800);
  EXPECT_EQ(f.panels.size(), 3u);
  EXPECT_FALSE(panel(f, "pca-sinusoidal"));
  const plot::Panel* sp = panel(f, "spectrum-learned");
  ASSERT_TRUE(sp);
  EXPECT_FALSE(sp->heatmap);
  ASSERT_EQ(sp->bars.size(), 1u);
  const TableSpectrum expected = table_spectrum(structure_table(s));
  ASSERT_EQ(sp->bars[0].height.size(), 16u);
  for (int c = 0; c < 16; ++c) EXPECT_DOUBLE_EQ(sp->bars[0].height[c], expected.likeness[c]);
}

// Smaller figures keep readable rows: the components go first, then the spectrum; the PCA
// scatter of both tables stays.
TEST(LearnedStructureViewTest, SmallFiguresDropRows) {
  LearnedStructureView view;
  SharedParams s;
  std::size_t last = 7;
  for (const auto& [w, h] : {std::pair{1400, 1000}, std::pair{1000, 640}, std::pair{700, 380}}) {
    const plot::Figure f = build(view, s, w, h);
    EXPECT_LT(f.panels.size(), last) << w;
    last = f.panels.size();
    EXPECT_TRUE(panel(f, "pca-learned") && panel(f, "pca-sinusoidal")) << w;
    EXPECT_EQ(panel(f, "components-learned") != nullptr, f.panels.size() == 6u) << w;
  }
  EXPECT_EQ(last, 2u);
}

// An odd width: the sinusoidal table beside it takes the first d columns of d + 1.
TEST(LearnedStructureViewTest, OddWidthTable) {
  auto table = std::make_shared<PositionTable>();
  table->values = Eigen::MatrixXd::Random(50, 5);
  table->source = "odd.npy: odd (F64, 50 x 5)";
  SharedParams s;
  s.learned_table = table;
  const Eigen::MatrixXd ref = structure_reference(s, 50, 5);
  ASSERT_EQ(ref.cols(), 5);
  SinusoidalParams p;
  p.d = 6;
  p.positions = 50;
  EXPECT_TRUE(ref.isApprox(sinusoidal_encoding(p).leftCols(5)));
  LearnedStructureView view;
  const plot::Figure f = build(view, s);
  EXPECT_TRUE(f.message.empty()) << f.message;
  EXPECT_TRUE(f.problem.empty()) << f.problem;
  EXPECT_TRUE(panel(f, "spectrum-sinusoidal"));
}

// The sizes the views test uses for every view (d 2 to 4096, 1 to 131072 positions): a Figure
// of finite numbers that renders; a big table is analysed in its top-left 1024 x 256, and the
// note says so.
TEST(LearnedStructureViewTest, ExtremeSizesBuildAndRender) {
  LearnedStructureView view;
  for (const auto& [d, positions] :
       {std::pair{64, 100}, std::pair{2, 1}, std::pair{4096, 131072}}) {
    SCOPED_TRACE(std::to_string(d) + " x " + std::to_string(positions));
    SharedParams s;
    s.scheme = Scheme::Learned;
    s.d = d;
    s.positions = positions;
    const plot::Figure f = build(view, s);
    ASSERT_TRUE(f.message.empty()) << f.message;
    ASSERT_EQ(f.panels.size(), 6u);
    for (const plot::Panel& p : f.panels) {
      EXPECT_TRUE(std::isfinite(p.x.lo) && std::isfinite(p.x.hi) && p.x.lo < p.x.hi) << p.id;
      EXPECT_TRUE(std::isfinite(p.y.lo) && std::isfinite(p.y.hi) && p.y.lo < p.y.hi) << p.id;
      for (const plot::LineSeries& l : p.lines)
        for (std::size_t i = 0; i < l.y.size(); ++i)
          ASSERT_TRUE(std::isfinite(l.x[i]) && std::isfinite(l.y[i])) << p.id;
      if (p.heatmap) {
        EXPECT_TRUE(p.heatmap->values->allFinite()) << p.id;
      }
    }
    if (positions > 1024) {
      EXPECT_EQ(f.note,
                "analysed: positions 0–1023 of 131072, dimensions 0–255 of 4096 (a bigger "
                "table's PCA takes too long to redraw)");
      EXPECT_EQ(panel(f, "spectrum-learned")->heatmap->values->cols(), 256);
      EXPECT_EQ(panel(f, "spectrum-learned")->heatmap->values->rows(), 513);
    } else {
      EXPECT_TRUE(f.note.empty()) << f.note;
    }
    const Ink ink = ink_of(render(f));
    EXPECT_GT(ink.colours, 20u);
    EXPECT_GT(ink.pixels, 1200L * 800 / 100);
  }
}

// The analysed corner of a big seeded table is the corner of the whole table (its cells depend
// on (seed, position, pair) alone, so the view draws only the columns it analyses), an odd
// full width included.
TEST(LearnedStructureViewTest, AnalysedCornerOfABigTable) {
  for (const int d : {4096, 1001, 257}) {
    SCOPED_TRACE(d);
    SharedParams s;
    s.d = d;
    s.positions = 5000;
    s.seed = 3;
    const Eigen::MatrixXd corner = structure_table(s);
    ASSERT_EQ(corner.rows(), kMaxStructureRows);
    ASSERT_EQ(corner.cols(), kMaxStructureCols);
    LearnedParams p;
    p.d = d;
    p.positions = kMaxStructureRows;
    p.seed = 3;
    EXPECT_EQ(corner, learned_encoding(p).leftCols(kMaxStructureCols));
  }
}

// At 1048576 x 4096 the figure's numbers are core's on the analysed corner, for both tables
// (built at the same time on two threads), and the figure says what it analysed.
TEST(LearnedStructureViewTest, HugeTableNumbersAreCoresOnTheCorner) {
  LearnedStructureView view;
  SharedParams s;
  s.scheme = Scheme::Learned;
  s.d = 4096;
  s.positions = 1048576;
  const plot::Figure f = build(view, s, 1600, 1000);
  ASSERT_TRUE(f.message.empty()) << f.message;
  EXPECT_NE(f.note.find("positions 0–1023 of 1048576, dimensions 0–255 of 4096"), std::string::npos)
      << f.note;
  EXPECT_NE(f.subtitle.find("1024 positions × 256 dimensions"), std::string::npos) << f.subtitle;
  const Eigen::MatrixXd table = structure_table(s);
  const Eigen::MatrixXd reference = structure_reference(s, 1024, 256);
  EXPECT_EQ(figure_value(f, "explained_pc1_learned"), table_pca(table).explained[0]);
  EXPECT_EQ(figure_value(f, "explained_pc1_sinusoidal"), table_pca(reference).explained[0]);
  EXPECT_EQ(figure_value(f, "likeness_mean_learned"), table_spectrum(table).likeness.mean());
  EXPECT_EQ(figure_value(f, "likeness_mean_sinusoidal"), table_spectrum(reference).likeness.mean());
  const plot::Panel* pca = panel(f, "pca-sinusoidal");
  ASSERT_TRUE(pca);
  const TablePca expected = table_pca(reference);
  ASSERT_EQ(pca->lines[0].x.size(), 1024u);
  for (std::size_t p = 0; p < 1024; p += 97) {
    EXPECT_EQ(pca->lines[0].x[p], expected.coords(static_cast<long>(p), 0));
    EXPECT_EQ(pca->lines[0].y[p], expected.coords(static_cast<long>(p), 1));
  }
}

}  // namespace
}  // namespace peviz
