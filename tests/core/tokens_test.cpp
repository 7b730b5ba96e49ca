// Tests for core/tokens: lower-cased words split on white space and punctuation.
#include "core/tokens.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace peviz {
namespace {

using Words = std::vector<std::string>;

TEST(Tokens, DogBitesMan) {
  EXPECT_EQ(tokenize("Dog bites man!"), (Words{"dog", "bites", "man"}));
  EXPECT_EQ(tokenize("man bites dog"), (Words{"man", "bites", "dog"}));
}

TEST(Tokens, EmptyAndSeparatorsOnly) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize("   ").empty());
  EXPECT_TRUE(tokenize("?!.,;:").empty());
  EXPECT_TRUE(tokenize("\t\n\r").empty());
}

TEST(Tokens, AsciiPunctuationSplitsAndIsDropped) {
  EXPECT_EQ(tokenize("  Hello,   WORLD...  "), (Words{"hello", "world"}));
  EXPECT_EQ(tokenize("don't"), (Words{"don", "t"}));
  EXPECT_EQ(tokenize("e-mail/web_site"), (Words{"e", "mail", "web", "site"}));
  EXPECT_EQ(tokenize("(a)[b]{c}\"d\""), (Words{"a", "b", "c", "d"}));
  EXPECT_EQ(tokenize("tab\tnew\nline"), (Words{"tab", "new", "line"}));
}

TEST(Tokens, DigitsAreWordCharacters) {
  EXPECT_EQ(tokenize("GPT2 has 1.5B params"), (Words{"gpt2", "has", "1", "5b", "params"}));
}

TEST(Tokens, RepeatedWordsAreKept) {
  EXPECT_EQ(tokenize("The cat saw the CAT"), (Words{"the", "cat", "saw", "the", "cat"}));
}

TEST(Tokens, Latin1LettersAreLowerCased) {
  // U+00C9 É -> U+00E9 é; U+00C0 À -> à; U+00DE Þ -> þ; ß (U+00DF) has no single upper case.
  EXPECT_EQ(tokenize("CAFÉ Déjà"), (Words{"café", "déjà"}));
  EXPECT_EQ(tokenize("ÀÞ"), (Words{"àþ"}));
  EXPECT_EQ(tokenize("Straße"), (Words{"straße"}));
  EXPECT_EQ(tokenize("NAÏVE façade"), (Words{"naïve", "façade"}));
}

TEST(Tokens, UnicodePunctuationSplits) {
  // U+2014 em dash, U+2019 right single quote, U+201C/U+201D curly quotes, U+2026 ellipsis,
  // U+00BF inverted question mark, U+00A1 inverted exclamation, U+3002 ideographic full stop,
  // U+00A0 no-break space, U+00D7 multiplication sign.
  EXPECT_EQ(tokenize("dog\u2014man"), (Words{"dog", "man"}));
  EXPECT_EQ(tokenize("it\u2019s"), (Words{"it", "s"}));
  EXPECT_EQ(tokenize("\u201cquoted\u201d text\u2026"), (Words{"quoted", "text"}));
  EXPECT_EQ(tokenize("\u00bfQu\u00e9? \u00a1S\u00ed!"), (Words{"qu\u00e9", "s\u00ed"}));
  EXPECT_EQ(tokenize("\u4f60\u597d\u3002\u4e16\u754c"), (Words{"\u4f60\u597d", "\u4e16\u754c"}));
  EXPECT_EQ(tokenize("a\u00a0b"), (Words{"a", "b"}));
  EXPECT_EQ(tokenize("3\u00d74"), (Words{"3", "4"}));
}

TEST(Tokens, Latin1LettersInThePunctuationRangeStayLetters) {
  // U+00AA ª, U+00B5 µ, U+00BA º are letters, not punctuation.
  EXPECT_EQ(tokenize("5\u00b5m"), (Words{"5\u00b5m"}));
  EXPECT_EQ(tokenize("1\u00aa 2\u00ba"), (Words{"1\u00aa", "2\u00ba"}));
}

TEST(Tokens, OtherScriptsAreKeptAsTheyAre) {
  // Greek and Cyrillic are not lower-cased (only ASCII and Latin-1 are).
  EXPECT_EQ(tokenize("\u03a9\u03bc\u03ad\u03b3\u03b1"), (Words{"\u03a9\u03bc\u03ad\u03b3\u03b1"}));
  EXPECT_EQ(tokenize("\u041c\u0438\u0440, hi"), (Words{"\u041c\u0438\u0440", "hi"}));
  EXPECT_EQ(tokenize("emoji \U0001F600!"), (Words{"emoji", "\U0001F600"}));
}

TEST(Tokens, InvalidUtf8BytesAreKept) {
  const std::string bad = "\xff";  // not a UTF-8 lead byte
  EXPECT_EQ(tokenize("a" + bad + "b c"), (Words{"a" + bad + "b", "c"}));
  // A truncated two-byte sequence at the end is kept as a byte.
  EXPECT_EQ(tokenize("ab\xc3"), (Words{"ab\xc3"}));
  // A lead byte followed by a non-continuation byte does not swallow the space.
  EXPECT_EQ(tokenize("x\xc3 y"), (Words{"x\xc3", "y"}));
}

}  // namespace
}  // namespace peviz
