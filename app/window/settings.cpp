#include "settings.hpp"

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

}  // namespace peviz
