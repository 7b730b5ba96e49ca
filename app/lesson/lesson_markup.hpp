// The markup of a lesson's text: **bold** and *italic* spans (they may nest), \* for a
// star itself, live fields {{value:NAME}} / {{value:NAME:FORMAT}} and literals {{=TEXT}},
// over the lines of one block (a paragraph, a list item, a question). The numbers the
// text quotes outside fields and literals are collected for the check.
#pragma once

#include <vector>

#include "app/lesson/lesson.hpp"
#include "app/lesson/lesson_problems.hpp"

namespace peviz::lesson_detail {

// What the text of a step quotes: numbers the figure must show, and the fields it uses.
struct Quotes {
  std::vector<QuotedNumber> numbers;
  std::vector<FieldUse> fields;
};

// The spans of `lines`, joined by spaces; an emphasis left open, or a field that is not
// closed on its line or not understood, is a problem on its line. Quoted numbers and
// fields go to `quotes` (if given).
std::vector<TextSpan> spans_of(const std::vector<Located>& lines, Problems& problems,
                               Quotes* quotes = nullptr);

}  // namespace peviz::lesson_detail
