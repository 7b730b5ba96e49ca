// Tests for core/shift: PE[p+k] = M_k PE[p] (Vaswani et al. Sec. 3.5; docs/formulas.md Sec. 2).
#include "core/shift.hpp"

#include <gtest/gtest.h>

#include <Eigen/LU>

#include <cmath>
#include <vector>

#include "test_util.hpp"

namespace peviz {
namespace {

struct Config {
  int d;
  double base;
  Layout layout;
};

std::vector<Config> configs() {
  std::vector<Config> out;
  for (int d : {2, 4, 16, 64, 128}) {
    for (double base : {10000.0, 100.0, 500000.0}) {
      for (Layout layout : {Layout::Interleaved, Layout::Concat}) out.push_back({d, base, layout});
    }
  }
  return out;
}

Eigen::MatrixXd encoding(const Config& c, long start, long n) {
  SinusoidalParams p;
  p.d = c.d;
  p.base = c.base;
  p.layout = c.layout;
  p.start = start;
  p.positions = n;
  return sinusoidal_encoding(p);
}

// Law: PE[p+k] = M_k PE[p] with the dense matrix, for small positions (~1e-15 regime).
TEST(Shift, DenseMatrixMapsRowPToRowPPlusKSmallPositions) {
  for (const Config& c : configs()) {
    for (long k : {0L, 1L, 3L, 10L, -5L}) {
      const Eigen::MatrixXd m = shift_matrix(c.d, c.base, k, c.layout);
      const Eigen::MatrixXd pe = encoding(c, 10, 16);          // p = 10..25
      const Eigen::MatrixXd target = encoding(c, 10 + k, 16);  // p + k
      // Rows are positions: (M_k PE[p]^T)^T = PE[p] M_k^T.
      EXPECT_MATRIX_NEAR(pe * m.transpose(), target, 1e-13)
          << "d=" << c.d << " base=" << c.base << " layout=" << layout_name(c.layout) << " k=" << k;
    }
  }
}

// docs/formulas.md Sec. 2: the error grows about linearly with p+k (~3.9e-13 for p < 4096).
TEST(Shift, DenseMatrixMapsRowPToRowPPlusKLargePositions) {
  for (const Config& c : configs()) {
    for (long k : {1L, 100L, 1000L}) {
      const Eigen::MatrixXd m = shift_matrix(c.d, c.base, k, c.layout);
      const Eigen::MatrixXd pe = encoding(c, 3000, 64);
      const Eigen::MatrixXd target = encoding(c, 3000 + k, 64);
      EXPECT_MATRIX_NEAR(pe * m.transpose(), target, 2e-12)
          << "d=" << c.d << " base=" << c.base << " layout=" << layout_name(c.layout) << " k=" << k;
    }
  }
}

TEST(Shift, MatrixIsOrthogonalWithDeterminantOne) {
  for (const Config& c : configs()) {
    for (long k : {1L, 7L, -13L, 1000L}) {
      const Eigen::MatrixXd m = shift_matrix(c.d, c.base, k, c.layout);
      const Eigen::MatrixXd eye = Eigen::MatrixXd::Identity(c.d, c.d);
      EXPECT_MATRIX_NEAR(m.transpose() * m, eye, 1e-14) << "d=" << c.d << " k=" << k;
      EXPECT_MATRIX_NEAR(m * m.transpose(), eye, 1e-14) << "d=" << c.d << " k=" << k;
      EXPECT_NEAR(m.determinant(), 1.0, 1e-12) << "d=" << c.d << " k=" << k;
    }
  }
}

TEST(Shift, PowerLawMkEqualsM1ToTheK) {
  for (const Config& c : configs()) {
    const Eigen::MatrixXd m1 = shift_matrix(c.d, c.base, 1, c.layout);
    Eigen::MatrixXd power = Eigen::MatrixXd::Identity(c.d, c.d);
    for (long k = 1; k <= 40; ++k) {
      power = power * m1;
      // Rounding accumulates about one ulp per multiplication.
      EXPECT_MATRIX_NEAR(shift_matrix(c.d, c.base, k, c.layout), power, 1e-13)
          << "d=" << c.d << " k=" << k;
    }
    EXPECT_MATRIX_NEAR(shift_matrix(c.d, c.base, 0, c.layout), Eigen::MatrixXd::Identity(c.d, c.d),
                       0.0);
  }
}

TEST(Shift, NegativeShiftIsTheTranspose) {
  for (const Config& c : configs()) {
    for (long k : {1L, 2L, 17L, 999L}) {
      EXPECT_MATRIX_NEAR(shift_matrix(c.d, c.base, -k, c.layout),
                         shift_matrix(c.d, c.base, k, c.layout).transpose(), 1e-15)
          << "d=" << c.d << " k=" << k;
      // M_k M_{-k} = I
      EXPECT_MATRIX_NEAR(
          shift_matrix(c.d, c.base, k, c.layout) * shift_matrix(c.d, c.base, -k, c.layout),
          Eigen::MatrixXd::Identity(c.d, c.d), 1e-14);
    }
  }
}

TEST(Shift, BlocksByHand) {
  // d = 4 interleaved, k = 1: w = (1, 0.01). Block [[cos kw, sin kw], [-sin kw, cos kw]]
  // on columns (0, 1) and (2, 3) (docs/formulas.md Sec. 2).
  Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(4, 4);
  const double c0 = 0.5403023058681398, s0 = 0.8414709848078965;    // cos 1, sin 1
  const double c1 = 0.9999500004166653, s1 = 0.009999833334166664;  // cos .01, sin .01
  expected.block<2, 2>(0, 0) << c0, s0, -s0, c0;
  expected.block<2, 2>(2, 2) << c1, s1, -s1, c1;
  EXPECT_MATRIX_NEAR(shift_matrix(4, 10000.0, 1, Layout::Interleaved), expected, 1e-15);
  // Concat: the same blocks on column pairs (0, 2) and (1, 3).
  Eigen::MatrixXd concat = Eigen::MatrixXd::Zero(4, 4);
  concat(0, 0) = c0;
  concat(0, 2) = s0;
  concat(2, 0) = -s0;
  concat(2, 2) = c0;
  concat(1, 1) = c1;
  concat(1, 3) = s1;
  concat(3, 1) = -s1;
  concat(3, 3) = c1;
  EXPECT_MATRIX_NEAR(shift_matrix(4, 10000.0, 1, Layout::Concat), concat, 1e-15);
}

TEST(Shift, LayoutsAreConjugateByTheEvenOddPermutation) {
  for (int d : {2, 8, 64}) {
    const Eigen::MatrixXd p = test::permutation_matrix(test::even_odd_permutation(d));
    for (long k : {1L, 5L, 77L}) {
      const Eigen::MatrixXd inter = shift_matrix(d, 10000.0, k, Layout::Interleaved);
      const Eigen::MatrixXd concat = shift_matrix(d, 10000.0, k, Layout::Concat);
      // concat row = P inter row, so M_concat = P M_inter P^T.
      EXPECT_MATRIX_NEAR(concat, p * inter * p.transpose(), 0.0) << "d=" << d << " k=" << k;
    }
  }
}

TEST(Shift, ErrorsAreSmallAndGrowWithPosition) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    SinusoidalParams small;
    small.d = 64;
    small.positions = 16;
    small.layout = layout;
    const Eigen::VectorXd e_small = shift_errors(small, 5);
    ASSERT_EQ(e_small.size(), 16);
    EXPECT_LT(e_small.maxCoeff(), 1e-14);
    EXPECT_GE(e_small.minCoeff(), 0.0);
    EXPECT_EQ(shift_error(small, 5), e_small.maxCoeff());

    SinusoidalParams large = small;
    large.positions = 4096;
    const double err = shift_error(large, 100);
    EXPECT_LT(err, 2e-12);
  }
}

TEST(Shift, ErrorsAgreeWithTheDenseMatrix) {
  // shift_errors applies the 2x2 blocks; the dense product must give the same residual.
  SinusoidalParams p;
  p.d = 32;
  p.positions = 40;
  p.start = 500;
  for (long k : {3L, 250L}) {
    const Eigen::VectorXd e = shift_errors(p, k);
    const Eigen::MatrixXd m = shift_matrix(p.d, p.base, k, p.layout);
    SinusoidalParams q = p;
    q.start += k;
    const Eigen::MatrixXd residual =
        (sinusoidal_encoding(p) * m.transpose() - sinusoidal_encoding(q)).cwiseAbs();
    for (int r = 0; r < 40; ++r) EXPECT_NEAR(e[r], residual.row(r).maxCoeff(), 1e-14);
  }
}

TEST(Shift, EmptyRangeHasZeroError) {
  SinusoidalParams p;
  p.positions = 0;
  EXPECT_EQ(shift_errors(p, 3).size(), 0);
  EXPECT_EQ(shift_error(p, 3), 0.0);
}

TEST(ShiftErrors, BadArguments) {
  EXPECT_INVALID_ARGUMENT(shift_matrix(5, 10000.0, 1, Layout::Interleaved), "5");
  EXPECT_INVALID_ARGUMENT(shift_matrix(0, 10000.0, 1, Layout::Interleaved), "");
  EXPECT_INVALID_ARGUMENT(shift_matrix(8, 1.0, 1, Layout::Concat), "base");
  SinusoidalParams p;
  p.d = 9;
  EXPECT_INVALID_ARGUMENT(shift_errors(p, 1), "9");
  p.d = 8;
  p.positions = -3;
  EXPECT_INVALID_ARGUMENT(shift_error(p, 1), "-3");
}

TEST(ShiftMatrixCells, AreTheDenseEntries) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    const Eigen::MatrixXd m = shift_matrix(16, 100.0, 3, layout);
    const Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(16, 0, 15);
    EXPECT_MATRIX_NEAR(shift_matrix_cells(all, all, 16, 100.0, 3, layout), m, 0.0);
    Eigen::VectorXi rows(3), cols(2);
    rows << 9, 1, 8;
    cols << 8, 0;
    const Eigen::MatrixXd cells = shift_matrix_cells(rows, cols, 16, 100.0, 3, layout);
    for (int a = 0; a < 3; ++a) {
      for (int b = 0; b < 2; ++b) EXPECT_EQ(cells(a, b), m(rows[a], cols[b]));
    }
  }
}

}  // namespace
}  // namespace peviz
