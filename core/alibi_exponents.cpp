#include "alibi_exponents.hpp"

#include <string>

#include "validate.hpp"

namespace peviz {

Eigen::VectorXd alibi_slope_exponents(int heads) {
  if (heads < 1 || heads > (1 << 20)) {
    throw InvalidArgument("the number of heads must be in 1..1048576 (got " +
                          std::to_string(heads) + ")");
  }
  int closest = 1;
  while (closest * 2 <= heads) closest *= 2;
  Eigen::VectorXd x(heads);
  for (int h = 0; h < heads; ++h) {
    // fairseq get_slopes: get_slopes_power_of_2(closest) + get_slopes(2 closest)[0::2].
    x[h] = h < closest ? 8.0 * (h + 1) / closest : 8.0 * (2 * (h - closest) + 1) / (2.0 * closest);
  }
  return x;
}

}  // namespace peviz
