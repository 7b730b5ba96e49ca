// The presenter view (presenter_window.hpp): its content from the lesson player's state,
// and a passive second window with its own GL and ImGui contexts.
#include "presenter_window.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gl/framebuffer.hpp"
#include "app/gl/gl.hpp"
#include "explorer.hpp"
#include "lesson_player.hpp"

namespace peviz {

std::string plain_text(const std::vector<TextSpan>& spans) {
  std::string out;
  for (const TextSpan& s : spans) out += s.text;
  return out;
}

std::string presenter_timer(double seconds) {
  const long total = seconds > 0.0 ? static_cast<long>(std::floor(seconds)) : 0;
  char b[32];
  if (total >= 3600) {
    std::snprintf(b, sizeof b, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60, total % 60);
  } else {
    std::snprintf(b, sizeof b, "%ld:%02ld", total / 60, total % 60);
  }
  return b;
}

PresenterContent presenter_content(const Lesson* lesson, int step, int page, int pages,
                                   bool revealed, const plot::Figure* live, double seconds) {
  PresenterContent c;
  c.timer = presenter_timer(seconds);
  if (lesson == nullptr || lesson->steps.empty()) return c;
  const int n = static_cast<int>(lesson->steps.size());
  step = std::clamp(step, 0, n - 1);
  const LessonStep& s = lesson->steps[static_cast<std::size_t>(step)];
  c.lesson = lesson->title;
  c.position = "step " + std::to_string(step + 1) + " of " + std::to_string(n);
  if (pages > 1)
    c.position += "  ·  page " + std::to_string(page + 1) + " of " + std::to_string(pages);
  c.title = s.title;
  c.notes = s.notes;
  c.revealed = revealed;
  if (s.question) {
    c.question = plain_text(fill_fields(s.question->ask, live));
    c.answer = plain_text(fill_fields(s.question->answer, live));
  }
  if (step + 1 < n) {
    const LessonStep& next = lesson->steps[static_cast<std::size_t>(step + 1)];
    c.next_title = next.title;
    for (const TextBlock& b : fill_fields(next.text, nullptr)) {
      if (!c.next_text.empty()) c.next_text += "\n";
      c.next_text += (b.kind == TextBlock::Kind::ListItem ? "• " : "") + plain_text(b.spans);
    }
    if (next.question) {
      if (!c.next_text.empty()) c.next_text += "\n";
      c.next_text += "Predict: " + plain_text(fill_fields(next.question->ask, nullptr));
    }
  }
  return c;
}

PresenterContent presenter_content(const LessonPlayer& player, const Explorer& explorer,
                                   double seconds) {
  return presenter_content(player.lesson(), player.step(), player.page(), player.page_count(),
                           player.revealed(), player.field_figure(explorer), seconds);
}

GLFWmonitor* PresenterWindow::other_monitor(GLFWwindow* main) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  if (monitors == nullptr || count < 2 || main == nullptr) return nullptr;
  int x = 0, y = 0, w = 0, h = 0;
  glfwGetWindowPos(main, &x, &y);
  glfwGetWindowSize(main, &w, &h);
  const int cx = x + w / 2, cy = y + h / 2;
  GLFWmonitor* on = glfwGetWindowMonitor(main);  // full screen: that monitor
  for (int i = 0; i < count && on == nullptr; ++i) {
    int mx = 0, my = 0, mw = 0, mh = 0;
    glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
    if (cx >= mx && cx < mx + mw && cy >= my && cy < my + mh) on = monitors[i];
  }
  if (on == nullptr) on = glfwGetPrimaryMonitor();
  for (int i = 0; i < count; ++i) {
    if (monitors[i] != on) return monitors[i];
  }
  return nullptr;
}

namespace {

// Makes `window`'s GL context and `context` current until the end of the scope, then
// restores those that were current.
class Current {
 public:
  Current(GLFWwindow* window, ImGuiContext* context)
      : gl_(glfwGetCurrentContext()), imgui_(ImGui::GetCurrentContext()) {
    glfwMakeContextCurrent(window);
    ImGui::SetCurrentContext(context);
  }
  ~Current() {
    glfwMakeContextCurrent(gl_);
    ImGui::SetCurrentContext(imgui_);
  }
  Current(const Current&) = delete;
  Current& operator=(const Current&) = delete;

 private:
  GLFWwindow* gl_;
  ImGuiContext* imgui_;
};

}  // namespace

bool PresenterWindow::open(GLFWwindow* main, GLFWmonitor* where) {
  close();
  dismissed_ = false;
  int x = 40, y = 40, w = 1024, h = 640;
  if (where != nullptr) {
    glfwGetMonitorWorkarea(where, &x, &y, &w, &h);
    x += w / 10;
    y += h / 10;
    w = w * 8 / 10;
    h = h * 8 / 10;
  } else if (main != nullptr) {
    // One monitor: beside the main window where there is room, else over its right part.
    int mx = 0, my = 0, mw = 0, mh = 0;
    glfwGetWindowPos(main, &mx, &my);
    glfwGetWindowSize(main, &mw, &mh);
    int wx = 0, wy = 0, ww = 0, wh = 0;
    if (GLFWmonitor* primary = glfwGetPrimaryMonitor(); primary != nullptr)
      glfwGetMonitorWorkarea(primary, &wx, &wy, &ww, &wh);
    const int room = wx + ww - (mx + mw);
    w = room >= 480 ? room : std::max(480, mw / 2);
    h = std::max(360, std::min(mh, wh > 0 ? wh - 40 : mh));
    x = room >= 480 ? mx + mw : std::max(wx, wx + ww - w);
    y = my;
  }
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
  glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* const previous_gl = glfwGetCurrentContext();
  window_ = glfwCreateWindow(w, h, "peviz: presenter view", nullptr, nullptr);
  glfwDefaultWindowHints();
  if (window_ == nullptr) {
    glfwMakeContextCurrent(previous_gl);
    return false;
  }
  glfwSetWindowPos(window_, x, y);
  glfwShowWindow(window_);
  ImGuiContext* const previous = ImGui::GetCurrentContext();
  // ImGui shares its font atlas between contexts only when asked: this one has its own.
  context_ = ImGui::CreateContext();
  {
    Current current(window_, context_);
    glfwSwapInterval(0);  // never make the main window's frames wait for this one's
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window_, false);  // no callbacks: the keys are the main window's
    ImGui_ImplOpenGL3_Init("#version 330 core");
    fonts_ = load_fonts(1.2f);
  }
  ImGui::SetCurrentContext(previous);
  opened_at_ = glfwGetTime();
  if (main != nullptr) glfwFocusWindow(main);
  return true;
}

double PresenterWindow::elapsed() const {
  return window_ != nullptr ? glfwGetTime() - opened_at_ : 0.0;
}

void PresenterWindow::close() {
  if (window_ == nullptr) return;
  {
    Current current(window_, context_);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
  }
  ImGuiContext* const previous = ImGui::GetCurrentContext();
  ImGui::DestroyContext(context_);
  if (previous != context_) ImGui::SetCurrentContext(previous);
  GLFWwindow* const gl = glfwGetCurrentContext();
  glfwDestroyWindow(window_);
  if (gl != window_) glfwMakeContextCurrent(gl);
  window_ = nullptr;
  context_ = nullptr;
  fonts_ = {};
}

void PresenterWindow::frame(const PresenterContent& c) {
  if (window_ == nullptr) return;
  if (glfwWindowShouldClose(window_)) {
    close();
    dismissed_ = true;
    return;
  }
  Current current(window_, context_);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##presenter", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  const ImVec4 muted(0.62f, 0.65f, 0.70f, 1.0f), note(1.0f, 0.85f, 0.45f, 1.0f),
      good(0.55f, 0.85f, 0.55f, 1.0f);
  ImFont* const title = fonts_.title != nullptr ? fonts_.title : ImGui::GetFont();
  // The timer at the top right, large; the lesson and where we are at the left.
  ImGui::PushFont(title);
  const float timer_w = ImGui::CalcTextSize(c.timer.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - timer_w);
  ImGui::TextUnformatted(c.timer.c_str());
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetStyle().WindowPadding.x);
  ImGui::PushStyleColor(ImGuiCol_Text, muted);
  ImGui::TextUnformatted(c.lesson.empty() ? "No lesson open"
                                          : (c.lesson + "  ·  " + c.position).c_str());
  ImGui::PopStyleColor();
  ImGui::Separator();
  ImGui::PushFont(title);
  ImGui::TextWrapped("Now: %s", c.title.c_str());
  ImGui::PopFont();
  if (!c.notes.empty()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, note);
    for (const std::string& n : c.notes) ImGui::TextWrapped("• %s", n.c_str());
    ImGui::PopStyleColor();
  }
  if (!c.question.empty()) {
    ImGui::Spacing();
    ImGui::TextWrapped("Question: %s", c.question.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, good);
    ImGui::TextWrapped("Answer%s: %s", c.revealed ? " (revealed)" : " (not yet revealed)",
                       c.answer.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, muted);
  if (c.next_title.empty()) {
    ImGui::TextUnformatted(c.lesson.empty() ? "" : "Next: the end of the lesson");
  } else {
    ImGui::PushFont(title);
    ImGui::TextWrapped("Next: %s", c.next_title.c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", c.next_text.c_str());
  }
  ImGui::PopStyleColor();
  ImGui::End();
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (capture_ && w > 0 && h > 0) {
    glReadBuffer(GL_BACK);
    pixels_ = gl::read_pixels_top_down(w, h);
    pixels_w_ = w;
    pixels_h_ = h;
  }
  glfwSwapBuffers(window_);
}

}  // namespace peviz
