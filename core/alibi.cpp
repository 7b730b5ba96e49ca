#include "alibi.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "validate.hpp"

namespace peviz {
namespace {

// get_slopes_power_of_2: start = 2^(-2^-(log2(n) - 3)) = 2^(-8/n), ratio = start.
std::vector<double> power_of_two_slopes(int n) {
  const double start = std::pow(2.0, -std::pow(2.0, -(std::log2(static_cast<double>(n)) - 3.0)));
  std::vector<double> slopes(n);
  for (int i = 0; i < n; ++i) slopes[i] = start * std::pow(start, i);
  return slopes;
}

std::vector<double> slopes_for(int n) {
  // fairseq/models/transformer.py get_slopes (official ALiBi code).
  if ((n & (n - 1)) == 0) return power_of_two_slopes(n);
  int closest = 1;
  while (closest * 2 <= n) closest *= 2;
  std::vector<double> slopes = power_of_two_slopes(closest);
  const std::vector<double> extra = slopes_for(2 * closest);
  for (int i = 0; static_cast<int>(slopes.size()) < n; i += 2) slopes.push_back(extra[i]);
  return slopes;
}

}  // namespace

Eigen::VectorXd alibi_slopes(int heads) {
  if (heads > (1 << 20)) {
    throw InvalidArgument("the number of heads must be at most 1048576 (got " +
                          std::to_string(heads) + ")");
  }
  if (heads < 1) {
    throw InvalidArgument("the number of heads must be at least 1 (got " + std::to_string(heads) +
                          ")");
  }
  const std::vector<double> s = slopes_for(heads);
  return Eigen::Map<const Eigen::VectorXd>(s.data(), heads);
}

Eigen::MatrixXd alibi_bias(long n, double slope, AlibiMode mode) {
  require_count(n, "the number of positions");
  require_finite(slope, "the slope");
  const double inf = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd b(n, n);
  for (long j = 0; j < n; ++j) {
    for (long i = 0; i < n; ++i) {
      const double distance = static_cast<double>(i - j);
      if (mode == AlibiMode::Causal) {
        // Press et al. 2021, Sec. 3: bias -m (i - j) on the keys j <= i.
        b(i, j) = j <= i ? -slope * distance : -inf;
      } else {
        b(i, j) = -slope * std::abs(distance);
      }
    }
  }
  return b;
}

Eigen::MatrixXd alibi_bias_at(const Eigen::Ref<const Eigen::VectorXd>& queries,
                              const Eigen::Ref<const Eigen::VectorXd>& keys, double slope,
                              AlibiMode mode) {
  require_finite(slope, "the slope");
  const double inf = std::numeric_limits<double>::infinity();
  Eigen::MatrixXd b(queries.size(), keys.size());
  for (Eigen::Index j = 0; j < keys.size(); ++j) {
    for (Eigen::Index i = 0; i < queries.size(); ++i) {
      const double distance = queries[i] - keys[j];
      if (mode == AlibiMode::Causal) {
        b(i, j) = distance >= 0.0 ? -slope * distance : -inf;
      } else {
        b(i, j) = -slope * std::abs(distance);
      }
    }
  }
  return b;
}

double alibi_horizon(double slope, double factor) {
  require_positive(slope, "the slope");
  if (!(factor > 1.0) || !std::isfinite(factor)) {
    throw InvalidArgument("the horizon factor must be a finite number greater than 1");
  }
  // Press et al. 2021, Sec. 3: the bias -m r adds ln-weight -m r; solve -m r = -ln(factor).
  return std::log(factor) / slope;
}

}  // namespace peviz
