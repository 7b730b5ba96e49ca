// The linear-shift test for any encoding matrix: is there ONE matrix M with
// PE[p+k] = M PE[p] for every p? Fitted, not assumed: M minimises
//   sum_p ||PE[p+k] - M PE[p]||^2
// over every pair (p, p+k) of rows of the matrix (rows are consecutive positions
// p0 .. p0+N-1, so there are N - |k| pairs). Stacking the pairs as X (inputs) and
// Y (targets), one row per pair, this is the least-squares problem X B = Y with
// B = M^T, solved by a complete orthogonal decomposition of X (column-pivoted
// Householder QR, then the minimum-norm solution when X is rank deficient; Golub & Van
// Loan, Matrix Computations, 4th ed., Sec. 5.5): stable, unlike the normal equations,
// which square the condition number of the slow, nearly collinear columns.
// The score is the relative residual in the Frobenius norm (over all pairs and dims):
//   relative = ||Y - X M^T||_F / ||Y||_F.
// Affine adds an offset b (PE[p+k] = M PE[p] + b, a column of ones in X): raw integer
// and normalised positions have an exact affine shift (p + k = p + k * 1) but no linear
// one. For sin/cos the exact M is known (core/shift.hpp, Vaswani et al. Sec. 3.5).
// With no more pairs than the rank of X, any targets fit exactly (N - |k| equations for
// each unknown row of M): `informative` is false and the residual says nothing.
// Cost about 2 (N - |k|) d^2 (+ d^3); larger problems than kMaxShiftFitWork are refused.
#pragma once

#include <Eigen/Core>

#include "progress.hpp"

namespace peviz {

inline constexpr double kMaxShiftFitWork = 1.0e9;  // (N - |k|) (d + 1)^2 multiply-adds

enum class ShiftModel { Linear, Affine };

struct ShiftFit {
  long k = 0;
  long pairs = 0;            // N - |k|
  long rank = 0;             // numerical rank of X (with the column of ones for Affine)
  Eigen::MatrixXd M;         // d x d; acts on column vectors: PE[p+k] ~ M PE[p] (+ b)
  Eigen::VectorXd b;         // d; the offset (zeros for Linear)
  double residual = 0.0;     // ||Y - X M^T - 1 b^T||_F
  double target_norm = 0.0;  // ||Y||_F
  double relative = 0.0;     // residual / target_norm (0 when the targets are all zero)
  bool informative = false;  // rank < pairs: an exact fit is not guaranteed by counting
};

// Throws InvalidArgument for k = 0, |k| >= N, a non-finite entry, or too much work.
ShiftFit fit_shift(const Eigen::Ref<const Eigen::MatrixXd>& pe, long k,
                   ShiftModel model = ShiftModel::Linear, const ProgressFn& progress = {});

}  // namespace peviz
