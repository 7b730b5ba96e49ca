#include "model_positions.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "validate.hpp"

namespace peviz {

ModelPositions model_positions(int head_dim, double partial_rotary, RopePairing pairing,
                               double base, const ScalingParams& scaling, long trained,
                               long target) {
  require_count(trained, "the trained context");
  require_count(target, "the target context");
  ModelPositions m;
  m.head_dim = head_dim;
  m.rotary_dim = rotary_dim(head_dim, partial_rotary);
  m.pairing = pairing;
  m.trained = trained;
  m.target = target;
  const int r = m.rotary_dim;
  m.channel_pair = Eigen::VectorXi::Constant(head_dim, -1);
  m.partner = Eigen::VectorXi::Constant(head_dim, -1);
  for (int i = 0; i < r / 2; ++i) {
    const auto [a, b] = rope_pair(i, r, pairing);
    m.channel_pair[a] = m.channel_pair[b] = i;
    m.partner[a] = b;
    m.partner[b] = a;
  }
  m.plain = rope_inv_freq(r, base);
  m.scaled = scale_frequencies(r, base, scaling);
  m.wavelength = wavelengths_of(m.scaled.inv_freq);
  m.factor = m.scaled.inv_freq.cwiseQuotient(m.plain);
  constexpr double kTurn = 2.0 * std::numbers::pi;
  m.turns_trained = m.scaled.inv_freq * (static_cast<double>(trained) / kTurn);
  m.turns_target = m.scaled.inv_freq * (static_cast<double>(target) / kTurn);
  m.no_turn_trained = (m.turns_trained.array() < 1.0).count();
  m.no_turn_target = (m.turns_target.array() < 1.0).count();
  return m;
}

Eigen::VectorXd wavelength_ratio(const ModelPositions& a, const ModelPositions& b) {
  if (a.wavelength.size() != b.wavelength.size()) {
    throw InvalidArgument("the models rotate " + std::to_string(a.wavelength.size()) + " and " +
                          std::to_string(b.wavelength.size()) +
                          " pairs: their pairs do not match one to one");
  }
  return b.wavelength.cwiseQuotient(a.wavelength);
}

}  // namespace peviz
