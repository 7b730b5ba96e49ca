#include "rope_decay.hpp"

#include <cmath>
#include <complex>

#include "rope.hpp"
#include "validate.hpp"

namespace peviz {

Eigen::VectorXd rope_decay_bound(int d, double base, long max_distance) {
  require_count(max_distance, "the largest distance");
  const Eigen::VectorXd theta = rope_inv_freq(d, base);
  Eigen::VectorXd bound(max_distance + 1);
  for (long r = 0; r <= max_distance; ++r) {
    // RoFormer Sec. 3.4.3: (1/(d/2)) sum_j |S_j| with S_j the partial sums of e^{i r t_k}.
    std::complex<double> partial(0.0, 0.0);
    double total = 0.0;
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      const double angle = static_cast<double>(r) * theta[k];
      partial += std::complex<double>(std::cos(angle), std::sin(angle));
      total += std::abs(partial);
    }
    bound[r] = total * 2.0 / d;
  }
  return bound;
}

}  // namespace peviz
