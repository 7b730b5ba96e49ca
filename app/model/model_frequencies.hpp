// The RoPE a config implies at a sequence length: ModelRope (hf_config) handed to core's
// scalings (core/rope_scaling, core/longrope) as transformers' ROPE_INIT_FUNCTIONS hand the
// config to _compute_<rope_type>_parameters (modeling_rope_utils.py).
#pragma once

#include "core/rope_scaling.hpp"
#include "hf_config.hpp"

namespace peviz {

struct ModelFrequencies {
  ScaledFrequencies scaled;      // inv_freq (rotary_dim / 2 pairs), attention and softmax factors
  long context = 0;              // the sequence length they are for
  std::optional<long> original;  // the trained context the scaling starts from, if it has one
};

// At `context` positions (0: max_position_embeddings). Throws InvalidArgument (a negative context,
// 1, or what core refuses).
ModelFrequencies model_frequencies(const ModelRope& model, long context = 0);

}  // namespace peviz
