#include "yarn_ramp.hpp"

#include <algorithm>
#include <numbers>

#include "rope.hpp"
#include "validate.hpp"

namespace peviz {

Eigen::VectorXd yarn_gamma(const Eigen::Ref<const Eigen::VectorXd>& r, double alpha, double beta) {
  if (!(alpha < beta)) throw InvalidArgument("YaRN's ramp needs alpha < beta");
  Eigen::VectorXd out(r.size());
  for (Eigen::Index i = 0; i < r.size(); ++i) {
    // Peng et al. Eq. 18.
    out[i] = r[i] < alpha ? 0.0 : r[i] > beta ? 1.0 : (r[i] - alpha) / (beta - alpha);
  }
  return out;
}

Eigen::VectorXd yarn_rotations(int dim, double base, double context) {
  require_positive(context, "the context");
  // Peng et al. Eq. 17: r(d) = L / lambda_d, lambda_d = 2 pi / theta_d.
  return rope_inv_freq(dim, base) * (context / (2.0 * std::numbers::pi));
}

}  // namespace peviz
