#include "file_names.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace peviz {
namespace {

constexpr std::size_t kMaxStem = 120;  // characters of a default or sanitised name

// A whole-text number, else nothing ("64", "1e4", not "64x").
std::optional<double> number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Integral numbers as plain digits ("1e+06" reads badly in a file name).
std::string plain(const std::string& value) {
  const std::optional<double> v = number(value);
  if (v && std::abs(*v) < 1e15 && *v == std::floor(*v)) {
    return std::to_string(static_cast<long long>(*v));
  }
  return value;
}

// The parameters a file name mentions, in this order: `prefix` and the value, left
// out when the value is `omit` (the default, which needs no saying).
struct KeyParam {
  const char* name;
  const char* prefix;
  const char* omit;  // nullptr: always named
};
constexpr KeyParam kKeyParams[] = {
    {"d", "d", nullptr},
    {"heads", "h", nullptr},
    {"num-buckets", "b", nullptr},
    {"max-distance", "dist", nullptr},
    {"positions", "n", nullptr},
    {"start", "from", "0"},
    {"base", "base", "10000"},
    {"layout", "", "interleaved"},
    {"seed", "seed", "0"},
    {"pairing", "", "half-split"},
    {"partial-rotary", "rot", "1"},
    {"original-context", "ctx", "4096"},
    {"scaling", "", "none"},
    {"factor", "x", "4"},
    {"metric", "", "cosine"},
    {"offset", "k", nullptr},
    {"mask", "", "causal"},
};

// One parameter as a file-name token: "d128", "base500000", "yarn"; "nomask" for an
// unmasked (encoder) mask, which "none" would not say.
std::string token(const std::string& name, const std::string& value) {
  if (name == "mask" && value == "none") return "nomask";
  for (const KeyParam& k : kKeyParams) {
    if (name == k.name) return k.prefix + plain(value);
  }
  // Parameters without a prefix of their own: a word stands alone, a number gets its name.
  return number(value) ? name + plain(value) : value;
}

const std::string* find_value(const std::vector<NamedValue>& values, const std::string& name) {
  for (const auto& [n, v] : values) {
    if (n == name) return &v;
  }
  return nullptr;
}

}  // namespace

std::string sanitize_file_name(const std::string& name) {
  std::string out;
  bool gap = false;
  for (const char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool safe = (c < 128 && std::isalnum(c) != 0) || c == '.' || c == '-' || c == '_';
    if (!safe) {
      gap = true;
      continue;
    }
    if (gap && !out.empty() && out.back() != '_' && c != '_') out += '_';
    gap = false;
    if (c == '_' && !out.empty() && out.back() == '_') continue;
    out += static_cast<char>(c);
  }
  const std::size_t first = out.find_first_not_of("._-");
  out = first == std::string::npos ? "" : out.substr(first);
  if (out.size() > kMaxStem) out.resize(kMaxStem);
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  return out.empty() ? "figure" : out;
}

std::string default_file_stem(const std::string& view, const std::vector<NamedValue>& values,
                              bool name_scheme) {
  std::string stem = view;
  if (const std::string* scheme = find_value(values, "scheme"); scheme != nullptr && name_scheme)
    stem += "_" + *scheme;
  const std::string* scaling = find_value(values, "scaling");
  const bool scaled = scaling != nullptr && *scaling != "none";
  for (const KeyParam& k : kKeyParams) {
    const std::string* value = find_value(values, k.name);
    if (value == nullptr) continue;
    // A scaling's factor is part of its name ("yarn_x4"), default or not.
    const bool keep =
        k.omit == nullptr || plain(*value) != k.omit || (std::string(k.name) == "factor" && scaled);
    if (keep) stem += "_" + token(k.name, *value);
  }
  return sanitize_file_name(stem);
}

std::string compare_file_stem(const std::string& view,
                              const std::vector<std::vector<NamedValue>>& panels) {
  std::vector<std::string> differing;  // names, in the first panel's order
  for (const auto& panel : panels) {
    for (const auto& [name, value] : panel) {
      if (std::find(differing.begin(), differing.end(), name) != differing.end()) continue;
      for (const auto& other : panels) {
        const std::string* v = find_value(other, name);
        if (v == nullptr || *v != value) {
          differing.push_back(name);
          break;
        }
      }
    }
  }
  if (differing.empty()) return sanitize_file_name(view + "_compare");
  std::string stem = view;
  for (std::size_t i = 0; i < panels.size(); ++i) {
    std::string part;
    for (const std::string& name : differing) {
      if (const std::string* v = find_value(panels[i], name); v != nullptr)
        part += (part.empty() ? "" : "_") + token(name, *v);
    }
    // A panel with none of the differing parameters: its letter.
    if (part.empty()) part = std::string(1, static_cast<char>('A' + i));
    stem += (i == 0 ? "_" : "_vs_") + part;
  }
  return sanitize_file_name(stem);
}

}  // namespace peviz
