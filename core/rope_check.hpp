// `peviz check rope`: compares an implementation's RoPE numbers (its inv_freq, or its cos/sin
// cache at positions 0..N-1) with the reference a model's config implies, and when they differ
// tests the usual mistakes one at a time: it computes the reference under each mistake and
// sees whether that fits their numbers much better than the correct reference does.
// Reference: HF transformers src/transformers/modeling_rope_utils.py (_compute_*_parameters)
// and LlamaRotaryEmbedding.forward: cos = cos(m * inv_freq) * attention_scaling, laid out
// half-split (emb = cat(freqs, freqs)); GPT-J's cache is interleaved (repeat_interleave).
// The hypotheses, in the order they are preferred when several fit:
//   pairing          the cache laid out in the other pairing than the model's (when known)
//   partial rotary   inv_freq over head_dim: theta^(-2i/head_dim), or head_dim/2 frequencies
//   factor           another rope_scaling.factor (searched: "factor 8 fits, the config says 32")
//   attention factor YaRN's get_mscale(s, mscale) without / get_mscale(s, mscale_all_dim), etc.
//   context          dynamic NTK computed for another sequence length (searched); LongRoPE's
//                    other factor list (short_factor for long_factor or the reverse)
//   float32          the difference is float32 rounding of the values and angles
//   theta            another rope_theta (searched)
// Pure: the caller computes the reference (app/model's model_frequencies) through `frequencies`.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rope.hpp"
#include "rope_scaling.hpp"

namespace peviz {

// What a hypothesis may change in the reference; RopeCheckModel::config holds the model's own.
struct RopeVariant {
  double theta = 10000;  // rope_theta
  double factor = 1;     // rope_scaling.factor
  int rotary_dim = 0;    // the rotated dimensions (inv_freq has rotary_dim / 2 entries)
  long context = 0;      // the sequence length the frequencies are for
};

struct RopeCheckModel {
  std::string rope_type = "default";  // HF's name: decides which hypotheses apply
  int head_dim = 0;
  long max_position = 0;  // max_position_embeddings (dynamic NTK: no scaling up to it)
  long original = 0;      // LongRoPE: original_max_position_embeddings (short_factor up to it)
  RopeVariant config;     // the config's values: the reference
  double mscale = 0, mscale_all_dim = 0;  // YaRN (DeepSeek), 0 when unset
  std::optional<RopePairing> pairing;     // the model's pairing, when known
  // The reference under a variant; throws InvalidArgument for one it cannot compute.
  std::function<ScaledFrequencies(const RopeVariant&)> frequencies;
};

// Their numbers fit when every value is within `tolerance` of the reference, relative to it
// (inv_freq) or to the attention factor (cos/sin). A cache whose values are all float32 numbers
// also gets float32's own error of each angle m * inv_freq: 32 * 2^-24 * |angle|.
struct RopeCheckOptions {
  double tolerance = 1e-5;
};

struct RopeCause {
  std::string name;     // "pairing", "partial rotary", "factor", "attention factor", ...
  std::string finding;  // "factor 8 fits; the config says 32"
  double value = 0;     // the fitted parameter (factor, theta, context, attention factor)
  double residual = 0;  // max relative error of their numbers under this hypothesis
};

struct RopeCheckResult {
  bool match = false;
  std::string layout;  // cos/sin: "half-split (cat(freqs, freqs))", ...; inv_freq: empty
  double max_abs = 0;  // against the reference (infinite when the shapes cannot be compared)
  double max_rel = 0;
  bool float32 = false;            // every value of theirs is a float32 number
  std::vector<std::string> notes;  // precision, NaN, shape
  std::optional<RopeCause> cause;  // a mismatch's most likely cause, when one fits much better
  std::vector<RopeCause> tested;   // every hypothesis tested, the most likely first
};

// Their inv_freq: rotary_dim / 2 values (or head_dim / 2: partial rotary over head_dim).
// Throws InvalidArgument for another length.
RopeCheckResult check_rope_inv_freq(const RopeCheckModel& model, const Eigen::VectorXd& theirs,
                                    const RopeCheckOptions& options = {});

// Their cos and sin caches, row m = position m, with rotary_dim / 2 columns (one per pair),
// rotary_dim (half-split or interleaved) or head_dim (the rotated ones first, then cos 1 and
// sin 0). Throws InvalidArgument for other shapes or cos and sin of different shapes.
RopeCheckResult check_rope_cos_sin(const RopeCheckModel& model, const Eigen::MatrixXd& cos,
                                   const Eigen::MatrixXd& sin,
                                   const RopeCheckOptions& options = {});

}  // namespace peviz
