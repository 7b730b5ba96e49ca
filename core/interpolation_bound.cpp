#include "interpolation_bound.hpp"

#include <cmath>

#include "rope_decay.hpp"
#include "validate.hpp"

namespace peviz {

double interpolation_bound(int d, double base, double max_h, double s1, double s2, double s) {
  require_even_dim(d, "d");
  require_base(base);
  if (!(s >= s1 && s <= s2)) return 0.0;
  // Chen et al. Theorem 2.1: d max|h_j| (s - s1)(s2 - s) / (8 ln c).
  return static_cast<double>(d) * max_h * (s - s1) * (s2 - s) / (8.0 * std::log(base));
}

Eigen::VectorXd extrapolation_bound(int d, double base, long max_distance) {
  // RoFormer's B(s) is (2/d) sum_k |A_k(s)|: the paper's Eq. 5 sum is (d/2) B(s).
  return rope_decay_bound(d, base, max_distance) * (static_cast<double>(d) / 2.0);
}

Eigen::VectorXd interpolation_bound_ratio(int d, double base, long max_distance) {
  // Chen et al. Sec. 2.3: sum_k |A_k(s)| over d max|h| / (32 ln c), with max|h| = max|dh| = 1.
  const double largest = interpolation_bound(d, base, 1.0, 0.0, 1.0, 0.5);
  return extrapolation_bound(d, base, max_distance) / largest;
}

}  // namespace peviz
