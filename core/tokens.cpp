#include "tokens.hpp"

#include <cstdint>

#include "utf8.hpp"

namespace peviz {
namespace {

// Decodes one UTF-8 code point at text[i]; returns its length in bytes (1 for a
// byte that does not start a valid sequence, which is then kept as it is).
int decode(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const Utf8Char c = decode_utf8(text, i);
  cp = c.cp;
  return c.length == 0 ? 1 : static_cast<int>(c.length);
}

bool is_separator(std::uint32_t cp) {
  if (cp < 0x80) {
    const bool alnum =
        (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return !alnum;  // space, control and ASCII punctuation
  }
  if (cp == 0xA0) return true;  // no-break space
  if (cp >= 0xA1 && cp <= 0xBF) return cp != 0xAA && cp != 0xB5 && cp != 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return true;      // multiplication and division signs
  if (cp >= 0x2000 && cp <= 0x206F) return true;  // general punctuation and spaces
  if (cp >= 0x3000 && cp <= 0x303F) return true;  // CJK symbols and punctuation
  return false;
}

void append_lower(std::string& word, std::string_view bytes, std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') {
    word.push_back(static_cast<char>(cp - 'A' + 'a'));
  } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    const std::uint32_t lower = cp + 0x20;  // Latin-1: À..Þ -> à..þ
    word.push_back(static_cast<char>(0xC0 | (lower >> 6)));
    word.push_back(static_cast<char>(0x80 | (lower & 0x3F)));
  } else {
    word.append(bytes);
  }
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string word;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const int len = decode(text, i, cp);
    if (is_separator(cp)) {
      if (!word.empty()) tokens.push_back(std::move(word));
      word.clear();
    } else {
      append_lower(word, text.substr(i, len), cp);
    }
    i += len;
  }
  if (!word.empty()) tokens.push_back(std::move(word));
  return tokens;
}

}  // namespace peviz
