#include "shared_params.hpp"

#include <algorithm>
#include <cmath>

namespace peviz {

void SharedParams::visit(ParamVisitor& v) {
  visit_enum(v,
             {"scheme",
              "scheme",
              "the family of encodings the views show",
              0,
              0,
              false,
              false,
              {"sinusoidal", "learned", "rope", "alibi", "nope", "t5"}},
             scheme);
  v.visit(
      {"d", "d_model", "model (or head) dimension, even for sin/cos and RoPE", 2, 4096, true, true},
      d);
  v.visit({"base", "base", "the frequency base: pair i turns at base^(-2i/d) rad per position", 2,
           1e8, true},
          base);
  v.visit({"positions", "positions", "number of positions N", 1, 1048576, true}, positions);
  v.visit({"start", "first position", "the first position shown, p0", 0, 10000000, false}, start);
  visit_enum(v,
             {"layout",
              "columns",
              "interleaved: sin, cos in 2i, 2i+1 (the paper); concat: sin in i, cos in i+d/2",
              0,
              0,
              false,
              false,
              {"interleaved", "concat"}},
             layout);
  v.visit({"seed", "seed", "seed of the learned table and of the random q, k vectors", 0, 1000000},
          seed);
  visit_enum(
      v,
      {"pairing",
       "pairs",
       "interleaved (2i, 2i+1): GPT-J, Meta Llama; half-split (i, i+d/2): GPT-NeoX, HF Llama",
       0,
       0,
       false,
       false,
       {"interleaved", "half-split"}},
      pairing);
  v.visit(
      {"partial-rotary", "rotary fraction", "fraction of the dimensions RoPE rotates", 0.05, 1.0},
      partial_rotary);
  visit_enum(v,
             {"scaling",
              "scaling",
              "long-context scaling of the RoPE frequencies",
              0,
              0,
              false,
              false,
              {"none", "linear", "ntk", "dynamic-ntk", "yarn", "llama3"}},
             scaling);
  v.visit({"factor", "factor s", "context extension: target context = s x trained context", 1, 512,
           true},
          factor);
  v.visit({"original-context", "trained context", "the context L0 the model was trained on", 16,
           1048576, true},
          original_context);
  {
    ParamInfo info{"context",
                   "current context",
                   "the sequence length dynamic NTK adapts to (0: the target context s x L0)",
                   0,
                   16777216,
                   true};
    info.zero = "auto: s x L0";
    v.visit(info, context);
  }
  v.visit({"low-freq-factor", "low-freq factor",
           "Llama 3.1: wavelengths above L0/this are divided by s", 0.1, 64, true},
          low_freq_factor);
  v.visit({"high-freq-factor", "high-freq factor", "Llama 3.1: wavelengths below L0/this are kept",
           0.1, 64, true},
          high_freq_factor);
  v.visit({"beta-fast", "beta fast", "YaRN: pairs turning more than this many times in L0 are kept",
           1, 256, true},
          beta_fast);
  v.visit({"beta-slow", "beta slow",
           "YaRN: pairs turning fewer than this many times in L0 are divided by s", 0.01, 64, true},
          beta_slow);
  v.visit({"heads", "heads", "number of ALiBi heads (any count; slopes in the official order)", 1,
           256, true},
          heads);
  v.visit({"num-buckets", "buckets", "T5: number of relative-position buckets", 2, 512, true},
          num_buckets);
  v.visit({"max-distance", "max distance", "T5: distances beyond this share the last bucket", 2,
           1000000, true},
          max_distance);
  visit_enum(v,
             {"mask",
              "mask",
              "causal: a decoder, each token sees the past; none: an encoder",
              0,
              0,
              false,
              false,
              {"causal", "none"}},
             mask);
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
  return p;
}

T5Params SharedParams::t5_params() const {
  return {num_buckets, max_distance, mask == Mask::None};
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
  }
  return "";
}

}  // namespace peviz
