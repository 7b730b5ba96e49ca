#include "model_source.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "app/model/presets.hpp"
#include "app/model/tensor_file.hpp"
#include "app/params/param_io.hpp"
#include "core/longrope.hpp"
#include "core/rope.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

// Every digit: the shared parameters then hold the config's double exactly.
std::string exact(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

void set(SharedParams& s, const std::string& option, const std::string& value) {
  ParamSetter setter(option, value);
  s.visit(setter);
  if (!setter.found()) throw InvalidArgument("no shared option '" + option + "'");
}

// The fraction f with int(head_dim * f) = rotary_dim as core's rotary_dim() computes it
// (HF: int(head_dim * partial_rotary_factor)); rotary / head rounds below it for some sizes.
double rotary_fraction(int head_dim, int rotary) {
  double f = static_cast<double>(rotary) / head_dim;
  while (static_cast<int>(head_dim * f) < rotary) f = std::nextafter(f, 2.0);
  return f;
}

std::string scaling_of(const std::string& rope_type) {
  if (rope_type == "linear") return "linear";
  if (rope_type == "dynamic") return "dynamic-ntk";
  if (rope_type == "yarn") return "yarn";
  if (rope_type == "llama3") return "llama3";
  if (rope_type == "longrope") return "longrope";
  return "none";
}

// Loads a preset or config file; the model's name for titles.
std::pair<ModelRope, std::string> read_model(const std::string& option, const std::string& value) {
  if (option == "preset") {
    for (const Preset& p : list_presets()) {
      if (p.id == value) return {load_preset(value), p.name};
    }
    return {load_preset(value), value};  // throws: unknown preset, with "did you mean"
  }
  return {load_hf_config(value), std::filesystem::path(value).filename().string()};
}

// The other model of the model view: a preset id when there is one of that name, else a
// config.json path.
std::shared_ptr<const SharedParams> versus_model(const std::string& value) {
  bool preset = false;
  for (const Preset& p : list_presets()) preset = preset || p.id == value;
  SharedParams other;
  // Not a preset name and not like a path: load_preset's "unknown preset" message.
  const bool path =
      value.find('/') != std::string::npos || value.find(".json") != std::string::npos;
  set_model_source(other, preset || !path ? "preset" : "config", value);
  other.versus.clear();
  return std::make_shared<const SharedParams>(std::move(other));
}

void load_table(SharedParams& s) {
  if (s.table.empty()) {
    s.learned_table.reset();
    return;
  }
  auto table = std::make_shared<PositionTable>(load_position_table(s.table, s.tensor));
  const long d = static_cast<long>(table->values.cols());
  if (d > 4096 || d % 2 != 0) {
    throw InvalidArgument(s.table + ": the table is " + std::to_string(d) +
                          " wide; peviz shows even widths up to 4096");
  }
  s.learned_table = std::move(table);
}

}  // namespace

void apply_model(SharedParams& s, const ModelRope& m, const std::string& name) {
  SharedParams t = s;
  try {
    if (m.learned) {
      set(t, "scheme", "learned");
      set(t, "d", std::to_string(m.hidden_size));
      if (t.positions > m.max_position_embeddings)
        set(t, "positions", std::to_string(m.max_position_embeddings));
      t.short_factor.clear();
      t.long_factor.clear();
      t.model = name + " (learned positions, " + std::to_string(m.max_position_embeddings) + " x " +
                std::to_string(m.hidden_size) + ")";
      s = std::move(t);
      return;
    }
    const std::string scaling = scaling_of(m.rope_type);
    set(t, "scheme", "rope");
    set(t, "d", std::to_string(m.head_dim));
    set(t, "base", exact(m.theta));
    set(t, "partial-rotary", exact(rotary_fraction(m.head_dim, m.rotary_dim)));
    set(t, "pairing", kPairingNames[static_cast<std::size_t>(m.pairing)]);
    set(t, "scaling", scaling);
    if (scaling != "none") set(t, "factor", exact(m.factor));
    // model_frequencies: dynamic NTK starts from max_position_embeddings; llama3, yarn and
    // longrope from original_max_position_embeddings; the views look at max_position_embeddings.
    const long original =
        m.rope_type == "dynamic" || m.rope_type == "default"
            ? m.max_position_embeddings
            : m.original_max_position_embeddings.value_or(m.max_position_embeddings);
    set(t, "original-context", std::to_string(original));
    set(t, "context", std::to_string(m.max_position_embeddings));
    set(t, "low-freq-factor", exact(m.low_freq_factor.value_or(1.0)));
    set(t, "high-freq-factor", exact(m.high_freq_factor.value_or(4.0)));
    set(t, "beta-fast", exact(m.beta_fast.value_or(32.0)));
    set(t, "beta-slow", exact(m.beta_slow.value_or(1.0)));
    set(t, "mscale", exact(m.mscale.value_or(0.0)));
    set(t, "mscale-all-dim", exact(m.mscale_all_dim.value_or(0.0)));
    double attention = m.attention_factor.value_or(0.0);
    // HF _compute_longrope_parameters: the config's factor, else one from rope_scaling.factor
    // (which the config reader made max / original when absent).
    if (m.rope_type == "longrope" && !m.attention_factor)
      attention = longrope_attention_factor(m.factor, original);
    set(t, "attention-factor", exact(attention));
    set(t, "truncate", m.truncate ? "true" : "false");
    t.short_factor = m.short_factor;
    t.long_factor = m.long_factor;
    t.model = name;
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(name + ": " + e.what());
  }
  s = std::move(t);
}

bool set_model_source(SharedParams& s, const std::string& option, const std::string& value) {
  if (option != "preset" && option != "config" && option != "table" && option != "tensor" &&
      option != "versus")
    return false;
  SharedParams t = s;
  if (option == "versus") {
    t.versus = value;
    t.versus_params = value.empty() ? nullptr : versus_model(value);
    s = std::move(t);
    return true;
  }
  if (option == "table" || option == "tensor") {
    (option == "table" ? t.table : t.tensor) = value;
    if (option == "table" || !t.table.empty()) load_table(t);
    if (t.learned_table) {
      set(t, "scheme", "learned");
      set(t, "d", std::to_string(t.learned_table->values.cols()));
      const long rows = static_cast<long>(t.learned_table->values.rows());
      if (t.start >= rows) set(t, "start", "0");
      if (t.start + t.positions > rows) set(t, "positions", std::to_string(rows - t.start));
    }
    s = std::move(t);
    return true;
  }
  if (value.empty()) {
    (option == "preset" ? t.preset : t.config).clear();
    if (t.preset.empty() && t.config.empty()) t.model.clear();
    s = std::move(t);
    return true;
  }
  const auto [model, name] = read_model(option, value);
  apply_model(t, model, name);
  // One model at a time: the other source no longer describes what is shown.
  t.preset = option == "preset" ? value : "";
  t.config = option == "config" ? value : "";
  s = std::move(t);
  return true;
}

void reload_model_sources(SharedParams& s) {
  const std::string option = !s.preset.empty() ? "preset" : !s.config.empty() ? "config" : "";
  if (!option.empty()) {
    try {
      const auto [model, name] = read_model(option, option == "preset" ? s.preset : s.config);
      s.short_factor = model.short_factor;
      s.long_factor = model.long_factor;
      s.model = name;
    } catch (const InvalidArgument&) {
      s.preset.clear();
      s.config.clear();
      s.model.clear();
      s.short_factor.clear();
      s.long_factor.clear();
    }
  } else {
    // No preset or config named: nothing of an earlier model stays (its name on screen).
    s.model.clear();
    s.short_factor.clear();
    s.long_factor.clear();
  }
  if (s.scaling == Scaling::LongRope && s.short_factor.empty()) s.scaling = Scaling::None;
  try {
    s.versus_params = s.versus.empty() ? nullptr : versus_model(s.versus);
  } catch (const InvalidArgument&) {
    s.versus.clear();
    s.versus_params.reset();
  }
  try {
    load_table(s);
  } catch (const InvalidArgument&) {
    s.table.clear();
    s.tensor.clear();
    s.learned_table.reset();
  }
}

std::string model_file_option(const std::string& path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  return ext == ".npy" || ext == ".safetensors" ? "table" : "config";
}

std::string open_model_file(SharedParams& s, const std::string& path) {
  const std::string option = model_file_option(path);
  set_model_source(s, option, path);
  return option;
}

}  // namespace peviz
