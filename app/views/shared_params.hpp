// The parameters every view of the explorer follows: the scheme chosen in the
// sidebar and the model's configuration (d_model, base, the positions, the RoPE
// layout and scaling, ALiBi heads, T5 buckets). Owned by the explorer, passed to
// the views; each view shows only the fields it uses.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "app/params/param.hpp"
#include "core/attention.hpp"
#include "core/learned_table.hpp"
#include "core/rope.hpp"
#include "core/rope_scaling.hpp"
#include "core/sinusoidal.hpp"
#include "core/t5.hpp"

namespace peviz {

struct SharedParams {
  Scheme scheme = Scheme::Sinusoidal;            // the family of views shown
  int d = 64;                                    // d_model (RoPE: the head dimension)
  double base = 10000.0;                         // frequency base
  int positions = 100;                           // number of positions N
  int start = 0;                                 // first position p0
  Layout layout = Layout::Interleaved;           // sinusoidal column order
  int seed = 0;                                  // learned table and random vectors
  RopePairing pairing = RopePairing::HalfSplit;  // RoPE pairs
  double partial_rotary = 1.0;                   // RoPE: fraction of dimensions rotated
  Scaling scaling = Scaling::None;               // RoPE long-context scaling
  double factor = 4.0;                           // context extension s
  int original_context = 4096;                   // trained context L0
  int context = 0;                // current context (dynamic NTK); 0: factor x original_context
  double low_freq_factor = 1.0;   // Llama 3.1
  double high_freq_factor = 4.0;  // Llama 3.1
  double beta_fast = 32.0;        // YaRN
  double beta_slow = 1.0;         // YaRN
  double mscale = 0.0;            // YaRN (DeepSeek): attention factor's numerator; 0: unset
  double mscale_all_dim = 0.0;    // YaRN (DeepSeek): its denominator and the softmax multiplier
  double attention_factor = 0.0;  // YaRN, LongRoPE: the config's factor on cos, sin; 0: formula
  bool truncate = true;           // YaRN: round the ramp ends (gpt-oss: false)
  int heads = 8;                  // ALiBi heads
  int num_buckets = 32;           // T5 buckets
  int max_distance = 128;         // T5 max distance
  Mask mask = Mask::Causal;       // causal (decoder) or none (encoder)
  // Where the model came from (State loads them; the names of the command line):
  std::string preset;  // --preset: a model preset's id ("llama-3.1-8b")
  std::string config;  // --config: a Hugging Face config.json
  std::string table;   // --table: a .npy or .safetensors learned position table
  std::string tensor;  // --tensor: the table's tensor in a .safetensors file ("" : found)
  std::string versus;  // --versus: a preset id or config.json the model view compares with
  // What they hold, filled by State when they are set or loaded (not options themselves):
  std::string model;                                   // the model's name ("Llama 3.1 8B"), or ""
  std::vector<double> short_factor, long_factor;       // LongRoPE's per-pair lists (Phi-3)
  std::shared_ptr<const PositionTable> learned_table;  // the rows of --table, or null
  // The model the `model` view compares with: --versus, or in compare mode panel A (for the
  // other panels); null for none. Its own `versus_params` is null.
  std::shared_ptr<const SharedParams> versus_params;

  void visit(ParamVisitor& v);
  ScalingParams scaling_params() const;
  // `context`, or factor x original_context when it is 0 (auto).
  long current_context() const;
  T5Params t5_params() const;
};

const char* scheme_title(Scheme scheme);

// Where the learned scheme's rows come from, for titles: "seed 3", or the loaded table
// ("table model.safetensors"); learned_origin_long: "N(0, 0.02²), seed 3" or the table's source.
std::string learned_origin(const SharedParams& s);
std::string learned_origin_long(const SharedParams& s);

// ParamInfo::choices from an enum's name table (kSchemeNames, ...).
template <std::size_t N>
std::vector<const char*> choices_of(const std::array<const char*, N>& names) {
  return std::vector<const char*>(names.begin(), names.end());
}

}  // namespace peviz
