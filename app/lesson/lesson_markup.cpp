// **bold** and *italic* spans of a lesson's text.
#include "lesson_markup.hpp"

#include <string_view>
#include <utility>

namespace peviz::lesson_detail {
namespace {

class SpanBuilder {
 public:
  void add_line(std::string_view s, int line) {
    if (!first_) current_ += ' ';
    first_ = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '\\' && i + 1 < s.size()) {
        current_ += s[++i];  // \* is a star, \\ a backslash, \x is x
      } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
        flush();
        bold_ = !bold_;
        bold_line_ = line;
        ++i;
      } else if (c == '*') {
        flush();
        italic_ = !italic_;
        italic_line_ = line;
      } else {
        current_ += c;
      }
    }
  }
  std::vector<TextSpan> finish(Problems& problems) {
    flush();
    if (bold_) {
      problems.add(bold_line_,
                   "'**' starts bold text that is never closed (write \\* for a star itself)");
    }
    if (italic_) {
      problems.add(italic_line_,
                   "'*' starts italic text that is never closed (write \\* for a star itself)");
    }
    return std::move(spans_);
  }

 private:
  void flush() {
    if (current_.empty()) return;
    if (!spans_.empty() && spans_.back().bold == bold_ && spans_.back().italic == italic_) {
      spans_.back().text += current_;
    } else {
      spans_.push_back({current_, bold_, italic_});
    }
    current_.clear();
  }
  std::vector<TextSpan> spans_;
  std::string current_;
  bool first_ = true;
  bool bold_ = false, italic_ = false;
  int bold_line_ = 0, italic_line_ = 0;
};

}  // namespace

std::vector<TextSpan> spans_of(const std::vector<Located>& lines, Problems& problems) {
  SpanBuilder b;
  for (const Located& l : lines) b.add_line(l.text, l.line);
  return b.finish(problems);
}

}  // namespace peviz::lesson_detail
