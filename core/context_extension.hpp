// One context extension, L0 -> L' = s L0, seen through every long-context RoPE scaling
// of core/rope_scaling.hpp at once: per pair i, the scaled frequency w'_i, its
// wavelength 2 pi / w'_i, the interpolation factor w'_i / w_i (1 = untouched,
// 1/s = fully interpolated as in linear PI) and the turns w'_i L' / (2 pi) the pair
// makes over the target context. Vectors have one entry per pair (d/2 of them).
// Sources: the scalings as in core/rope_scaling.hpp (HF modeling_rope_utils.py);
// the wavelength -> pair index inverse of RoFormer's t_i = base^(-2i/d).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "rope_scaling.hpp"

namespace peviz {

struct ScalingCurve {
  Scaling kind = Scaling::None;
  ScaledFrequencies scaled;      // scale_frequencies(d, base, params with this kind)
  Eigen::VectorXd wavelength;    // 2 pi / w'_i (positions per turn)
  Eigen::VectorXd factor;        // w'_i / w_i
  Eigen::VectorXd turns_target;  // w'_i L' / (2 pi): full turns over the target context
};

struct ContextExtension {
  long trained = 0;               // L0
  long target = 0;                // L' = round(s L0)
  Eigen::VectorXd inv_freq;       // the unscaled w_i
  Eigen::VectorXd wavelength;     // the unscaled 2 pi / w_i
  Eigen::VectorXd turns_trained;  // w_i L0 / (2 pi): what pair i swept in training
  long first_slow_pair = 0;       // first pair whose unscaled wavelength exceeds L0 (d/2 if none)
  double llama_band_from = 0.0;   // Llama 3.1: continuous pair index where wavelength = L0/high
  double llama_band_to = 0.0;     // ... and where wavelength = L0/low
  std::vector<ScalingCurve> curves;  // in the order of `kinds`
};

// L' = s L0, rounded to a whole position.
long target_context(const ScalingParams& params);
// The continuous pair index whose unscaled wavelength is `wavelength`:
// d ln(wavelength / 2 pi) / (2 ln base) (so pair_at_wavelength(2 pi / t_i) = i).
double pair_at_wavelength(double wavelength, int d, double base);
// The factor the q.k logits get from an attention factor that multiplies cos and sin.
double logit_scale(double attention_factor);
// Every scaling in `kinds` for the shared params (params.kind is ignored). Throws
// InvalidArgument on bad input, as scale_frequencies does.
ContextExtension compare_scalings(int d, double base, const ScalingParams& params,
                                  const std::vector<Scaling>& kinds);

}  // namespace peviz
