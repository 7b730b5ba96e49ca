// Everything about one model's RoPE positions on one sheet (the `model` view): which of the
// head's channels rotate and with which partner, the scaled and unscaled frequency of every
// pair, their wavelengths against the trained and the target context, the pairs that never
// complete a turn, the factor each pair's frequency got, and both attention factors; and the
// per-pair difference between two models.
// Sources: pairing and partial rotary as HF modeling_llama.py rotate_half (half-split:
// channel c < r/2 pairs with c + r/2) and GPT-J's rotate_every_two (interleaved: 2i with
// 2i+1), the first r = int(head_dim * partial_rotary_factor) channels rotating
// (HF modeling_rope_utils.py); frequencies from core/rope_scaling.hpp.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "rope.hpp"
#include "rope_scaling.hpp"

namespace peviz {

struct ModelPositions {
  int head_dim = 0;
  int rotary_dim = 0;
  RopePairing pairing = RopePairing::HalfSplit;
  long trained = 0;  // L0: the context the scaling starts from (the model's own when unscaled)
  long target = 0;   // L: the context the model is used at
  Eigen::VectorXi channel_pair;   // per channel of the head: its pair, -1 when it does not rotate
  Eigen::VectorXi partner;        // per channel: the channel it rotates with, -1 when none
  Eigen::VectorXd plain;          // per pair: base^(-2i/r), before scaling
  ScaledFrequencies scaled;       // per pair after scaling, and the attention factors
  Eigen::VectorXd wavelength;     // 2 pi / scaled
  Eigen::VectorXd factor;         // scaled / plain: 1 kept, 1/s fully interpolated
  Eigen::VectorXd turns_trained;  // scaled x L0 / (2 pi): turns over the trained context
  Eigen::VectorXd turns_target;   // scaled x L / (2 pi)
  long no_turn_trained = 0;       // pairs with fewer than one turn over L0
  long no_turn_target = 0;        // ... over L
};

// `trained` is L0 and `target` L, both >= 1; `scaling.context` is the length the scaling
// adapts to (dynamic NTK, LongRoPE). Throws InvalidArgument as rotary_dim and
// scale_frequencies do.
ModelPositions model_positions(int head_dim, double partial_rotary, RopePairing pairing,
                               double base, const ScalingParams& scaling, long trained,
                               long target);

// Per pair of two models with the same number of rotated pairs: b's wavelength over a's.
// Throws InvalidArgument when the pair counts differ (the table then lists each model's own).
Eigen::VectorXd wavelength_ratio(const ModelPositions& a, const ModelPositions& b);

}  // namespace peviz
