#include "rope_decay_sampled.hpp"

#include <cmath>
#include <complex>

#include "rope.hpp"
#include "validate.hpp"

namespace peviz {

Eigen::VectorXd rope_decay_bound_at(int d, double base, const Eigen::VectorXd& distances) {
  const Eigen::VectorXd theta = rope_inv_freq(d, base);
  Eigen::VectorXd bound(distances.size());
  for (Eigen::Index j = 0; j < distances.size(); ++j) {
    const double r = distances[j];
    require_finite(r, "distance");
    // RoFormer Sec. 3.4.3: (1/(d/2)) sum_j |S_j| with S_j the partial sums of e^{i r t_k}.
    std::complex<double> partial(0.0, 0.0);
    double total = 0.0;
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      partial += std::polar(1.0, r * theta[k]);
      total += std::abs(partial);
    }
    bound[j] = total * 2.0 / d;
  }
  return bound;
}

}  // namespace peviz
