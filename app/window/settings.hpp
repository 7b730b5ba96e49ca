// Remembers the last view and its parameters between runs: a JSON file in
// $PEVIZ_CONFIG_DIR, else $XDG_CONFIG_HOME/peviz, else ~/.config/peviz.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace peviz {

// The settings file path ("" when no folder can be found).
std::string settings_path();
// The saved settings, or an empty object when there are none or they do not parse.
nlohmann::json load_settings(const std::string& path);
// Writes all-or-nothing; returns false (and says why on stderr) on failure.
bool save_settings(const std::string& path, const nlohmann::json& settings);

}  // namespace peviz
