// A scene: everything that makes one picture, in a small JSON file (.scene) that reproduces
// it: the view, every parameter it uses (State::used_values), the compare panels, the zoomed
// windows of its panels, and the picture's size, scale, theme and background. `peviz export
// ... --save-scene F.scene` and File > Save scene (Ctrl+S) write one; `peviz export --scene
// F.scene --out x.png` and `peviz --scene F.scene` (or dropping it on the window) read it.
// The same scene gives the same bytes with the same version of peviz. Format: docs/scenes.md.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/plot/figure.hpp"
#include "app/state/state.hpp"

namespace peviz {

inline constexpr int kSceneVersion = 1;
// A scene file is a short text; anything longer is not one.
inline constexpr std::size_t kSceneMaxBytes = 1 << 20;

struct Scene {
  std::string view;                           // the active view's command-line name
  std::vector<Setting> settings;              // every option it uses, in used_values order
  std::vector<std::vector<Setting>> compare;  // comparing: each panel's options (2-4)
  // The zoomed windows, by panel id (comparing: the merged ids, "A/grid").
  std::vector<std::pair<std::string, plot::DataWindow>> zoom;
  int width = 1600;  // the picture's logical size, scale, theme and background
  int height = 1000;
  double scale = 1.0;
  std::string theme = "light";
  bool transparent = false;
  bool operator==(const Scene&) const = default;
};

// The scene of `state` (its active view and the options it uses); comparing, of `panels`.
Scene scene_of(State& state);
Scene scene_of(std::vector<State>& panels);

// The State a scene describes (its view selected, its settings set with set_option, in
// order), and for a comparison every panel's. Throw InvalidArgument with one line naming
// the setting when a value is refused.
State state_of(const Scene& scene);
std::vector<State> panels_of(const Scene& scene);

// The figure request a scene's picture is built with: its logical size and zoomed windows.
plot::FigureRequest scene_request(const Scene& scene);

// The JSON text, always the same for the same scene (keys in a fixed order, numbers
// written to round-trip exactly, a final newline).
std::string scene_text(const Scene& scene);
// Reads a scene's text; throws InvalidArgument with one line saying what is wrong (not
// JSON, not a scene, a newer version, a missing or mistyped field).
Scene parse_scene(std::string_view text);

}  // namespace peviz
