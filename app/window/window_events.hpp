// What arrives from GLFW between frames, kept so that no key press is lost and the window
// can sleep when nothing happens.
//
// Keys: Dear ImGui 1.86 has no input queue; its GLFW backend writes io.KeysDown as each
// event comes, so a key pressed and released within one frame (a presenter's clicker, a
// quick tap) is never seen as pressed. WindowEvents takes the key callback, queues the
// events, and hands them to ImGui's callback one frame's worth at a time: a batch ends
// before the release (or press) of a key whose state already changed in it, so every
// press is down for at least one frame. A repeat is a release and a press (see key()).
//
// Activity: every callback (mouse, wheel, keys, text, size, focus, expose, drops) marks
// the window as active, so that the loop renders after input and otherwise waits.
#pragma once

#include <deque>
#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace peviz {

class WindowEvents {
 public:
  // Installs the callbacks. Call after ImGui_ImplGlfw_InitForOpenGL(window, true): the
  // key callback replaces ImGui's (kept, and called with the queued events), the others
  // chain to ImGui's. Uses the window's user pointer.
  void install(GLFWwindow* window);

  // Hands queued key events to ImGui for the coming frame (call before NewFrame).
  void deliver();
  // Key events still queued for later frames.
  bool pending() const { return !keys_.empty(); }
  // True once after any input since the last call.
  bool take_activity();
  // The paths of files dropped on the window since the last call, in order.
  std::vector<std::string> take_dropped() { return std::exchange(dropped_, {}); }

  // Called by the callbacks.
  void key(int key, int scancode, int action, int mods);
  void touch() { active_ = true; }

 private:
  struct KeyEvent {
    int key, scancode, action, mods;
  };
  GLFWwindow* window_ = nullptr;
  std::deque<KeyEvent> keys_;
  std::vector<std::string> dropped_;
  bool active_ = true;  // the first frames draw
  void (*imgui_key_)(GLFWwindow*, int, int, int, int) = nullptr;
  void (*imgui_cursor_)(GLFWwindow*, double, double) = nullptr;
  void (*imgui_button_)(GLFWwindow*, int, int, int) = nullptr;
  void (*imgui_scroll_)(GLFWwindow*, double, double) = nullptr;
  void (*imgui_char_)(GLFWwindow*, unsigned int) = nullptr;
  void (*imgui_enter_)(GLFWwindow*, int) = nullptr;
  void (*imgui_focus_)(GLFWwindow*, int) = nullptr;

  friend struct WindowEventCallbacks;
};

}  // namespace peviz
