// The presenter view: a second window, for the teacher's screen only, with what the
// projector must not show: the current step's title, its notes ("notes:" lines), the answer
// of its question before it is revealed, the next step's title and text, and a timer.
//
// The window is passive: it has its own GL context (shared with nothing) and its own ImGui
// context, installs no input callbacks, and never takes the keyboard: keys go to the main
// window as always. Its content is a plain value (PresenterContent) built by a pure
// function from the lesson player's state, so that what it shows is tested without GL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/lesson/lesson.hpp"
#include "app/plot/backend/fonts.hpp"

struct GLFWwindow;
struct GLFWmonitor;
struct ImGuiContext;

namespace peviz {

class Explorer;
class LessonPlayer;

struct PresenterContent {
  std::string lesson;    // the lesson's title
  std::string position;  // "step 3 of 7" (and "· page 2 of 3" for a step in pages)
  std::string title;     // the current step's title
  std::vector<std::string> notes;
  std::string question;  // the current step's question ("" when it has none)
  std::string answer;    // its answer, shown here whether or not it is revealed
  bool revealed = false;
  std::string next_title;  // "" after the last step
  std::string next_text;   // the next step's text (and question), paragraphs on lines
  std::string timer;       // "12:05", "1:02:05"
};

// The text of spans without their style (live fields as given: fill them first).
std::string plain_text(const std::vector<TextSpan>& spans);
// "m:ss", or "h:mm:ss" from an hour on; negative times are 0.
std::string presenter_timer(double seconds);
// What the presenter view shows for step `step` of `lesson` (nullptr: no lesson): the
// current step's live fields filled from `live` (nullptr: "…"), the next step's as "…"
// (its figure is not built yet).
PresenterContent presenter_content(const Lesson* lesson, int step, int page, int pages,
                                   bool revealed, const plot::Figure* live, double seconds);
// The same from the lesson player and the explorer it drives.
PresenterContent presenter_content(const LessonPlayer& player, const Explorer& explorer,
                                   double seconds);

class PresenterWindow {
 public:
  PresenterWindow() = default;
  ~PresenterWindow() { close(); }
  PresenterWindow(const PresenterWindow&) = delete;
  PresenterWindow& operator=(const PresenterWindow&) = delete;

  // The monitor `main` is not on (its centre's), or nullptr with one monitor.
  static GLFWmonitor* other_monitor(GLFWwindow* main);

  // Opens the window on `where` (its work area), or next to `main` when `where` is nullptr,
  // without taking the focus from `main`. Leaves `main`'s GL context and the ImGui context
  // current as they were. False (and nothing open) when the window cannot be made.
  bool open(GLFWwindow* main, GLFWmonitor* where);
  bool is_open() const { return window_ != nullptr; }
  // The user closed it (its close button): closed now, and stays closed until open().
  bool dismissed() const { return dismissed_; }
  // Seconds since open() (the lesson's timer).
  double elapsed() const;
  // Draws `content` and shows it; restores the GL and ImGui contexts that were current.
  void frame(const PresenterContent& content);
  void close();

  GLFWwindow* window() const { return window_; }
  // Tests: keep the RGBA pixels of each frame (rows top-down) before it is shown.
  void set_capture(bool on) { capture_ = on; }
  const std::vector<std::uint8_t>& captured() const { return pixels_; }
  int captured_width() const { return pixels_w_; }
  int captured_height() const { return pixels_h_; }

 private:
  GLFWwindow* window_ = nullptr;
  ImGuiContext* context_ = nullptr;
  Fonts fonts_;
  double opened_at_ = 0.0;
  bool dismissed_ = false;
  bool capture_ = false;
  std::vector<std::uint8_t> pixels_;
  int pixels_w_ = 0, pixels_h_ = 0;
};

}  // namespace peviz
