#include "rope_scaling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>

#include "longrope.hpp"
#include "rope.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

std::string short_number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

// Throws for what the reference refuses; returns what it only warns about.
std::vector<std::string> check(int d, double base, const ScalingParams& p) {
  std::vector<std::string> warnings;
  require_even_dim(d);
  require_base(base);
  if (p.kind == Scaling::None) return warnings;
  require_at_least_one(p.factor, "the scaling factor");
  if (p.original_context < 1) {
    throw InvalidArgument("the original context must be at least 1 position (got " +
                          std::to_string(p.original_context) + ")");
  }
  if (p.kind == Scaling::DynamicNtk && p.context < 1) {
    throw InvalidArgument("the context must be at least 1 position (got " +
                          std::to_string(p.context) + ")");
  }
  if (p.kind == Scaling::Llama3) {
    require_positive(p.low_freq_factor, "the low-frequency factor");
    require_positive(p.high_freq_factor, "the high-frequency factor");
    if (p.high_freq_factor <= p.low_freq_factor) {
      throw InvalidArgument("the high-frequency factor (" + std::to_string(p.high_freq_factor) +
                            ") must be greater than the low-frequency factor (" +
                            std::to_string(p.low_freq_factor) + ")");
    }
  }
  if (p.kind == Scaling::Yarn) {
    require_positive(p.beta_fast, "beta_fast");
    require_positive(p.beta_slow, "beta_slow");
    // 0 means "not set" (HF's `if mscale and mscale_all_dim`, `if attention_factor is None`).
    if (!std::isfinite(p.mscale) || p.mscale < 0.0) {
      throw InvalidArgument("YaRN's mscale must be a finite number >= 0, 0 meaning unset (got " +
                            short_number(p.mscale) + ")");
    }
    if (!std::isfinite(p.mscale_all_dim) || p.mscale_all_dim < 0.0) {
      throw InvalidArgument(
          "YaRN's mscale_all_dim must be a finite number >= 0, 0 meaning unset (got " +
          short_number(p.mscale_all_dim) + ")");
    }
    if (!std::isfinite(p.attention_factor) || p.attention_factor < 0.0) {
      throw InvalidArgument(
          "YaRN's attention_factor must be a finite number > 0, or 0 for unset (got " +
          short_number(p.attention_factor) + ")");
    }
    // HF _validate_yarn_parameters only warns when beta_fast < beta_slow, and equal betas
    // (Kimi-K2: 1 and 1) are fine: the ramp's ends then meet (linear_ramp_factor adds 0.001).
    if (p.beta_fast < p.beta_slow) {
      warnings.push_back("YaRN's beta_fast (" + short_number(p.beta_fast) +
                         ") should be greater than beta_slow (" + short_number(p.beta_slow) +
                         "), as transformers warns: the ramp runs backwards");
    }
  }
  return warnings;
}

// Frequencies of a RoPE with a different base, keeping t_0 = 1 when d = 2.
Eigen::VectorXd with_base(int d, double base, double new_base) {
  return d == 2 ? rope_inv_freq(d, base) : rope_inv_freq(d, new_base);
}

}  // namespace

double yarn_mscale(double factor, double mscale) {
  // HF modeling_rope_utils.py _compute_yarn_parameters get_mscale (YaRN Eq. 22 with m = 1).
  return factor <= 1.0 ? 1.0 : 0.1 * mscale * std::log(factor) + 1.0;
}

double yarn_correction_dim(double rotations, int d, double base, long original_context) {
  // HF modeling_rope_utils.py find_correction_dim (YaRN paper Eq. 17 solved for the index).
  return (d * std::log(static_cast<double>(original_context) / (rotations * kTwoPi))) /
         (2.0 * std::log(base));
}

ScaledFrequencies scale_frequencies(int d, double base, const ScalingParams& p) {
  ScaledFrequencies out;
  out.warnings = check(d, base, p);
  const Eigen::VectorXd theta = rope_inv_freq(d, base);
  const double s = p.factor;
  out.effective_base = base;
  switch (p.kind) {
    case Scaling::None:
      out.inv_freq = theta;
      break;
    case Scaling::Linear:
      // HF _compute_linear_scaling_rope_parameters: inv_freq /= factor.
      out.inv_freq = theta / s;
      break;
    case Scaling::Ntk: {
      // YaRN paper Eq. 16: b' = b * s^(|D|/(|D|-2)).
      out.effective_base = d == 2 ? base : base * std::pow(s, d / (d - 2.0));
      out.inv_freq = with_base(d, base, out.effective_base);
      break;
    }
    case Scaling::DynamicNtk: {
      // HF _compute_dynamic_ntk_parameters.
      const double seq_len = static_cast<double>(std::max(p.context, p.original_context));
      const double growth = s * seq_len / static_cast<double>(p.original_context) - (s - 1.0);
      out.effective_base = d == 2 ? base : base * std::pow(growth, d / (d - 2.0));
      out.inv_freq = with_base(d, base, out.effective_base);
      break;
    }
    case Scaling::Yarn: {
      // HF _compute_yarn_parameters (= jquesnelle/yarn LlamaYaRNScaledRotaryEmbedding).
      // find_correction_range: floor/ceil only when truncate (gpt-oss sets it false).
      double low = yarn_correction_dim(p.beta_fast, d, base, p.original_context);
      double high = yarn_correction_dim(p.beta_slow, d, base, p.original_context);
      if (p.truncate) {
        low = std::floor(low);
        high = std::ceil(high);
      }
      low = std::max(low, 0.0);
      high = std::min(high, d - 1.0);
      out.yarn_low = low;
      out.yarn_high = high;
      if (low == high) high += 0.001;  // linear_ramp_factor: avoid a division by zero
      out.inv_freq.resize(theta.size());
      for (Eigen::Index i = 0; i < theta.size(); ++i) {
        const double ramp = std::clamp((static_cast<double>(i) - low) / (high - low), 0.0, 1.0);
        const double extrapolation = 1.0 - ramp;
        out.inv_freq[i] = theta[i] / s * (1.0 - extrapolation) + theta[i] * extrapolation;
      }
      // HF _compute_yarn_parameters: the config's attention_factor if set, else the ratio
      // get_mscale(s, mscale) / get_mscale(s, mscale_all_dim) when both are set (DeepSeek),
      // else YaRN Eq. 22: sqrt(1/t) = 0.1 ln(s) + 1 (1 for s <= 1); a lone mscale is ignored.
      if (p.attention_factor > 0.0) {
        out.attention_factor = p.attention_factor;
      } else if (p.mscale != 0.0 && p.mscale_all_dim != 0.0) {
        out.attention_factor = yarn_mscale(s, p.mscale) / yarn_mscale(s, p.mscale_all_dim);
      } else {
        out.attention_factor = yarn_mscale(s);
      }
      // HF modeling_deepseek_v3.py DeepseekV3Attention: scaling *= mscale * mscale with
      // mscale = yarn_get_mscale(factor, mscale_all_dim), only when mscale_all_dim is set.
      if (p.mscale_all_dim != 0.0) {
        const double m = yarn_mscale(s, p.mscale_all_dim);
        out.softmax_scale_factor = m * m;
      }
      break;
    }
    case Scaling::Llama3: {
      // Meta models/llama3/model.py apply_scaling; HF _compute_llama3_parameters.
      const double L0 = static_cast<double>(p.original_context);
      const double low_wavelen = L0 / p.low_freq_factor;
      const double high_wavelen = L0 / p.high_freq_factor;
      out.inv_freq.resize(theta.size());
      for (Eigen::Index i = 0; i < theta.size(); ++i) {
        const double wavelen = kTwoPi / theta[i];
        if (wavelen < high_wavelen) {
          out.inv_freq[i] = theta[i];
        } else if (wavelen > low_wavelen) {
          out.inv_freq[i] = theta[i] / s;
        } else {
          const double smooth =
              (L0 / wavelen - p.low_freq_factor) / (p.high_freq_factor - p.low_freq_factor);
          out.inv_freq[i] = (1.0 - smooth) * theta[i] / s + smooth * theta[i];
        }
      }
      break;
    }
    case Scaling::LongRope: {
      if (p.short_factor.empty() || p.long_factor.empty()) {
        throw InvalidArgument(
            "LongRoPE needs a model's short_factor and long_factor lists: open a Phi-3 config "
            "(--preset phi-3-mini-128k or --config FILE)");
      }
      // HF _compute_longrope_parameters: max_position_embeddings = factor x original.
      const long max_context = std::lround(s * static_cast<double>(p.original_context));
      std::vector<std::string> warnings = std::move(out.warnings);
      out = longrope_frequencies(
          d, base, p.short_factor, p.long_factor, p.original_context, max_context, p.context,
          p.attention_factor > 0.0 ? std::optional<double>(p.attention_factor) : std::nullopt);
      out.warnings = std::move(warnings);
      break;
    }
  }
  return out;
}

Eigen::VectorXd wavelengths_of(const Eigen::VectorXd& inv_freq) {
  return inv_freq.cwiseInverse() * kTwoPi;
}

Eigen::VectorXd angle_ranges(const Eigen::VectorXd& inv_freq, long context) {
  require_count(context, "the context");
  return inv_freq * static_cast<double>(context);
}

const char* scaling_name(Scaling kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kScalingNames.size() ? kScalingNames[i] : "none";
}

}  // namespace peviz
