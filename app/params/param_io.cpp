#include "param_io.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/utf8.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

std::string number(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

// "%g" where it is exact (10000, 1e+08, 0.5), else every digit of a whole number
// (1048576, not 1.04858e+06: a limit in a message must be the limit).
std::string short_number(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%g", v);
  if (std::strtod(b, nullptr) != v && v == std::floor(v) && std::fabs(v) < 1e15)
    std::snprintf(b, sizeof b, "%.0f", v);
  return b;
}

std::string choices_of(const ParamInfo& info) {
  std::string out;
  for (const char* c : info.choices) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

[[noreturn]] void reject(const ParamInfo& info, const std::string& text, const std::string& why) {
  throw InvalidArgument("--" + std::string(info.name) + " '" + text + "': " + why);
}

double parse_number(const ParamInfo& info, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
    reject(info, text, "not a number");
  }
  if (info.max > info.min && (v < info.min || v > info.max)) {
    reject(info, text,
           "must be between " + short_number(info.min) + " and " + short_number(info.max));
  }
  return v;
}

bool in_range(const ParamInfo& info, double v) {
  return std::isfinite(v) && (!(info.max > info.min) || (v >= info.min && v <= info.max));
}

}  // namespace

bool ParamSetter::matches(const ParamInfo& info) {
  if (found_ || name_ != info.name) return false;
  found_ = true;
  return true;
}

void ParamSetter::visit(const ParamInfo& info, int& value) {
  if (!matches(info)) return;
  const double v = parse_number(info, text_);
  if (v != std::floor(v)) reject(info, text_, "must be a whole number");
  if (info.even && static_cast<long>(v) % 2 != 0) {
    const long lo = static_cast<long>(v) - 1, hi = static_cast<long>(v) + 1;
    reject(info, text_,
           "must be even (dimensions pair up): try " +
               (lo >= info.min ? std::to_string(lo) + " or " : std::string()) + std::to_string(hi));
  }
  value = static_cast<int>(v);
}

void ParamSetter::visit(const ParamInfo& info, double& value) {
  if (matches(info)) value = parse_number(info, text_);
}

void ParamSetter::visit(const ParamInfo& info, bool& value) {
  if (!matches(info)) return;
  if (text_ == "1" || text_ == "true" || text_ == "on" || text_ == "yes") {
    value = true;
  } else if (text_ == "0" || text_ == "false" || text_ == "off" || text_ == "no") {
    value = false;
  } else {
    reject(info, text_, "use true or false");
  }
}

void ParamSetter::visit(const ParamInfo& info, std::string& value) {
  if (!matches(info)) return;
  // Text enters here from the command line and lessons: it must be text, so that every
  // writer (SVG, CSV, settings JSON) can write it.
  if (const TextIssue issue = find_text_issue(text_, true))
    reject(info, printable_utf8(text_), "is " + describe(issue));
  value = text_;
}

void ParamSetter::visit_choice(const ParamInfo& info, int& index) {
  if (!matches(info)) return;
  for (std::size_t i = 0; i < info.choices.size(); ++i) {
    if (text_ == info.choices[i]) {
      index = static_cast<int>(i);
      return;
    }
  }
  reject(info, text_, "choose " + choices_of(info));
}

void ParamDescriber::visit(const ParamInfo& info, int& value) {
  text_ += std::string(info.name) + "=" + std::to_string(value) + ";";
}
void ParamDescriber::visit(const ParamInfo& info, double& value) {
  text_ += std::string(info.name) + "=" + number(value) + ";";
}
void ParamDescriber::visit(const ParamInfo& info, bool& value) {
  text_ += std::string(info.name) + "=" + (value ? "true" : "false") + ";";
}
void ParamDescriber::visit(const ParamInfo& info, std::string& value) {
  text_ += std::string(info.name) + "=" + value + ";";
}
void ParamDescriber::visit_choice(const ParamInfo& info, int& index) {
  text_ += std::string(info.name) + "=" + info.choices.at(static_cast<std::size_t>(index)) + ";";
}

void JsonWriter::visit_choice(const ParamInfo& info, int& index) {
  out_[info.name] = info.choices.at(static_cast<std::size_t>(index));
}

void JsonReader::visit(const ParamInfo& info, int& value) {
  const auto it = in_.find(info.name);
  if (it == in_.end() || !it->is_number_integer()) return;
  const long long v = it->get<long long>();
  if (in_range(info, static_cast<double>(v)) && !(info.even && v % 2 != 0))
    value = static_cast<int>(v);
}
void JsonReader::visit(const ParamInfo& info, double& value) {
  const auto it = in_.find(info.name);
  if (it == in_.end() || !it->is_number()) return;
  const double v = it->get<double>();
  if (in_range(info, v)) value = v;
}
void JsonReader::visit(const ParamInfo& info, bool& value) {
  const auto it = in_.find(info.name);
  if (it != in_.end() && it->is_boolean()) value = it->get<bool>();
}
void JsonReader::visit(const ParamInfo& info, std::string& value) {
  const auto it = in_.find(info.name);
  if (it != in_.end() && it->is_string()) value = it->get<std::string>();
}
void JsonReader::visit_choice(const ParamInfo& info, int& index) {
  const auto it = in_.find(info.name);
  if (it == in_.end() || !it->is_string()) return;
  const std::string s = it->get<std::string>();
  for (std::size_t i = 0; i < info.choices.size(); ++i) {
    if (s == info.choices[i]) index = static_cast<int>(i);
  }
}

void ParamHelp::line(const ParamInfo& info, const std::string& range, const std::string& value) {
  std::string head = "  --" + std::string(info.name);
  if (head.size() < 24) head.resize(24, ' ');
  text_ += head + info.help + " [" + range + "; default " + value + "]\n";
}
void ParamHelp::visit(const ParamInfo& info, int& value) {
  const std::string zero = info.zero != nullptr ? std::string(", 0 = ") + info.zero : std::string();
  line(info,
       short_number(info.min) + ".." + short_number(info.max) + (info.even ? ", even" : "") + zero,
       value == 0 && info.zero != nullptr ? "0 (" + std::string(info.zero) + ")"
                                          : std::to_string(value));
}
void ParamHelp::visit(const ParamInfo& info, double& value) {
  line(info, short_number(info.min) + ".." + short_number(info.max), short_number(value));
}
void ParamHelp::visit(const ParamInfo& info, bool& value) {
  line(info, "true|false", value ? "true" : "false");
}
void ParamHelp::visit(const ParamInfo& info, std::string& value) {
  line(info, "text", "\"" + value + "\"");
}
void ParamHelp::visit_choice(const ParamInfo& info, int& index) {
  std::string range;
  for (const char* c : info.choices) range += (range.empty() ? "" : "|") + std::string(c);
  line(info, range, info.choices.at(static_cast<std::size_t>(index)));
}

void ValueCollector::store(const ParamInfo& info, const std::string& described) {
  // `described` is ParamDescriber's "name=value;".
  const std::size_t skip = std::string(info.name).size() + 1;
  values.emplace_back(info.name, described.substr(skip, described.size() - skip - 1));
}
void ValueCollector::visit_choice(const ParamInfo& info, int& index) {
  ParamDescriber d;
  d.visit_choice(info, index);
  store(info, d.text());
}

void ParamLookup::see(const ParamInfo& i, ParamKind k) {
  names.emplace_back(i.name);
  if (found || name_ != i.name) return;
  found = true;
  info = i;
  kind = k;
}

}  // namespace peviz
