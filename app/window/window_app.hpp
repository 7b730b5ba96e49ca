// The desktop window: GLFW + OpenGL 3.3 core + Dear ImGui, a sidebar with the
// active view's controls and the view filling the rest.
#pragma once

#include <string>

namespace peviz {

struct WindowOptions {
  int width = 1600;  // window size in screen pixels
  int height = 1000;
  std::string screenshot;  // if set: render until settled, save the window as PNG, exit
  int settle_frames = 8;   // frames rendered before the screenshot is taken
};

// Returns the process exit code (0 ok, 1 no window could be opened or the
// screenshot could not be written).
int run_window(const WindowOptions& options);

}  // namespace peviz
