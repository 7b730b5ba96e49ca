#include "shift_apply.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "validate.hpp"

namespace peviz {

Eigen::VectorXd shift_apply(const Eigen::Ref<const Eigen::VectorXd>& x, int d, double base, long k,
                            Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  if (x.size() != d) {
    throw InvalidArgument("the vector to shift has " + std::to_string(x.size()) +
                          " entries, not d_model = " + std::to_string(d));
  }
  Eigen::VectorXd out(d);
  for (int i = 0; i < d / 2; ++i) {
    const int s = sin_column(i, d, layout);
    const int c = cos_column(i, d, layout);
    // Vaswani Sec. 3.5 via angle addition: sin((p+k)w) = sin(pw)cos(kw) + cos(pw)sin(kw), cos
    // likewise.
    const double ck = std::cos(static_cast<double>(k) * w[i]);
    const double sk = std::sin(static_cast<double>(k) * w[i]);
    out[s] = ck * x[s] + sk * x[c];
    out[c] = -sk * x[s] + ck * x[c];
  }
  return out;
}

Eigen::VectorXd shift_errors_at(const Eigen::Ref<const Eigen::VectorXd>& positions, int d,
                                double base, long k, Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const Eigen::MatrixXd pe = sinusoidal_rows(positions, d, base, layout);
  const Eigen::VectorXd shifted = positions.array() + static_cast<double>(k);
  const Eigen::MatrixXd target = sinusoidal_rows(shifted, d, base, layout);
  Eigen::VectorXd err = Eigen::VectorXd::Zero(positions.size());
  for (int i = 0; i < d / 2; ++i) {
    const int s = sin_column(i, d, layout);
    const int c = cos_column(i, d, layout);
    // The same 2x2 block as shift_apply, applied to every row.
    const double ck = std::cos(static_cast<double>(k) * w[i]);
    const double sk = std::sin(static_cast<double>(k) * w[i]);
    for (Eigen::Index r = 0; r < positions.size(); ++r) {
      const double ps = ck * pe(r, s) + sk * pe(r, c);
      const double pc = -sk * pe(r, s) + ck * pe(r, c);
      err[r] = std::max({err[r], std::abs(ps - target(r, s)), std::abs(pc - target(r, c))});
    }
  }
  return err;
}

}  // namespace peviz
