// `peviz figure list`: the paper figures (app/figures/paper_figure.hpp), each with its name,
// title, caption, parameters, source and the commands that show and export it. And the one
// check of a figure's name that `peviz --figure NAME` and `peviz export figure NAME` share.
#pragma once

#include <iosfwd>
#include <string>

namespace peviz {

// argv[0] is "figure". Returns the exit code: 0, or 2 with one line on `err`.
int run_figure(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Throws InvalidArgument "unknown figure 'x' (did you mean 'y'?)" or "(choose a, b, ...)"
// unless `name` names a figure.
void require_figure_name(const std::string& name);

}  // namespace peviz
