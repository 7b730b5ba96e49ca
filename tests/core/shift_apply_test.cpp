// Tests for core/shift_apply: M_k applied block-wise equals the dense shift matrix, is
// a rotation (M_{-k} M_k = I), maps PE[p] to PE[p+k], and its errors at sampled
// positions equal core/shift's errors over a contiguous range.
#include "core/shift_apply.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/shift.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

Eigen::VectorXd some_vector(int d) {
  Eigen::VectorXd x(d);
  for (int j = 0; j < d; ++j) x[j] = std::sin(0.37 * j + 1.0) + 0.1 * j;
  return x;
}

TEST(ShiftApply, EqualsTheDenseMatrixProduct) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    for (int d : {2, 8, 64}) {
      for (long k : {1L, -3L, 250L}) {
        const Eigen::VectorXd x = some_vector(d);
        const Eigen::VectorXd dense = shift_matrix(d, 10000.0, k, layout) * x;
        EXPECT_MATRIX_NEAR(shift_apply(x, d, 10000.0, k, layout), dense, 1e-14);
      }
    }
  }
}

TEST(ShiftApply, IsARotationAndNegativeOffsetUndoesIt) {
  const int d = 32;
  const Eigen::VectorXd x = some_vector(d);
  const Eigen::VectorXd y = shift_apply(x, d, 10000.0, 17, Layout::Concat);
  EXPECT_NEAR(y.norm(), x.norm(), 1e-12);
  EXPECT_MATRIX_NEAR(shift_apply(y, d, 10000.0, -17, Layout::Concat), x, 1e-13);
}

TEST(ShiftApply, MapsARowToTheShiftedRow) {
  Eigen::VectorXd p(1), q(1);
  p << 5.0;
  q << 12.0;
  const Eigen::MatrixXd a = sinusoidal_rows(p, 16, 10000.0, Layout::Interleaved);
  const Eigen::MatrixXd b = sinusoidal_rows(q, 16, 10000.0, Layout::Interleaved);
  EXPECT_MATRIX_NEAR(shift_apply(a.row(0).transpose(), 16, 10000.0, 7, Layout::Interleaved),
                     b.row(0).transpose(), 1e-14);
}

TEST(ShiftApply, RejectsAVectorOfTheWrongLength) {
  EXPECT_INVALID_ARGUMENT(shift_apply(Eigen::VectorXd::Zero(3), 4, 10000.0, 1, Layout::Interleaved),
                          "d_model");
}

TEST(ShiftErrorsAt, EqualsShiftErrorsOnAContiguousRange) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    const SinusoidalParams params{24, 10000.0, 300, 40, layout};
    const Eigen::VectorXd positions = Eigen::VectorXd::LinSpaced(300, 40.0, 339.0);
    EXPECT_MATRIX_NEAR(shift_errors_at(positions, 24, 10000.0, 9, layout), shift_errors(params, 9),
                       0.0);
  }
}

TEST(ShiftErrorsAt, IsRoundingSizedAndGrowsWithPosition) {
  // docs/formulas.md Sec. 2: ~1e-15 for small p, ~1e-13..1e-12 near p = 4096 * 16.
  Eigen::VectorXd small = Eigen::VectorXd::LinSpaced(16, 0.0, 15.0);
  Eigen::VectorXd large = Eigen::VectorXd::LinSpaced(64, 65000.0, 65063.0);
  const Eigen::VectorXd es = shift_errors_at(small, 64, 10000.0, 1, Layout::Interleaved);
  const Eigen::VectorXd el = shift_errors_at(large, 64, 10000.0, 1, Layout::Interleaved);
  EXPECT_LT(es.maxCoeff(), 5e-15);
  EXPECT_GT(el.maxCoeff(), 10.0 * es.maxCoeff());
  EXPECT_LT(el.maxCoeff(), 1e-10);
}

}  // namespace
}  // namespace peviz
