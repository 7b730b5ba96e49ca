#include "presets.hpp"

#include <algorithm>
#include <fstream>

#include "core/text.hpp"
#include "core/validate.hpp"

#ifndef PEVIZ_ASSET_DIR
#define PEVIZ_ASSET_DIR "assets"
#endif

namespace peviz {

std::filesystem::path preset_dir() {
  return std::filesystem::path(PEVIZ_ASSET_DIR) / "presets";
}

std::vector<Preset> list_presets(const std::filesystem::path& dir) {
  std::vector<Preset> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".json" || !it->is_regular_file(ec)) continue;
    std::ifstream in(it->path());
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object()) continue;
    Preset p;
    p.id = it->path().stem().string();
    p.name = j.value("_name", p.id);
    p.source = j.value("_source", "");
    p.file = it->path();
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const Preset& a, const Preset& b) { return a.id < b.id; });
  return out;
}

ModelRope load_preset(const std::string& id, const std::filesystem::path& dir) {
  std::vector<std::string> ids;
  for (const Preset& p : list_presets(dir)) {
    if (p.id == id) return load_hf_config(p.file);
    ids.push_back(p.id);
  }
  const std::string near = closest(id, ids);
  throw InvalidArgument(
      "unknown preset '" + id + "' " +
      (near.empty() ? "(peviz preset list shows them)" : "(did you mean '" + near + "'?)"));
}

}  // namespace peviz
