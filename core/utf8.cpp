#include "utf8.hpp"

#include <cstdio>

namespace peviz {

// RFC 3629, Sec. 4 (the UTF8-octets grammar): the second byte's range depends on the first.
Utf8Char decode_utf8(std::string_view text, std::size_t i) {
  Utf8Char out;
  if (i >= text.size()) return out;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return {b0, 1};
  std::size_t n = 0;  // continuation bytes
  unsigned lo = 0x80, hi = 0xBF;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlongs
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlongs
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return out;
  }
  if (i + n >= text.size()) return out;  // cut short
  for (std::size_t k = 1; k <= n; ++k) {
    const unsigned char b = byte(i + k);
    if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return out;
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, n + 1};
}

TextIssue find_text_issue(std::string_view text, bool allow_line_breaks) {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (c.length == 0) return {TextIssue::Kind::NotUtf8, i, b};
    const bool line_break = c.cp == '\n' || c.cp == '\r';
    if ((c.cp < 0x20 && c.cp != '\t' && !(allow_line_breaks && line_break)) || c.cp == 0x7F) {
      return {TextIssue::Kind::Control, i, b};
    }
    i += c.length;
  }
  return {};
}

std::string describe(const TextIssue& issue) {
  char b[64];
  switch (issue.kind) {
    case TextIssue::Kind::None:
      return "";
    case TextIssue::Kind::NotUtf8:
      std::snprintf(b, sizeof b, "not UTF-8 (byte 0x%02X at %zu)", issue.byte, issue.at);
      return b;
    case TextIssue::Kind::Control:
      std::snprintf(b, sizeof b, "a control character (0x%02X at %zu)", issue.byte, issue.at);
      return b;
  }
  return "";
}

bool has_supplementary(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    if (c.length != 0 && c.cp > 0xFFFF) return true;
    i += c.length == 0 ? 1 : c.length;
  }
  return false;
}

std::string printable_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    const bool control =
        c.length != 0 &&
        ((c.cp < 0x20 && c.cp != '\t' && c.cp != '\n' && c.cp != '\r') || c.cp == 0x7F);
    if (c.length == 0 || control) {
      out += "�";  // U+FFFD
      i += c.length == 0 ? 1 : c.length;
      continue;
    }
    out.append(text.substr(i, c.length));
    i += c.length;
  }
  return out;
}

}  // namespace peviz
