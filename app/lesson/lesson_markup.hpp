// The markup of a lesson's text: **bold** and *italic* spans (they may nest), \* for a
// star itself, over the lines of one block (a paragraph, a list item, a question).
#pragma once

#include <vector>

#include "app/lesson/lesson.hpp"
#include "app/lesson/lesson_problems.hpp"

namespace peviz::lesson_detail {

// The spans of `lines`, joined by spaces; an emphasis left open is a problem on the
// line where it opens.
std::vector<TextSpan> spans_of(const std::vector<Located>& lines, Problems& problems);

}  // namespace peviz::lesson_detail
