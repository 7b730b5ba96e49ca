// `peviz export VIEW --out FILE [options]`: a view's numbers (.csv) or picture (.png, .svg),
// with no window and no display, through run_figure_export; `--help` lists every view with
// its CSV columns and every option. Bad input: one line on stderr, exit code 2, no file.
#pragma once

#include <iosfwd>

namespace peviz {

// argv[0] is "export"; returns the process exit code (0 ok, 2 bad input or failed write).
int run_export(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace peviz
