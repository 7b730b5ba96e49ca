// The drawing check of a lesson: builds every step's figure headless, as the window
// would, and reports the steps whose view refuses its parameters.
#include <algorithm>
#include <atomic>
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
        State state = lesson_detail::step_state(step, end);
        reduce_for_check(state.shared);
        const auto [it, fresh] =
            seen.emplace(step.view + "|" + state.describe(), static_cast<int>(builds.size()));
        if (fresh) builds.push_back(std::move(state));
        c.figure = it->second;
      } catch (const std::exception& e) {
        c.problem = e.what();
      }
      checks.push_back(std::move(c));
    }
  }
  // A view that cannot draw its parameters throws, or draws a message instead of panels.
  std::vector<std::string> refusals(builds.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < builds.size(); i = next++) {
      try {
        refusals[i] = builds[i].builder(request)([](double) { return true; }).refusal();
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
