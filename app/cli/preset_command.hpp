// `peviz preset list`: the model presets (assets/presets), one line each: the name to give
// --preset, the model, its rope_type and rotary dims, and where its values come from.
#pragma once

#include <iosfwd>

namespace peviz {

// argv[0] is "preset". Returns the exit code: 0, or 2 with one line on `err`.
int run_preset(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace peviz
