// The desktop window: GLFW + OpenGL 3.3 core + Dear ImGui around the Explorer.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peviz {

struct WindowOptions {
  int width = 1600;  // window size in screen pixels
  int height = 1000;
  std::string screenshot;  // if set: render until settled, save the window as PNG, exit
  std::string view;        // the view to open ("" = the last one used)
  std::vector<std::pair<std::string, std::string>> params;  // --name value, by name
  bool use_settings = true;  // read and write the remembered view and parameters
  // Screenshots: where the mouse is (window pixels), for a hover readout in the
  // picture; none by default, so that the picture does not depend on the pointer.
  std::optional<std::pair<float, float>> mouse;
  std::string lesson;    // a lesson file to open (--lesson FILE)
  bool present = false;  // start in presentation mode (--present)
  int step = 1;          // the lesson's step to show first (1-based)
  std::string scene;     // a scene file to open (--scene FILE, app/state/scene.hpp)
  // The presenter view (--presenter): a second window with the next step, the answer and
  // the notes; on by itself when a lesson is presented with a second monitor.
  bool presenter = false;
  std::string theme;  // light | dark | contrast ("" = the remembered one, else light)
  // Text size; 0: the monitor's content scale (HiDPI), 1.25 when presenting.
  float font_scale = 0.0f;
  // Tests: show every step of --lesson in every theme, in presentation mode, until
  // each settles; exit 1 naming any step that fails to draw.
  bool tour = false;
  bool show_keys = false;  // open the keys overlay (?) at start (screenshots of it)
  bool welcome = false;    // open the welcome card (a first start opens it anyway)
  // Tests: once the view is drawn, open the export dialog (--export-dialog), or
  // export the view from it into this file (--export-on-start FILE).
  bool export_dialog = false;
  std::string export_on_start;
  int min_frames = 4;     // frames rendered before a screenshot, at least
  double timeout = 60.0;  // seconds a screenshot waits for the view to settle
};

// Checks the view name and parameters without opening a window (throws InvalidArgument).
void check_window_options(const WindowOptions& options);
// Every view name and option, for --help.
std::string window_options_help();

// Returns the process exit code (0 ok, 1 no window or no screenshot).
int run_window(const WindowOptions& options);

}  // namespace peviz
