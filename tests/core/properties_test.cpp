// Tests for core/properties: bounded, norms and uniqueness, against brute force.
#include "core/properties.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "core/validate.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

// The smallest distance between two rows, by comparing every pair.
double brute_min_distance(const Eigen::MatrixXd& e) {
  double best = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < e.rows(); ++i) {
    for (Eigen::Index j = i + 1; j < e.rows(); ++j)
      best = std::min(best, (e.row(i) - e.row(j)).norm());
  }
  return best;
}

TEST(SinusoidalProperties, MatchBruteForce) {
  const SinusoidalParams p{16, 10000.0, 300, 7, Layout::Concat};
  const Eigen::MatrixXd e = sinusoidal_encoding(p);
  const EncodingProperties props = sinusoidal_properties(p);
  EXPECT_EQ(props.positions, 300);
  EXPECT_DOUBLE_EQ(props.max_abs, e.cwiseAbs().maxCoeff());
  EXPECT_LE(props.max_abs, 1.0);
  EXPECT_NEAR(props.min_norm, std::sqrt(8.0), 1e-14);  // sqrt(d/2)
  EXPECT_NEAR(props.max_norm, std::sqrt(8.0), 1e-14);
  EXPECT_NEAR(props.min_distance, brute_min_distance(e), 1e-9);
  EXPECT_GT(props.min_distance, 0.0);
  EXPECT_FALSE(props.uniqueness_sampled);
  // The reported pair really is that close.
  const double pair = (sinusoidal_rows(Eigen::Vector2d(props.closest_p, props.closest_q), 16,
                                       10000.0, Layout::Concat)
                           .row(0) -
                       sinusoidal_rows(Eigen::Vector2d(props.closest_p, props.closest_q), 16,
                                       10000.0, Layout::Concat)
                           .row(1))
                          .norm();
  EXPECT_NEAR(pair, props.min_distance, 1e-9);
}

TEST(SinusoidalProperties, TwoDimensionsRepeatEveryTwoPiPositionsButNeverExactly) {
  // d = 2: PE[p] = (sin p, cos p); p = 0 and p = 44 are 44 - 7*2pi = 0.0177 rad apart,
  // the closest pair below 100 positions (python3: min over r of 2|sin(r/2)|, r = 44).
  const EncodingProperties props = sinusoidal_properties({2, 10000.0, 100, 0, Layout::Interleaved});
  EXPECT_NEAR(props.min_distance, 2.0 * std::abs(std::sin(22.0)), 1e-12);
  EXPECT_EQ(props.closest_q - props.closest_p, 44);
}

TEST(LearnedProperties, MatchBruteForceAndSayWhenSampled) {
  const LearnedParams p{8, 50, 0, 9, 0.02};
  const Eigen::MatrixXd e = learned_encoding(p);
  const EncodingProperties full = learned_properties(p);
  EXPECT_DOUBLE_EQ(full.max_abs, e.cwiseAbs().maxCoeff());
  EXPECT_NEAR(full.min_norm, e.rowwise().norm().minCoeff(), 1e-15);
  EXPECT_NEAR(full.max_norm, e.rowwise().norm().maxCoeff(), 1e-15);
  EXPECT_NEAR(full.min_distance, brute_min_distance(e), 1e-12);
  EXPECT_FALSE(full.uniqueness_sampled);
  const EncodingProperties sampled = learned_properties(p, 10);
  EXPECT_TRUE(sampled.uniqueness_sampled);
  EXPECT_EQ(sampled.uniqueness_rows, 10);
  EXPECT_GE(sampled.min_distance, full.min_distance);
  EXPECT_INVALID_ARGUMENT(learned_properties(p, 1), "sample");
}

TEST(Properties, ProgressCanCancel) {
  int calls = 0;
  const ProgressFn stop_at_second = [&](double f) {
    EXPECT_GE(f, 0.0);
    EXPECT_LE(f, 1.0);
    return ++calls < 2;
  };
  EXPECT_THROW(sinusoidal_properties({64, 10000.0, 20000, 0, Layout::Interleaved}, stop_at_second),
               Cancelled);
  EXPECT_EQ(calls, 2);
  double last = 0.0;
  sinusoidal_properties({8, 10000.0, 3000, 0, Layout::Interleaved}, [&](double f) {
    EXPECT_GE(f, last);
    last = f;
    return true;
  });
  EXPECT_NEAR(last, 0.5, 1e-12);  // bounds and norms done; the offset loop reports every 4096
}

TEST(LearnedRows, EqualLearnedCellsOverEveryColumn) {
  // Enough cells for both cores; odd d (the last pair's second normal unused).
  const Eigen::VectorXd at = (Eigen::VectorXd(5) << 0, 1, 77, 4096, 1000003).finished();
  const Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(4097, 0, 4096);
  const LearnedParams p{4097, 10, 0, 42, 0.03};
  const Eigen::MatrixXd rows = learned_rows(at, p);
  EXPECT_EQ(rows, learned_cells(at, all, 4097, 42, 0.03));
  // A trained table: its rows, as they are.
  PositionTable table;
  table.values = Eigen::MatrixXd::Random(20, 6);
  table.source = "test";
  const LearnedParams t{6, 20, 0, 0, 0.02, &table};
  const Eigen::Vector2d two(3.0, 19.0);
  const Eigen::MatrixXd got = learned_rows(two, t);
  EXPECT_EQ(got.row(0), table.values.row(3));
  EXPECT_EQ(got.row(1), table.values.row(19));
  EXPECT_THROW(learned_rows(Eigen::Vector2d(3.0, 20.0), t), InvalidArgument);
  EXPECT_THROW(learned_rows(Eigen::Vector2d(-1.0, 2.0), p), InvalidArgument);
}

}  // namespace
}  // namespace peviz
