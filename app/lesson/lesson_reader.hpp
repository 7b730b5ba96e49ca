// The first pass of the lesson parser: the file's lines into the header fields and raw
// steps (their directives, settings and text blocks, not yet applied to any view), with
// the format's limits (line length, UTF-8, no control characters).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/lesson/lesson.hpp"
#include "app/lesson/lesson_problems.hpp"

namespace peviz::lesson_detail {

// A paragraph or list item: its lines, before markup.
struct RawBlock {
  TextBlock::Kind kind = TextBlock::Kind::Paragraph;
  int line = 0;
  std::vector<Located> lines;
};

struct RawStep {
  int line = 0;  // the "## " line
  std::string title;
  std::optional<Located> view;
  std::vector<LessonStep::Setting> settings;  // "scheme:" and "set:", in file order
  std::optional<Located> animate;
  std::optional<Located> ask, answer;
  std::vector<Located> ask_more, answer_more;  // indented continuation lines
  std::vector<RawBlock> blocks;
  std::vector<Located> notes;  // "notes:" lines and their indented continuations
};

struct RawLesson {
  std::optional<Located> title, about;
  std::vector<RawStep> steps;
  int last_line = 0;
};

// Reads `text` line by line (a BOM and CRLF line ends are fine); problems go to `problems`.
RawLesson read_lesson_lines(std::string_view text, Problems& problems);

}  // namespace peviz::lesson_detail
