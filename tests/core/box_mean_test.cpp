// Tests for core/box_mean: the Dirichlet-kernel means of sinusoidal PE (Vaswani et al. 2017,
// Sec. 3.5) and of its similarity grid over runs of positions, against brute-force sums in long
// double, near w = 2 pi m, for runs of one and of 2^40; and the learned means against the table.
#include "core/box_mean.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/learned.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// The mean of sin((p0 + k) w) (or cos) over k < n, summed term by term in long double.
long double brute_mean(long p0, long n, double w, bool cosine) {
  long double sum = 0.0L;
  for (long k = 0; k < n; ++k) {
    const long double angle = static_cast<long double>(p0 + k) * static_cast<long double>(w);
    sum += cosine ? std::cos(angle) : std::sin(angle);
  }
  return sum / static_cast<long double>(n);
}

TEST(BoxMean, RunsFromSamplesCoverEveryPositionOnce) {
  Eigen::VectorXd starts(4);
  starts << 10, 15, 20, 25;
  const std::vector<PositionRun> runs = runs_from_samples(starts, 5, 27);
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].first, 10);
  EXPECT_EQ(runs[0].count, 5);
  EXPECT_EQ(runs[2].first, 20);
  EXPECT_EQ(runs[3].first, 25);
  EXPECT_EQ(runs[3].count, 3);  // 25, 26, 27
  EXPECT_EQ(runs_from_samples(starts, 1, 100)[1].count, 1);
  EXPECT_INVALID_ARGUMENT(runs_from_samples(starts, 0, 100), "stride");
}

TEST(BoxMean, StridesFromFourAliasTheFastestPair) {
  EXPECT_FALSE(sinusoidal_stride_aliases(1));
  EXPECT_FALSE(sinusoidal_stride_aliases(3));  // 3 rad per sample < pi: still faithful
  EXPECT_TRUE(sinusoidal_stride_aliases(4));
  EXPECT_TRUE(sinusoidal_stride_aliases(1614));
  // Stride 4: column 0 sampled at p = 0, 4, 8, ... is sin(4k), which a wave of 2 pi - 4
  // rad per sample draws as well (an alias), while its mean over each 4 is damped by
  // D_4(1) / 4 = sin 2 / (4 sin 0.5) = 0.474.
  for (long k = 0; k < 20; ++k) {
    EXPECT_NEAR(std::sin(4.0 * k), -std::sin((2.0 * std::numbers::pi - 4.0) * k), 1e-12);
    EXPECT_LE(std::abs(sin_run_mean(4 * k, 4, 1.0)), std::sin(2.0) / (4 * std::sin(0.5)) + 1e-15);
  }
}

TEST(BoxMean, DirichletKernelAtItsLimits) {
  EXPECT_EQ(dirichlet_kernel(1, 0.3), 1.0);
  EXPECT_EQ(dirichlet_kernel(1, kTwoPi), 1.0);
  EXPECT_EQ(dirichlet_kernel(17, 0.0), 17.0);
  // w = 2 pi m: the limit (-1)^{m(n-1)} n.
  EXPECT_NEAR(dirichlet_kernel(17, kTwoPi), 17.0, 1e-12);
  EXPECT_NEAR(dirichlet_kernel(18, kTwoPi), -18.0, 1e-12);
  EXPECT_NEAR(dirichlet_kernel(18, 2.0 * kTwoPi), 18.0, 1e-12);
  EXPECT_NEAR(dirichlet_kernel(18, -kTwoPi), -18.0, 1e-12);
  // sin(n w/2) / sin(w/2) away from the limit, as written.
  for (const double w : {0.3, 1.0, 2.5, -0.7}) {
    for (const long n : {2L, 5L, 1000L})
      EXPECT_NEAR(dirichlet_kernel(n, w), std::sin(n * w / 2) / std::sin(w / 2), 1e-12) << w;
  }
  EXPECT_INVALID_ARGUMENT(dirichlet_kernel(0, 0.5), "n >= 1");
}

TEST(BoxMean, RunMeansMatchLongDoubleSums) {
  struct Case {
    long p0, n;
    double w;
  };
  const std::vector<Case> cases = {
      {0, 2, 1.0},
      {5, 7, 0.5},
      {1000003, 1000, 1.0},
      {0, 1000, 1e-12},              // w tiny: the mean is sin of the middle
      {123456, 4096, 1e-7},          // tiny, far out
      {0, 100000, kTwoPi},           // w/2 at pi (the double nearest 2 pi)
      {0, 100000, kTwoPi + 1e-9},    // near 2 pi
      {777, 100000, kTwoPi - 1e-6},  // near 2 pi, the other side
      {31, 9999, 2.0 * kTwoPi + 1e-8},
      {-50000, 333, 3.0 * kTwoPi - 2e-10},
      {12, 1000000, 1.0},  // n huge for a brute force
      {0, 1000000, 1e-4},  // the slowest column of d = 512 over a pixel row of 1M positions
      {1048000, 1315, 0.9},
  };
  for (const Case& c : cases) {
    const double s = sin_run_mean(c.p0, c.n, c.w), co = cos_run_mean(c.p0, c.n, c.w);
    EXPECT_NEAR(s, static_cast<double>(brute_mean(c.p0, c.n, c.w, false)), 1e-14)
        << c.p0 << " " << c.n << " " << c.w;
    EXPECT_NEAR(co, static_cast<double>(brute_mean(c.p0, c.n, c.w, true)), 1e-14)
        << c.p0 << " " << c.n << " " << c.w;
    EXPECT_LE(std::abs(s), 1.0);
    EXPECT_LE(std::abs(co), 1.0);
  }
}

TEST(BoxMean, ARunOfOneIsTheValueItself) {
  for (const long p : {0L, 1L, 37L, 1048575L, -9L}) {
    for (const double w : {1.0, 0.0316, 1e-4, kTwoPi}) {
      EXPECT_EQ(sin_run_mean(p, 1, w), std::sin(static_cast<double>(p) * w));
      EXPECT_EQ(cos_run_mean(p, 1, w), std::cos(static_cast<double>(p) * w));
    }
  }
}

TEST(BoxMean, HugeRunsSplitIntoTheirHalves) {
  // Too long to sum: the law mean(n) = (mean(first half) + mean(second half)) / 2 instead.
  const long n = 1L << 40;
  for (const double w : {1.0, 1e-6, 1e-13, kTwoPi + 1e-15}) {
    for (const long p0 : {0L, 3L}) {
      const double whole = sin_run_mean(p0, n, w);
      const double halves = 0.5 * (sin_run_mean(p0, n / 2, w) + sin_run_mean(p0 + n / 2, n / 2, w));
      EXPECT_NEAR(whole, halves, 1e-13) << w;
      const double cwhole = cos_run_mean(p0, n, w);
      const double chalves =
          0.5 * (cos_run_mean(p0, n / 2, w) + cos_run_mean(p0 + n / 2, n / 2, w));
      EXPECT_NEAR(cwhole, chalves, 1e-13) << w;
    }
  }
  // Fast columns average out: |mean| <= 1 / (n sin(w/2)).
  EXPECT_LE(std::abs(sin_run_mean(5, n, 1.0)), 1.0 / (n * std::sin(0.5)) * 1.0001);
}

// The brute force for the grids: the mean of core's own cells over each run.
Eigen::MatrixXd brute_cells(const std::vector<PositionRun>& runs, const Eigen::VectorXi& columns,
                            int d, double base, Layout layout) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(runs.size()), columns.size());
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const Eigen::VectorXd positions =
        Eigen::VectorXd::LinSpaced(runs[r].count, static_cast<double>(runs[r].first),
                                   static_cast<double>(runs[r].first + runs[r].count - 1));
    out.row(static_cast<Eigen::Index>(r)) =
        sinusoidal_cells(positions, columns, d, base, layout).colwise().mean();
  }
  return out;
}

TEST(BoxMean, EncodingCellsAreTheMeansOfTheirRows) {
  const std::vector<PositionRun> runs = {{0, 1}, {1, 1}, {2, 5}, {7, 100}, {107, 33}, {4000, 1}};
  Eigen::VectorXi columns(7);
  columns << 0, 1, 2, 3, 17, 30, 31;
  for (const Layout layout : {Layout::Interleaved, Layout::Concat}) {
    EXPECT_MATRIX_NEAR(sinusoidal_box_means(runs, columns, 32, 10000.0, layout),
                       brute_cells(runs, columns, 32, 10000.0, layout), 1e-13);
  }
  // Far out (a pixel row of 1M positions): rounding of p w in the brute force, ~1e-10.
  const std::vector<PositionRun> far = {{1048576 - 1613, 1613}, {500000, 1613}};
  Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(64, 0, 63);
  EXPECT_MATRIX_NEAR(sinusoidal_box_means(far, all, 64, 10000.0, Layout::Concat),
                     brute_cells(far, all, 64, 10000.0, Layout::Concat), 1e-9);
  // Runs of one: the cells themselves.
  const std::vector<PositionRun> ones = {{0, 1}, {3, 1}, {99, 1}};
  Eigen::VectorXd ps(3);
  ps << 0, 3, 99;
  EXPECT_MATRIX_NEAR(sinusoidal_box_means(ones, all, 64, 10000.0, Layout::Interleaved),
                     sinusoidal_cells(ps, all, 64, 10000.0, Layout::Interleaved), 1e-15);
}

TEST(BoxMean, EncodingReportsProgressAndStops) {
  std::vector<PositionRun> runs;
  for (long r = 0; r < 300; ++r) runs.push_back({r * 10, 10});
  const Eigen::VectorXi columns = Eigen::VectorXi::LinSpaced(8, 0, 7);
  std::vector<double> seen;
  sinusoidal_box_means(runs, columns, 8, 10000.0, Layout::Interleaved, [&](double f) {
    seen.push_back(f);
    return true;
  });
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen.back(), 1.0);
  for (std::size_t k = 1; k < seen.size(); ++k) EXPECT_GE(seen[k], seen[k - 1]);
  EXPECT_THROW(sinusoidal_box_means(runs, columns, 8, 10000.0, Layout::Interleaved,
                                    [](double f) { return f < 0.3; }),
               Cancelled);
  EXPECT_INVALID_ARGUMENT(sinusoidal_box_means({{0, 0}}, columns, 8, 10000.0, Layout::Concat),
                          "at least one");
}

// The mean similarity over a box, pair by pair of positions, from the encoding's own rows.
Eigen::MatrixXd brute_similarity(const std::vector<PositionRun>& pr,
                                 const std::vector<PositionRun>& qr, int d, Metric metric) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(pr.size()), static_cast<Eigen::Index>(qr.size()));
  for (std::size_t i = 0; i < pr.size(); ++i) {
    for (std::size_t j = 0; j < qr.size(); ++j) {
      const Eigen::MatrixXd a = sinusoidal_encoding({d, 10000.0, pr[i].count, pr[i].first});
      const Eigen::MatrixXd b = sinusoidal_encoding({d, 10000.0, qr[j].count, qr[j].first});
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          similarity_between(a, b, metric).mean();
    }
  }
  return out;
}

TEST(BoxMean, SimilarityCellsAreTheMeansOfTheirBoxes) {
  const std::vector<PositionRun> p = {{0, 1}, {1, 4}, {5, 4}, {9, 3}, {300, 7}};
  const std::vector<PositionRun> q = {{0, 4}, {4, 4}, {8, 1}, {40, 9}};
  for (const Metric metric : {Metric::Cosine, Metric::Dot}) {
    EXPECT_MATRIX_NEAR(sinusoidal_similarity_box_means(p, q, 16, 10000.0, metric),
                       brute_similarity(p, q, 16, metric), 1e-12);
  }
  // Runs of one: core's similarity grid itself.
  const std::vector<PositionRun> ones = {{0, 1}, {7, 1}, {50, 1}};
  Eigen::VectorXd at(3);
  at << 0, 7, 50;
  EXPECT_MATRIX_NEAR(sinusoidal_similarity_box_means(ones, ones, 64, 10000.0, Metric::Cosine),
                     sinusoidal_similarity_between(at, at, 64, 10000.0, Metric::Cosine), 1e-15);
  // A diagonal box: cosine 1 only when it holds one position.
  EXPECT_NEAR(sinusoidal_similarity_box_means({{3, 1}}, {{3, 1}}, 64, 1e4, Metric::Cosine)(0, 0),
              1.0, 1e-15);
  // (1 + 1 + 2 cos(w_i)) / 4 per pair: (2/d) sum_i (1 + cos(w_i)) / 2.
  double two = 0.0;
  for (int i = 0; i < 32; ++i) two += (1.0 + std::cos(std::pow(1e4, -2.0 * i / 64))) / 2.0;
  EXPECT_NEAR(sinusoidal_similarity_box_means({{3, 2}}, {{3, 2}}, 64, 1e4, Metric::Cosine)(0, 0),
              two / 32.0, 1e-15);
}

// Many evenly spaced runs (a level of detail's grid and its shorter last run): the sums by
// rotations between anchors against the brute force, cell by cell.
TEST(BoxMean, EvenlySpacedRunsMatchTheBruteForce) {
  std::vector<PositionRun> p, q;
  for (long k = 0; k < 60; ++k) p.push_back({5 * k, 5});
  p.push_back({300, 2});
  for (long k = 0; k < 45; ++k) q.push_back({7 + 5 * k, 5});
  for (const Metric metric : {Metric::Cosine, Metric::Dot}) {
    EXPECT_MATRIX_NEAR(sinusoidal_similarity_box_means(p, q, 16, 10000.0, metric),
                       brute_similarity(p, q, 16, metric), 1e-13);
  }
  // The encoding's rows: 400 runs of 9 from 10^6 (middles 4.5 apart from the first's).
  std::vector<PositionRun> rows;
  for (long k = 0; k < 400; ++k) rows.push_back({1000000 + 9 * k, 9});
  rows.push_back({1003600, 4});
  const Eigen::VectorXi columns = Eigen::VectorXi::LinSpaced(16, 0, 15);
  const Eigen::MatrixXd fast = sinusoidal_box_means(rows, columns, 16, 10000.0, Layout::Concat);
  for (std::size_t r = 0; r < rows.size(); r += 7) {
    for (int c = 0; c < 16; ++c) {
      const int pair = c % 8;
      const double w = std::pow(10000.0, -2.0 * pair / 16);
      const double mean = c < 8 ? sin_run_mean(rows[r].first, rows[r].count, w)
                                : cos_run_mean(rows[r].first, rows[r].count, w);
      ASSERT_NEAR(fast(static_cast<Eigen::Index>(r), c), mean, 3e-15) << r << " " << c;
    }
  }
}

// Long boxes far out: the mean of cos(w (p - q)) over P x Q is Re[S_P conj(S_Q)] / (n m) with
// S_X = sum_{x in X} e^{i w x}, summed here term by term in long double.
double separable_cosine(const PositionRun& p, const PositionRun& q, int d) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, 10000.0);
  long double total = 0.0L;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    long double pc = 0, ps = 0, qc = 0, qs = 0;
    for (long k = 0; k < p.count; ++k) {
      const long double a = static_cast<long double>(p.first + k) * w[i];
      pc += std::cos(a);
      ps += std::sin(a);
    }
    for (long k = 0; k < q.count; ++k) {
      const long double a = static_cast<long double>(q.first + k) * w[i];
      qc += std::cos(a);
      qs += std::sin(a);
    }
    total += (pc * qc + ps * qs) / (static_cast<long double>(p.count) * q.count);
  }
  return static_cast<double>(total * 2.0L / d);
}

TEST(BoxMean, LongSimilarityBoxesFarOut) {
  const std::vector<PositionRun> p = {{0, 2119}, {1046000, 2119}, {524288, 2119}};
  const std::vector<PositionRun> q = {{0, 2119}, {2119, 2119}, {1048576 - 1000, 1000}};
  const Eigen::MatrixXd g = sinusoidal_similarity_box_means(p, q, 128, 10000.0, Metric::Cosine);
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = 0; j < q.size(); ++j)
      EXPECT_NEAR(g(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                  separable_cosine(p[i], q[j], 128), 1e-11)
          << i << " " << j;
  }
  EXPECT_THROW(sinusoidal_similarity_box_means(p, q, 128, 10000.0, Metric::Cosine,
                                               [](double) { return false; }),
               Cancelled);
}

TEST(BoxMean, LearnedMeansAreTheTablesMeans) {
  const std::vector<PositionRun> runs = {{0, 1}, {1, 10}, {11, 3}, {500, 64}};
  Eigen::VectorXi columns(3);
  columns << 0, 5, 11;
  const Eigen::MatrixXd got = learned_box_means(runs, columns, 12, 7);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const Eigen::VectorXd ps =
        Eigen::VectorXd::LinSpaced(runs[r].count, static_cast<double>(runs[r].first),
                                   static_cast<double>(runs[r].first + runs[r].count - 1));
    EXPECT_MATRIX_NEAR(got.row(static_cast<Eigen::Index>(r)),
                       learned_cells(ps, columns, 12, 7).colwise().mean(), 1e-16);
  }
  EXPECT_EQ(learned_box_entries(runs, columns), (1 + 10 + 3 + 64) * 3.0);
  // A real table: its rows' means.
  PositionTable table;
  table.values = Eigen::MatrixXd::Zero(20, 3);
  for (int p = 0; p < 20; ++p) table.values.row(p) << p, -2.0 * p, 1.0;
  Eigen::VectorXi two(2);
  two << 1, 2;
  const Eigen::MatrixXd t = learned_box_means({{0, 4}, {10, 10}}, two, 3, 0, 0.02, &table);
  Eigen::Matrix2d expect;
  expect << -3.0, 1.0, -29.0, 1.0;
  EXPECT_MATRIX_NEAR(t, expect, 1e-15);
  EXPECT_INVALID_ARGUMENT(learned_box_means({{15, 10}}, two, 3, 0, 0.02, &table), "past");
  EXPECT_THROW(learned_box_means(runs, columns, 12, 7, 0.02, nullptr, [](double) { return false; }),
               Cancelled);
}

}  // namespace
}  // namespace peviz
