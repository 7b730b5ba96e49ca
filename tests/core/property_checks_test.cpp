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

TEST(PropertyChecks, SinusoidalSampledPathSaysSoAndScansTheDenseOffsets) {
  const SinusoidalParams p{64, 10000.0, 5000, 0, Layout::Interleaved};
  const PropertyChecks c = sinusoidal_property_checks(p, 200, 64 * 1000);  // a small budget
  EXPECT_EQ(c.rows_checked, 1000);
  EXPECT_EQ(c.row_stride, 5);
  EXPECT_EQ(c.dense_offsets, 1000);
  EXPECT_GT(c.offset_stride, 1);
  EXPECT_FALSE(c.uniqueness_exact);
  EXPECT_TRUE(c.values.uniqueness_sampled);
  // For d = 64 the closest row is the neighbour, at the distance the rows give.
  const Eigen::MatrixXd rows = sinusoidal_encoding({64, 10000.0, 2, 0, Layout::Interleaved});
  EXPECT_EQ(c.most_similar_offset, 1);
  EXPECT_NEAR(c.values.min_distance, (rows.row(0) - rows.row(1)).norm(), 1e-12);
  EXPECT_TRUE(c.nearest_most_similar);
  // The profile keeps offsets 0 and 1, then a stride.
  EXPECT_EQ(c.offsets[0], 0.0);
  EXPECT_EQ(c.offsets[1], 1.0);
  EXPECT_EQ(c.offsets[2], static_cast<double>(c.profile_stride));
  EXPECT_LE(c.offsets.size(), 200);
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
  EXPECT_EQ(s.rows_checked, 2000);
  EXPECT_EQ(s.row_stride, 10);
  EXPECT_GT(s.values.min_distance, 0.0);
  EXPECT_TRUE(s.unique);
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
