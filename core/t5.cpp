#include "t5.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "validate.hpp"

namespace peviz {

int t5_max_exact(const T5Params& params) {
  const int buckets = params.bidirectional ? params.num_buckets / 2 : params.num_buckets;
  return buckets / 2;
}

void check_t5_params(const T5Params& params) {
  const int minimum = params.bidirectional ? 4 : 2;
  if (params.num_buckets < minimum) {
    throw InvalidArgument("T5 needs at least " + std::to_string(minimum) + " buckets " +
                          (params.bidirectional ? "(bidirectional)" : "(causal)") + " (got " +
                          std::to_string(params.num_buckets) + ")");
  }
  const int max_exact = t5_max_exact(params);
  if (params.max_distance <= max_exact) {
    throw InvalidArgument("the T5 max distance (" + std::to_string(params.max_distance) +
                          ") must be greater than the " + std::to_string(max_exact) +
                          " exact buckets");
  }
}

int t5_bucket(long relative_position, const T5Params& params) {
  check_t5_params(params);
  // HF modeling_t5.py T5Attention._relative_position_bucket, step by step.
  int buckets = params.num_buckets;
  int result = 0;
  // Distances beyond 2^40 are all in the last bucket; clamping keeps abs() defined.
  long n = std::clamp(relative_position, -(1L << 40), 1L << 40);
  if (params.bidirectional) {
    buckets /= 2;
    if (n > 0) result += buckets;
    n = std::abs(n);
  } else {
    n = -std::min(n, 0L);
  }
  const int max_exact = buckets / 2;
  if (n < max_exact) return result + static_cast<int>(n);
  const double large = std::log(static_cast<double>(n) / max_exact) /
                       std::log(static_cast<double>(params.max_distance) / max_exact) *
                       (buckets - max_exact);
  const long bucket = std::min<long>(max_exact + static_cast<long>(large), buckets - 1);
  return result + static_cast<int>(bucket);
}

Eigen::MatrixXi t5_bucket_matrix(long n, const T5Params& params) {
  require_count(n, "the number of positions");
  check_t5_params(params);
  Eigen::MatrixXi m(n, n);
  for (long j = 0; j < n; ++j) {
    for (long i = 0; i < n; ++i) m(i, j) = t5_bucket(j - i, params);
  }
  return m;
}

}  // namespace peviz
