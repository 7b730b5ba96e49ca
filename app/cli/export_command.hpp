// `peviz export VIEW --out FILE [options]`: the numbers behind a view, with no
// window and no display. Bad input: one line on stderr, exit code 2, no file.
#pragma once

#include <iosfwd>

namespace peviz {

// argv[0] is "export"; returns the process exit code (0 ok, 2 bad input or failed write).
int run_export(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace peviz
