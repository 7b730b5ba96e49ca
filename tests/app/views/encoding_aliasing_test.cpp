// Honest pictures at any size (issue 13): at 1,048,576 positions a pixel row of the encoding
// heatmap covers ~1614 positions. One sample per row made the fast columns (wavelengths of 6 to
// 60 positions) alias into moire; the rows are now the exact means of the positions they cover
// (core/box_mean), the colorbar says so, the slow columns still follow the function, small
// pictures are the values themselves, and a superseded build stops. Likewise the similarity grid.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/learned.hpp"
#include "core/progress.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

constexpr long kMillion = 1048576;

double column_std(const Eigen::MatrixXd& v, Eigen::Index c) {
  const double mean = v.col(c).mean();
  return std::sqrt((v.col(c).array() - mean).square().mean());
}

// The rows a heatmap stands for: first position and positions per row, from its extent
// ([first - 0.5, first + rows * stride - 0.5]).
struct RowGeometry {
  long first = 0, stride = 1;
};
RowGeometry rows_of(const plot::HeatmapLayer& h) {
  const auto rows = static_cast<double>(h.values->rows());
  return {std::lround(h.y_lo + 0.5), std::lround((h.y_hi - h.y_lo) / rows)};
}
RowGeometry cols_of(const plot::HeatmapLayer& h) {
  const auto cols = static_cast<double>(h.values->cols());
  return {std::lround(h.x_lo + 0.5), std::lround((h.x_hi - h.x_lo) / cols)};
}

// The positions first .. first + count - 1 as a vector.
Eigen::VectorXd positions(long first, long count) {
  return Eigen::VectorXd::LinSpaced(count, static_cast<double>(first),
                                    static_cast<double>(first + count - 1));
}

plot::Figure encoding_at(const std::string& scheme, long n, int d, int w = 1200, int h = 800) {
  auto view = view_named("encoding");
  SharedParams s;
  set_param(s, *view, "scheme", scheme);
  set_param(s, *view, "positions", std::to_string(n));
  set_param(s, *view, "d", std::to_string(d));
  return build(*view, s, w, h);
}

TEST(EncodingAliasing, FastColumnsAreFlatMeansAtAMillionPositions) {
  const plot::Figure f = encoding_at("sinusoidal", kMillion, 512);
  const plot::HeatmapLayer& h = *panel(f, "encoding")->heatmap;
  const Eigen::MatrixXd& v = *h.values;
  const RowGeometry g = rows_of(h);
  ASSERT_EQ(v.rows(), 650);  // 800 - 150 rows
  ASSERT_EQ(v.cols(), 512);  // every dimension fits
  ASSERT_EQ(g.stride, 1614);
  EXPECT_EQ(h.value_label, "mean over 1614 positions");
  // Columns 0..15 (wavelengths 6.3 to 57 positions) average out to ~0: flat, not moire.
  // One sample per row, as before, had a standard deviation of ~0.7 down each.
  Eigen::VectorXi fast = Eigen::VectorXi::LinSpaced(16, 0, 15);
  Eigen::VectorXd starts(v.rows());
  for (Eigen::Index r = 0; r < v.rows(); ++r) starts[r] = static_cast<double>(g.first + r * 1614);
  const Eigen::MatrixXd sampled = sinusoidal_cells(starts, fast, 512, 10000.0, Layout::Interleaved);
  for (Eigen::Index c = 0; c < 16; ++c) {
    EXPECT_LT(column_std(v, c), 0.01) << "column " << c;
    EXPECT_GT(column_std(sampled, c), 0.6) << "column " << c;
  }
  // The slowest columns (wavelength ~60000 positions) still swing between -1 and 1.
  EXPECT_GT(column_std(v, 510), 0.6);
  EXPECT_GT(column_std(v, 511), 0.6);
  // Cells are the means of core's values over their positions, summed one by one.
  for (const Eigen::Index r : {Eigen::Index{0}, Eigen::Index{217}, v.rows() - 1}) {
    const long first = g.first + r * g.stride;
    const long count = std::min(g.stride, kMillion - first);
    for (const int c : {0, 7, 300, 510, 511}) {
      Eigen::VectorXi one(1);
      one << c;
      const double brute =
          sinusoidal_cells(positions(first, count), one, 512, 10000.0, Layout::Interleaved).mean();
      EXPECT_NEAR(v(r, c), brute, 1e-9) << "row " << r << " column " << c;
    }
  }
  // The note no longer calls the rows a sample.
  EXPECT_EQ(f.note.find("position"), std::string::npos) << f.note;
}

TEST(EncodingAliasing, SmallPicturesAreTheValuesThemselves) {
  // 100 positions: one row per position, exactly core's cells.
  const plot::Figure f = encoding_at("sinusoidal", 100, 64);
  const plot::HeatmapLayer& h = *panel(f, "encoding")->heatmap;
  EXPECT_EQ(h.value_label, "PE value");
  const Eigen::MatrixXd cells = sinusoidal_cells(
      positions(0, 100), Eigen::VectorXi::LinSpaced(64, 0, 63), 64, 10000.0, Layout::Interleaved);
  ASSERT_EQ(h.values->rows(), 100);
  EXPECT_TRUE(*h.values == cells);
  // 1300 positions on 650 rows: every 2nd position, a sample that cannot alias (the fastest
  // pair turns 2 rad per sample, under pi), drawn and noted as before.
  const plot::Figure two = encoding_at("sinusoidal", 1300, 64);
  const plot::HeatmapLayer& h2 = *panel(two, "encoding")->heatmap;
  ASSERT_EQ(rows_of(h2).stride, 2);
  Eigen::VectorXd even(h2.values->rows());
  for (Eigen::Index r = 0; r < even.size(); ++r) even[r] = 2.0 * static_cast<double>(r);
  EXPECT_TRUE(*h2.values == sinusoidal_cells(even, Eigen::VectorXi::LinSpaced(64, 0, 63), 64,
                                             10000.0, Layout::Interleaved));
  EXPECT_EQ(h2.value_label, "PE value");
  EXPECT_NE(two.note.find("every 2nd position"), std::string::npos) << two.note;
}

TEST(EncodingAliasing, LearnedRowsAreMeansWhenCheapAndSayWhenSampled) {
  // 20000 positions x 64: 1.28M entries to read, under 2^24: means over 62 positions (the
  // random init's cells are 2 x 2 pixels: 325 rows in the 650 of a 1200 x 800 figure).
  const plot::Figure cheap = encoding_at("learned", 20000, 64);
  const plot::HeatmapLayer& h = *panel(cheap, "encoding")->heatmap;
  const RowGeometry g = rows_of(h);
  ASSERT_EQ(g.stride, 62);
  EXPECT_EQ(h.value_label, "mean over 62 positions");
  for (const Eigen::Index r : {Eigen::Index{0}, Eigen::Index{300}, h.values->rows() - 1}) {
    const long first = g.first + r * g.stride;
    const long count = std::min(g.stride, 20000 - first);
    const Eigen::RowVectorXd brute =
        learned_cells(positions(first, count), Eigen::VectorXi::LinSpaced(64, 0, 63), 64, 0)
            .colwise()
            .mean();
    EXPECT_LT((h.values->row(r) - brute).cwiseAbs().maxCoeff(), 1e-15) << r;
  }
  // 1M x 512: 5e8 entries, too many: one position per row (every 3227th: 1048576 / 325 rows),
  // every other dimension (475 columns for 512), and the colorbar says which.
  const plot::Figure big = encoding_at("learned", kMillion, 512);
  const plot::HeatmapLayer& b = *panel(big, "encoding")->heatmap;
  EXPECT_EQ(b.value_label, "every 3227th position shown");
  Eigen::VectorXd starts(b.values->rows());
  for (Eigen::Index r = 0; r < starts.size(); ++r) starts[r] = 3227.0 * static_cast<double>(r);
  ASSERT_EQ(b.values->cols(), 256);
  EXPECT_TRUE(*b.values == learned_cells(starts, Eigen::VectorXi::LinSpaced(256, 0, 510), 512, 0));
}

TEST(EncodingAliasing, TheHoverGivesTheExactValueAndItsCellsMean) {
  const plot::Figure f = encoding_at("sinusoidal", kMillion, 512);
  const plot::Panel& p = *panel(f, "encoding");
  const std::vector<std::string> lines = p.readout(0.0, 123457.0);
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[0], "position 123457, dimension 0 (pair i = 0, sin)");
  char value[64];
  std::snprintf(value, sizeof value, "= %.6f", std::sin(123457.0));
  EXPECT_NE(lines[4].find(value), std::string::npos) << lines[4];
  // 123457 is in the row of 122664 .. 124277 (76 x 1614).
  Eigen::VectorXi zero(1);
  zero << 0;
  const double mean =
      sinusoidal_cells(positions(122664, 1614), zero, 512, 10000.0, Layout::Interleaved).mean();
  char cell[128];
  std::snprintf(cell, sizeof cell, "its cell: mean over positions 122664..124277 = %.6f", mean);
  EXPECT_EQ(lines.back(), cell);
}

TEST(EncodingAliasing, ASupersededBuildStops) {
  for (const char* name : {"encoding", "similarity"}) {
    for (const char* scheme : {"sinusoidal", "learned"}) {
      auto view = view_named(name);
      SharedParams s;
      set_param(s, *view, "scheme", scheme);
      set_param(s, *view, "positions", std::to_string(kMillion));
      set_param(s, *view, "d", "512");
      const plot::FigureRequest request{1200, 800, {}};
      int asked = 0;
      EXPECT_THROW(view->builder(s, request)([&](double) { return ++asked < 3; }), Cancelled)
          << name << " " << scheme;
      EXPECT_EQ(asked, 3) << name << " " << scheme;
      // Asked between blocks of rows, not only at the ends.
      int calls = 0;
      view->builder(s, request)([&](double) { return ++calls > 0; });
      EXPECT_GE(calls, 5) << name << " " << scheme;
    }
  }
}

// The mean cosine over the box P x Q of (first, count) runs: (2/d) sum_i Re[S_P conj(S_Q)] / (n m)
// with S_X = sum_{x in X} e^{i w_i x}, summed term by term in long double.
double brute_box_cosine(long p0, long n, long q0, long m, int d) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, 10000.0);
  long double total = 0.0L;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    long double pc = 0, ps = 0, qc = 0, qs = 0;
    for (long k = 0; k < n; ++k) {
      pc += std::cos(static_cast<long double>(p0 + k) * w[i]);
      ps += std::sin(static_cast<long double>(p0 + k) * w[i]);
    }
    for (long k = 0; k < m; ++k) {
      qc += std::cos(static_cast<long double>(q0 + k) * w[i]);
      qs += std::sin(static_cast<long double>(q0 + k) * w[i]);
    }
    total += (pc * qc + ps * qs) / (static_cast<long double>(n) * m);
  }
  return static_cast<double>(total * 2.0L / d);
}

TEST(SimilarityAliasing, AMillionPositionsShowBoxMeans) {
  auto view = view_named("similarity");
  SharedParams s;
  set_param(s, *view, "positions", std::to_string(kMillion));
  set_param(s, *view, "d", "512");
  const plot::Figure f = build(*view, s, 1200, 800);
  const plot::HeatmapLayer& h = *panel(f, "grid")->heatmap;
  const Eigen::MatrixXd& v = *h.values;
  const RowGeometry gp = rows_of(h), gq = cols_of(h);
  ASSERT_EQ(gp.stride, gq.stride);
  const long stride = gp.stride;
  ASSERT_GT(stride, 1000);
  EXPECT_EQ(h.value_label, "mean cosine");
  EXPECT_NE(f.note.find("mean over its " + std::to_string(stride) + " × " + std::to_string(stride) +
                        " positions"),
            std::string::npos)
      << f.note;
  const Eigen::Index last = v.rows() - 1;
  const std::vector<std::pair<Eigen::Index, Eigen::Index>> cells = {
      {0, 0}, {0, 1}, {0, 5}, {100, 300}, {last, last}, {last, 0}};
  for (const auto& [i, j] : cells) {
    const long p0 = gp.first + i * stride, q0 = gq.first + j * stride;
    const long n = std::min(stride, kMillion - p0), m = std::min(stride, kMillion - q0);
    EXPECT_NEAR(v(i, j), brute_box_cosine(p0, n, q0, m, 512), 1e-9) << i << " " << j;
  }
  // The diagonal is one value (Toeplitz), below 1: a box of stride^2 pairs, most of them apart.
  EXPECT_NEAR(v(0, 0), v(200, 200), 1e-12);
  EXPECT_LT(v(0, 0), 0.5);
  // Far from the diagonal the fast pairs average out and what is left is the slow pairs' true
  // swing; one sample per cell (as before) adds the fast pairs' aliases on top.
  Eigen::VectorXd starts(v.cols());
  for (Eigen::Index j = 0; j < starts.size(); ++j)
    starts[j] = static_cast<double>(gq.first + j * stride);
  const Eigen::MatrixXd sampled =
      sinusoidal_similarity_between(starts.head(1), starts, 512, 10000.0, Metric::Cosine);
  const Eigen::VectorXd mean_far = v.row(0).segment(50, v.cols() - 50).transpose();
  const Eigen::VectorXd sampled_far = sampled.row(0).segment(50, v.cols() - 50).transpose();
  const auto spread = [](const Eigen::VectorXd& x) {
    return std::sqrt((x.array() - x.mean()).square().mean());
  };
  const auto roughness = [](const Eigen::VectorXd& x) {
    return (x.tail(x.size() - 1) - x.head(x.size() - 1)).cwiseAbs().mean();
  };
  // Measured: spread 0.018 and mean step 0.016 between neighbours (the slow pairs, which are
  // real), against 0.042 and 0.048 for the samples.
  EXPECT_LT(spread(mean_far), 0.02);
  EXPECT_GT(spread(sampled_far), 0.04);
  EXPECT_LT(roughness(mean_far), 0.02);
  EXPECT_GT(roughness(sampled_far), 0.04);
}

TEST(SimilarityAliasing, AZoomedGridAveragesBoxesOfBothStrides) {
  // p zoomed to 0..200000, q the whole range: cells of different heights and widths.
  auto view = view_named("similarity");
  SharedParams s;
  set_param(s, *view, "positions", std::to_string(kMillion));
  set_param(s, *view, "d", "128");
  const plot::FigureRequest request{
      1200, 800, {{"grid", plot::DataWindow{-0.5, kMillion - 0.5, -0.5, 200000.0}}}};
  const plot::Figure f = view->builder(s, request)([](double) { return true; });
  const plot::HeatmapLayer& h = *panel(f, "grid")->heatmap;
  const RowGeometry gp = rows_of(h), gq = cols_of(h);
  ASSERT_GT(gp.stride, 3);
  ASSERT_GT(gq.stride, gp.stride);
  EXPECT_NE(f.note.find("mean over its " + std::to_string(gp.stride) + " × " +
                        std::to_string(gq.stride) + " positions"),
            std::string::npos)
      << f.note;
  for (const auto& [i, j] : {std::pair{0, 0}, std::pair{3, 7}, std::pair{200, 2}}) {
    const long p0 = gp.first + i * gp.stride, q0 = gq.first + j * gq.stride;
    EXPECT_NEAR((*h.values)(i, j), brute_box_cosine(p0, gp.stride, q0, gq.stride, 128), 1e-9)
        << i << " " << j;
  }
}

TEST(SimilarityAliasing, SmallGridsAreTheValuesThemselves) {
  auto view = view_named("similarity");
  SharedParams s;
  const plot::Figure f = build(*view, s, 1200, 800);
  const plot::HeatmapLayer& h = *panel(f, "grid")->heatmap;
  EXPECT_EQ(h.value_label, "cosine");
  const Eigen::VectorXd all = positions(0, 100);
  EXPECT_TRUE(*h.values == sinusoidal_similarity_between(all, all, 64, 10000.0, Metric::Cosine));
}

}  // namespace
}  // namespace peviz
