#include "lesson.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "app/compare/compare.hpp"
#include "app/params/param_io.hpp"
#include "app/views/registry.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"

#ifndef PEVIZ_ASSET_DIR
#define PEVIZ_ASSET_DIR "assets"
#endif

namespace peviz {
namespace {

// ---------------------------------------------------------------------------
// Small text helpers

std::string trim(std::string_view s) {
  const std::size_t a = s.find_first_not_of(' ');
  if (a == std::string_view::npos) return "";
  return std::string(s.substr(a, s.find_last_not_of(' ') - a + 1));
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::vector<std::string>& names, const char* sep = ", ") {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : sep) + n;
  return out;
}

// Edit distance with transpositions (optimal string alignment): "veiw" is one edit
// from "view". Long words are not compared (a lesson's names are short).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  if (a.size() > 64 || b.size() > 64) return 1000;
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v =
          std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = v;
    }
  }
  return d[a.size() * w + b.size()];
}

// The closest of `names` to `word` if it is close enough to be a typo, else "".
std::string closest(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_d = 1000;
  for (const std::string& n : names) {
    const std::size_t d = edit_distance(lower(word), n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  const std::size_t allowed = word.size() >= 6 ? 2 : 1;
  return best_d <= allowed ? best : "";
}

// A number as a teacher writes it: 4096, 1048576, 0.05, 1e+08.
std::string plain_number(double v) {
  char b[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(b, sizeof b, "%.0f", v);
  } else {
    std::snprintf(b, sizeof b, "%g", v);
  }
  return b;
}

bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' && std::isfinite(out);
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

// ---------------------------------------------------------------------------
// Problems, capped so that a binary file gives a screenful, not a flood.

class Problems {
 public:
  void add(int line, std::string message) {
    if (list_.size() < static_cast<std::size_t>(kLessonMaxProblems)) {
      list_.push_back({line, std::move(message)});
    } else {
      ++dropped_;
    }
  }
  bool empty() const { return list_.empty(); }
  std::size_t count() const { return list_.size() + static_cast<std::size_t>(dropped_); }
  std::vector<LessonProblem> take() {
    std::stable_sort(
        list_.begin(), list_.end(),
        [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
    if (dropped_ > 0) {
      list_.push_back({list_.back().line, std::to_string(dropped_) +
                                              " more problems not shown (is this a lesson file?)"});
    }
    return std::move(list_);
  }

 private:
  std::vector<LessonProblem> list_;
  long dropped_ = 0;
};

// ---------------------------------------------------------------------------
// **bold** and *italic* spans, over the lines of one block.

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

// ---------------------------------------------------------------------------
// The first pass: lines into header fields and raw steps.

struct Located {
  std::string text;
  int line = 0;
};

struct RawBlock {
  TextBlock::Kind kind = TextBlock::Kind::Paragraph;
  int line = 0;
  std::vector<Located> lines;
};

struct RawStep {
  int line = 0;
  std::string title;
  std::optional<Located> view;
  std::vector<LessonStep::Setting> settings;
  std::optional<Located> animate;
  std::optional<Located> ask, answer;
  std::vector<Located> ask_more, answer_more;  // indented continuation lines
  std::vector<RawBlock> blocks;
};

std::vector<std::string> directives() {
  return {"title", "about", "view", "scheme", "set", "animate", "ask", "answer"};
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

struct RawLesson {
  std::optional<Located> title, about;
  std::vector<RawStep> steps;
  int last_line = 0;
};

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
  enum class Continue { None, Ask, Answer };

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
      (cont_ == Continue::Ask ? step()->ask_more : step()->answer_more).push_back({t, number_});
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

std::vector<TextSpan> spans_of(const Located& first, const std::vector<Located>& more,
                               Problems& problems) {
  SpanBuilder b;
  b.add_line(first.text, first.line);
  for (const Located& l : more) b.add_line(l.text, l.line);
  return b.finish(problems);
}

// ---------------------------------------------------------------------------
// The second pass: apply every step to real views, as the window will.

enum class Kind { Int, Double, Bool, Text, Choice };

// Finds a field by name and keeps its description.
class ParamLookup : public ParamVisitor {
 public:
  explicit ParamLookup(std::string name) : name_(std::move(name)) {}
  bool found = false;
  ParamInfo info;
  Kind kind = Kind::Text;
  std::vector<std::string> names;  // every field visited
  void visit(const ParamInfo& i, int&) override { see(i, Kind::Int); }
  void visit(const ParamInfo& i, double&) override { see(i, Kind::Double); }
  void visit(const ParamInfo& i, bool&) override { see(i, Kind::Bool); }
  void visit(const ParamInfo& i, std::string&) override { see(i, Kind::Text); }
  void visit_choice(const ParamInfo& i, int&) override { see(i, Kind::Choice); }

 private:
  void see(const ParamInfo& i, Kind k) {
    names.emplace_back(i.name);
    if (found || name_ != i.name) return;
    found = true;
    info = i;
    kind = k;
  }
  std::string name_;
};

// "an even whole number from 2 to 4096": what a field accepts, for messages.
std::string wants(const ParamLookup& p) {
  const bool limited = p.info.max > p.info.min;
  const std::string range =
      limited ? " from " + plain_number(p.info.min) + " to " + plain_number(p.info.max) : "";
  switch (p.kind) {
    case Kind::Int:
      return std::string(p.info.even ? "an even whole number" : "a whole number") + range;
    case Kind::Double:
      return "a number" + range;
    case Kind::Bool:
      return "true or false";
    case Kind::Text:
      return "text";
    case Kind::Choice: {
      std::vector<std::string> c;
      for (const char* x : p.info.choices) c.emplace_back(x);
      return "one of " + join(c);
    }
  }
  return "";
}

bool lists(const View& v, Scheme s) {
  const std::vector<Scheme> schemes = v.schemes();
  return std::find(schemes.begin(), schemes.end(), s) != schemes.end();
}

std::string scheme_names(const std::vector<Scheme>& schemes) {
  std::vector<std::string> n;
  for (Scheme s : schemes) n.emplace_back(scheme_name(s));
  return join(n);
}

// The state a lesson walks through: one SharedParams and one of every view, as the
// explorer keeps them, starting from the defaults.
struct State {
  SharedParams shared;
  std::vector<std::unique_ptr<View>> views = make_views();
  View* find(const std::string& name) {
    for (auto& v : views) {
      if (name == v->name()) return v.get();
    }
    return nullptr;
  }
  std::vector<std::string> view_names() const {
    std::vector<std::string> n;
    for (const auto& v : views) n.emplace_back(v->name());
    return n;
  }
};

// Looks `name` up as the window does: the view's own parameters first, then the shared ones.
struct Target {
  ParamLookup lookup;
  bool shared = false;
};
Target look_up(View& view, SharedParams& shared, const std::string& name) {
  Target t{ParamLookup(name), false};
  view.visit(t.lookup);
  if (t.lookup.found) return t;
  ParamLookup s(name);
  shared.visit(s);
  std::vector<std::string> all = t.lookup.names;
  all.insert(all.end(), s.names.begin(), s.names.end());
  t.lookup = std::move(s);
  t.lookup.names = std::move(all);
  t.shared = true;
  return t;
}

// Sets a field; returns "" or why the value is refused.
std::string set_value(View& view, SharedParams& shared, const Target& target,
                      const std::string& name, const std::string& value) {
  try {
    ParamSetter setter(name, value);
    if (target.shared) {
      shared.visit(setter);
    } else {
      view.visit(setter);
    }
    return "";
  } catch (const InvalidArgument&) {
    return "parameter '" + name + "' wants " + wants(target.lookup) + ", got '" + value + "'";
  }
}

std::optional<Animation> parse_animation(const Located& a, View& view, SharedParams& shared,
                                         Problems& problems) {
  const std::string usage =
      "'animate:' wants NAME FROM -> TO in SECONDS, and 'log' at the end for a log scale, "
      "e.g. animate: position 0 -> 200 in 5s";
  std::string s = a.text;
  for (std::size_t p; (p = s.find("\xE2\x86\x92")) != std::string::npos;) s.replace(p, 3, "->");
  for (std::size_t p = 0; (p = s.find("->", p)) != std::string::npos; p += 4)
    s.replace(p, 2, " -> ");
  std::vector<std::string> tok;
  std::istringstream in(s);
  for (std::string w; in >> w;) tok.push_back(w);
  if (tok.size() < 6 || tok[2] != "->" || tok[4] != "in") {
    problems.add(a.line, usage);
    return std::nullopt;
  }
  std::size_t next = 6;
  std::string duration = tok[5];
  if (next < tok.size() && (tok[next] == "s" || tok[next] == "sec" || tok[next] == "seconds")) {
    ++next;
  } else if (duration.size() > 1 && duration.back() == 's') {
    duration.pop_back();
  }
  bool log = false;
  if (next < tok.size() && tok[next] == "log") {
    log = true;
    ++next;
  }
  if (next != tok.size()) {
    problems.add(a.line, usage + " (what is '" + tok[next] + "'?)");
    return std::nullopt;
  }
  Animation anim;
  anim.line = a.line;
  anim.param = tok[0];
  anim.log = log;
  if (!parse_double(duration, anim.seconds) || anim.seconds < 0.1 ||
      anim.seconds > kLessonMaxSeconds) {
    problems.add(a.line, "the animation's duration is a number of seconds from 0.1 to " +
                             plain_number(kLessonMaxSeconds) + ", e.g. 'in 5s' (got '" + tok[5] +
                             "')");
    return std::nullopt;
  }
  Target target = look_up(view, shared, anim.param);
  if (!target.lookup.found) {
    const std::string near = closest(anim.param, target.lookup.names);
    problems.add(a.line, "view '" + std::string(view.name()) + "' has no parameter '" + anim.param +
                             "' to animate" +
                             (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    return std::nullopt;
  }
  if (target.lookup.kind != Kind::Int && target.lookup.kind != Kind::Double) {
    problems.add(a.line, "'" + anim.param + "' is not a number (it wants " + wants(target.lookup) +
                             "): only numeric parameters can be animated");
    return std::nullopt;
  }
  const std::vector<std::string> used = compare::used_names(shared, view);
  if (std::find(used.begin(), used.end(), anim.param) == used.end()) {
    problems.add(a.line, "view '" + std::string(view.name()) + "' does not use '" + anim.param +
                             "' (it uses " + join(used) + "), so the animation would not show");
    return std::nullopt;
  }
  anim.shared = target.shared;
  anim.integer = target.lookup.kind == Kind::Int;
  anim.even = target.lookup.info.even;
  // Both ends must be accepted; the step shows the start (the next step inherits the end).
  for (const std::string* text : {&tok[3], &tok[1]}) {
    if (std::string why = set_value(view, shared, target, anim.param, *text); !why.empty()) {
      problems.add(
          a.line, "the animation's " + std::string(text == &tok[1] ? "start" : "end") + ": " + why);
      return std::nullopt;
    }
  }
  parse_double(tok[1], anim.from);
  parse_double(tok[3], anim.to);
  if (anim.from == anim.to) {
    problems.add(a.line, "the animation starts and ends at " + tok[1] + ": nothing would move");
    return std::nullopt;
  }
  if (log && !(anim.from > 0 && anim.to > 0)) {
    problems.add(a.line, "a 'log' animation needs a start and an end above 0 (got " + tok[1] +
                             " -> " + tok[3] + ")");
    return std::nullopt;
  }
  return anim;
}

// Applies one step's settings to the walking state and fills the step's resolved fields.
void resolve_step(const RawStep& raw, LessonStep& step, State& state, Problems& problems) {
  View* view = state.find(raw.view->text);
  if (view == nullptr) {
    const std::vector<std::string> names = state.view_names();
    const std::string near = closest(raw.view->text, names);
    problems.add(raw.view->line, "unknown view '" + raw.view->text + "' " +
                                     (near.empty() ? "(choose " + join(names) + ")"
                                                   : "(did you mean '" + near + "'?)"));
    return;
  }
  SharedParams& shared = state.shared;
  // As the explorer's select_view: a scheme the view does not show moves to its first.
  if (!lists(*view, shared.scheme)) shared.scheme = view->schemes().front();
  bool clean = true;
  for (const LessonStep::Setting& s : raw.settings) {
    const Target target = look_up(*view, shared, s.name);
    if (!target.lookup.found) {
      const std::string near = closest(s.name, target.lookup.names);
      problems.add(s.line,
                   "view '" + std::string(view->name()) + "' has no parameter '" + s.name + "'" +
                       (near.empty() ? " (see peviz --help)" : " (did you mean '" + near + "'?)"));
      clean = false;
      continue;
    }
    const Scheme before = shared.scheme;
    if (std::string why = set_value(*view, shared, target, s.name, s.value); !why.empty()) {
      problems.add(s.line, why);
      clean = false;
      continue;
    }
    if (s.name == "scheme" && target.shared && !lists(*view, shared.scheme)) {
      problems.add(s.line, "view '" + std::string(view->name()) + "' shows " +
                               scheme_names(view->schemes()) + ", not " + s.value);
      shared.scheme = before;
      clean = false;
    }
  }
  if (clean) {
    const std::vector<std::string> used = compare::used_names(shared, *view);
    for (const LessonStep::Setting& s : raw.settings) {
      if (std::find(used.begin(), used.end(), s.name) == used.end()) {
        problems.add(s.line, "view '" + std::string(view->name()) + "' does not use '" + s.name +
                                 "' here (it uses " + join(used) +
                                 "): set it in the step that shows it");
      }
    }
  }
  if (raw.animate) step.animation = parse_animation(*raw.animate, *view, shared, problems);
  step.view = view->name();
  step.scheme = shared.scheme;
  compare::ValueCollector s, v;
  shared.visit(s);
  view->visit(v);
  step.shared = std::move(s.values);
  step.view_params = std::move(v.values);
  // The next step starts where the animation ends, whether or not it was played.
  if (step.animation) {
    ParamSetter end(step.animation->param, step.animation->text_at(step.animation->seconds));
    if (step.animation->shared) {
      shared.visit(end);
    } else {
      view->visit(end);
    }
  }
}

}  // namespace

double Animation::value_at(double t) const {
  const double f = std::clamp(seconds > 0 ? t / seconds : 1.0, 0.0, 1.0);
  // Log: equal ratios in equal times (base 10 -> 100000 passes 100, 1000, 10000 evenly).
  double v = log ? from * std::pow(to / from, f) : from + (to - from) * f;
  if (f >= 1.0) v = to;
  if (integer) v = even ? 2.0 * std::round(v / 2.0) : std::round(v);
  return v;
}

std::string Animation::text_at(double t) const {
  char b[40];
  std::snprintf(b, sizeof b, integer ? "%.0f" : "%.17g", value_at(t));
  return b;
}

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
  RawLesson raw = LineReader(problems).read(text);
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
  State state;
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
      resolve_step(r, step, state, problems);
    }
    if (r.ask && !r.answer) {
      problems.add(r.ask->line, "'ask:' without 'answer:' (the answer is shown on reveal)");
    }
    if (r.ask && r.answer) {
      Question q;
      q.ask = spans_of(*r.ask, r.ask_more, problems);
      q.answer = spans_of(*r.answer, r.answer_more, problems);
      q.ask_line = r.ask->line;
      q.answer_line = r.answer->line;
      step.question = std::move(q);
    }
    for (const RawBlock& b : r.blocks) {
      SpanBuilder sb;
      for (const Located& l : b.lines) sb.add_line(l.text, l.line);
      TextBlock block;
      block.kind = b.kind;
      block.line = b.line;
      block.spans = sb.finish(problems);
      if (!block.spans.empty()) step.text.push_back(std::move(block));
    }
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

std::vector<LessonProblem> all_problems(const LessonParse& parsed) {
  std::vector<LessonProblem> out = parsed.problems;
  const Lesson& drawn = parsed.ok() ? *parsed.lesson : parsed.sound_steps;
  // A file too broken to have a step that parsed (or not a lesson at all) has nothing to draw.
  if (drawn.steps.empty() || out.size() >= static_cast<std::size_t>(kLessonMaxProblems)) return out;
  for (LessonProblem& p : check_lesson_figures(drawn)) out.push_back(std::move(p));
  std::stable_sort(out.begin(), out.end(),
                   [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
  return out;
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

void apply_step(const LessonStep& step, SharedParams& shared, View& view) {
  if (step.view != view.name()) {
    throw InvalidArgument("step '" + step.title + "' shows view '" + step.view + "', not '" +
                          view.name() + "'");
  }
  for (const auto& [name, value] : step.shared) {
    ParamSetter s(name, value);
    shared.visit(s);
  }
  for (const auto& [name, value] : step.view_params) {
    ParamSetter s(name, value);
    view.visit(s);
  }
}

namespace {

// The view of a step with the step's parameters set (and its animated one at the end).
struct StepState {
  std::vector<std::unique_ptr<View>> views;
  View* view = nullptr;
  SharedParams shared;
};
StepState step_state(const LessonStep& step, bool animation_end) {
  StepState st;
  st.views = make_views();
  auto it = std::find_if(st.views.begin(), st.views.end(),
                         [&](const auto& v) { return step.view == v->name(); });
  if (it == st.views.end()) throw InvalidArgument("unknown view '" + step.view + "'");
  st.view = it->get();
  apply_step(step, st.shared, *st.view);
  if (animation_end && step.animation) {
    const Animation& a = *step.animation;
    ParamSetter s(a.param, a.text_at(a.seconds));
    if (a.shared) {
      st.shared.visit(s);
    } else {
      st.view->visit(s);
    }
  }
  return st;
}

}  // namespace

plot::Figure step_figure(const LessonStep& step, const plot::FigureRequest& request,
                         bool animation_end) {
  StepState st = step_state(step, animation_end);
  return st.view->builder(st.shared, request)([](double) { return true; });
}

void reduce_for_check(SharedParams& shared) {
  shared.positions = std::min(shared.positions, kLessonCheckPositions);
}

std::vector<LessonProblem> check_lesson_figures(const Lesson& lesson, int* drawn) {
  // Views refuse combinations of parameters (a scalings list they cannot read, dims beyond
  // d, T5 buckets against their distance), not sizes; the size is what makes a step slow
  // to draw (1,000 steps at 1,048,576 positions once took 136 s to check). So each
  // distinct step is drawn once, small, at most kLessonCheckPositions positions long, and
  // the distinct ones on every core.
  const plot::FigureRequest request{kLessonCheckWidth, kLessonCheckHeight, {}};
  struct Check {
    std::size_t step = 0;
    int line = 0;
    std::string what;     // "step '...': view '...' cannot draw these parameters"
    std::string problem;  // set when the step's parameters cannot even be applied
    int figure = -1;      // index into `builds`
  };
  std::vector<Check> checks;
  std::vector<StepState> builds;
  std::map<std::string, int> seen;  // the step's parameters -> index into `builds`
  for (std::size_t index = 0; index < lesson.steps.size(); ++index) {
    const LessonStep& step = lesson.steps[index];
    const std::string where = "step '" + step.title + "': view '" + step.view + "' ";
    for (const bool end : {false, true}) {
      if (end && !step.animation) break;
      Check c;
      c.step = index;
      c.line = end ? step.animation->line : step.line;
      c.what = where + "cannot draw " +
               (end ? "the animation's end (" + step.animation->param + " = " +
                          step.animation->text_at(step.animation->seconds) + ")"
                    : std::string("these parameters"));
      try {
        StepState st = step_state(step, end);
        reduce_for_check(st.shared);
        ParamDescriber described;
        st.shared.visit(described);
        st.view->visit(described);
        const auto [it, fresh] =
            seen.emplace(step.view + "|" + described.text(), static_cast<int>(builds.size()));
        if (fresh) builds.push_back(std::move(st));
        c.figure = it->second;
      } catch (const std::exception& e) {
        c.problem = e.what();
      }
      checks.push_back(std::move(c));
    }
  }
  // A view that cannot draw its parameters throws, or draws a message instead of panels.
  std::vector<std::string> refusals(builds.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < builds.size(); i = next++) {
      try {
        refusals[i] = builds[i]
                          .view->builder(builds[i].shared, request)([](double) { return true; })
                          .refusal();
      } catch (const std::exception& e) {
        refusals[i] = e.what();
      }
    }
  };
  const unsigned cores = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < cores && t < builds.size(); ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
  if (drawn != nullptr) *drawn = static_cast<int>(builds.size());

  std::vector<LessonProblem> problems;
  for (std::size_t k = 0; k < checks.size(); ++k) {
    const Check& c = checks[k];
    const std::string& why =
        c.figure >= 0 ? refusals[static_cast<std::size_t>(c.figure)] : c.problem;
    // One problem per step: its start's, else its animation end's.
    if (why.empty() || (k > 0 && checks[k - 1].step == c.step && !problems.empty() &&
                        problems.back().line == checks[k - 1].line)) {
      continue;
    }
    problems.push_back({c.line, c.what + ": " + why});
  }
  return problems;
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
