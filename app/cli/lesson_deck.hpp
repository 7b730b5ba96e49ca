// `peviz lesson export FILE --slides --out deck.pdf [--width W] [--height H] [--theme T]`:
// a lesson as one PDF (PdfDeck) for handouts and for rooms where the program cannot run.
// One page per step: its title, its figure (at the end of its animation, where the step
// settles), its text and its question; then, for a step with a question, a page with the
// question and its answer. Pages are W x H points (default 1600 x 1000, 1 px = 1 pt).
// Nothing is written when the lesson has a problem or a step cannot be drawn.
// Exit code: 0 written, 1 the lesson has problems, 2 a usage error or a file it cannot write.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace peviz {

// `options` are (name, value) pairs, names with or without their "--" ("out", "--width");
// --out, --width, --height and --theme are taken, anything else is refused in one line.
int run_lesson_deck(const std::string& lesson_path,
                    const std::vector<std::pair<std::string, std::string>>& options,
                    std::ostream& out, std::ostream& err);

}  // namespace peviz
