#include "learned.hpp"

#include <string>

#include "random.hpp"
#include "validate.hpp"

namespace peviz {

Eigen::VectorXd learned_row(long position, int d, std::uint64_t seed, double stddev) {
  require_positive_dim(d);
  require_positive(stddev, "the standard deviation");
  if (position < 0) {
    throw InvalidArgument("a learned table has no row for position " + std::to_string(position) +
                          ": positions start at 0");
  }
  Rng rng(mix_seed(seed, static_cast<std::uint64_t>(position)));
  Eigen::VectorXd row(d);
  for (int j = 0; j < d; ++j) row[j] = stddev * rng.normal();
  return row;
}

Eigen::MatrixXd learned_encoding(const LearnedParams& params) {
  require_count(params.positions, "the number of positions");
  require_positive_dim(params.d);
  Eigen::MatrixXd table(params.positions, params.d);
  for (long r = 0; r < params.positions; ++r) {
    table.row(r) = learned_row(params.start + r, params.d, params.seed, params.stddev).transpose();
  }
  return table;
}

}  // namespace peviz
