#include "scene.hpp"

#include <cmath>
#include <cstdio>

#include "app/plot/style.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

using Json = nlohmann::ordered_json;

Json settings_json(const std::vector<Setting>& settings) {
  Json out = Json::object();
  for (const auto& [name, value] : settings) out[name] = value;
  return out;
}

[[noreturn]] void bad(const std::string& what) {
  throw InvalidArgument("not a peviz scene: " + what);
}

std::vector<Setting> read_settings(const Json& j, const std::string& where) {
  if (!j.is_object()) bad("'" + where + "' must be an object of \"name\": \"value\"");
  std::vector<Setting> out;
  for (const auto& [name, value] : j.items()) {
    if (value.is_string()) {
      out.emplace_back(name, value.get<std::string>());
    } else if (value.is_number() || value.is_boolean()) {
      out.emplace_back(name, value.dump());  // hand-written scenes: 64 for "64"
    } else {
      bad("'" + where + "." + name + "' must be a string or a number");
    }
  }
  return out;
}

double finite_number(const Json& j, const std::string& where) {
  if (!j.is_number() || !std::isfinite(j.get<double>())) bad("'" + where + "' must be a number");
  return j.get<double>();
}

// The state a list of settings describes: the view, then each setting in order.
State state_from(const std::string& view, const std::vector<Setting>& settings,
                 const std::string& where) {
  State state;
  state.select_view(view);
  for (const auto& [name, value] : settings) {
    try {
      state.set_option(name, value);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument("scene " + where + "'" + name + "': " + e.what());
    }
  }
  state.check_scheme();
  return state;
}

// The options `state` uses, each once (a view may list an option of its own and a shared
// one of the same name; the value is the same, the view's own).
std::vector<Setting> used_once(State& state) {
  std::vector<Setting> out;
  for (Setting& s : state.used_values()) {
    bool seen = false;
    for (const Setting& o : out) seen = seen || o.first == s.first;
    if (!seen) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Scene scene_of(State& state) {
  Scene scene;
  scene.view = state.view().name();
  scene.settings = used_once(state);
  return scene;
}

Scene scene_of(std::vector<State>& panels) {
  if (panels.empty()) return {};
  Scene scene = scene_of(panels.front());
  if (panels.size() < 2) return scene;
  for (State& panel : panels) scene.compare.push_back(used_once(panel));
  return scene;
}

State state_of(const Scene& scene) {
  return state_from(scene.view, scene.settings, "setting ");
}

std::vector<State> panels_of(const Scene& scene) {
  std::vector<State> panels;
  for (std::size_t i = 0; i < scene.compare.size(); ++i) {
    const std::string where = std::string("panel ") + static_cast<char>('A' + i) + ": ";
    panels.push_back(state_from(scene.view, scene.compare[i], where));
  }
  return panels;
}

plot::FigureRequest scene_request(const Scene& scene) {
  return {scene.width, scene.height, scene.zoom};
}

std::string scene_text(const Scene& scene) {
  Json j;
  j["peviz_scene"] = kSceneVersion;
  j["view"] = scene.view;
  j["settings"] = settings_json(scene.settings);
  if (!scene.compare.empty()) {
    j["compare"] = Json::array();
    for (const auto& panel : scene.compare) j["compare"].push_back(settings_json(panel));
  }
  if (!scene.zoom.empty()) {
    j["zoom"] = Json::object();
    for (const auto& [id, w] : scene.zoom) j["zoom"][id] = {w.x_lo, w.x_hi, w.y_lo, w.y_hi};
  }
  j["picture"] = {{"width", scene.width},
                  {"height", scene.height},
                  {"scale", scene.scale},
                  {"theme", scene.theme},
                  {"transparent", scene.transparent}};
  // nlohmann writes doubles as the shortest text that reads back to the same bits.
  return j.dump(2) + "\n";
}

Scene parse_scene(std::string_view text) {
  if (text.size() > kSceneMaxBytes) bad("larger than 1 MiB");
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) bad("the text is not JSON");
  if (!j.is_object() || !j.contains("peviz_scene")) bad("no \"peviz_scene\" version");
  if (!j["peviz_scene"].is_number_integer()) bad("\"peviz_scene\" must be a version number");
  const int version = j["peviz_scene"].get<int>();
  if (version > kSceneVersion) {
    throw InvalidArgument("the scene was written by a newer peviz (scene version " +
                          std::to_string(version) + "; this one reads " +
                          std::to_string(kSceneVersion) + ")");
  }
  if (version < 1) bad("\"peviz_scene\" must be 1 or more");
  Scene scene;
  if (!j.contains("view") || !j["view"].is_string()) bad("no \"view\" name");
  scene.view = j["view"].get<std::string>();
  if (j.contains("settings")) scene.settings = read_settings(j["settings"], "settings");
  if (j.contains("compare")) {
    const Json& c = j["compare"];
    if (!c.is_array() || c.size() < 2 || c.size() > 4) bad("'compare' must list 2 to 4 panels");
    for (std::size_t i = 0; i < c.size(); ++i) {
      scene.compare.push_back(read_settings(c[i], "compare[" + std::to_string(i) + "]"));
    }
  }
  if (j.contains("zoom")) {
    if (!j["zoom"].is_object()) bad("'zoom' must be an object of \"panel\": [x0, x1, y0, y1]");
    for (const auto& [id, w] : j["zoom"].items()) {
      const std::string where = "zoom." + id;
      if (!w.is_array() || w.size() != 4) bad("'" + where + "' must be [x0, x1, y0, y1]");
      plot::DataWindow window{finite_number(w[0], where), finite_number(w[1], where),
                              finite_number(w[2], where), finite_number(w[3], where)};
      if (!(window.x_lo < window.x_hi && window.y_lo < window.y_hi)) {
        bad("'" + where + "' must have x0 < x1 and y0 < y1");
      }
      scene.zoom.emplace_back(id, window);
    }
  }
  if (j.contains("picture")) {
    const Json& p = j["picture"];
    if (!p.is_object()) bad("'picture' must be an object");
    const auto size = [&](const char* key, int& out) {
      if (!p.contains(key)) return;
      const double v = finite_number(p[key], std::string("picture.") + key);
      if (v != std::floor(v) || v < 16 || v > 16384) {
        bad(std::string("'picture.") + key + "' must be a whole number from 16 to 16384");
      }
      out = static_cast<int>(v);
    };
    size("width", scene.width);
    size("height", scene.height);
    if (p.contains("scale")) {
      scene.scale = finite_number(p["scale"], "picture.scale");
      if (scene.scale < 0.25 || scene.scale > 8) bad("'picture.scale' must be 0.25 to 8");
    }
    if (p.contains("theme")) {
      if (!p["theme"].is_string()) bad("'picture.theme' must be light, dark or contrast");
      scene.theme = p["theme"].get<std::string>();
      plot::theme_by_name(scene.theme);  // refuses an unknown theme, naming the choices
    }
    if (p.contains("transparent")) {
      if (!p["transparent"].is_boolean()) bad("'picture.transparent' must be true or false");
      scene.transparent = p["transparent"].get<bool>();
    }
  }
  return scene;
}

}  // namespace peviz
