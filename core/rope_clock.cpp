#include "rope_clock.hpp"

#include <cmath>
#include <numbers>
#include <string>
#include <tuple>

#include "validate.hpp"

namespace peviz {

std::vector<RopeHand> rope_hands(double position, const Eigen::VectorXd& inv_freq,
                                 RopePairing pairing, const std::vector<int>& pairs) {
  require_finite(position, "position");
  const int r = static_cast<int>(2 * inv_freq.size());
  Eigen::VectorXd chosen(static_cast<Eigen::Index>(pairs.size()));
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (pairs[k] < 0 || pairs[k] >= inv_freq.size()) {
      throw InvalidArgument("pair " + std::to_string(pairs[k]) + " is not one of the " +
                            std::to_string(inv_freq.size()) + " rotary pairs");
    }
    chosen[static_cast<Eigen::Index>(k)] = inv_freq[pairs[k]];
  }
  const Eigen::VectorXd angles = rope_angles(position, chosen);
  std::vector<RopeHand> hands;
  hands.reserve(pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    RopeHand h;
    h.pair = pairs[k];
    std::tie(h.first, h.second) = rope_pair(h.pair, r, pairing);
    h.inv_freq = chosen[static_cast<Eigen::Index>(k)];
    h.wavelength = 2.0 * std::numbers::pi / h.inv_freq;
    h.angle = angles[static_cast<Eigen::Index>(k)];
    // RoFormer Eq. (14): the pair has turned by m t_i radians, m t_i / 2 pi turns.
    h.degrees = h.angle * 180.0 / std::numbers::pi;
    h.turns = position * h.inv_freq / (2.0 * std::numbers::pi);
    h.x = std::cos(h.angle);
    h.y = std::sin(h.angle);
    hands.push_back(h);
  }
  return hands;
}

std::vector<int> spread_pairs(int pairs, int count) {
  std::vector<int> out;
  if (pairs <= 0 || count <= 0) return out;
  if (count >= pairs) {
    for (int i = 0; i < pairs; ++i) out.push_back(i);
    return out;
  }
  if (count == 1) return {0};
  for (int k = 0; k < count; ++k) {
    const int i = static_cast<int>(std::lround(static_cast<double>(k) * (pairs - 1) / (count - 1)));
    if (out.empty() || i != out.back()) out.push_back(i);
  }
  return out;
}

}  // namespace peviz
