#include "shared_params.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace peviz {

void SharedParams::visit(ParamVisitor& v) {
  visit_enum(v,
             {.name = "scheme",
              .label = "scheme",
              .help = "the family of encodings the views show",
              .choices = choices_of(kSchemeNames)},
             scheme);
  v.visit({.name = "d",
           .label = "d_model",
           .help = "model (or head) dimension, even for sin/cos and RoPE",
           .min = 2,
           .max = 4096,
           .log = true,
           .even = true},
          d);
  v.visit({.name = "base",
           .label = "base",
           .help = "the frequency base: pair i turns at base^(-2i/d) rad per position",
           .min = 2,
           .max = 1e8,
           .log = true},
          base);
  v.visit({.name = "positions",
           .label = "positions",
           .help = "number of positions N",
           .min = 1,
           .max = 1048576,
           .log = true},
          positions);
  v.visit({.name = "start",
           .label = "first position",
           .help = "the first position shown, p0",
           .min = 0,
           .max = 10000000},
          start);
  visit_enum(
      v,
      {.name = "layout",
       .label = "columns",
       .help = "interleaved: sin, cos in 2i, 2i+1 (the paper); concat: sin in i, cos in i+d/2",
       .choices = choices_of(kLayoutNames)},
      layout);
  v.visit({.name = "seed",
           .label = "seed",
           .help = "seed of the learned table and of the random q, k vectors",
           .min = 0,
           .max = 1000000},
          seed);
  visit_enum(
      v,
      {.name = "pairing",
       .label = "pairs",
       .help =
           "interleaved (2i, 2i+1): GPT-J, Meta Llama; half-split (i, i+d/2): GPT-NeoX, HF Llama",
       .choices = choices_of(kPairingNames)},
      pairing);
  v.visit({.name = "partial-rotary",
           .label = "rotary fraction",
           .help = "fraction of the dimensions RoPE rotates",
           .min = 0.05,
           .max = 1.0},
          partial_rotary);
  visit_enum(v,
             {.name = "scaling",
              .label = "scaling",
              .help = "long-context scaling of the RoPE frequencies",
              .choices = choices_of(kScalingNames)},
             scaling);
  v.visit({.name = "factor",
           .label = "factor s",
           .help = "context extension: target context = s x trained context",
           .min = 1,
           .max = 512,
           .log = true},
          factor);
  v.visit({.name = "original-context",
           .label = "trained context",
           .help = "the context L0 the model was trained on",
           .min = 16,
           .max = 1048576,
           .log = true},
          original_context);
  v.visit({.name = "context",
           .label = "current context",
           .help = "the sequence length dynamic NTK adapts to (0: the target context s x L0)",
           .min = 0,
           .max = 16777216,
           .log = true,
           .zero = "auto: s x L0"},
          context);
  v.visit({.name = "low-freq-factor",
           .label = "low-freq factor",
           .help = "Llama 3.1: wavelengths above L0/this are divided by s",
           .min = 0.1,
           .max = 64,
           .log = true},
          low_freq_factor);
  v.visit({.name = "high-freq-factor",
           .label = "high-freq factor",
           .help = "Llama 3.1: wavelengths below L0/this are kept",
           .min = 0.1,
           .max = 64,
           .log = true},
          high_freq_factor);
  v.visit({.name = "beta-fast",
           .label = "beta fast",
           .help = "YaRN: pairs turning more than this many times in L0 are kept",
           .min = 1,
           .max = 256,
           .log = true},
          beta_fast);
  v.visit({.name = "beta-slow",
           .label = "beta slow",
           .help = "YaRN: pairs turning fewer than this many times in L0 are divided by s",
           .min = 0.01,
           .max = 64,
           .log = true},
          beta_slow);
  v.visit({.name = "mscale",
           .label = "mscale",
           .help = "YaRN (DeepSeek): cos, sin x mscale(s, this) / mscale(s, mscale-all-dim)",
           .min = 0,
           .max = 64,
           .zero = "unset"},
          mscale);
  v.visit({.name = "mscale-all-dim",
           .label = "mscale all dim",
           .help = "YaRN (DeepSeek): the ratio's denominator; softmax scale x mscale(s, this)^2",
           .min = 0,
           .max = 64,
           .zero = "unset"},
          mscale_all_dim);
  v.visit({.name = "attention-factor",
           .label = "attention factor",
           .help = "YaRN, LongRoPE: the config's factor on cos and sin (0: the formula's)",
           .min = 0,
           .max = 64,
           .zero = "formula"},
          attention_factor);
  v.visit({.name = "truncate",
           .label = "truncate ramp",
           .help = "YaRN: round the ramp's ends to whole pairs (gpt-oss: false)"},
          truncate);
  v.visit({.name = "heads",
           .label = "heads",
           .help = "number of ALiBi heads (any count; slopes in the official order)",
           .min = 1,
           .max = 256,
           .log = true},
          heads);
  v.visit({.name = "num-buckets",
           .label = "buckets",
           .help = "T5: number of relative-position buckets",
           .min = 2,
           .max = 512,
           .log = true},
          num_buckets);
  v.visit({.name = "max-distance",
           .label = "max distance",
           .help = "T5: distances beyond this share the last bucket",
           .min = 2,
           .max = 1000000,
           .log = true},
          max_distance);
  visit_enum(v,
             {.name = "mask",
              .label = "mask",
              .help = "causal: a decoder, each token sees the past; none: an encoder",
              .choices = choices_of(kMaskNames)},
             mask);
  v.visit({.name = "preset",
           .label = "model preset",
           .help = "a real model's positions (peviz preset list): sets d, base, scaling, ..."},
          preset);
  v.visit({.name = "config",
           .label = "config.json",
           .help = "a Hugging Face config.json: its RoPE (or learned positions) as transformers "
                   "reads it"},
          config);
  v.visit({.name = "table",
           .label = "learned table",
           .help = "a learned position table from .npy or .safetensors (rows are positions)"},
          table);
  v.visit({.name = "tensor",
           .label = "tensor",
           .help = "with --table: the tensor of a .safetensors file (default: wpe.weight, "
                   "position_embeddings.weight, or the only 2-D one)"},
          tensor);
  v.visit({.name = "versus",
           .label = "versus",
           .help = "model view: a preset or config.json to compare with, pair by pair"},
          versus);
}

long SharedParams::current_context() const {
  if (context > 0) return context;
  // The target context s L0, as target_context rounds it.
  return std::max(1L, std::lround(std::min(factor * static_cast<double>(original_context), 1e15)));
}

ScalingParams SharedParams::scaling_params() const {
  ScalingParams p;
  p.kind = scaling;
  p.factor = factor;
  p.original_context = original_context;
  p.context = current_context();
  p.low_freq_factor = low_freq_factor;
  p.high_freq_factor = high_freq_factor;
  p.beta_fast = beta_fast;
  p.beta_slow = beta_slow;
  p.mscale = mscale;
  p.mscale_all_dim = mscale_all_dim;
  p.attention_factor = attention_factor;
  p.truncate = truncate;
  p.short_factor = short_factor;
  p.long_factor = long_factor;
  return p;
}

T5Params SharedParams::t5_params() const {
  return {num_buckets, max_distance, mask == Mask::None};
}

std::string learned_origin(const SharedParams& s) {
  if (s.learned_table) return "table " + std::filesystem::path(s.table).filename().string();
  return "seed " + std::to_string(s.seed);
}

std::string learned_origin_long(const SharedParams& s) {
  if (s.learned_table) return s.learned_table->source;
  return "N(0, 0.02²), seed " + std::to_string(s.seed);
}

const char* scheme_title(Scheme scheme) {
  switch (scheme) {
    case Scheme::Sinusoidal:
      return "Sinusoidal";
    case Scheme::Learned:
      return "Learned";
    case Scheme::Rope:
      return "RoPE";
    case Scheme::Alibi:
      return "ALiBi";
    case Scheme::Nope:
      return "NoPE";
    case Scheme::T5:
      return "T5 bias";
    case Scheme::Xpos:
      return "xPos";
    case Scheme::Pope:
      return "PoPE";
  }
  return "";
}

}  // namespace peviz
