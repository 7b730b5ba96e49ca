#include "longrope.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "validate.hpp"

namespace peviz {
namespace {

std::string number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

void check_factors(const std::vector<double>& factors, int d, const char* name) {
  const std::size_t pairs = static_cast<std::size_t>(d / 2);
  if (factors.size() != pairs) {
    throw InvalidArgument(std::string("LongRoPE's ") + name + " has " +
                          std::to_string(factors.size()) +
                          " entries; it needs one per pair, d/2 = " + std::to_string(pairs) +
                          " for the rotary dimension " + std::to_string(d));
  }
  for (std::size_t i = 0; i < factors.size(); ++i) {
    if (!std::isfinite(factors[i]) || factors[i] <= 0.0) {
      throw InvalidArgument(std::string("LongRoPE's ") + name + "[" + std::to_string(i) +
                            "] must be a positive finite number (got " + number(factors[i]) + ")");
    }
  }
}

void check_context(long value, const char* name) {
  if (value < 1) {
    throw InvalidArgument(std::string("LongRoPE's ") + name + " must be at least 1 position (got " +
                          std::to_string(value) + ")");
  }
}

}  // namespace

bool longrope_uses_long(long seq_len, long original_context) {
  // HF modeling_rope_utils.py dynamic_rope_update, longrope_frequency_update: strictly greater.
  return seq_len > original_context;
}

double longrope_attention_factor(double factor, long original_context) {
  check_context(original_context, "original_max_position_embeddings");
  require_positive(factor, "LongRoPE's factor");
  // HF modeling_rope_utils.py _compute_longrope_parameters: sqrt(1 + ln s / ln L0), 1 for s <= 1.
  if (factor <= 1.0) return 1.0;
  return std::sqrt(1.0 + std::log(factor) / std::log(static_cast<double>(original_context)));
}

ScaledFrequencies longrope_frequencies(int d, double base, const std::vector<double>& short_factor,
                                       const std::vector<double>& long_factor,
                                       long original_context, long max_context, long seq_len,
                                       std::optional<double> attention_factor) {
  require_even_dim(d, "the rotary dimension");
  require_base(base);
  check_factors(short_factor, d, "short_factor");
  check_factors(long_factor, d, "long_factor");
  check_context(original_context, "original_max_position_embeddings");
  check_context(max_context, "max_position_embeddings");
  require_count(seq_len, "LongRoPE's sequence length");
  if (attention_factor) require_positive(*attention_factor, "LongRoPE's attention_factor");

  ScaledFrequencies out;
  out.effective_base = base;
  const std::vector<double>& ext =
      longrope_uses_long(seq_len, original_context) ? long_factor : short_factor;
  out.inv_freq.resize(d / 2);
  for (int i = 0; i < d / 2; ++i) {
    // HF _compute_longrope_parameters: inv_freq = 1 / (ext_factors * base^(2i/d)).
    out.inv_freq[i] = 1.0 / (ext[static_cast<std::size_t>(i)] * std::pow(base, 2.0 * i / d));
  }
  // Phi-3 has no rope_scaling factor: HF takes s = max_position / original_max_position.
  const double s = static_cast<double>(max_context) / static_cast<double>(original_context);
  out.attention_factor =
      attention_factor ? *attention_factor : longrope_attention_factor(s, original_context);
  return out;
}

}  // namespace peviz
