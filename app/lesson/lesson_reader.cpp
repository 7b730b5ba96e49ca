// The first pass of the lesson parser: lines, headings, directives, "set:" lists and
// text blocks into a RawLesson.
#include "lesson_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "core/text.hpp"
#include "core/utf8.hpp"

namespace peviz::lesson_detail {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Checks one line: valid UTF-8 and no control characters except tab. Returns "" or
// the problem.
std::string check_text(std::string_view s) {
  const TextIssue issue = find_text_issue(s);
  if (issue.kind == TextIssue::Kind::NotUtf8) return "not UTF-8 text (save the file as UTF-8)";
  if (issue.kind == TextIssue::Kind::Control) {
    char b[96];
    std::snprintf(b, sizeof b, "control character 0x%02X in the text (a lesson is plain text)",
                  issue.byte);
    return b;
  }
  return "";
}

std::vector<std::string> directives() {
  return {"title", "about", "view", "scheme", "set", "animate", "ask", "answer", "notes"};
}

// "word:" at the start of a line: the word, and where its value starts.
bool split_key(const std::string& t, std::string& key, std::string& value) {
  std::size_t i = 0;
  while (i < t.size() && (std::isalpha(static_cast<unsigned char>(t[i])) || t[i] == '-')) ++i;
  if (i == 0) return false;
  std::size_t j = i;
  while (j < t.size() && t[j] == ' ') ++j;
  if (j >= t.size() || t[j] != ':') return false;
  key = t.substr(0, i);
  value = trim(std::string_view(t).substr(j + 1));
  return true;
}

// Adds a setting unless the step already sets that parameter.
bool add_setting(std::vector<LessonStep::Setting>& settings, LessonStep::Setting s,
                 Problems& problems) {
  for (const LessonStep::Setting& earlier : settings) {
    if (earlier.name == s.name) {
      problems.add(s.line, "parameter '" + s.name + "' is set twice in this step (line " +
                               std::to_string(earlier.line) + " and line " +
                               std::to_string(s.line) + ")");
      return false;
    }
  }
  settings.push_back(std::move(s));
  return true;
}

// "d = 128, base = 10000, dims = 0,1,10,11, text = "a, b"": a value runs up to the next
// ", name =" (so lists keep their commas) or is put in double quotes.
void parse_settings(const std::string& s, int line, std::vector<LessonStep::Setting>& out,
                    Problems& problems) {
  const std::string usage =
      "'set:' wants name = value pairs separated by commas, e.g. set: d = 128, base = 10000";
  std::size_t pos = 0;
  const std::size_t n = s.size();
  auto skip = [&](std::size_t& p) {
    while (p < n && s[p] == ' ') ++p;
  };
  // True if a "name =" starts at p (after spaces).
  auto assignment_at = [&](std::size_t p) {
    skip(p);
    const std::size_t a = p;
    while (p < n && is_name_char(s[p])) ++p;
    if (p == a) return false;
    skip(p);
    return p < n && s[p] == '=';
  };
  if (trim(s).empty()) {
    problems.add(line, usage);
    return;
  }
  while (true) {
    skip(pos);
    const std::size_t a = pos;
    while (pos < n && is_name_char(s[pos])) ++pos;
    const std::string name = s.substr(a, pos - a);
    skip(pos);
    if (name.empty() || pos >= n || s[pos] != '=') {
      problems.add(line, usage + " (got '" + trim(std::string_view(s).substr(a)) + "')");
      return;
    }
    ++pos;
    skip(pos);
    std::string value;
    if (pos < n && s[pos] == '"') {
      const std::size_t close = s.find('"', pos + 1);
      if (close == std::string::npos) {
        problems.add(line, "the value of '" + name + "' opens a '\"' that is never closed");
        return;
      }
      value = s.substr(pos + 1, close - pos - 1);
      pos = close + 1;
      skip(pos);
      if (pos < n && s[pos] != ',') {
        problems.add(line, "after the quoted value of '" + name +
                               "' comes ',' and the next setting, or the end of the line");
        return;
      }
    } else {
      std::size_t end = pos;
      while (end < n && !(s[end] == ',' && assignment_at(end + 1))) ++end;
      value = trim(std::string_view(s).substr(pos, end - pos));
      pos = end;
      if (value.empty()) {
        problems.add(line, "parameter '" + name +
                               "' has no value (a value with commas or "
                               "spaces at its ends goes in double quotes)");
        return;
      }
    }
    if (!add_setting(out, {name, value, line}, problems)) return;
    if (pos >= n) return;
    ++pos;  // the comma
    if (trim(std::string_view(s).substr(pos)).empty()) {
      problems.add(line, "a ',' at the end of 'set:' with no setting after it");
      return;
    }
  }
}

// The first pass, line by line: headings, directives and text into a RawLesson.
class LineReader {
 public:
  explicit LineReader(Problems& problems) : problems_(problems) {}

  RawLesson read(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from some editors
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view view = text.substr(start, end - start);
      const bool last = end == text.size();
      start = end + 1;
      if (last && view.empty()) break;  // the file ends with a newline
      ++number_;
      raw_.last_line = number_;
      if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
      line(view);
    }
    return std::move(raw_);
  }

 private:
  // Where indented lines go: the question or the answer just written, or nowhere.
  enum class Continue { None, Ask, Answer, Notes };

  void add(std::string message) { problems_.add(number_, std::move(message)); }
  RawStep* step() { return raw_.steps.empty() ? nullptr : &raw_.steps.back(); }
  void end_block() {
    in_block_ = false;
    cont_ = Continue::None;
  }

  void line(std::string_view view) {
    if (view.size() > kLessonMaxLineBytes) {
      add("the line is " + std::to_string(view.size()) + " bytes long; a lesson line is at most " +
          std::to_string(kLessonMaxLineBytes));
      end_block();
      return;
    }
    if (const std::string bad = check_text(view); !bad.empty()) {
      add(bad);
      end_block();
      return;
    }
    std::string expanded;  // a tab is two spaces: enough to indent a continued answer
    for (char c : view) expanded += c == '\t' ? std::string("  ") : std::string(1, c);
    const std::string t = trim(expanded);
    if (t.empty()) {
      end_block();
    } else if (t[0] == '#') {
      heading(t);  // or a comment, which neither ends nor joins a paragraph
    } else if (expanded.rfind("  ", 0) == 0 && cont_ != Continue::None) {
      if (cont_ == Continue::Notes) {
        step()->notes.back().text += " " + t;  // a note's continued line joins it
      } else {
        (cont_ == Continue::Ask ? step()->ask_more : step()->answer_more).push_back({t, number_});
      }
    } else {
      cont_ = Continue::None;
      std::string key, value;
      if (t[0] != '\\' && split_key(t, key, value) && known_key(key)) {
        in_block_ = false;
        directive(key, value);
      } else if (!problem_reported_) {
        text(t);
      }
      problem_reported_ = false;
    }
  }

  void heading(const std::string& t) {
    if (t.rfind("###", 0) == 0) {
      add("'" + t.substr(0, t.find_first_not_of('#')) +
          "' is not a step: a step starts with '## ' and its title (a comment line starts with "
          "one '#')");
    } else if (t.rfind("##", 0) == 0) {
      const std::string title = trim(std::string_view(t).substr(2));
      if (t.size() < 3 || t[2] != ' ' || title.empty()) {
        add("a step starts with '## ' followed by its title, e.g. '## The formula'");
      } else {
        RawStep s;
        s.line = number_;
        s.title = title;
        raw_.steps.push_back(std::move(s));
      }
      end_block();
    }
  }

  // True for a directive; false for text that happens to start with "word:". A word that
  // looks like a mistyped directive is reported (and the line is then skipped as text).
  bool known_key(const std::string& key) {
    const std::vector<std::string> keys = directives();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    const std::string low = lower(key);
    if (std::find(keys.begin(), keys.end(), low) != keys.end()) {
      add("directives are lower case: write '" + low + ":' (start the line with '\\' to keep '" +
          key + ":' as text)");
      problem_reported_ = true;
    } else if (const std::string near = closest(key, keys); low == key && !near.empty()) {
      add("unknown directive '" + key + ":' (did you mean '" + near +
          ":'?; start the line with '\\' to keep it as text)");
      problem_reported_ = true;
    }
    return false;
  }

  void directive(const std::string& key, const std::string& value) {
    if (key == "title" || key == "about") {
      header(key, value);
      return;
    }
    RawStep* s = step();
    if (s == nullptr) {
      add("'" + key + ":' before the first step: start a step with '## ' and its title");
    } else if (key == "view") {
      once(s->view, "view", value, "'view:' needs the name of a view");
    } else if (key == "scheme") {
      if (value.empty()) {
        add("'scheme:' needs a scheme name");
      } else {
        add_setting(s->settings, {"scheme", value, number_}, problems_);
      }
    } else if (key == "set") {
      parse_settings(value, number_, s->settings, problems_);
    } else if (key == "animate") {
      once(s->animate, "animate", value, "'animate:' needs NAME FROM -> TO in SECONDS");
    } else if (key == "ask") {
      if (once(s->ask, "ask", value, "'ask:' needs the question on the same line")) {
        cont_ = Continue::Ask;
      }
    } else if (key == "notes") {
      if (value.empty()) {
        add("'notes:' needs its text on the same line (the teacher's notes for this step)");
      } else {
        s->notes.push_back({value, number_});
        cont_ = Continue::Notes;
      }
    } else if (key == "answer") {
      if (!s->ask) {
        add("'answer:' without 'ask:' (write the question first, then its answer)");
      } else if (once(s->answer, "answer", value, "'answer:' needs the answer on the same line")) {
        cont_ = Continue::Answer;
      }
    }
  }

  // Sets a directive a step has at most once; false (and a problem) if it cannot.
  bool once(std::optional<Located>& field, const std::string& key, const std::string& value,
            const char* empty_message) {
    if (field) {
      add("a second '" + key + ":' in this step (the first is on line " +
          std::to_string(field->line) + "): one per step");
      return false;
    }
    if (value.empty()) {
      add(empty_message);
      return false;
    }
    field = Located{value, number_};
    return true;
  }

  void header(const std::string& key, const std::string& value) {
    std::optional<Located>& field = key == "title" ? raw_.title : raw_.about;
    if (step() != nullptr) {
      add("'" + key + ":' belongs at the top of the file, before the first step");
    } else if (field) {
      add("a second '" + key + ":' (the first is on line " + std::to_string(field->line) + ")");
    } else if (value.empty()) {
      add(key == "title" ? "'title:' needs the lesson's title"
                         : "'about:' needs its line of text (or remove it)");
    } else {
      field = Located{value, number_};
    }
  }

  void text(const std::string& t) {
    RawStep* s = step();
    if (s == nullptr) {
      if (!reported_preamble_) {
        add("text before the first step: a step starts with '## ' and its title (comment "
            "lines start with '#')");
        reported_preamble_ = true;
      }
      return;
    }
    if (t.rfind("- ", 0) == 0 || t == "-") {
      RawBlock b;
      b.kind = TextBlock::Kind::ListItem;
      b.line = number_;
      b.lines.push_back({trim(std::string_view(t).substr(1)), number_});
      s->blocks.push_back(std::move(b));
    } else if (in_block_ && !s->blocks.empty()) {
      s->blocks.back().lines.push_back({t, number_});  // a paragraph or item goes on
    } else {
      RawBlock b;
      b.line = number_;
      b.lines.push_back({t, number_});
      s->blocks.push_back(std::move(b));
    }
    in_block_ = true;
  }

  Problems& problems_;
  RawLesson raw_;
  int number_ = 0;
  Continue cont_ = Continue::None;
  bool in_block_ = false;           // the last text line belongs to an open block
  bool reported_preamble_ = false;  // "text before the first step" is said once
  bool problem_reported_ = false;   // the current line was reported as a mistyped directive
};

}  // namespace

RawLesson read_lesson_lines(std::string_view text, Problems& problems) {
  return LineReader(problems).read(text);
}

}  // namespace peviz::lesson_detail
