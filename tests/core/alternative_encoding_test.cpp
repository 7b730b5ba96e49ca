// Tests for core/alternative_encoding: each alternative written out by hand (integers,
// p/(N-1), the bits of p, sin and tan of p base^(-j/d)), the sin/cos row is the
// sinusoidal encoding itself, and bad input gets a message.
#include "core/alternative_encoding.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.hpp"

namespace peviz {
namespace {

AltEncodingParams params(AltEncoding kind, int d, long n, long start = 0, double base = 10000.0) {
  AltEncodingParams p;
  p.kind = kind;
  p.d = d;
  p.positions = n;
  p.start = start;
  p.base = base;
  return p;
}

TEST(AlternativeEncoding, IntegerRepeatsThePositionInEveryColumn) {
  Eigen::MatrixXd expected(3, 4);
  expected << 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7;
  EXPECT_MATRIX_NEAR(alternative_encoding(params(AltEncoding::Integer, 4, 3, 5)), expected, 0.0);
}

TEST(AlternativeEncoding, NormalisedDividesByTheLastPositionSoItDependsOnTheLength) {
  Eigen::MatrixXd expected(5, 2);
  expected << 0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1;
  EXPECT_MATRIX_NEAR(alternative_encoding(params(AltEncoding::Normalised, 2, 5)), expected, 1e-15);
  // The same position 10 gets another code in a longer sequence.
  EXPECT_DOUBLE_EQ(alternative_cell(params(AltEncoding::Normalised, 8, 101), 10, 3).value, 0.1);
  EXPECT_DOUBLE_EQ(alternative_cell(params(AltEncoding::Normalised, 8, 201), 10, 3).value, 0.05);
  // Rows 4..6 are the end of the sequence 0..6: divided by 6.
  Eigen::MatrixXd tail(3, 1);
  tail << 4.0 / 6.0, 5.0 / 6.0, 1.0;
  EXPECT_MATRIX_NEAR(alternative_encoding(params(AltEncoding::Normalised, 1, 3, 4)), tail, 1e-15);
  // The sequence of one position 0: the divisor is 1.
  EXPECT_DOUBLE_EQ(alternative_encoding(params(AltEncoding::Normalised, 1, 1))(0, 0), 0.0);
}

TEST(AlternativeEncoding, BinaryHoldsTheBitsLeastSignificantFirst) {
  const Eigen::MatrixXd pe = alternative_encoding(params(AltEncoding::Binary, 4, 16));
  Eigen::RowVectorXd five(4), twelve(4), fifteen(4);
  five << 1, 0, 1, 0;     // 5 = 1 + 4
  twelve << 0, 0, 1, 1;   // 12 = 4 + 8
  fifteen << 1, 1, 1, 1;  // 15
  EXPECT_MATRIX_NEAR(pe.row(5), five, 0.0);
  EXPECT_MATRIX_NEAR(pe.row(12), twelve, 0.0);
  EXPECT_MATRIX_NEAR(pe.row(15), fifteen, 0.0);
  EXPECT_EQ(pe.row(0).sum(), 0.0);
  // d bits: position 2^d has the code of 0.
  const Eigen::MatrixXd wrap = alternative_encoding(params(AltEncoding::Binary, 3, 10));
  EXPECT_MATRIX_NEAR(wrap.row(8), wrap.row(0), 0.0);
  // A bit beyond 62 is 0 for every position below 2^53; bit 52 of 2^52 is 1.
  const auto big = params(AltEncoding::Binary, 70, 1);
  EXPECT_EQ(alternative_cell(big, 4503599627370496L, 52).value, 1.0);
  EXPECT_EQ(alternative_cell(big, 4503599627370496L, 51).value, 0.0);
  EXPECT_EQ(alternative_cell(big, 4503599627370496L, 69).value, 0.0);
}

TEST(AlternativeEncoding, SinOnlyAndTanUseOneFrequencyPerColumn) {
  // base 16, d 4: v_j = 16^(-j/4) = 1, 1/2, 1/4, 1/8.
  const double v[] = {1.0, 0.5, 0.25, 0.125};
  const Eigen::MatrixXd s = alternative_encoding(params(AltEncoding::SinOnly, 4, 4, 0, 16.0));
  const Eigen::MatrixXd t = alternative_encoding(params(AltEncoding::Tan, 4, 4, 0, 16.0));
  for (int p = 0; p < 4; ++p) {
    for (int j = 0; j < 4; ++j) {
      EXPECT_NEAR(s(p, j), std::sin(p * v[j]), 1e-15) << p << " " << j;
      EXPECT_NEAR(t(p, j), std::tan(p * v[j]), 1e-14) << p << " " << j;
    }
  }
  const AltCell c = alternative_cell(params(AltEncoding::Tan, 4, 4, 0, 16.0), 3, 2);
  EXPECT_DOUBLE_EQ(c.frequency, 0.25);
  EXPECT_DOUBLE_EQ(c.angle, 0.75);
  // tan(11): 11 = 7 pi/2 + delta, tan(x + pi/2) = -cot x, so tan(11) = -1/tan(delta).
  const double delta = 11.0 - 3.5 * M_PI;
  EXPECT_NEAR(alternative_cell(params(AltEncoding::Tan, 1, 12), 11, 0).value,
              -1.0 / std::tan(delta), 1e-9);
  EXPECT_NEAR(alternative_cell(params(AltEncoding::Tan, 1, 12), 11, 0).value, -225.950846, 1e-6);
}

TEST(AlternativeEncoding, SinCosIsTheSinusoidalEncodingInBothLayouts) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    AltEncodingParams p = params(AltEncoding::SinCos, 16, 40, 3);
    p.layout = layout;
    const SinusoidalParams s{16, 10000.0, 40, 3, layout};
    EXPECT_MATRIX_NEAR(alternative_encoding(p), sinusoidal_encoding(s), 0.0);
    // Column 5: interleaved is cos of pair 2; concat is sin of pair 5.
    const AltCell c = alternative_cell(p, 7, 5);
    EXPECT_EQ(c.is_cos, layout == Layout::Interleaved);
    EXPECT_DOUBLE_EQ(c.frequency,
                     std::pow(10000.0, -2.0 * (layout == Layout::Interleaved ? 2 : 5) / 16));
  }
}

TEST(AlternativeEncoding, CellsAreTheRowsColumns) {
  for (AltEncoding kind : kAllAltEncodings) {
    const AltEncodingParams p = params(kind, 10, 30, 2);
    const Eigen::MatrixXd all = alternative_encoding(p);
    Eigen::VectorXd pos(3);
    pos << 2, 17, 31;
    Eigen::VectorXi cols(2);
    cols << 9, 0;
    const Eigen::MatrixXd cells = alternative_cells(p, pos, cols);
    EXPECT_DOUBLE_EQ(cells(0, 0), all(0, 9)) << alt_encoding_name(kind);
    EXPECT_DOUBLE_EQ(cells(1, 1), all(15, 0)) << alt_encoding_name(kind);
    EXPECT_DOUBLE_EQ(cells(2, 0), all(29, 9)) << alt_encoding_name(kind);
    EXPECT_DOUBLE_EQ(alternative_cell(p, 17, 9).value, all(15, 9)) << alt_encoding_name(kind);
  }
}

TEST(AlternativeEncoding, NamesRoundTrip) {
  for (AltEncoding kind : kAllAltEncodings) {
    EXPECT_EQ(alt_encoding_by_name(alt_encoding_name(kind)), kind);
    EXPECT_STRNE(alt_encoding_title(kind), "");
  }
  EXPECT_INVALID_ARGUMENT(alt_encoding_by_name("cosine"), "choose integer, normalised");
}

TEST(AlternativeEncoding, BadInputGetsAMessage) {
  EXPECT_INVALID_ARGUMENT(alternative_encoding(params(AltEncoding::SinCos, 7, 10)), "even");
  EXPECT_INVALID_ARGUMENT(alternative_encoding(params(AltEncoding::Binary, 0, 10)), "positive");
  EXPECT_INVALID_ARGUMENT(alternative_encoding(params(AltEncoding::Tan, 8, 10, 0, 1.0)), "base");
  EXPECT_INVALID_ARGUMENT(alternative_encoding(params(AltEncoding::Integer, 8, -1)), "negative");
  EXPECT_INVALID_ARGUMENT(alternative_encoding(params(AltEncoding::Binary, 8, 10, -3)), "binary");
  EXPECT_INVALID_ARGUMENT(alternative_encoding(params(AltEncoding::Normalised, 8, 10, -3)),
                          "normalised");
  EXPECT_INVALID_ARGUMENT(alternative_cell(params(AltEncoding::SinOnly, 8, 10), 3, 8), "column 8");
  Eigen::VectorXd half(1);
  half << 1.5;
  EXPECT_INVALID_ARGUMENT(alternative_rows(params(AltEncoding::Integer, 2, 10), half),
                          "whole number");
  // Odd d is fine for the others.
  EXPECT_EQ(alternative_encoding(params(AltEncoding::SinOnly, 7, 10)).cols(), 7);
}

}  // namespace
}  // namespace peviz
