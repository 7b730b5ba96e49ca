#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <random>

namespace peviz {
namespace {

TEST(Utf8, DecodesOneToFourByteCharacters) {
  EXPECT_EQ(decode_utf8("a", 0).cp, 0x61u);
  EXPECT_EQ(decode_utf8("é", 0).cp, 0xE9u);  // é
  EXPECT_EQ(decode_utf8("é", 0).length, 2u);
  EXPECT_EQ(decode_utf8("€", 0).cp, 0x20ACu);   // €
  EXPECT_EQ(decode_utf8("😀", 0).cp, 0x1F600u);  // an emoji
  EXPECT_EQ(decode_utf8("😀", 0).length, 4u);
  EXPECT_EQ(decode_utf8("\xF4\x8F\xBF\xBF", 0).cp, 0x10FFFFu);
}

TEST(Utf8, RejectsWhatRfc3629Forbids) {
  for (const char* bad : {"\xE9", "caf\xE9", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xC3", "\xE2\x82",
                          "\xF0\x9F\x98", "\xFF"}) {
    const std::string s(bad);
    const TextIssue issue = find_text_issue(s);
    EXPECT_EQ(issue.kind, TextIssue::Kind::NotUtf8) << s;
  }
  const TextIssue issue = find_text_issue("caf\xE9 au lait");
  EXPECT_EQ(issue.at, 3u);
  EXPECT_EQ(issue.byte, 0xE9);
  EXPECT_EQ(describe(issue), "not UTF-8 (byte 0xE9 at 3)");
}

TEST(Utf8, ControlCharactersExceptTabAndOptionallyLineBreaks) {
  EXPECT_FALSE(find_text_issue("dog\tbites"));
  EXPECT_EQ(find_text_issue("a\x01").kind, TextIssue::Kind::Control);
  EXPECT_EQ(describe(find_text_issue("a\x01")), "a control character (0x01 at 1)");
  EXPECT_EQ(find_text_issue("a\x7F").kind, TextIssue::Kind::Control);
  EXPECT_EQ(find_text_issue("a\nb").kind, TextIssue::Kind::Control);
  EXPECT_FALSE(find_text_issue("a\nb\r\n", true));
  EXPECT_FALSE(find_text_issue("犬が噛む"));  // Japanese
}

TEST(Utf8, PrintableReplacesEachBadByteAndControlByOneReplacementCharacter) {
  const std::string fffd = "�";
  EXPECT_EQ(printable_utf8("caf\xE9 au lait"), "caf" + fffd + " au lait");
  EXPECT_EQ(printable_utf8("a\x01"
                           "b"),
            "a" + fffd + "b");
  EXPECT_EQ(printable_utf8("tab\there\nline"), "tab\there\nline");
  EXPECT_EQ(printable_utf8("\xC3"), fffd);
  EXPECT_EQ(printable_utf8("€"), "€");
}

TEST(Utf8, SupplementaryCharactersAreFound) {
  EXPECT_TRUE(has_supplementary("dog 🐕 bites"));  // U+1F415
  EXPECT_FALSE(has_supplementary("犬 ☺"));        // U+72AC, U+263A
  EXPECT_FALSE(has_supplementary("caf\xE9"));
}

// Law: whatever the bytes, the result is valid text with no control characters but
// tab and line breaks, and valid printable text is left as it is.
TEST(Utf8, PrintableOutputIsAlwaysCleanText) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string s(rng() % 24, '\0');
    for (char& c : s) c = static_cast<char>(rng() & 0xFF);
    const std::string p = printable_utf8(s);
    EXPECT_FALSE(find_text_issue(p, true)) << trial;
    EXPECT_EQ(printable_utf8(p), p);
  }
}

}  // namespace
}  // namespace peviz
