// **bold** and *italic* spans of a lesson's text, its live fields and literals.
#include "lesson_markup.hpp"

#include <string_view>
#include <utility>

namespace peviz::lesson_detail {
namespace {

bool is_value_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

class SpanBuilder {
 public:
  SpanBuilder(Problems& problems, Quotes* quotes) : problems_(problems), quotes_(quotes) {}

  void add_line(std::string_view s, int line) {
    if (!first_) current_ += ' ';
    first_ = false;
    plain_.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '\\' && i + 1 < s.size()) {
        current_ += s[++i];  // \* is a star, \\ a backslash, \x is x
        plain_ += s[i];
      } else if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
        const std::size_t close = s.find("}}", i + 2);
        if (close == std::string_view::npos) {
          problems_.add(line,
                        "'{{' opens a field that is not closed on this line: write "
                        "{{value:NAME}} or {{=TEXT}} (or \\{ for a brace)");
          current_ += s.substr(i);
          break;
        }
        field(s.substr(i + 2, close - i - 2), s.substr(i, close + 2 - i), line);
        plain_ += '\x1f';  // the text on each side of a field is not one number
        i = close + 1;
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
        plain_ += c;
      }
    }
    if (quotes_ != nullptr) {
      for (QuotedNumber& q : quoted_numbers(plain_, line)) quotes_->numbers.push_back(std::move(q));
    }
  }
  std::vector<TextSpan> finish() {
    flush();
    if (bold_) {
      problems_.add(bold_line_,
                    "'**' starts bold text that is never closed (write \\* for a star itself)");
    }
    if (italic_) {
      problems_.add(italic_line_,
                    "'*' starts italic text that is never closed (write \\* for a star itself)");
    }
    return std::move(spans_);
  }

 private:
  // The inside of {{...}}: "value:NAME[:FORMAT]" or "=TEXT".
  void field(std::string_view inside, std::string_view markup, int line) {
    if (!inside.empty() && inside[0] == '=') {
      current_ += inside.substr(1);  // a literal: plain text, left alone by the check
      return;
    }
    constexpr std::string_view kValue = "value:";
    if (inside.substr(0, kValue.size()) != kValue) {
      problems_.add(line, "unknown field '" + std::string(markup) +
                              "': write {{value:NAME}} for a number of the figure, or "
                              "{{=TEXT}} for text the number check leaves alone");
      current_ += markup;
      return;
    }
    std::string_view rest = inside.substr(kValue.size());
    const std::size_t colon = rest.find(':');
    const std::string_view name = rest.substr(0, colon);
    const std::string_view format =
        colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    bool name_ok = !name.empty();
    for (char c : name) name_ok = name_ok && is_value_name_char(c);
    if (!name_ok) {
      problems_.add(line, "field '" + std::string(markup) +
                              "': a value's name is letters, digits and '_' (e.g. "
                              "{{value:largest_output_difference}})");
      current_ += markup;
      return;
    }
    if (!valid_field_format(format)) {
      problems_.add(line, "field '" + std::string(markup) + "': unknown format '" +
                              std::string(format) +
                              "' (use .3g for 3 significant digits, .2f for 2 decimals, .1e "
                              "for scientific, or none)");
      current_ += markup;
      return;
    }
    flush();
    spans_.push_back({std::string(markup), bold_, italic_, std::string(name), std::string(format)});
    if (quotes_ != nullptr) quotes_->fields.push_back({std::string(name), line});
  }

  void flush() {
    if (current_.empty()) return;
    if (!spans_.empty() && spans_.back().field.empty() && spans_.back().bold == bold_ &&
        spans_.back().italic == italic_) {
      spans_.back().text += current_;
    } else {
      spans_.push_back({current_, bold_, italic_});
    }
    current_.clear();
  }
  Problems& problems_;
  Quotes* quotes_;
  std::vector<TextSpan> spans_;
  std::string current_;
  std::string plain_;  // this line's text outside fields and literals (for its numbers)
  bool first_ = true;
  bool bold_ = false, italic_ = false;
  int bold_line_ = 0, italic_line_ = 0;
};

}  // namespace

std::vector<TextSpan> spans_of(const std::vector<Located>& lines, Problems& problems,
                               Quotes* quotes) {
  SpanBuilder b(problems, quotes);
  for (const Located& l : lines) b.add_line(l.text, l.line);
  return b.finish();
}

}  // namespace peviz::lesson_detail
