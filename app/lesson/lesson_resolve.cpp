// Applying lesson steps to a State: a step's view and settings, its animation (parsed
// and checked here), and the resolved parameters that let a step be shown on its own.
#include "lesson_resolve.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <utility>

#include "app/params/param_io.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace lesson_detail {
namespace {

// A number as a teacher writes it: 4096, 1048576, 0.05, 1e+08.
std::string plain_number(double v) {
  char b[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(b, sizeof b, "%.0f", v);
  } else {
    std::snprintf(b, sizeof b, "%g", v);
  }
  return b;
}

bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' && std::isfinite(out);
}

// "animate: position 0 -> 200 in 5s [log]" on the state's active view. Both ends are
// set to check them; the state is left at the start (what the step shows).
std::optional<Animation> parse_animation(const Located& a, State& state, Problems& problems) {
  const std::string usage =
      "'animate:' wants NAME FROM -> TO in SECONDS, and 'log' at the end for a log scale, "
      "e.g. animate: position 0 -> 200 in 5s";
  std::string s = a.text;
  for (std::size_t p; (p = s.find("→")) != std::string::npos;) s.replace(p, 3, "->");
  for (std::size_t p = 0; (p = s.find("->", p)) != std::string::npos; p += 4)
    s.replace(p, 2, " -> ");
  std::vector<std::string> tok;
  std::istringstream in(s);
  for (std::string w; in >> w;) tok.push_back(w);
  if (tok.size() < 6 || tok[2] != "->" || tok[4] != "in") {
    problems.add(a.line, usage);
    return std::nullopt;
  }
  std::size_t next = 6;
  std::string duration = tok[5];
  if (next < tok.size() && (tok[next] == "s" || tok[next] == "sec" || tok[next] == "seconds")) {
    ++next;
  } else if (duration.size() > 1 && duration.back() == 's') {
    duration.pop_back();
  }
  bool log = false;
  if (next < tok.size() && tok[next] == "log") {
    log = true;
    ++next;
  }
  if (next != tok.size()) {
    problems.add(a.line, usage + " (what is '" + tok[next] + "'?)");
    return std::nullopt;
  }
  Animation anim;
  anim.line = a.line;
  anim.param = tok[0];
  anim.log = log;
  if (!parse_double(duration, anim.seconds) || anim.seconds < 0.1 ||
      anim.seconds > kLessonMaxSeconds) {
    problems.add(a.line, "the animation's duration is a number of seconds from 0.1 to " +
                             plain_number(kLessonMaxSeconds) + ", e.g. 'in 5s' (got '" + tok[5] +
                             "')");
    return std::nullopt;
  }
  const std::string view = state.view().name();
  const std::optional<OptionInfo> option = state.option(anim.param);
  if (!option) {
    problems.add(a.line, refusal::unknown_option(view, anim.param, state.option_names()));
    return std::nullopt;
  }
  if (option->kind != ParamKind::Int && option->kind != ParamKind::Double) {
    problems.add(a.line,
                 "'" + anim.param + "' is not a number: only numeric parameters can be animated");
    return std::nullopt;
  }
  if (const std::vector<std::string> used = state.used_names();
      std::find(used.begin(), used.end(), anim.param) == used.end()) {
    problems.add(a.line,
                 refusal::not_used(view, anim.param, used) + ": the animation would not show");
    return std::nullopt;
  }
  anim.shared = option->shared;
  anim.integer = option->kind == ParamKind::Int;
  anim.even = option->info.even;
  // Both ends must be accepted; the step shows the start (the next step inherits the end).
  for (const std::string* text : {&tok[3], &tok[1]}) {
    try {
      state.set_option(anim.param, *text);
    } catch (const InvalidArgument& e) {
      problems.add(a.line, "the animation's " + std::string(text == &tok[1] ? "start" : "end") +
                               ": " + e.what());
      return std::nullopt;
    }
  }
  parse_double(tok[1], anim.from);
  parse_double(tok[3], anim.to);
  if (anim.from == anim.to) {
    problems.add(a.line, "the animation starts and ends at " + tok[1] + ": nothing would move");
    return std::nullopt;
  }
  if (log && !(anim.from > 0 && anim.to > 0)) {
    problems.add(a.line, "a 'log' animation needs a start and an end above 0 (got " + tok[1] +
                             " -> " + tok[3] + ")");
    return std::nullopt;
  }
  return anim;
}

}  // namespace

void resolve_step(const RawStep& raw, LessonStep& step, State& state, Problems& problems) {
  try {
    // As the window: a scheme the view does not show moves to the view's first.
    state.select_view(raw.view->text);
  } catch (const InvalidArgument& e) {
    problems.add(raw.view->line, e.what());
    return;
  }
  bool clean = true;
  for (const LessonStep::Setting& s : raw.settings) {
    const Scheme before = state.shared.scheme;
    try {
      state.set_option(s.name, s.value);
      if (s.name == "scheme") state.check_scheme();
    } catch (const InvalidArgument& e) {
      problems.add(s.line, e.what());
      state.shared.scheme = before;
      clean = false;
    }
  }
  if (clean) {
    const std::vector<std::string> used = state.used_names();
    for (const LessonStep::Setting& s : raw.settings) {
      if (std::find(used.begin(), used.end(), s.name) == used.end()) {
        problems.add(s.line, refusal::not_used(state.view().name(), s.name, used) +
                                 ": set it in the step that shows it");
      }
    }
  }
  if (raw.animate) step.animation = parse_animation(*raw.animate, state, problems);
  step.view = state.view().name();
  step.scheme = state.shared.scheme;
  ValueCollector shared, own;
  state.shared.visit(shared);
  state.view().visit(own);
  step.shared = std::move(shared.values);
  step.view_params = std::move(own.values);
  // The next step starts where the animation ends, whether or not it was played.
  if (step.animation) {
    state.set_option(step.animation->param, step.animation->text_at(step.animation->seconds));
  }
}

State step_state(const LessonStep& step, bool animation_end) {
  State state;
  apply_step(step, state);
  if (animation_end && step.animation) {
    const Animation& a = *step.animation;
    state.set_option(a.param, a.text_at(a.seconds));
  }
  return state;
}

}  // namespace lesson_detail

double Animation::value_at(double t) const {
  const double f = std::clamp(seconds > 0 ? t / seconds : 1.0, 0.0, 1.0);
  // Log: equal ratios in equal times (base 10 -> 100000 passes 100, 1000, 10000 evenly).
  double v = log ? from * std::pow(to / from, f) : from + (to - from) * f;
  if (f >= 1.0) v = to;
  if (integer) v = even ? 2.0 * std::round(v / 2.0) : std::round(v);
  return v;
}

std::string Animation::text_at(double t) const {
  char b[40];
  std::snprintf(b, sizeof b, integer ? "%.0f" : "%.17g", value_at(t));
  return b;
}

void apply_step(const LessonStep& step, State& state) {
  state.select_view(step.view);
  apply_step(step, state.shared, state.view());
}

void apply_step(const LessonStep& step, SharedParams& shared, View& view) {
  if (step.view != view.name()) {
    throw InvalidArgument("step '" + step.title + "' shows view '" + step.view + "', not '" +
                          view.name() + "'");
  }
  for (const auto& [name, value] : step.shared) {
    ParamSetter s(name, value);
    shared.visit(s);
  }
  for (const auto& [name, value] : step.view_params) {
    ParamSetter s(name, value);
    view.visit(s);
  }
}

plot::Figure step_figure(const LessonStep& step, const plot::FigureRequest& request,
                         bool animation_end) {
  const State state = lesson_detail::step_state(step, animation_end);
  return state.builder(request)([](double) { return true; });
}

}  // namespace peviz
