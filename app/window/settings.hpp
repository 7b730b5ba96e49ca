// Remembers the last view and its parameters between runs: a JSON file in
// $PEVIZ_CONFIG_DIR, else $XDG_CONFIG_HOME/peviz, else ~/.config/peviz.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace peviz {

// The settings file path ("" when no folder can be found).
std::string settings_path();
// The saved settings, or an empty object when there are none or they do not parse.
nlohmann::json load_settings(const std::string& path);
// Writes all-or-nothing; returns false (and says why on stderr) on failure.
bool save_settings(const std::string& path, const nlohmann::json& settings);

// File > Recent: the files opened last, newest first, kept in the settings as
// "recent": [{"kind": "lesson", "path": "/abs/07-rope.lesson"}, ...].
enum class RecentKind { Lesson, Model, Scene };
struct RecentFile {
  RecentKind kind = RecentKind::Lesson;
  std::string path;  // absolute
  bool operator==(const RecentFile&) const = default;
};
inline constexpr std::size_t kRecentLimit = 8;

// "lesson", "model", "scene".
const char* recent_kind_name(RecentKind kind);
// `path` (made absolute) first in `list`, its older entry gone, at most kRecentLimit kept.
void add_recent(std::vector<RecentFile>& list, RecentKind kind, const std::string& path);
nlohmann::json recent_json(const std::vector<RecentFile>& list);
// The list a settings file holds; entries of an unknown kind or type are skipped.
std::vector<RecentFile> recent_from_json(const nlohmann::json& json);

}  // namespace peviz
