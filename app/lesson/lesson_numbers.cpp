// Numbers that stay true: the numbers a lesson's text quotes, the live fields that fill
// them from the figure, and the numbers a figure shows (lesson.hpp, docs/lessons.md).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/lesson/lesson.hpp"

namespace peviz {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// A number token at s[i] (a digit): its end, digits after the point and exponent.
struct Token {
  std::size_t end = 0;
  int decimals = 0;
  int exponent = 0;
  bool has_exponent = false;
  double value = 0.0;
};

Token read_token(std::string_view s, std::size_t i) {
  Token t;
  std::string plain;  // ASCII for strtod
  while (i < s.size() && digit(s[i])) plain += s[i++];
  if (i + 1 < s.size() && s[i] == '.' && digit(s[i + 1])) {
    plain += s[i++];
    while (i < s.size() && digit(s[i])) {
      plain += s[i++];
      ++t.decimals;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    std::string sign;
    if (j < s.size() && (s[j] == '-' || s[j] == '+')) {
      sign = s[j] == '-' ? "-" : "";
      ++j;
    } else if (s.substr(j, 3) == "\xE2\x88\x92") {  // U+2212 minus
      sign = "-";
      j += 3;
    }
    if (j < s.size() && digit(s[j])) {
      std::string e;
      while (j < s.size() && digit(s[j])) e += s[j++];
      t.has_exponent = true;
      t.exponent = std::atoi((sign + e).c_str());
      plain += "e" + sign + e;
      i = j;
    }
  }
  t.end = i;
  t.value = std::strtod(plain.c_str(), nullptr);
  return t;
}

void add_text_numbers(const std::string& text, std::vector<double>& out) {
  for (double v : numbers_in(text)) out.push_back(v);
}

}  // namespace

std::vector<QuotedNumber> quoted_numbers(std::string_view s, int line) {
  std::vector<QuotedNumber> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!digit(s[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    const Token t = read_token(s, i);
    i = t.end;
    // Glued to a name: "fp16", "x2", "GPT-2", "3D", "32k".
    const bool after_name =
        start > 0 && (letter(s[start - 1]) || digit(s[start - 1]) || s[start - 1] == '.' ||
                      (s[start - 1] == '-' && start > 1 && letter(s[start - 2])));
    const bool before_name = t.end < s.size() && letter(s[t.end]);
    if (after_name || before_name) continue;
    if (t.decimals == 0 && !t.has_exponent && t.value <= kLessonFreeInteger) continue;
    QuotedNumber q;
    q.text = std::string(s.substr(start, t.end - start));
    q.value = t.value;
    q.tolerance = 0.5 * std::pow(10.0, t.exponent - t.decimals);
    q.line = line;
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<double> numbers_in(std::string_view s) {
  std::vector<double> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!digit(s[i])) {
      ++i;
      continue;
    }
    const Token t = read_token(s, i);
    out.push_back(t.value);
    i = t.end;
  }
  return out;
}

bool valid_field_format(std::string_view f) {
  if (f.empty()) return true;
  if (f.size() < 3 || f.size() > 4 || f[0] != '.') return false;
  const char kind = f.back();
  if (kind != 'g' && kind != 'f' && kind != 'e') return false;
  const std::string_view n = f.substr(1, f.size() - 2);
  for (char c : n) {
    if (!digit(c)) return false;
  }
  return std::atoi(std::string(n).c_str()) <= 17;
}

std::string format_field(double value, std::string_view format) {
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "∞" : "−∞");
  const double a = std::fabs(value);
  char b[400];  // "%.17f" of the largest double has 309 + 18 characters
  if (format.empty()) {
    if (a >= 1000.0 && a < 1e7) {
      std::snprintf(b, sizeof b, "%.0f", a);
    } else {
      std::snprintf(b, sizeof b, "%.3g", a);
    }
  } else {
    const std::string f = "%" + std::string(format);
    std::snprintf(b, sizeof b, f.c_str(), a);
  }
  std::string s = b;
  // A value that prints as zero has no sign.
  const bool zero = std::strtod(b, nullptr) == 0.0;
  return (value < 0 && !zero ? "−" : "") + s;
}

std::optional<double> figure_value(const plot::Figure& figure, std::string_view name) {
  for (const auto& [key, v] : figure.values) {
    if (key == name) return v;
  }
  return std::nullopt;
}

std::vector<TextSpan> fill_fields(const std::vector<TextSpan>& spans, const plot::Figure* figure) {
  std::vector<TextSpan> out = spans;
  for (TextSpan& s : out) {
    if (s.field.empty()) continue;
    if (figure == nullptr) {
      s.text = "…";
    } else if (const std::optional<double> v = figure_value(*figure, s.field)) {
      s.text = format_field(*v, s.format);
    } else {
      s.text = "?";
    }
  }
  return out;
}

std::vector<TextBlock> fill_fields(const std::vector<TextBlock>& blocks,
                                   const plot::Figure* figure) {
  std::vector<TextBlock> out = blocks;
  for (TextBlock& b : out) b.spans = fill_fields(b.spans, figure);
  return out;
}

std::vector<double> figure_numbers(const plot::Figure& f) {
  std::vector<double> out;
  for (const std::string* s : {&f.title, &f.subtitle, &f.note, &f.message, &f.problem})
    add_text_numbers(*s, out);
  for (const std::string& w : f.warnings) add_text_numbers(w, out);
  for (const plot::Panel& p : f.panels) {
    add_text_numbers(p.title, out);
    for (const plot::Axis* a : {&p.x, &p.y}) {
      add_text_numbers(a->label, out);
      for (const std::string& c : a->categories) add_text_numbers(c, out);
    }
    if (p.heatmap) {
      add_text_numbers(p.heatmap->value_label, out);
      if (p.heatmap->print_values && p.heatmap->values) {
        const Eigen::MatrixXd& m = *p.heatmap->values;
        const double scale = std::pow(10.0, p.heatmap->decimals);
        for (Eigen::Index r = 0; r < m.rows(); ++r) {
          for (Eigen::Index c = 0; c < m.cols(); ++c) {
            if (std::isfinite(m(r, c)))
              out.push_back(std::fabs(std::round(m(r, c) * scale) / scale));
          }
        }
      }
    }
    for (const plot::Band& b : p.bands) add_text_numbers(b.label, out);
    for (const plot::Bars& b : p.bars) add_text_numbers(b.label, out);
    for (const plot::LineSeries& l : p.lines) add_text_numbers(l.label, out);
    for (const plot::RefLine& r : p.refs) add_text_numbers(r.label, out);
    for (const plot::Text& t : p.texts) add_text_numbers(t.text, out);
  }
  for (const auto& [name, v] : f.values) out.push_back(std::fabs(v));
  return out;
}

bool number_shown(const QuotedNumber& q, const std::vector<double>& shown) {
  const double tolerance = q.tolerance * (1.0 + 1e-9) + 1e-300;
  return std::any_of(shown.begin(), shown.end(),
                     [&](double x) { return std::fabs(std::fabs(x) - q.value) <= tolerance; });
}

}  // namespace peviz
