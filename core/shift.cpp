#include "shift.hpp"

#include <algorithm>
#include <cmath>

#include "validate.hpp"

namespace peviz {

Eigen::MatrixXd shift_matrix(int d, double base, long k, Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(d, d);
  for (int i = 0; i < d / 2; ++i) {
    const int s = sin_column(i, d, layout);
    const int c = cos_column(i, d, layout);
    // sin((p+k)w) = sin(pw)cos(kw) + cos(pw)sin(kw); cos((p+k)w) = cos(pw)cos(kw) - sin(pw)sin(kw).
    const double ck = std::cos(k * w[i]);
    const double sk = std::sin(k * w[i]);
    m(s, s) = ck;
    m(s, c) = sk;
    m(c, s) = -sk;
    m(c, c) = ck;
  }
  return m;
}

Eigen::MatrixXd shift_matrix_cells(const Eigen::Ref<const Eigen::VectorXi>& rows,
                                   const Eigen::Ref<const Eigen::VectorXi>& cols, int d,
                                   double base, long k, Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(rows.size(), cols.size());
  for (Eigen::Index b = 0; b < cols.size(); ++b) {
    const ColumnRole c = column_role(cols[b], d, layout);
    for (Eigen::Index a = 0; a < rows.size(); ++a) {
      const ColumnRole r = column_role(rows[a], d, layout);
      if (r.pair != c.pair) continue;  // block diagonal
      const double angle = static_cast<double>(k) * w[r.pair];
      // Same entries as shift_matrix: [[c, s], [-s, c]] on (sin, cos).
      if (r.is_cos == c.is_cos) {
        m(a, b) = std::cos(angle);
      } else {
        m(a, b) = r.is_cos ? -std::sin(angle) : std::sin(angle);
      }
    }
  }
  return m;
}

Eigen::VectorXd shift_errors(const SinusoidalParams& params, long k) {
  require_positions(params.start, params.positions);
  constexpr long kMax = 1L << 53;
  if (k < -kMax || k > kMax) throw InvalidArgument("the shift k must be within 2^53 in size");
  require_positions(params.start + k, params.positions, "the shifted positions");
  const Eigen::MatrixXd pe = sinusoidal_encoding(params);
  SinusoidalParams shifted = params;
  shifted.start = params.start + k;
  const Eigen::MatrixXd target = sinusoidal_encoding(shifted);
  const Eigen::VectorXd w = sinusoidal_frequencies(params.d, params.base);
  Eigen::VectorXd err = Eigen::VectorXd::Zero(pe.rows());
  for (int i = 0; i < params.d / 2; ++i) {
    const int s = sin_column(i, params.d, params.layout);
    const int c = cos_column(i, params.d, params.layout);
    const double ck = std::cos(k * w[i]);
    const double sk = std::sin(k * w[i]);
    for (Eigen::Index r = 0; r < pe.rows(); ++r) {
      const double ps = ck * pe(r, s) + sk * pe(r, c);
      const double pc = -sk * pe(r, s) + ck * pe(r, c);
      err[r] = std::max({err[r], std::abs(ps - target(r, s)), std::abs(pc - target(r, c))});
    }
  }
  return err;
}

double shift_error(const SinusoidalParams& params, long k) {
  const Eigen::VectorXd err = shift_errors(params, k);
  return err.size() == 0 ? 0.0 : err.maxCoeff();
}

}  // namespace peviz
