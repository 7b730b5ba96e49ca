// Tests for core/property_checks: the exact path agrees with core/properties and with
// brute force, the sampled path with a brute-force scan of the same offsets, and the
// verdicts with what the numbers say.
#include "core/property_checks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_util.hpp"

namespace peviz {
namespace {

TEST(PropertyChecks, SinusoidalExactPathMatchesPropertiesAndTheClosedForms) {
  const SinusoidalParams p{16, 10000.0, 300, 7, Layout::Concat};
  const PropertyChecks c = sinusoidal_property_checks(p, 1000);
  const EncodingProperties e = sinusoidal_properties(p);
  EXPECT_EQ(c.rows_checked, 300);
  EXPECT_EQ(c.row_stride, 1);
  EXPECT_TRUE(c.uniqueness_exact);
  EXPECT_DOUBLE_EQ(c.values.min_distance, e.min_distance);
  EXPECT_NEAR(c.expected_norm, std::sqrt(8.0), 1e-15);
  EXPECT_NEAR(c.values.min_norm, std::sqrt(8.0), 1e-12);
  EXPECT_TRUE(c.bounded && c.unique && c.constant_norm);
  // The profile is the cosine of position 7 against 7 + r, computed here from rows.
  ASSERT_EQ(c.offsets.size(), 300);
  const Eigen::MatrixXd rows = sinusoidal_encoding(p);
  for (long r : {0L, 1L, 50L, 299L}) {
    const double cosine = rows.row(0).dot(rows.row(r)) / (rows.row(0).norm() * rows.row(r).norm());
    EXPECT_NEAR(c.similarity[r], cosine, 1e-12) << r;
  }
  ASSERT_EQ(c.norms.size(), 300);
  EXPECT_NEAR(c.norms[123], rows.row(123).norm(), 1e-12);
}

TEST(PropertyChecks, SmallDimensionFindsAFarCloserNeighbour) {
  // d = 4: offset 6 (about 2 pi) is closer than offset 1, so "nearest is most similar" fails.
  const SinusoidalParams p{4, 10000.0, 50, 0, Layout::Interleaved};
  const PropertyChecks c = sinusoidal_property_checks(p, 100);
  EXPECT_NE(c.most_similar_offset, 1);
  EXPECT_FALSE(c.nearest_most_similar);
  const Eigen::MatrixXd rows = sinusoidal_encoding(p);
  double best = std::numeric_limits<double>::infinity();
  long at = 0;
  for (long r = 1; r < 50; ++r) {
    const double dist = (rows.row(0) - rows.row(r)).norm();
    if (dist < best) best = dist, at = r;
  }
  EXPECT_EQ(c.most_similar_offset, at);
  EXPECT_NEAR(c.values.min_distance, best, 1e-9);
  const double cosine = rows.row(0).dot(rows.row(at)) / (rows.row(0).norm() * rows.row(at).norm());
  EXPECT_NEAR(c.most_similar, cosine, 1e-12);
}

// The distance between PE[p0] and PE[p0 + r], from two rows computed by the paper's formula.
double row_distance(const SinusoidalParams& p, long r) {
  const Eigen::MatrixXd rows =
      sinusoidal_rows(Eigen::Vector2d(p.start, p.start + r), p.d, p.base, p.layout);
  return (rows.row(0) - rows.row(1)).norm();
}

// docs/formulas.md Sec. 3, written out: cosine at offset r = (2/d) sum_i cos(r base^(-2i/d)).
double sinusoidal_cosine(long r, int d, double base) {
  double sum = 0.0;
  for (int i = 0; i < d / 2; ++i) sum += std::cos(r * std::pow(base, -2.0 * i / d));
  return 2.0 * sum / d;
}

TEST(PropertyChecks, SinusoidalSampledPathSaysSoAndScansTheDenseOffsets) {
  const SinusoidalParams p{64, 10000.0, 5000, 0, Layout::Interleaved};
  const PropertyChecks c = sinusoidal_property_checks(p, 200, 64 * 1000);  // a small budget
  // Rows: about budget / 2 entries, every 10th of 5000; they are also the norm chart.
  EXPECT_EQ(c.rows_checked, 500);
  EXPECT_EQ(c.row_stride, 10);
  ASSERT_EQ(c.norm_positions.size(), 500);
  const Eigen::MatrixXd rows = sinusoidal_rows(c.norm_positions, 64, 10000.0, p.layout);
  EXPECT_EQ(c.norm_positions[499], 4990.0);
  for (Eigen::Index k = 0; k < rows.rows(); ++k)
    EXPECT_NEAR(c.norms[k], rows.row(k).norm(), 1e-12) << k;
  EXPECT_EQ(c.values.max_abs, rows.cwiseAbs().maxCoeff());
  EXPECT_NEAR(c.values.min_norm, std::sqrt(32.0), 1e-12);
  EXPECT_NEAR(c.values.max_norm, std::sqrt(32.0), 1e-12);
  EXPECT_EQ(c.dense_offsets, 1000);
  EXPECT_GT(c.offset_stride, 1);
  EXPECT_FALSE(c.uniqueness_exact);
  EXPECT_TRUE(c.values.uniqueness_sampled);
  // For d = 64 the closest row is the neighbour, at the distance the rows give.
  EXPECT_EQ(c.most_similar_offset, 1);
  EXPECT_NEAR(c.values.min_distance, row_distance(p, 1), 1e-9);
  EXPECT_TRUE(c.nearest_most_similar);
  EXPECT_NEAR(c.most_similar, sinusoidal_cosine(1, 64, 10000.0), 1e-12);
  // The profile keeps offsets 0 and 1, then a stride, each the closed form's cosine.
  EXPECT_EQ(c.offsets[0], 0.0);
  EXPECT_EQ(c.offsets[1], 1.0);
  EXPECT_EQ(c.offsets[2], static_cast<double>(c.profile_stride));
  EXPECT_EQ(c.offset_stride, c.profile_stride);
  EXPECT_LE(c.offsets.size(), 200);
  for (Eigen::Index k = 0; k < c.offsets.size(); ++k) {
    const long r = static_cast<long>(c.offsets[k]);
    EXPECT_NEAR(c.similarity[k], sinusoidal_cosine(r, 64, 10000.0), 1e-12) << r;
  }
}

TEST(PropertyChecks, SinusoidalSampledUniquenessIsTheMinimumOverTheOffsetsItNames) {
  // d = 4: far offsets near multiples of 2 pi come closer than the neighbour; the sampled
  // path must find the closest of offsets 1..dense and of the profile's offsets beyond.
  const SinusoidalParams p{4, 10000.0, 200000, 3, Layout::Concat};
  const PropertyChecks c = sinusoidal_property_checks(p, 300, 4 * 2000);
  ASSERT_FALSE(c.uniqueness_exact);
  EXPECT_EQ(c.dense_offsets, 2000);
  double best = std::numeric_limits<double>::infinity();
  long at = 0;
  for (long r = 1; r <= c.dense_offsets; ++r) {
    const double dist = row_distance(p, r);
    if (dist < best) best = dist, at = r;
  }
  for (long r = c.offset_stride; r < p.positions; r += c.offset_stride) {
    if (r <= c.dense_offsets) continue;
    const double dist = row_distance(p, r);
    if (dist < best) best = dist, at = r;
  }
  EXPECT_NEAR(c.values.min_distance, best, 1e-9);
  EXPECT_EQ(c.values.closest_p, 3);
  EXPECT_EQ(c.values.closest_q, 3 + at);
  EXPECT_EQ(c.most_similar_offset, at);
  EXPECT_NE(at, 1);
  EXPECT_FALSE(c.nearest_most_similar);
}

TEST(PropertyChecks, SinusoidalSampledAtAMillionPositionsAgreesWithTheRows) {
  // The view's extreme, 1048576 x 4096: rows and offsets checked against the formula.
  const SinusoidalParams p{4096, 10000.0, 1048576, 0, Layout::Interleaved};
  const PropertyChecks c = sinusoidal_property_checks(p, 1364);
  EXPECT_EQ(c.rows_checked, 256);
  EXPECT_EQ(c.row_stride, 4096);
  ASSERT_EQ(c.offsets.size(), 1363);  // 0, 1, then every 770th (at most 1364)
  for (long k : {0L, 1L, 2L, 700L, 1362L}) {
    const long r = static_cast<long>(c.offsets[k]);
    // Rows r apart, from the formula: their cosine.
    const Eigen::MatrixXd two =
        sinusoidal_rows(Eigen::Vector2d(0.0, static_cast<double>(r)), 4096, 10000.0, p.layout);
    const double cosine = two.row(0).dot(two.row(1)) / (two.row(0).norm() * two.row(1).norm());
    EXPECT_NEAR(c.similarity[k], cosine, 1e-9) << r;
  }
  const Eigen::MatrixXd some = sinusoidal_rows(c.norm_positions.tail(3), 4096, 10000.0, p.layout);
  EXPECT_NEAR(c.norms[255], some.row(2).norm(), 1e-11);
  EXPECT_EQ(c.most_similar_offset, 1);
  EXPECT_NEAR(c.values.min_distance, row_distance(p, 1), 1e-9);
  EXPECT_TRUE(c.bounded && c.unique && c.constant_norm && c.nearest_most_similar);
}

TEST(PropertyChecks, LearnedNormsVaryAndUniquenessIsOnASampleAtScale) {
  const LearnedParams p{64, 100, 0, 3, 0.02};
  const PropertyChecks c = learned_property_checks(p, 1000);
  const Eigen::MatrixXd rows = learned_encoding(p);
  EXPECT_TRUE(c.uniqueness_exact);
  EXPECT_NEAR(c.values.max_abs, rows.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_NEAR(c.values.min_norm, rows.rowwise().norm().minCoeff(), 1e-15);
  EXPECT_FALSE(c.constant_norm);
  EXPECT_NEAR(c.expected_norm, 0.16, 1e-15);  // sqrt(64) * 0.02
  // The most similar offset is the argmax of row 0's cosine against the others.
  Eigen::Index at = 0;
  Eigen::VectorXd cos(99);
  for (int r = 1; r < 100; ++r)
    cos[r - 1] = rows.row(0).dot(rows.row(r)) / (rows.row(0).norm() * rows.row(r).norm());
  cos.maxCoeff(&at);
  EXPECT_EQ(c.most_similar_offset, at + 1);
  EXPECT_NEAR(c.most_similar, cos[at], 1e-12);

  const LearnedParams big{64, 20000, 0, 3, 0.02};
  const PropertyChecks s = learned_property_checks(big, 500, 64 * 2000);
  EXPECT_TRUE(s.values.uniqueness_sampled);
  EXPECT_FALSE(s.uniqueness_exact);
  EXPECT_GT(s.values.min_distance, 0.0);
  EXPECT_TRUE(s.unique);
}

// The sampled learned path: one set of rows (p0, p0 + 1, then a stride) for the bounds, the
// norms, the chart and the profile, and every pair of an evenly spaced part of them for
// uniqueness; each number against rows drawn here.
void expect_sampled_learned(const LearnedParams& p, long points, long budget) {
  const PropertyChecks c = learned_property_checks(p, points, budget);
  const long n = p.positions;
  ASSERT_GE(c.offsets.size(), 3);
  EXPECT_LE(c.offsets.size(), std::min(points, budget / (2 * p.d)));
  EXPECT_EQ(c.offsets[0], 0.0);
  EXPECT_EQ(c.offsets[1], 1.0);
  EXPECT_EQ(c.row_stride, c.profile_stride);
  EXPECT_GT(c.offsets[c.offsets.size() - 1] + c.profile_stride, n - 1.0);
  EXPECT_EQ(c.rows_checked, c.offsets.size());
  Eigen::MatrixXd rows(c.offsets.size(), p.d);
  for (Eigen::Index k = 0; k < c.offsets.size(); ++k) {
    if (k >= 2) {
      EXPECT_EQ(c.offsets[k], static_cast<double>((k - 1) * c.profile_stride));
    }
    EXPECT_EQ(c.norm_positions[k], p.start + c.offsets[k]);
    rows.row(k) =
        learned_row(p.start + static_cast<long>(c.offsets[k]), p.d, p.seed, p.stddev, p.table)
            .transpose();
  }
  EXPECT_EQ(c.values.max_abs, rows.cwiseAbs().maxCoeff());
  const Eigen::VectorXd norms = rows.rowwise().norm();
  EXPECT_NEAR(c.values.min_norm, norms.minCoeff(), 1e-14);
  EXPECT_NEAR(c.values.max_norm, norms.maxCoeff(), 1e-14);
  Eigen::Index best = 1;
  for (Eigen::Index k = 0; k < rows.rows(); ++k) {
    EXPECT_NEAR(c.norms[k], norms[k], 1e-14);
    const double cosine = rows.row(0).dot(rows.row(k)) / (norms[0] * norms[k]);
    EXPECT_NEAR(c.similarity[k], cosine, 1e-12) << k;
    if (k >= 1 && cosine > rows.row(0).dot(rows.row(best)) / (norms[0] * norms[best])) best = k;
  }
  EXPECT_EQ(c.most_similar_offset, static_cast<long>(c.offsets[best]));
  // Uniqueness: an evenly spaced part of those rows, every pair compared by brute force.
  const Eigen::VectorXd& u = c.uniqueness_positions;
  ASSERT_GE(u.size(), 2);
  EXPECT_EQ(c.values.uniqueness_rows, u.size());
  EXPECT_TRUE(c.values.uniqueness_sampled);
  EXPECT_FALSE(c.uniqueness_exact);
  EXPECT_EQ(u[0], static_cast<double>(p.start));
  const long every = static_cast<long>(c.offsets.size() + u.size() - 1) / u.size();
  double min_dist = std::numeric_limits<double>::infinity();
  long cp = -1, cq = -1;
  for (Eigen::Index j = 0; j < u.size(); ++j) {
    const Eigen::Index row_j = j * every;
    ASSERT_LT(row_j, rows.rows());
    EXPECT_EQ(u[j], c.norm_positions[row_j]) << j;
    for (Eigen::Index i = 0; i < j; ++i) {
      const double dist = (rows.row(i * every) - rows.row(row_j)).norm();
      if (dist < min_dist)
        min_dist = dist, cp = static_cast<long>(u[i]), cq = static_cast<long>(u[j]);
    }
  }
  EXPECT_NEAR(c.values.min_distance, min_dist, 1e-12);
  EXPECT_EQ(c.values.closest_p, cp);
  EXPECT_EQ(c.values.closest_q, cq);
}

TEST(PropertyChecks, LearnedSampledPathChecksTheRowsItNames) {
  expect_sampled_learned({64, 20000, 0, 3, 0.02}, 500, 64 * 2000);
  expect_sampled_learned({48, 12345, 17, 9, 0.05}, 90, 48 * 3000);  // the points bound the rows
  // A trained table (here: rows of a known matrix) is read instead of drawn.
  PositionTable table;
  table.values = Eigen::MatrixXd::Random(700, 16);
  table.values.row(400) = table.values.row(20);  // a repeated code, if sampled
  table.source = "test";
  const LearnedParams t{16, 650, 50, 0, 0.02, &table};
  expect_sampled_learned(t, 100, 16 * 100);
  const PropertyChecks c = learned_property_checks(t, 100, 16 * 100);
  EXPECT_EQ(c.norms[2], table.values.row(50 + c.profile_stride).norm());
}

TEST(PropertyChecks, LargeSizesStayFast) {
  // The explorer's extreme: 131072 positions, d = 4096. Only the sampled path may run.
  const SinusoidalParams p{4096, 10000.0, 131072, 0, Layout::Interleaved};
  const PropertyChecks c = sinusoidal_property_checks(p, 500);
  EXPECT_GT(c.row_stride, 1);
  EXPECT_TRUE(c.bounded);
  EXPECT_TRUE(c.constant_norm);
}

TEST(PropertyChecks, LearnedLargeSizesStayFast) {
  const PropertyChecks l = learned_property_checks({4096, 131072, 0, 0, 0.02}, 500);
  EXPECT_TRUE(l.values.uniqueness_sampled);
  EXPECT_GT(l.row_stride, 1);
}

TEST(PropertyChecks, ModerateSizesAreExact) {
  // d = 64 at 16384 positions (1M cells) fits the default budget: every row and every offset.
  const PropertyChecks c =
      sinusoidal_property_checks({64, 10000.0, 16384, 0, Layout::Interleaved}, 1000);
  EXPECT_EQ(c.row_stride, 1);
  EXPECT_TRUE(c.uniqueness_exact);
}

}  // namespace
}  // namespace peviz
