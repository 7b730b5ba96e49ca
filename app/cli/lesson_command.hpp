// `peviz lesson check FILE...`: validates lesson files without a window, for teachers
// and CI. Each valid file prints "FILE: ok: 7 steps, 2 questions" on stdout; each
// problem prints "FILE:LINE: message" on stderr. Exit code 0 when every file is
// valid, 1 when a file has problems or cannot be read, 2 for a usage error.
#pragma once

#include <iosfwd>

namespace peviz {

// argv[0] is "lesson"; returns the process exit code.
int run_lesson(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace peviz
