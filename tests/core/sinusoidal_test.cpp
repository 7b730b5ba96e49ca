// Tests for core/sinusoidal: Vaswani et al., arXiv:1706.03762, Sec. 3.5 (docs/formulas.md Sec. 1).
#include "core/sinusoidal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "test_util.hpp"

namespace peviz {
namespace {

using test::row_vec;

// The paper's formula for one cell, written out independently of the code under test:
// PE(pos, 2i) = sin(pos / base^(2i/d)), PE(pos, 2i+1) = cos(pos / base^(2i/d)).
double paper_cell(double pos, int column, int d, double base) {
  const int i = column / 2;
  const double angle = pos / std::pow(base, 2.0 * i / d);
  return column % 2 == 0 ? std::sin(angle) : std::cos(angle);
}

TEST(Sinusoidal, LargestWavelengthIsBelow2PiTimesBase) {
  // docs/formulas.md Sec. 1 pitfall: 2*pi*10000^((d-2)/d) for d = 64, not 2*pi*10000 = 62831.85.
  // python3: 2*math.pi*10000**(62/64) = 47117.2427801674.
  const Eigen::VectorXd lambda = sinusoidal_wavelengths(64, 10000.0);
  ASSERT_EQ(lambda.size(), 32);
  EXPECT_NEAR(lambda[31], 47117.2427801674, 1e-8);
  EXPECT_NEAR(lambda.maxCoeff(), 47117.2428, 5e-5);
  EXPECT_LT(lambda.maxCoeff(), 2.0 * std::numbers::pi * 10000.0 - 1000.0);
  // The shortest wavelength is 2*pi (w_0 = 1).
  EXPECT_NEAR(lambda[0], 2.0 * std::numbers::pi, 1e-15);
}

TEST(Sinusoidal, WavelengthsAreAGeometricProgression) {
  for (int d : {4, 16, 64, 128}) {
    for (double base : {10000.0, 500000.0, 2.0}) {
      const Eigen::VectorXd lambda = sinusoidal_wavelengths(d, base);
      const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
      const double ratio = std::pow(base, 2.0 / d);
      for (int i = 0; i + 1 < d / 2; ++i) {
        EXPECT_NEAR(lambda[i + 1] / lambda[i], ratio, 1e-13 * ratio) << "d=" << d << " i=" << i;
        EXPECT_NEAR(w[i] / w[i + 1], ratio, 1e-13 * ratio) << "d=" << d << " i=" << i;
      }
      for (int i = 0; i < d / 2; ++i) {
        EXPECT_NEAR(lambda[i] * w[i], 2.0 * std::numbers::pi, 1e-13) << "d=" << d << " i=" << i;
      }
    }
  }
}

TEST(Sinusoidal, FrequenciesMatchTheFormula) {
  const Eigen::VectorXd w = sinusoidal_frequencies(8, 10000.0);
  // 10000^(-2i/8) for i = 0..3: 1, 0.1, 0.01, 0.001.
  EXPECT_MATRIX_NEAR(w, Eigen::Vector4d(1.0, 0.1, 0.01, 0.001), 1e-17);
  // Lowest frequency for d = 64 is 10000^(-62/64), not 1e-4 (t2t would give exactly 1e-4).
  const Eigen::VectorXd w64 = sinusoidal_frequencies(64, 10000.0);
  EXPECT_NEAR(w64[31], 2.0 * std::numbers::pi / 47117.2427801674, 1e-15);
  EXPECT_GT(w64[31], 1.3e-4);
}

TEST(Sinusoidal, CellsComputedByHand) {
  // python3 (paper formula, double): math.sin(1) etc.; values printed with repr().
  struct Case {
    double pos;
    int column;
    int d;
    double value;
  };
  const Case cases[] = {
      {1, 0, 64, 0.8414709848078965},         // sin(1)
      {1, 1, 64, 0.5403023058681398},         // cos(1)
      {10, 2, 64, 0.937632744137416},         // sin(10 * 10000^(-2/64))
      {10, 3, 64, 0.3476274401156199},        // cos(10 * 10000^(-2/64))
      {100, 20, 64, -0.6129367614854914},     // sin(100 * 10000^(-20/64))
      {100, 21, 64, 0.7901319677241757},      // cos(100 * 10000^(-20/64))
      {2, 2, 4, 0.01999866669333308},         // sin(0.02): w_1 = 10000^(-1/2) = 0.01
      {2, 3, 4, 0.9998000066665778},          // cos(0.02)
      {37, 62, 64, 0.004934009279496616},     // sin(37 * 10000^(-62/64))
      {37, 63, 64, 0.9999878277021325},       // cos(37 * 10000^(-62/64))
      {5000, 10, 128, -0.10313557517861867},  // sin(5000 * 10000^(-10/128))
      {5000, 11, 128, -0.9946673077630407},   // cos(5000 * 10000^(-10/128))
  };
  for (const Case& c : cases) {
    SinusoidalParams p;
    p.d = c.d;
    p.positions = 1;
    p.start = static_cast<long>(c.pos);
    const Eigen::MatrixXd pe = sinusoidal_encoding(p);
    EXPECT_NEAR(pe(0, c.column), c.value, 1e-12) << "pos=" << c.pos << " col=" << c.column;
    const SinusoidalCell cell = sinusoidal_cell(c.pos, c.column, c.d, 10000.0, Layout::Interleaved);
    EXPECT_NEAR(cell.value, c.value, 1e-12) << "pos=" << c.pos << " col=" << c.column;
  }
}

TEST(Sinusoidal, EveryCellMatchesThePaperFormula) {
  for (int d : {2, 6, 64, 128}) {
    for (double base : {10000.0, 100.0}) {
      SinusoidalParams p;
      p.d = d;
      p.base = base;
      p.positions = 300;
      p.start = 40;
      const Eigen::MatrixXd pe = sinusoidal_encoding(p);
      Eigen::MatrixXd expected(300, d);
      for (int r = 0; r < 300; ++r) {
        for (int c = 0; c < d; ++c) expected(r, c) = paper_cell(40.0 + r, c, d, base);
      }
      EXPECT_MATRIX_NEAR(pe, expected, 1e-12);
    }
  }
}

TEST(Sinusoidal, ConcatLayoutIsAColumnPermutationOfInterleaved) {
  // Concat (HF create_sinusoidal_positions): [sin(p w_0..w_{h-1}), cos(p w_0..w_{h-1})], so
  // concat[k] = interleaved[P[k]] with P = [0, 2, 4, ..., 1, 3, 5, ...].
  for (int d : {2, 8, 64}) {
    SinusoidalParams p;
    p.d = d;
    p.positions = 50;
    p.start = 3;
    const Eigen::MatrixXd inter = sinusoidal_encoding(p);
    p.layout = Layout::Concat;
    const Eigen::MatrixXd concat = sinusoidal_encoding(p);
    const Eigen::MatrixXd perm = test::permutation_matrix(test::even_odd_permutation(d));
    EXPECT_MATRIX_NEAR(concat, inter * perm.transpose(), 0.0);
    // And directly: column i is sin, column i + d/2 is cos of pair i.
    for (int r = 0; r < 50; ++r) {
      for (int i = 0; i < d / 2; ++i) {
        const double angle = (3.0 + r) * std::pow(10000.0, -2.0 * i / d);
        EXPECT_NEAR(concat(r, i), std::sin(angle), 1e-12);
        EXPECT_NEAR(concat(r, i + d / 2), std::cos(angle), 1e-12);
      }
    }
  }
}

TEST(Sinusoidal, RowsHaveNormSqrtHalfD) {
  for (int d : {2, 4, 64, 128}) {
    for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
      SinusoidalParams p;
      p.d = d;
      p.positions = 200;
      p.start = 1000;
      p.layout = layout;
      const Eigen::MatrixXd pe = sinusoidal_encoding(p);
      for (int r = 0; r < pe.rows(); ++r) {
        EXPECT_NEAR(pe.row(r).norm(), std::sqrt(d / 2.0), 1e-13) << "d=" << d << " row " << r;
      }
    }
  }
}

TEST(Sinusoidal, RowZeroIsSinZeroCosOne) {
  SinusoidalParams p;
  p.d = 16;
  p.positions = 1;
  const Eigen::MatrixXd pe = sinusoidal_encoding(p);
  for (int c = 0; c < 16; ++c) EXPECT_EQ(pe(0, c), c % 2 == 0 ? 0.0 : 1.0) << "column " << c;
}

TEST(Sinusoidal, StartOffsetSelectsTheSameRows) {
  SinusoidalParams a;
  a.positions = 120;
  SinusoidalParams b = a;
  b.start = 20;
  b.positions = 100;
  const Eigen::MatrixXd ea = sinusoidal_encoding(a);
  const Eigen::MatrixXd eb = sinusoidal_encoding(b);
  EXPECT_MATRIX_NEAR(eb, ea.bottomRows(100), 0.0);
}

TEST(Sinusoidal, RowsAtArbitraryPositions) {
  Eigen::VectorXd pos(4);
  pos << 0.5, 2.25, -3.0, 1e4;
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    const Eigen::MatrixXd rows = sinusoidal_rows(pos, 12, 10000.0, layout);
    ASSERT_EQ(rows.rows(), 4);
    ASSERT_EQ(rows.cols(), 12);
    for (int r = 0; r < 4; ++r) {
      for (int i = 0; i < 6; ++i) {
        const double angle = pos[r] * std::pow(10000.0, -2.0 * i / 12);
        EXPECT_NEAR(rows(r, sin_column(i, 12, layout)), std::sin(angle), 1e-12);
        EXPECT_NEAR(rows(r, cos_column(i, 12, layout)), std::cos(angle), 1e-12);
      }
    }
  }
}

TEST(Sinusoidal, ColumnRoles) {
  // Interleaved: column 2i is sin of pair i, 2i+1 is cos.
  EXPECT_EQ(column_role(0, 8, Layout::Interleaved).pair, 0);
  EXPECT_FALSE(column_role(0, 8, Layout::Interleaved).is_cos);
  EXPECT_EQ(column_role(5, 8, Layout::Interleaved).pair, 2);
  EXPECT_TRUE(column_role(5, 8, Layout::Interleaved).is_cos);
  // Concat: column i < d/2 is sin of pair i, column i + d/2 is cos of pair i.
  EXPECT_EQ(column_role(3, 8, Layout::Concat).pair, 3);
  EXPECT_FALSE(column_role(3, 8, Layout::Concat).is_cos);
  EXPECT_EQ(column_role(5, 8, Layout::Concat).pair, 1);
  EXPECT_TRUE(column_role(5, 8, Layout::Concat).is_cos);
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    for (int i = 0; i < 4; ++i) {
      const ColumnRole s = column_role(sin_column(i, 8, layout), 8, layout);
      const ColumnRole c = column_role(cos_column(i, 8, layout), 8, layout);
      EXPECT_EQ(s.pair, i);
      EXPECT_FALSE(s.is_cos);
      EXPECT_EQ(c.pair, i);
      EXPECT_TRUE(c.is_cos);
    }
  }
  EXPECT_EQ(sin_column(3, 8, Layout::Interleaved), 6);
  EXPECT_EQ(cos_column(3, 8, Layout::Interleaved), 7);
  EXPECT_EQ(sin_column(3, 8, Layout::Concat), 3);
  EXPECT_EQ(cos_column(3, 8, Layout::Concat), 7);
}

TEST(Sinusoidal, CellReadout) {
  // d = 64, column 21 (interleaved): pair 10, cos, exponent 20/64 = 0.3125,
  // frequency 10000^-0.3125 = 10^-1.25 = 0.05623413251903491 (python3).
  const SinusoidalCell c = sinusoidal_cell(100.0, 21, 64, 10000.0, Layout::Interleaved);
  EXPECT_EQ(c.position, 100.0);
  EXPECT_EQ(c.column, 21);
  EXPECT_EQ(c.pair, 10);
  EXPECT_TRUE(c.is_cos);
  EXPECT_DOUBLE_EQ(c.exponent, 0.3125);
  EXPECT_NEAR(c.frequency, 0.05623413251903491, 1e-16);
  EXPECT_NEAR(c.angle, 5.623413251903491, 1e-14);
  EXPECT_NEAR(c.value, 0.7901319677241757, 1e-12);
  // The same pair in the concat layout sits at column 10 + 32 = 42.
  const SinusoidalCell k = sinusoidal_cell(100.0, 42, 64, 10000.0, Layout::Concat);
  EXPECT_EQ(k.pair, 10);
  EXPECT_TRUE(k.is_cos);
  EXPECT_NEAR(k.value, c.value, 1e-15);
}

TEST(Sinusoidal, EmptyTable) {
  SinusoidalParams p;
  p.positions = 0;
  const Eigen::MatrixXd pe = sinusoidal_encoding(p);
  EXPECT_EQ(pe.rows(), 0);
  EXPECT_EQ(pe.cols(), 64);
}

TEST(Sinusoidal, Names) {
  EXPECT_STREQ(layout_name(Layout::Interleaved), "interleaved");
  EXPECT_STREQ(layout_name(Layout::Concat), "concat");
}

TEST(SinusoidalErrors, OddDimensionIsRejectedWithTheValue) {
  // The project's odd-d convention: rejected (docs/formulas.md Sec. 1 asks for a stated choice).
  SinusoidalParams p;
  p.d = 63;
  EXPECT_INVALID_ARGUMENT(sinusoidal_encoding(p), "63");
  EXPECT_INVALID_ARGUMENT(sinusoidal_frequencies(7, 10000.0), "7");
  EXPECT_INVALID_ARGUMENT(sinusoidal_wavelengths(1, 10000.0), "1");
  EXPECT_INVALID_ARGUMENT(sinusoidal_cell(0.0, 0, 5, 10000.0, Layout::Interleaved), "5");
  EXPECT_INVALID_ARGUMENT(column_role(0, 9, Layout::Concat), "9");
}

TEST(SinusoidalErrors, NonPositiveDimension) {
  EXPECT_INVALID_ARGUMENT(sinusoidal_frequencies(0, 10000.0), "0");
  EXPECT_INVALID_ARGUMENT(sinusoidal_frequencies(-4, 10000.0), "-4");
  Eigen::VectorXd pos = Eigen::VectorXd::Zero(2);
  EXPECT_INVALID_ARGUMENT(sinusoidal_rows(pos, -2, 10000.0, Layout::Interleaved), "");
}

TEST(SinusoidalErrors, BadBase) {
  for (double base :
       {1.0, 0.5, 0.0, -10.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    EXPECT_INVALID_ARGUMENT(sinusoidal_frequencies(64, base), "base") << base;
    SinusoidalParams p;
    p.base = base;
    EXPECT_INVALID_ARGUMENT(sinusoidal_encoding(p), "base") << base;
  }
  EXPECT_INVALID_ARGUMENT(sinusoidal_wavelengths(64, 0.5), "0.5");
}

TEST(SinusoidalErrors, NegativePositionCount) {
  SinusoidalParams p;
  p.positions = -1;
  EXPECT_INVALID_ARGUMENT(sinusoidal_encoding(p), "-1");
}

TEST(SinusoidalErrors, ColumnOutOfRange) {
  EXPECT_INVALID_ARGUMENT(column_role(8, 8, Layout::Interleaved), "8");
  EXPECT_INVALID_ARGUMENT(column_role(-1, 8, Layout::Concat), "-1");
  EXPECT_INVALID_ARGUMENT(sinusoidal_cell(1.0, 64, 64, 10000.0, Layout::Interleaved), "64");
}

TEST(SinusoidalCells, AreTheSameCellsAsTheMatrix) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    const Eigen::MatrixXd full = sinusoidal_encoding({32, 500.0, 40, 3, layout});
    Eigen::VectorXd positions(3);
    positions << 3, 20, 42;  // rows 0, 17, 39 of `full`
    Eigen::VectorXi columns(4);
    columns << 31, 0, 7, 16;
    const Eigen::MatrixXd cells = sinusoidal_cells(positions, columns, 32, 500.0, layout);
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 4; ++c) {
        EXPECT_NEAR(cells(r, c), full(static_cast<int>(positions[r]) - 3, columns[c]), 1e-15);
      }
    }
  }
  Eigen::VectorXi bad(1);
  bad << 32;
  EXPECT_INVALID_ARGUMENT(
      sinusoidal_cells(Eigen::VectorXd::Zero(1), bad, 32, 500.0, Layout::Concat), "column 32");
}

}  // namespace
}  // namespace peviz
