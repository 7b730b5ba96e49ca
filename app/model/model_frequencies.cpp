#include "model_frequencies.hpp"

#include "core/longrope.hpp"
#include "core/validate.hpp"

namespace peviz {

ModelFrequencies model_frequencies(const ModelRope& m, long context) {
  ModelFrequencies out;
  if (context < 0) throw InvalidArgument("the context must be at least 1 position");
  out.context = context > 0 ? context : m.max_position_embeddings;
  if (out.context < 1) throw InvalidArgument("the context must be at least 1 position");
  if (m.learned) {
    throw InvalidArgument("the model learns its positions (a " +
                          std::to_string(m.max_position_embeddings) + " x " +
                          std::to_string(m.hidden_size) + " table): it has no RoPE");
  }
  const std::string& type = m.rope_type;
  if (type == "longrope") {
    // HF _compute_longrope_parameters: the attention factor is the config's, else one from
    // the factor (max / original when the config has none: hf_config sets it).
    const long original = m.original_max_position_embeddings.value_or(m.max_position_embeddings);
    out.original = original;
    out.scaled = longrope_frequencies(
        m.rotary_dim, m.theta, m.short_factor, m.long_factor, original, m.max_position_embeddings,
        out.context, m.attention_factor.value_or(longrope_attention_factor(m.factor, original)));
    return out;
  }
  ScalingParams p;
  p.factor = m.factor;
  p.context = out.context;
  if (type == "default") {
    p.kind = Scaling::None;
  } else if (type == "linear") {
    p.kind = Scaling::Linear;  // HF _compute_linear_scaling_parameters
  } else if (type == "dynamic") {
    // HF _compute_dynamic_ntk_parameters: the trained context is max_position_embeddings.
    p.kind = Scaling::DynamicNtk;
    p.original_context = m.max_position_embeddings;
    out.original = p.original_context;
  } else if (type == "yarn") {
    // HF _compute_yarn_parameters: beta_fast or 32, beta_slow or 1.
    p.kind = Scaling::Yarn;
    p.original_context = m.original_max_position_embeddings.value_or(m.max_position_embeddings);
    p.beta_fast = m.beta_fast.value_or(32.0);
    p.beta_slow = m.beta_slow.value_or(1.0);
    p.mscale = m.mscale.value_or(0.0);
    p.mscale_all_dim = m.mscale_all_dim.value_or(0.0);
    p.attention_factor = m.attention_factor.value_or(0.0);
    p.truncate = m.truncate;
    out.original = p.original_context;
  } else if (type == "llama3") {
    p.kind = Scaling::Llama3;  // HF _compute_llama3_parameters
    p.original_context = m.original_max_position_embeddings.value_or(m.max_position_embeddings);
    p.low_freq_factor = m.low_freq_factor.value_or(1.0);
    p.high_freq_factor = m.high_freq_factor.value_or(4.0);
    out.original = p.original_context;
  } else {
    throw InvalidArgument("rope_type '" + type + "' has no frequencies in peviz");
  }
  out.scaled = scale_frequencies(m.rotary_dim, m.theta, p);
  return out;
}

}  // namespace peviz
