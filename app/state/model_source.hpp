// Where a model's positions come from: a preset (assets/presets), a Hugging Face config.json
// or a learned table file, set by name like any option ("preset", "config", "table",
// "tensor") from the command line, a lesson, the window's sidebar, File > Open or a file
// dropped on the window. Setting one fills the shared parameters as transformers reads the
// model (docs/model-configs.md); a learned table is loaded into SharedParams::learned_table.
#pragma once

#include <string>

#include "app/model/hf_config.hpp"
#include "app/views/shared_params.hpp"

namespace peviz {

// The shared parameters for `model`: the scheme (RoPE, or learned for GPT-2 and BERT), d, base,
// the rotated fraction, pairing and scaling with every field of it, so that the views compute
// exactly model_frequencies(model). Throws InvalidArgument, starting with `name`, for a value
// past peviz's limits (a trained context over 1048576); `s` is unchanged then.
void apply_model(SharedParams& s, const ModelRope& model, const std::string& name);

// True when `option` is one of "preset", "config", "table", "tensor", "versus": then it is set (the
// model applied, the table loaded). Throws InvalidArgument for an unknown preset, a file
// that does not read, or a table whose positions or width do not fit; `s` is unchanged then.
// An empty value clears it (for a table: back to the seeded random table). "versus" loads a
// preset id or a config.json into SharedParams::versus_params (the model view's other model).
bool set_model_source(SharedParams& s, const std::string& option, const std::string& value);

// After settings were read: reload what the names point to without changing the other
// parameters (LongRoPE's lists, the model's name, the table's rows). A file that is gone or
// no longer reads clears its name (and a LongRoPE scaling without lists becomes none);
// without a preset or config, an earlier model's name and lists are cleared.
void reload_model_sources(SharedParams& s);

// The option a file dropped on the window or opened from File > Open sets: "table" for a .npy
// or .safetensors file, else "config".
std::string model_file_option(const std::string& path);
// set_model_source(s, model_file_option(path), path); returns the option.
std::string open_model_file(SharedParams& s, const std::string& path);

}  // namespace peviz
