#include "window_events.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <set>
#include <utility>

namespace peviz {

// The GLFW callbacks: find the WindowEvents through the window's user pointer.
struct WindowEventCallbacks {
  static WindowEvents& of(GLFWwindow* w) {
    return *static_cast<WindowEvents*>(glfwGetWindowUserPointer(w));
  }
  static void key(GLFWwindow* w, int key, int scancode, int action, int mods) {
    of(w).key(key, scancode, action, mods);
  }
  static void cursor(GLFWwindow* w, double x, double y) {
    WindowEvents& e = of(w);
    e.touch();
    if (e.imgui_cursor_ != nullptr) e.imgui_cursor_(w, x, y);
  }
  static void button(GLFWwindow* w, int button, int action, int mods) {
    WindowEvents& e = of(w);
    e.touch();
    if (e.imgui_button_ != nullptr) e.imgui_button_(w, button, action, mods);
  }
  static void scroll(GLFWwindow* w, double x, double y) {
    WindowEvents& e = of(w);
    e.touch();
    if (e.imgui_scroll_ != nullptr) e.imgui_scroll_(w, x, y);
  }
  static void character(GLFWwindow* w, unsigned int c) {
    WindowEvents& e = of(w);
    e.touch();
    if (e.imgui_char_ != nullptr) e.imgui_char_(w, c);
  }
  static void enter(GLFWwindow* w, int entered) {
    WindowEvents& e = of(w);
    e.touch();
    if (e.imgui_enter_ != nullptr) e.imgui_enter_(w, entered);
  }
  static void focus(GLFWwindow* w, int focused) {
    WindowEvents& e = of(w);
    e.touch();
    if (e.imgui_focus_ != nullptr) e.imgui_focus_(w, focused);
  }
  static void size(GLFWwindow* w, int, int) { of(w).touch(); }
  static void refresh(GLFWwindow* w) { of(w).touch(); }
  static void drop(GLFWwindow* w, int count, const char** paths) {
    WindowEvents& e = of(w);
    e.touch();
    for (int i = 0; i < count; ++i) e.dropped_.emplace_back(paths[i]);
  }
};

void WindowEvents::install(GLFWwindow* window) {
  window_ = window;
  glfwSetWindowUserPointer(window, this);
  using C = WindowEventCallbacks;
  imgui_key_ = glfwSetKeyCallback(window, C::key);
  imgui_cursor_ = glfwSetCursorPosCallback(window, C::cursor);
  imgui_button_ = glfwSetMouseButtonCallback(window, C::button);
  imgui_scroll_ = glfwSetScrollCallback(window, C::scroll);
  imgui_char_ = glfwSetCharCallback(window, C::character);
  imgui_enter_ = glfwSetCursorEnterCallback(window, C::enter);
  imgui_focus_ = glfwSetWindowFocusCallback(window, C::focus);
  glfwSetFramebufferSizeCallback(window, C::size);
  glfwSetWindowRefreshCallback(window, C::refresh);
  glfwSetDropCallback(window, C::drop);
}

void WindowEvents::key(int key, int scancode, int action, int mods) {
  active_ = true;
  if (action == GLFW_REPEAT) {
    // GLFW's X11 backend drops a release that the next press follows within 20 ms and
    // reports that press as a repeat: quick taps of one key arrive so. ImGui 1.86 ignores
    // repeats, so the tap would be lost: it is a release and a press (a held key then
    // repeats at the system's rate, as a slide program's arrow keys do).
    keys_.push_back({key, scancode, GLFW_RELEASE, mods});
    keys_.push_back({key, scancode, GLFW_PRESS, mods});
    return;
  }
  keys_.push_back({key, scancode, action, mods});
}

void WindowEvents::deliver() {
  // A frame sees each press with the keys that were down when it happened: its batch ends
  // before a key changes twice, and before any release once a key went down (Ctrl+Q:
  // Ctrl's release may arrive with Q's press; Q must still meet Ctrl down).
  std::set<int> changed;  // keys that went down or up in this frame's batch
  bool pressed = false;
  while (!keys_.empty()) {
    const KeyEvent e = keys_.front();
    if (e.key != GLFW_KEY_UNKNOWN) {
      if (changed.count(e.key) != 0) break;  // the next frame sees this one
      if (pressed && e.action == GLFW_RELEASE) break;
      changed.insert(e.key);
      pressed = pressed || e.action == GLFW_PRESS;
    }
    keys_.pop_front();
    if (imgui_key_ != nullptr) imgui_key_(window_, e.key, e.scancode, e.action, e.mods);
  }
  if (!keys_.empty()) active_ = true;
}

bool WindowEvents::take_activity() {
  const bool was = active_;
  active_ = false;
  return was;
}

}  // namespace peviz
