// Long-context scalings of the RoPE frequencies t_i = base^(-2i/d), i = 0..d/2-1.
// Reference implementation: HF transformers src/transformers/modeling_rope_utils.py
// (each kind names its function below); every kind returns per-pair inverse
// frequencies and an attention factor that multiplies cos and sin (so q.k logits
// are multiplied by its square).
//   None        t_i
//   Linear      t_i / s                     (Chen et al., arXiv:2306.15595; HF linear)
//   Ntk         base' = base * s^(d/(d-2))  (bloc97; YaRN paper Eq. 16, App. A.1)
//   DynamicNtk  base' = base * (s*L/L0 - (s-1))^(d/(d-2)), L = max(context, L0)
//               (HF _compute_dynamic_ntk_parameters)
//   Yarn        ramp between t_i/s and t_i over the pair index, attention factor
//               0.1 ln s + 1 (Peng et al., arXiv:2309.00071, Eq. 22; HF _compute_yarn_parameters,
//               the implementation ramp, not the paper's ramp in L/lambda); as real configs
//               use it: an explicit attention_factor, DeepSeek's mscale / mscale_all_dim
//               ratio, truncate = false (gpt-oss: the ramp ends are not rounded), and
//               DeepSeek's softmax multiplier (docs/formulas.md Sec. 7)
//   Llama3      t_i kept for wavelength < L0/high, t_i/s for wavelength > L0/low, a smooth
//               blend in between, both edges inclusive (Meta llama-models
//               models/llama3/model.py apply_scaling; HF _compute_llama3_parameters)
//   LongRope    one factor per pair from the model's short or long list (core/longrope.hpp;
//               HF _compute_longrope_parameters), chosen by context against L0
// s = factor >= 1, L0 = original_context (the trained context).
// With d = 2 the only frequency is t_0 = 1, which no base changes: NTK and dynamic NTK
// leave it as it is (their exponent d/(d-2) is undefined there).
#pragma once

#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

namespace peviz {

enum class Scaling { None, Linear, Ntk, DynamicNtk, Yarn, Llama3, LongRope };
// The scalings' names on the command line, in enum order.
inline constexpr std::array<const char*, 7> kScalingNames{
    "none", "linear", "ntk", "dynamic-ntk", "yarn", "llama3", "longrope"};

struct ScalingParams {
  Scaling kind = Scaling::None;
  double factor = 4.0;            // s, the context extension ratio (>= 1)
  long original_context = 4096;   // L0, the context the model was trained on
  long context = 16384;           // current sequence length (dynamic NTK only)
  double low_freq_factor = 1.0;   // Llama 3.1: wavelengths above L0/low are divided by s
  double high_freq_factor = 4.0;  // Llama 3.1: wavelengths below L0/high are kept
  double beta_fast = 32.0;        // YaRN: rotations at which interpolation stops (alpha)
  double beta_slow = 1.0;         // YaRN: rotations below which pairs are fully interpolated (beta)
  // YaRN as real configs set it (HF _compute_yarn_parameters); 0 means "not in the config".
  double mscale = 0.0;            // DeepSeek: numerator of the attention factor's ratio
  double mscale_all_dim = 0.0;    // DeepSeek: denominator, and the softmax multiplier
  double attention_factor = 0.0;  // used as is when set (> 0)
  bool truncate = true;           // floor/ceil the ramp ends (gpt-oss: false)
  // LongRoPE (Phi-3): one factor per pair each, from a model's config; the long list applies
  // when context > original_context; the model's context is factor x original_context.
  std::vector<double> short_factor, long_factor;
};

struct ScaledFrequencies {
  Eigen::VectorXd inv_freq;       // per pair, radians per position
  double attention_factor = 1.0;  // multiplies cos and sin (YaRN's sqrt(1/t))
  // DeepSeek-V2/V3 attention multiplies its softmax scale 1/sqrt(d_qk) by this, on top of
  // the attention factor: yarn_mscale(s, mscale_all_dim)^2 when mscale_all_dim is set, else 1.
  double softmax_scale_factor = 1.0;
  double effective_base = 0.0;        // base' for Ntk and DynamicNtk, otherwise the base
  double yarn_low = 0.0;              // YaRN: ramp starts at this pair index (clamped)
  double yarn_high = 0.0;             // YaRN: ramp ends at this pair index (clamped)
  std::vector<std::string> warnings;  // what the reference accepts with a warning
};

ScaledFrequencies scale_frequencies(int d, double base, const ScalingParams& params);

// YaRN's find_correction_dim: the (fractional) dimension index whose wavelength fits
// `rotations` times into original_context: d ln(L0 / (rotations 2 pi)) / (2 ln base).
double yarn_correction_dim(double rotations, int d, double base, long original_context);

// YaRN's get_mscale (HF _compute_yarn_parameters): 0.1 m ln s + 1, and 1 when s <= 1.
double yarn_mscale(double factor, double mscale = 1.0);

// 2 pi / t_i (positions per full turn).
Eigen::VectorXd wavelengths_of(const Eigen::VectorXd& inv_freq);
// The angle t_i * context swept by pair i over `context` positions (radians);
// a pair completes a full turn within the context when this is >= 2 pi.
Eigen::VectorXd angle_ranges(const Eigen::VectorXd& inv_freq, long context);

// kScalingNames[kind].
const char* scaling_name(Scaling kind);

}  // namespace peviz
