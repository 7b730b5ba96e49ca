// The second pass of the lesson parser: applies each raw step to the one state model
// (peviz::State) as the window will, step after step, and fills the step's resolved
// parameters and its animation. Also rebuilds a step's State from those parameters.
#pragma once

#include "app/lesson/lesson.hpp"
#include "app/lesson/lesson_problems.hpp"
#include "app/lesson/lesson_reader.hpp"
#include "app/state/state.hpp"

namespace peviz::lesson_detail {

// Applies `raw`'s view, settings and animation to `state` (the lesson so far: the
// defaults, then every earlier step, earlier animations at their end) and fills `step`'s
// view, scheme, resolved parameters and animation. What it cannot apply is a problem on
// its line. On return, `state` is where the next step starts (this animation at its end).
void resolve_step(const RawStep& raw, LessonStep& step, State& state, Problems& problems);

// A fresh State showing `step` (its animated parameter at the end when `animation_end`).
// Throws InvalidArgument for a step whose parameters do not apply.
State step_state(const LessonStep& step, bool animation_end);

}  // namespace peviz::lesson_detail
