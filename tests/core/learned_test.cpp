// Tests for core/learned: an N(0, std^2) table at initialisation (GPT-2 std 0.02),
// one generator per (seed, position).
#include "core/learned.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.hpp"

namespace peviz {
namespace {

TEST(Learned, RowOfAPositionIsTheSameInEveryWindow) {
  LearnedParams a;
  a.d = 32;
  a.positions = 50;
  a.start = 0;
  a.seed = 11;
  LearnedParams b = a;
  b.start = 17;
  b.positions = 20;
  const Eigen::MatrixXd ta = learned_encoding(a);
  const Eigen::MatrixXd tb = learned_encoding(b);
  // Rows 17..36 of the first window are rows 0..19 of the second, bit for bit.
  EXPECT_MATRIX_NEAR(tb, ta.middleRows(17, 20), 0.0);
  for (long p : {0L, 17L, 49L}) {
    EXPECT_MATRIX_NEAR(learned_row(p, 32, 11, 0.02), test::row_vec(ta, p), 0.0) << "p=" << p;
  }
}

TEST(Learned, SameSeedSameTableDifferentSeedDifferentTable) {
  LearnedParams a;
  a.d = 16;
  a.positions = 10;
  a.seed = 5;
  EXPECT_MATRIX_NEAR(learned_encoding(a), learned_encoding(a), 0.0);
  LearnedParams b = a;
  b.seed = 6;
  const double diff = (learned_encoding(a) - learned_encoding(b)).cwiseAbs().maxCoeff();
  EXPECT_GT(diff, 0.01);
  // Different positions get different rows too.
  EXPECT_GT((learned_row(3, 16, 5) - learned_row(4, 16, 5)).cwiseAbs().maxCoeff(), 0.01);
}

TEST(Learned, EntriesHaveMeanZeroAndStdAsRequested) {
  // 2000 x 64 = 128000 entries: the sample std of N(0, 0.02^2) is within 0.02 * 0.2% (1 sigma);
  // the mean's standard error is 0.02 / sqrt(128000) = 5.6e-5.
  LearnedParams p;
  p.d = 64;
  p.positions = 2000;
  p.seed = 1;
  const Eigen::MatrixXd t = learned_encoding(p);
  const double n = static_cast<double>(t.size());
  const double mean = t.sum() / n;
  const double var = (t.array() - mean).square().sum() / (n - 1.0);
  EXPECT_NEAR(mean, 0.0, 4e-4);
  EXPECT_NEAR(std::sqrt(var), 0.02, 0.0005);
  // About 68.27% of N(0, s^2) samples lie within one s.
  const double within = (t.array().abs() < 0.02).cast<double>().sum() / n;
  EXPECT_NEAR(within, 0.6827, 0.01);
}

TEST(Learned, StddevScalesTheTable) {
  // Same generator, so a table with std 1 is the std-0.02 table times 50.
  LearnedParams p;
  p.d = 8;
  p.positions = 12;
  p.seed = 9;
  const Eigen::MatrixXd small = learned_encoding(p);
  p.stddev = 1.0;
  const Eigen::MatrixXd unit = learned_encoding(p);
  EXPECT_MATRIX_NEAR(unit * 0.02, small, 1e-17);
  // A large table with std 0.7071 has that std.
  p.d = 64;
  p.positions = 1000;
  p.stddev = 0.7071067811865476;
  const Eigen::MatrixXd t = learned_encoding(p);
  EXPECT_NEAR(std::sqrt(t.array().square().mean()), 0.7071067811865476, 0.01);
}

TEST(Learned, OddDimensionIsAllowed) {
  LearnedParams p;
  p.d = 7;
  p.positions = 3;
  const Eigen::MatrixXd t = learned_encoding(p);
  EXPECT_EQ(t.rows(), 3);
  EXPECT_EQ(t.cols(), 7);
  EXPECT_GT(t.cwiseAbs().maxCoeff(), 0.0);
}

TEST(Learned, EmptyTable) {
  LearnedParams p;
  p.positions = 0;
  EXPECT_EQ(learned_encoding(p).rows(), 0);
}

TEST(LearnedErrors, BadArguments) {
  EXPECT_INVALID_ARGUMENT(learned_row(-1, 8, 0), "-1");
  EXPECT_INVALID_ARGUMENT(learned_row(0, 0, 0), "0");
  EXPECT_INVALID_ARGUMENT(learned_row(0, -3, 0), "-3");
  EXPECT_INVALID_ARGUMENT(learned_row(0, 8, 0, 0.0), "");
  EXPECT_INVALID_ARGUMENT(learned_row(0, 8, 0, -0.02), "-0.02");
  EXPECT_INVALID_ARGUMENT(learned_row(0, 8, 0, std::nan("")), "");
  LearnedParams p;
  p.positions = -5;
  EXPECT_INVALID_ARGUMENT(learned_encoding(p), "-5");
  p.positions = 5;
  p.start = -2;
  EXPECT_INVALID_ARGUMENT(learned_encoding(p), "-2");
  p.start = 0;
  p.d = 0;
  EXPECT_INVALID_ARGUMENT(learned_encoding(p), "");
}

TEST(LearnedCells, AreTheSameCellsAsTheTable) {
  const Eigen::MatrixXd full = learned_encoding({12, 30, 0, 5, 0.02});
  Eigen::VectorXd positions(2);
  positions << 29, 4;
  Eigen::VectorXi columns(3);
  columns << 11, 0, 5;
  const Eigen::MatrixXd cells = learned_cells(positions, columns, 12, 5, 0.02);
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c)
      EXPECT_EQ(cells(r, c), full(static_cast<int>(positions[r]), columns[c]));
  }
  Eigen::VectorXi bad(1);
  bad << -1;
  EXPECT_INVALID_ARGUMENT(learned_cells(positions, bad, 12, 5, 0.02), "column -1");
}

// A real table replaces the seeded rows in every function; the pictures' range follows it.
TEST(LearnedTest, ARealTableIsReadInsteadOfTheSeededOne) {
  PositionTable t;
  t.values = Eigen::MatrixXd(5, 3);
  t.values << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12, 13, 14, 15;
  t.source = "t.npy";
  const Eigen::MatrixXd rows = learned_encoding({3, 2, 3, 0, 0.02, &t});
  EXPECT_EQ(rows, t.values.middleRows(3, 2));
  EXPECT_EQ(learned_row(4, 3, 0, 0.02, &t), t.values.row(4).transpose());
  Eigen::VectorXd positions(2);
  positions << 1, 3;
  Eigen::VectorXi columns(1);
  columns << 2;
  const Eigen::MatrixXd cells = learned_cells(positions, columns, 3, 0, 0.02, &t);
  EXPECT_EQ(cells(0, 0), 6.0);
  EXPECT_EQ(cells(1, 0), -12.0);
  EXPECT_DOUBLE_EQ(learned_value_range(&t), 15.0);
  EXPECT_DOUBLE_EQ(learned_value_range(nullptr), 0.06);
  EXPECT_INVALID_ARGUMENT(learned_encoding({3, 3, 3, 0, 0.02, &t}),
                          "positions 3..5 are past the learned table (t.npy)");
  EXPECT_INVALID_ARGUMENT(learned_encoding({4, 2, 0, 0, 0.02, &t}), "has 3 dimensions, not d = 4");
}

}  // namespace
}  // namespace peviz
