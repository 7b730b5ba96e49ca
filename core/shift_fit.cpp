#include "shift_fit.hpp"

#include <Eigen/QR>
#include <cmath>
#include <string>

#include "validate.hpp"

namespace peviz {

ShiftFit fit_shift(const Eigen::Ref<const Eigen::MatrixXd>& pe, long k, ShiftModel model,
                   const ProgressFn& progress) {
  const long n = pe.rows();
  const long d = pe.cols();
  if (d < 1) throw InvalidArgument("the shift fit needs at least one dimension");
  if (k == 0) {
    throw InvalidArgument(
        "offset k = 0 maps every row to itself (M = I for any encoding): "
        "choose another k");
  }
  const long ak = k < 0 ? -k : k;
  if (ak >= n) {
    throw InvalidArgument("offset k = " + std::to_string(k) + " needs at least " +
                          std::to_string(ak + 1) + " positions (there are " + std::to_string(n) +
                          "): no pair (p, p+k) lies in the range");
  }
  const long pairs = n - ak;
  const long unknowns = d + (model == ShiftModel::Affine ? 1 : 0);
  const double work = static_cast<double>(pairs) * unknowns * unknowns;
  if (work > kMaxShiftFitWork) {
    throw InvalidArgument("the least-squares shift fit over " + std::to_string(pairs) +
                          " pairs in " + std::to_string(d) + " dimensions is too much work (" +
                          std::to_string(static_cast<long long>(work)) +
                          " operations, at most 1e9): use fewer positions or dimensions");
  }
  if (!pe.allFinite()) {
    for (long j = 0; j < d; ++j) {
      for (long r = 0; r < n; ++r) {
        if (!std::isfinite(pe(r, j))) {
          throw InvalidArgument("row " + std::to_string(r) + ", column " + std::to_string(j) +
                                " is not a finite number (tan at a pole?): the shift fit needs "
                                "finite values");
        }
      }
    }
  }
  // Inputs PE[p] and targets PE[p+k], one row per pair.
  Eigen::MatrixXd x(pairs, unknowns);
  x.leftCols(d) = k > 0 ? pe.topRows(pairs) : pe.bottomRows(pairs);
  if (model == ShiftModel::Affine) x.col(d).setOnes();
  const Eigen::MatrixXd y = k > 0 ? pe.bottomRows(pairs) : pe.topRows(pairs);
  report_progress(progress, 0.1);

  // Golub & Van Loan Sec. 5.5: least squares by a complete orthogonal decomposition.
  const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(x);
  report_progress(progress, 0.7);
  const Eigen::MatrixXd b = cod.solve(y);  // unknowns x d, = [M^T; b^T]
  ShiftFit out;
  out.k = k;
  out.pairs = pairs;
  out.rank = cod.rank();
  out.M = b.topRows(d).transpose();
  out.b = model == ShiftModel::Affine ? Eigen::VectorXd(b.row(d).transpose())
                                      : Eigen::VectorXd::Zero(d);
  out.residual = (y - x * b).norm();
  out.target_norm = y.norm();
  out.relative = out.target_norm > 0.0 ? out.residual / out.target_norm : 0.0;
  out.informative = out.rank < pairs;
  report_progress(progress, 1.0);
  return out;
}

}  // namespace peviz
