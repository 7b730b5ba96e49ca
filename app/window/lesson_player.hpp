// Plays a lesson (app/lesson/lesson.hpp) in the window: shows a step's view with
// its parameters, the step's text, its question and (on reveal) the answer, runs
// its animation with play/pause, and reloads the file when the teacher saves it.
// A lesson that fails to parse leaves the program running: its problems (with line
// numbers) are shown, and the last good version stays on screen.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/lesson/lesson.hpp"
#include "app/lesson/lesson_file.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/style.hpp"
#include "app/plot/text_audit.hpp"

namespace peviz {

class Explorer;

class LessonPlayer {
 public:
  // Opens `path` and shows its first step. On problems, keeps what was open and
  // reports them (problems()); returns whether the file was good.
  bool open(const std::filesystem::path& path, Explorer& explorer);
  void close();

  bool has_lesson() const { return lesson_.has_value(); }
  const Lesson* lesson() const { return lesson_ ? &*lesson_ : nullptr; }
  const std::filesystem::path& path() const { return file_.path(); }
  int step() const { return step_; }
  int step_count() const { return lesson_ ? static_cast<int>(lesson_->steps.size()) : 0; }
  bool revealed() const { return revealed_; }
  bool playing() const { return playing_; }
  double animation_time() const { return anim_t_; }
  // "FILE:LINE: message" lines of the last failed open or reload; empty when fine.
  const std::vector<std::string>& problems() const { return problems_; }

  // Shows step `index` (clamped): its view and parameters, question hidden, and its
  // animation from the start (playing).
  void go(int index, Explorer& explorer);
  // The next page of the step's text (a step too long for the column at the presenter's
  // text size is shown in pages), else the next step; previous likewise, backwards.
  void next(Explorer& explorer);
  void previous(Explorer& explorer);
  // The page of the step's text on screen (0-based) and how many there are (from the last
  // drawing of the column; 1 until then).
  int page() const { return page_; }
  int page_count() const { return page_count_; }
  void reveal() { revealed_ = !revealed_; }
  void toggle_play();

  // Advances the animation by `seconds`, and every half second looks whether the
  // file changed (then reloads it, staying on the same step).
  void tick(double seconds, Explorer& explorer);
  // Checks the file now (tick does it on a timer).
  void reload_if_changed(Explorer& explorer);
  // The lesson file's time differs from the one loaded (a cheap stat; no reload).
  bool file_changed() const;

  // The lesson's keys: Right, Space, PageDown next; Left, PageUp back; Home first;
  // 1-9 jump to a step; R reveal; P play/pause. True when a key was used.
  bool keyboard(Explorer& explorer);

  // The figure the step's live fields ({{value:NAME}}) are filled from: the explorer's, once
  // it shows this step (a frame after the step was set, and built); nullptr until then, so
  // that a field shows "…", never a number of the step before.
  const plot::Figure* field_figure(const Explorer& explorer) const;

  // Text of the last drawn column that was cut off (past the column) or ran into other text.
  std::vector<plot::TextProblem> text_problems() const { return audit_.problems(); }

  // The lesson column: step title, text, question and answer, animation, buttons.
  void draw(const Fonts& fonts, const plot::Style& style, ImVec2 pos, ImVec2 size,
            Explorer& explorer);

 private:
  void apply(Explorer& explorer);
  void set_animated(Explorer& explorer);

  std::optional<Lesson> lesson_;
  LessonFileWatch file_;  // the open lesson's path and the time of the version loaded
  std::vector<std::string> problems_;
  int step_ = 0;
  int page_ = 0;  // -1: the last page (stepping back into a step)
  int page_count_ = 1;
  bool revealed_ = false;
  bool playing_ = false;
  double anim_t_ = 0.0;
  std::string anim_text_;  // the animated parameter's last value set
  double since_poll_ = 0.0;
  int frames_since_go_ = 0;  // explorer frames drawn since the step was set
  int fields_step_ = -1;     // the step the explorer's figure shows (-1: not yet)
  plot::TextAudit audit_;
};

}  // namespace peviz
