#include "context_extension.hpp"

#include <cmath>
#include <numbers>

#include "validate.hpp"

namespace peviz {
namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
}  // namespace

long target_context(const ScalingParams& params) {
  require_at_least_one(params.factor, "the scaling factor");
  return std::lround(params.factor * static_cast<double>(params.original_context));
}

double pair_at_wavelength(double wavelength, int d, double base) {
  require_even_dim(d);
  require_base(base);
  require_positive(wavelength, "the wavelength");
  // Inverse of RoFormer Eq. (15): 2 pi base^(2i/d) = wavelength solved for i.
  return d * std::log(wavelength / kTwoPi) / (2.0 * std::log(base));
}

double logit_scale(double attention_factor) {
  // HF modeling_rope_utils.py: attention_scaling multiplies cos and sin, so q.k gets its square.
  return attention_factor * attention_factor;
}

ContextExtension compare_scalings(int d, double base, const ScalingParams& params,
                                  const std::vector<Scaling>& kinds) {
  ScalingParams none = params;
  none.kind = Scaling::None;
  const ScaledFrequencies plain = scale_frequencies(d, base, none);
  ContextExtension out;
  if (params.original_context < 1) {
    throw InvalidArgument("the trained context must be at least 1 position");
  }
  out.trained = params.original_context;
  out.target = target_context(params);
  out.inv_freq = plain.inv_freq;
  out.wavelength = wavelengths_of(plain.inv_freq);
  out.turns_trained = angle_ranges(plain.inv_freq, out.trained) / kTwoPi;
  const long pairs = out.inv_freq.size();
  out.first_slow_pair = pairs;
  for (long i = 0; i < pairs; ++i) {
    if (out.wavelength[i] > static_cast<double>(out.trained)) {
      out.first_slow_pair = i;
      break;
    }
  }
  // Meta llama3 apply_scaling: the blend covers wavelengths L0/high .. L0/low.
  const double L0 = static_cast<double>(out.trained);
  out.llama_band_from = pair_at_wavelength(L0 / params.high_freq_factor, d, base);
  out.llama_band_to = pair_at_wavelength(L0 / params.low_freq_factor, d, base);
  for (Scaling kind : kinds) {
    ScalingParams p = params;
    p.kind = kind;
    // An explicit attention factor belongs to the model's own scaling (a LongRoPE model's
    // would otherwise replace YaRN's formula on the YaRN curve).
    if (kind != params.kind) p.attention_factor = 0.0;
    ScalingCurve c;
    c.kind = kind;
    c.scaled = scale_frequencies(d, base, p);
    c.wavelength = wavelengths_of(c.scaled.inv_freq);
    c.factor = c.scaled.inv_freq.cwiseQuotient(plain.inv_freq);
    c.turns_target = angle_ranges(c.scaled.inv_freq, out.target) / kTwoPi;
    out.curves.push_back(std::move(c));
  }
  return out;
}

}  // namespace peviz
