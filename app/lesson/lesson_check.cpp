// The drawing check of a lesson: builds every step's figure headless, as the window
// would, and reports the steps whose view refuses its parameters, and the numbers a step's
// text quotes that its figure does not show (lesson.hpp, docs/lessons.md).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

#include "app/lesson/lesson.hpp"
#include "app/lesson/lesson_resolve.hpp"
#include "app/state/state.hpp"

namespace peviz {

void reduce_for_check(SharedParams& shared) {
  shared.positions = std::min(shared.positions, kLessonCheckPositions);
}

std::vector<LessonProblem> check_lesson_figures(const Lesson& lesson, int* drawn) {
  // Views refuse combinations of parameters (a scalings list they cannot read, dims beyond
  // d, T5 buckets against their distance), not sizes; the size is what makes a step slow
  // to draw (1,000 steps at 1,048,576 positions once took 136 s to check). So each
  // distinct step is drawn once, small, at most kLessonCheckPositions positions long, and
  // the distinct ones on every core.
  const plot::FigureRequest request{kLessonCheckWidth, kLessonCheckHeight, {}};
  struct Check {
    std::size_t step = 0;
    int line = 0;
    std::string what;     // "step '...': view '...' cannot draw these parameters"
    std::string problem;  // set when the step's parameters cannot even be applied
    int figure = -1;      // index into `builds`
    int full = -1;        // the figure at the step's real parameters (for its numbers)
  };
  std::vector<Check> checks;
  std::vector<State> builds;
  std::map<std::string, int> seen;  // the step's parameters -> index into `builds`
  for (std::size_t index = 0; index < lesson.steps.size(); ++index) {
    const LessonStep& step = lesson.steps[index];
    const std::string where = "step '" + step.title + "': view '" + step.view + "' ";
    for (const bool end : {false, true}) {
      if (end && !step.animation) break;
      Check c;
      c.step = index;
      c.line = end ? step.animation->line : step.line;
      c.what = where + "cannot draw " +
               (end ? "the animation's end (" + step.animation->param + " = " +
                          step.animation->text_at(step.animation->seconds) + ")"
                    : std::string("these parameters"));
      try {
        const auto add = [&](State state) {
          const auto [it, fresh] =
              seen.emplace(step.view + "|" + state.describe(), static_cast<int>(builds.size()));
          if (fresh) builds.push_back(std::move(state));
          return it->second;
        };
        State state = lesson_detail::step_state(step, end);
        // The numbers a step quotes are those of its real parameters, not the reduced ones
        // (the same build when nothing was reduced).
        if (!step.quoted.empty() || !step.fields.empty()) c.full = add(state);
        reduce_for_check(state.shared);
        c.figure = add(std::move(state));
      } catch (const std::exception& e) {
        c.problem = e.what();
      }
      checks.push_back(std::move(c));
    }
  }
  // A view that cannot draw its parameters throws, or draws a message instead of panels.
  std::vector<std::string> refusals(builds.size());
  std::vector<std::optional<plot::Figure>> figures(builds.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < builds.size(); i = next++) {
      try {
        figures[i] = builds[i].builder(request)([](double) { return true; });
        refusals[i] = figures[i]->refusal();
      } catch (const std::exception& e) {
        refusals[i] = e.what();
      }
    }
  };
  const unsigned cores = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < cores && t < builds.size(); ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
  if (drawn != nullptr) *drawn = static_cast<int>(builds.size());

  std::vector<LessonProblem> problems;
  for (std::size_t k = 0; k < checks.size(); ++k) {
    const Check& c = checks[k];
    const std::string& why =
        c.figure >= 0 ? refusals[static_cast<std::size_t>(c.figure)] : c.problem;
    // One problem per step: its start's, else its animation end's.
    if (why.empty() || (k > 0 && checks[k - 1].step == c.step && !problems.empty() &&
                        problems.back().line == checks[k - 1].line)) {
      continue;
    }
    problems.push_back({c.line, c.what + ": " + why});
  }
  // The numbers: each quoted number must be shown by the step's figure (at its start, or at
  // its animation's end) or be one of its parameters; each field must name a value.
  for (std::size_t k = 0; k < checks.size();) {
    const std::size_t index = checks[k].step;
    const LessonStep& step = lesson.steps[index];
    std::vector<double> shown;
    std::vector<const plot::Figure*> drawn_figures;
    bool complete = true;  // every figure of the step was drawn
    for (; k < checks.size() && checks[k].step == index; ++k) {
      const int f = checks[k].full;
      if (f < 0 || !figures[static_cast<std::size_t>(f)] ||
          !refusals[static_cast<std::size_t>(f)].empty()) {
        complete = false;
        continue;
      }
      const plot::Figure& figure = *figures[static_cast<std::size_t>(f)];
      drawn_figures.push_back(&figure);
      for (double v : figure_numbers(figure)) shown.push_back(v);
    }
    if (!complete || drawn_figures.empty()) continue;  // reported above, or nothing quoted
    for (const auto* list : {&step.shared, &step.view_params}) {
      for (const auto& [name, value] : *list) {
        for (double v : numbers_in(value)) shown.push_back(v);
      }
    }
    if (step.animation) {
      shown.push_back(std::fabs(step.animation->from));
      shown.push_back(std::fabs(step.animation->to));
    }
    for (const FieldUse& use : step.fields) {
      if (figure_value(*drawn_figures.front(), use.name)) continue;
      std::string names;
      for (const auto& [name, v] : drawn_figures.front()->values)
        names += (names.empty() ? "" : ", ") + name;
      problems.push_back(
          {use.line, "step '" + step.title + "': the figure of view '" + step.view +
                         "' states no value '" + use.name + "' (" +
                         (names.empty() ? std::string("it states none") : "it states " + names) +
                         ")"});
    }
    for (const QuotedNumber& q : step.quoted) {
      if (number_shown(q, shown)) continue;
      // The figure's value nearest to the number (within a factor of 10), as a hint: the
      // number it probably was.
      std::string hint;
      double best = std::log(10.0);
      for (const auto& [name, v] : drawn_figures.front()->values) {
        if (q.value <= 0.0 || !std::isfinite(v) || v == 0.0) continue;
        const double distance = std::fabs(std::log(std::fabs(v) / q.value));
        if (distance < best) {
          best = distance;
          hint = " (the figure states " + name + " = " + format_field(v, ".6g") + ")";
        }
      }
      problems.push_back({q.line, "step '" + step.title + "': the text quotes " + q.text +
                                      ", which the figure does not show" + hint +
                                      ": write {{value:NAME}} to fill it from the figure, or {{=" +
                                      q.text + "}} for a number that is not on screen"});
    }
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
  return problems;
}

std::vector<LessonProblem> all_problems(const LessonParse& parsed) {
  std::vector<LessonProblem> out = parsed.problems;
  const Lesson& drawn = parsed.ok() ? *parsed.lesson : parsed.sound_steps;
  // A file too broken to have a step that parsed (or not a lesson at all) has nothing to draw.
  if (drawn.steps.empty() || out.size() >= static_cast<std::size_t>(kLessonMaxProblems)) return out;
  for (LessonProblem& p : check_lesson_figures(drawn)) out.push_back(std::move(p));
  std::stable_sort(out.begin(), out.end(),
                   [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
  return out;
}

}  // namespace peviz
