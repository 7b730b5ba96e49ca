#include "visibility.hpp"

#include <string>

#include "validate.hpp"

namespace peviz {

Eigen::VectorXd visible_counts_at(const Eigen::Ref<const Eigen::VectorXd>& queries, long length,
                                  Mask mask) {
  require_count(length, "the sequence length");
  Eigen::VectorXd counts(queries.size());
  for (Eigen::Index k = 0; k < queries.size(); ++k) {
    const double p = queries[k];
    if (!(p >= 0.0 && p < static_cast<double>(length))) {
      throw InvalidArgument("query position " + std::to_string(p) + " is outside the sequence 0.." +
                            std::to_string(length - 1));
    }
    // Causal mask: keys 0..p are visible (j <= i); no mask: all of them.
    counts[k] = mask == Mask::Causal ? p + 1.0 : static_cast<double>(length);
  }
  return counts;
}

}  // namespace peviz
