// Tests for core/shift_fit: the least-squares M with PE[p+k] ~ M PE[p]. For sin/cos it is
// the known block rotation (Vaswani et al. Sec. 3.5, written out here); for the others
// the residual is checked against what can be derived by hand: the one-dimensional fit of
// raw integers, and rows that are all zero (sin(0), tan(0), the bits of 0), which no
// linear map can send to a non-zero row.
#include "core/shift_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/alternative_encoding.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

AltEncodingParams params(AltEncoding kind, int d, long n, double base = 10000.0) {
  AltEncodingParams p;
  p.kind = kind;
  p.d = d;
  p.positions = n;
  p.base = base;
  return p;
}

// [[cos kw, sin kw], [-sin kw, cos kw]] on the (sin, cos) columns of each pair.
Eigen::MatrixXd block_rotation(int d, double base, long k, Layout layout) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(d, d);
  for (int i = 0; i < d / 2; ++i) {
    const double w = std::pow(base, -2.0 * i / d);
    const int s = layout == Layout::Interleaved ? 2 * i : i;
    const int c = layout == Layout::Interleaved ? 2 * i + 1 : i + d / 2;
    m(s, s) = std::cos(k * w);
    m(s, c) = std::sin(k * w);
    m(c, s) = -std::sin(k * w);
    m(c, c) = std::cos(k * w);
  }
  return m;
}

// ||Y - X M^T - 1 b^T||_F / ||Y||_F, from the fit's M and b.
double relative_residual(const Eigen::MatrixXd& pe, const ShiftFit& f) {
  const long n = pe.rows() - std::labs(f.k);
  const Eigen::MatrixXd x = f.k > 0 ? pe.topRows(n) : pe.bottomRows(n);
  const Eigen::MatrixXd y = f.k > 0 ? pe.bottomRows(n) : pe.topRows(n);
  Eigen::MatrixXd pred = x * f.M.transpose();
  pred.rowwise() += f.b.transpose();
  return (y - pred).norm() / y.norm();
}

TEST(ShiftFit, SinCosFitsTheKnownBlockRotation) {
  // base 100, d 8: every pair turns at least 0.03 rad per position, so over 200
  // positions X has full rank and M is unique.
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    for (long k : {1L, 3L, -2L, 50L}) {
      AltEncodingParams p = params(AltEncoding::SinCos, 8, 200, 100.0);
      p.layout = layout;
      const Eigen::MatrixXd pe = alternative_encoding(p);
      const ShiftFit f = fit_shift(pe, k);
      EXPECT_EQ(f.rank, 8);
      EXPECT_EQ(f.pairs, 200 - std::labs(k));
      EXPECT_TRUE(f.informative);
      EXPECT_MATRIX_NEAR(f.M, block_rotation(8, 100.0, k, layout), 1e-10) << "k " << k;
      EXPECT_LT(f.relative, 1e-13);
      EXPECT_NEAR(f.relative, relative_residual(pe, f), 1e-15);
    }
  }
}

TEST(ShiftFit, SinCosResidualIsRoundingAtTheDefaults) {
  // d 64, N 100: the slow pairs are nearly collinear (rank < d), the fit still exact.
  const ShiftFit f = fit_shift(alternative_encoding(params(AltEncoding::SinCos, 64, 100)), 1);
  EXPECT_LT(f.relative, 1e-9);
  EXPECT_TRUE(f.informative);
  const ShiftFit big = fit_shift(alternative_encoding(params(AltEncoding::SinCos, 128, 1000)), 7);
  EXPECT_LT(big.relative, 1e-9);
}

TEST(ShiftFit, IntegersHaveAnAffineShiftButNoLinearOne) {
  // Every column is p, so a linear M can only scale the vector of positions: the best is
  // c = sum p (p+k) / sum p^2, and each column misses by ||(p+k) - c p||.
  const long n = 100, k = 1;
  double spp = 0.0, spq = 0.0, sqq = 0.0;
  for (long p = 0; p + k < n; ++p) {
    spp += double(p) * p;
    spq += double(p) * (p + k);
    sqq += double(p + k) * (p + k);
  }
  const double c = spq / spp;
  const double expected = std::sqrt(sqq - 2.0 * c * spq + c * c * spp) / std::sqrt(sqq);
  const Eigen::MatrixXd pe = alternative_encoding(params(AltEncoding::Integer, 16, n));
  const ShiftFit lin = fit_shift(pe, k);
  EXPECT_NEAR(lin.relative, expected, 1e-12);
  EXPECT_GT(lin.relative, 1e-3);  // 8.7e-3
  EXPECT_EQ(lin.rank, 1);
  // Affine: p + k = 1 * p + k, exactly.
  const ShiftFit aff = fit_shift(pe, k, ShiftModel::Affine);
  EXPECT_LT(aff.relative, 1e-13);
  EXPECT_NEAR(relative_residual(pe, aff), aff.relative, 1e-14);
  // Normalised positions are integers times 1/(N-1): the same relative residuals.
  const Eigen::MatrixXd norm = alternative_encoding(params(AltEncoding::Normalised, 16, n));
  EXPECT_NEAR(fit_shift(norm, k).relative, lin.relative, 1e-12);
  EXPECT_LT(fit_shift(norm, k, ShiftModel::Affine).relative, 1e-13);
}

TEST(ShiftFit, SinOnlyTanAndBinaryHaveNoLinearShift) {
  // Row p = 0 is all zeros for sin, tan and bits, and M 0 = 0, so the residual is at least
  // ||PE[k]|| over ||Y||_F. That bound alone exceeds 1e-2 for sin and bits.
  for (AltEncoding kind : {AltEncoding::SinOnly, AltEncoding::Tan, AltEncoding::Binary}) {
    const Eigen::MatrixXd pe = alternative_encoding(params(kind, 64, 100));
    ASSERT_EQ(pe.row(0).norm(), 0.0);
    const ShiftFit f = fit_shift(pe, 1);
    const double bound = pe.row(1).norm() / pe.bottomRows(99).norm();
    EXPECT_GE(f.relative, bound * (1 - 1e-12)) << alt_encoding_name(kind);
    EXPECT_GT(f.relative, 1e-2) << alt_encoding_name(kind);
    EXPECT_TRUE(f.informative);
    EXPECT_NEAR(f.relative, relative_residual(pe, f), 1e-12);
    if (kind != AltEncoding::Tan) {
      EXPECT_GT(bound, 1e-2) << alt_encoding_name(kind);
    }
    EXPECT_GT(fit_shift(pe, 1, ShiftModel::Affine).relative, 1e-2) << alt_encoding_name(kind);
  }
}

TEST(ShiftFit, TooFewPairsFitAnythingAndSaySo) {
  // Positions 1..6: 5 pairs whose 5 input rows are independent, for 8 unknowns per row of
  // M: even tan fits (almost) exactly, and the fit says that this proves nothing.
  AltEncodingParams p = params(AltEncoding::Tan, 8, 6);
  p.start = 1;
  const ShiftFit f = fit_shift(alternative_encoding(p), 1);
  EXPECT_EQ(f.pairs, 5);
  EXPECT_EQ(f.rank, 5);
  EXPECT_FALSE(f.informative);
  EXPECT_LT(f.relative, 1e-9);
  // From position 0 the zero row makes the inputs rank 4 < 5 pairs: informative again, and
  // no linear map reaches PE[1] from 0.
  const ShiftFit zero = fit_shift(alternative_encoding(params(AltEncoding::Tan, 8, 6)), 1);
  EXPECT_EQ(zero.rank, 4);
  EXPECT_TRUE(zero.informative);
  EXPECT_GT(zero.relative, 1e-2);
}

TEST(ShiftFit, BadInputGetsAMessage) {
  const Eigen::MatrixXd pe = alternative_encoding(params(AltEncoding::SinCos, 8, 10));
  EXPECT_INVALID_ARGUMENT(fit_shift(pe, 0), "k = 0");
  EXPECT_INVALID_ARGUMENT(fit_shift(pe, 10), "needs at least 11 positions");
  EXPECT_INVALID_ARGUMENT(fit_shift(pe, -12), "needs at least 13 positions");
  EXPECT_INVALID_ARGUMENT(fit_shift(Eigen::MatrixXd(10, 0), 1), "at least one dimension");
  Eigen::MatrixXd bad = pe;
  bad(4, 2) = std::numeric_limits<double>::infinity();
  EXPECT_INVALID_ARGUMENT(fit_shift(bad, 1), "row 4, column 2");
  EXPECT_INVALID_ARGUMENT(fit_shift(Eigen::MatrixXd::Zero(2000, 1000), 1), "too much work");
}

}  // namespace
}  // namespace peviz
