// Model presets: real models' config.json position fields, stored as data in
// assets/presets/NAME.json (each with "_name" and "_source": where its values come from),
// read by the same reader as a user's config.json.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hf_config.hpp"

namespace peviz {

struct Preset {
  std::string id;      // the file's name without .json: "llama-3.1-8b"
  std::string name;    // "Llama 3.1 8B"
  std::string source;  // "config.json of meta-llama/Llama-3.1-8B"
  std::filesystem::path file;
};

// assets/presets of the source tree.
std::filesystem::path preset_dir();
// Every preset, sorted by id (a file that is not a readable JSON object is left out).
std::vector<Preset> list_presets(const std::filesystem::path& dir = preset_dir());
// The preset called `id`; throws InvalidArgument for an unknown one ("did you mean").
ModelRope load_preset(const std::string& id, const std::filesystem::path& dir = preset_dir());

}  // namespace peviz
