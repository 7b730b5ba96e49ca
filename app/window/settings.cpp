#include "settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/export/atomic_file.hpp"

namespace peviz {

std::string settings_path() {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("PEVIZ_CONFIG_DIR"); dir != nullptr && dir[0] != '\0') {
    return (fs::path(dir) / "settings.json").string();
  }
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] != '\0') {
    return (fs::path(xdg) / "peviz" / "settings.json").string();
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return (fs::path(home) / ".config" / "peviz" / "settings.json").string();
  }
  return "";
}

nlohmann::json load_settings(const std::string& path) {
  if (path.empty()) return nlohmann::json::object();
  std::ifstream in(path);
  if (!in) return nlohmann::json::object();
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    std::cerr << "peviz: ignoring unreadable settings in " << path << "\n";
    return nlohmann::json::object();
  }
  return j;
}

bool save_settings(const std::string& path, const nlohmann::json& settings) {
  if (path.empty()) return false;
  try {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    AtomicFile file(path);
    file.write(settings.dump(2) + "\n");
    file.commit();
    return true;
  } catch (const std::exception& e) {
    std::cerr << "peviz: settings not saved: " << e.what() << "\n";
    return false;
  }
}

const char* recent_kind_name(RecentKind kind) {
  switch (kind) {
    case RecentKind::Lesson:
      return "lesson";
    case RecentKind::Model:
      return "model";
    case RecentKind::Scene:
      return "scene";
  }
  return "lesson";
}

void add_recent(std::vector<RecentFile>& list, RecentKind kind, const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  const std::string full = ec ? path : absolute.lexically_normal().string();
  std::erase_if(list, [&](const RecentFile& f) { return f.path == full; });
  list.insert(list.begin(), RecentFile{kind, full});
  if (list.size() > kRecentLimit) list.resize(kRecentLimit);
}

nlohmann::json recent_json(const std::vector<RecentFile>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const RecentFile& f : list) {
    out.push_back({{"kind", recent_kind_name(f.kind)}, {"path", f.path}});
  }
  return out;
}

std::vector<RecentFile> recent_from_json(const nlohmann::json& json) {
  std::vector<RecentFile> list;
  if (!json.is_array()) return list;
  for (const nlohmann::json& entry : json) {
    if (!entry.is_object() || !entry.contains("kind") || !entry.contains("path") ||
        !entry["kind"].is_string() || !entry["path"].is_string())
      continue;
    const std::string kind = entry["kind"].get<std::string>();
    const std::string path = entry["path"].get<std::string>();
    if (path.empty()) continue;
    RecentFile f;
    f.path = path;
    if (kind == "lesson") {
      f.kind = RecentKind::Lesson;
    } else if (kind == "model") {
      f.kind = RecentKind::Model;
    } else if (kind == "scene") {
      f.kind = RecentKind::Scene;
    } else {
      continue;
    }
    if (std::find(list.begin(), list.end(), f) != list.end()) continue;
    list.push_back(std::move(f));
    if (list.size() == kRecentLimit) break;
  }
  return list;
}

}  // namespace peviz
