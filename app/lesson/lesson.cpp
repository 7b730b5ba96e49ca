// Lessons: parse_lesson runs the passes (lesson_reader: lines into raw steps;
// lesson_resolve: each step applied to a State; lesson_markup: the text's spans),
// load_lesson reads a file, and the built-in course is found here. The drawing check
// is in lesson_check.cpp.
#include "lesson.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "app/lesson/lesson_markup.hpp"
#include "app/lesson/lesson_problems.hpp"
#include "app/lesson/lesson_reader.hpp"
#include "app/lesson/lesson_resolve.hpp"
#include "app/state/state.hpp"

#ifndef PEVIZ_ASSET_DIR
#define PEVIZ_ASSET_DIR "assets"
#endif

namespace peviz {

using lesson_detail::Located;
using lesson_detail::Problems;
using lesson_detail::RawBlock;
using lesson_detail::RawLesson;
using lesson_detail::RawStep;

namespace {

std::vector<Located> lines_of(const Located& first, const std::vector<Located>& more) {
  std::vector<Located> lines{first};
  lines.insert(lines.end(), more.begin(), more.end());
  return lines;
}

}  // namespace

int Lesson::questions() const {
  int n = 0;
  for (const LessonStep& s : steps) n += s.question ? 1 : 0;
  return n;
}

LessonParse parse_lesson(std::string_view text, const std::string& file_name) {
  LessonParse result;
  Problems problems;
  if (text.size() > kLessonMaxBytes) {
    char size[64];
    std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(text.size()) / (1 << 20));
    problems.add(0, std::string("the file is ") + size + "; a lesson is a short text of at most " +
                        std::to_string(kLessonMaxBytes >> 20) + " MB");
    result.problems = problems.take();
    return result;
  }
  RawLesson raw = lesson_detail::read_lesson_lines(text, problems);
  if (!raw.title)
    problems.add(1, "the lesson has no 'title:' line (write 'title: ...' at the top)");
  if (raw.steps.empty()) {
    problems.add(
        std::max(1, raw.last_line),
        "the lesson has no steps: a step starts with '## ' and its title, then 'view: NAME'");
  }
  Lesson lesson;
  lesson.file = file_name;
  if (raw.title) lesson.title = raw.title->text;
  if (raw.about) lesson.about = raw.about->text;
  State state;  // the lesson so far: the defaults, then every step in turn
  for (const RawStep& r : raw.steps) {
    const std::size_t problems_before = problems.count();
    LessonStep step;
    step.line = r.line;
    step.title = r.title;
    step.settings = r.settings;
    if (!r.view) {
      problems.add(r.line, "step '" + r.title +
                               "' names no view: add a line 'view: NAME' (e.g. view: encoding)");
    } else {
      lesson_detail::resolve_step(r, step, state, problems);
    }
    if (r.ask && !r.answer) {
      problems.add(r.ask->line, "'ask:' without 'answer:' (the answer is shown on reveal)");
    }
    lesson_detail::Quotes quotes;
    if (r.ask && r.answer) {
      Question q;
      q.ask = lesson_detail::spans_of(lines_of(*r.ask, r.ask_more), problems, &quotes);
      q.answer = lesson_detail::spans_of(lines_of(*r.answer, r.answer_more), problems, &quotes);
      q.ask_line = r.ask->line;
      q.answer_line = r.answer->line;
      step.question = std::move(q);
    }
    for (const RawBlock& b : r.blocks) {
      TextBlock block;
      block.kind = b.kind;
      block.line = b.line;
      block.spans = lesson_detail::spans_of(b.lines, problems, &quotes);
      if (!block.spans.empty()) step.text.push_back(std::move(block));
    }
    // In line order (the question is read before the text).
    const auto by_line = [](const auto& a, const auto& b) { return a.line < b.line; };
    std::stable_sort(quotes.numbers.begin(), quotes.numbers.end(), by_line);
    std::stable_sort(quotes.fields.begin(), quotes.fields.end(), by_line);
    step.quoted = std::move(quotes.numbers);
    step.fields = std::move(quotes.fields);
    for (const Located& n : r.notes) step.notes.push_back(n.text);
    if (problems.count() == problems_before && r.view) result.sound_steps.steps.push_back(step);
    lesson.steps.push_back(std::move(step));
  }
  if (problems.empty()) {
    result.lesson = std::move(lesson);
    result.sound_steps.steps.clear();
  } else {
    result.sound_steps.file = lesson.file;
    result.sound_steps.title = lesson.title;
    result.problems = problems.take();
  }
  return result;
}

LessonParse load_lesson(const std::filesystem::path& path) {
  LessonParse result;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    result.problems.push_back({0, "no such file"});
    return result;
  }
  if (std::filesystem::is_directory(status)) {
    result.problems.push_back({0, "is a folder, not a lesson file"});
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.problems.push_back({0, "cannot be read (permissions?)"});
    return result;
  }
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kLessonMaxBytes) break;  // parse_lesson reports the size
  }
  if (in.bad()) {
    result.problems.push_back({0, "cannot be read (an input/output error)"});
    return result;
  }
  return parse_lesson(text, path.string());
}

std::string format_problem(const std::string& file, const LessonProblem& problem) {
  if (problem.line <= 0) return file + ": " + problem.message;
  return file + ":" + std::to_string(problem.line) + ": " + problem.message;
}

std::string lesson_summary(const Lesson& lesson) {
  const std::size_t n = lesson.steps.size();
  const int q = lesson.questions();
  return std::to_string(n) + (n == 1 ? " step, " : " steps, ") + std::to_string(q) +
         (q == 1 ? " question" : " questions");
}

std::filesystem::path builtin_lesson_dir() {
  return std::filesystem::path(PEVIZ_ASSET_DIR) / "lessons";
}

std::vector<std::filesystem::path> builtin_lessons() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(builtin_lesson_dir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".lesson" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace peviz
