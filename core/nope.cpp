#include "nope.hpp"

#include <limits>

#include "validate.hpp"

namespace peviz {

Eigen::MatrixXd causal_mask(long n) {
  require_count(n, "the number of positions");
  const double inf = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd m(n, n);
  for (long j = 0; j < n; ++j) {
    for (long i = 0; i < n; ++i) m(i, j) = j <= i ? 0.0 : -inf;
  }
  return m;
}

Eigen::MatrixXd causal_mask_at(const Eigen::Ref<const Eigen::VectorXd>& queries,
                               const Eigen::Ref<const Eigen::VectorXd>& keys) {
  const double inf = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd m(queries.size(), keys.size());
  for (Eigen::Index j = 0; j < keys.size(); ++j) {
    for (Eigen::Index i = 0; i < queries.size(); ++i) m(i, j) = keys[j] <= queries[i] ? 0.0 : -inf;
  }
  return m;
}

Eigen::VectorXd visible_counts(long n) {
  require_count(n, "the number of positions");
  return Eigen::VectorXd::LinSpaced(n, 1.0, static_cast<double>(n));
}

}  // namespace peviz
