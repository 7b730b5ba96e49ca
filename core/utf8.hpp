// UTF-8 text as RFC 3629 defines it (no overlong forms, no surrogates, nothing above
// U+10FFFF), and the characters a text file may hold. Every text that enters peviz from
// outside (an option, a lesson, a setting) is checked here, and every writer passes its
// text through printable_utf8, so that an SVG stays well-formed XML and a CSV plain text
// whatever bytes were typed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace peviz {

// The code point at text[i] and its length in bytes (1 to 4); length 0 when the bytes
// at i are not a valid UTF-8 sequence (cp is then U+FFFD).
struct Utf8Char {
  std::uint32_t cp = 0xFFFD;
  std::size_t length = 0;
};
Utf8Char decode_utf8(std::string_view text, std::size_t i);

// What is wrong with a text, if anything: the first byte that is not UTF-8, or the first
// control character (C0 or DEL; tab is allowed, line breaks only when asked for).
struct TextIssue {
  enum class Kind { None, NotUtf8, Control } kind = Kind::None;
  std::size_t at = 0;      // byte offset
  unsigned char byte = 0;  // the offending byte
  explicit operator bool() const { return kind != Kind::None; }
};
TextIssue find_text_issue(std::string_view text, bool allow_line_breaks = false);

// "not UTF-8 (byte 0xE9 at 3)" or "a control character (0x01 at 5)"; "" when fine.
std::string describe(const TextIssue& issue);

// True when `text` has a character beyond the Basic Multilingual Plane (U+10000 and up:
// most emoji), which a 16-bit text engine (Debian's Dear ImGui) cannot draw.
bool has_supplementary(std::string_view text);

// The text with every invalid sequence and every control character other than tab,
// line feed and carriage return replaced by U+FFFD (the replacement character).
std::string printable_utf8(std::string_view text);

}  // namespace peviz
