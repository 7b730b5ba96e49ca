// LongRoPE (Ding et al., arXiv:2402.13753), as Phi-3 / Phi-3.5 128k configs use it.
// Reference implementation: HF transformers src/transformers/modeling_rope_utils.py
// _compute_longrope_parameters, with the short/long choice of dynamic_rope_update
// (longrope_frequency_update):
//   ext = long_factor  when seq_len > L0 (strictly; seq_len = largest position + 1),
//         short_factor otherwise
//   inv_i = 1 / (ext_i * base^(2i/d)),  i = 0..d/2-1, one factor per pair
//   attention factor = the config's attention_factor when given, else
//                      sqrt(1 + ln s / ln L0) for s = L / L0 > 1, and 1 for s <= 1,
// L0 = original_max_position_embeddings, L = max_position_embeddings (Phi-3: 4096 and
// 131072, s = 32). The attention factor multiplies cos and sin, like YaRN's.
#pragma once

#include <optional>
#include <vector>

#include "rope_scaling.hpp"

namespace peviz {

// The per-pair inverse frequencies and attention factor of a LongRoPE model at the current
// sequence length seq_len. d is the rotary dimension (even); both factor lists need d/2
// positive finite entries; original_context (L0) and max_context (L) at least 1, seq_len
// >= 0. effective_base is the base; yarn_low/high are 0; softmax_scale_factor is 1.
ScaledFrequencies longrope_frequencies(int d, double base, const std::vector<double>& short_factor,
                                       const std::vector<double>& long_factor,
                                       long original_context, long max_context, long seq_len,
                                       std::optional<double> attention_factor = std::nullopt);

// True when the long factors apply: seq_len > original_context (HF longrope_frequency_update).
bool longrope_uses_long(long seq_len, long original_context);

// sqrt(1 + ln s / ln L0) for s > 1, else 1 (HF _compute_longrope_parameters). s is the
// config's rope_scaling factor when it has one, else max_position / original_max_position.
double longrope_attention_factor(double factor, long original_context);

}  // namespace peviz
