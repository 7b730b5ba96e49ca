// core/text: the helpers every message and parser uses. The "did you mean" suggestions are
// what a user sees after a typo, so the distance and its threshold are pinned here.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace peviz {
namespace {

TEST(Text, TrimTakesWhiteSpaceFromBothEnds) {
  EXPECT_EQ(trim("  base = 5 \t\r\n"), "base = 5");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("d"), "d");
}

TEST(Text, SplitKeepsEmptyPartsAndJoinUndoesIt) {
  EXPECT_EQ(split("a;b;;c", ';'), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(split("", ';'), (std::vector<std::string>{""}));
  EXPECT_EQ(split(";", ';'), (std::vector<std::string>{"", ""}));
  EXPECT_EQ(join(split("a;b;;c", ';'), ";"), "a;b;;c");
  EXPECT_EQ(join({"d", "base", "positions"}), "d, base, positions");
  EXPECT_EQ(join({}), "");
}

TEST(Text, EditDistanceCountsATranspositionAsOneEdit) {
  EXPECT_EQ(edit_distance("view", "view"), 0u);
  EXPECT_EQ(edit_distance("veiw", "view"), 1u);  // swapped neighbours
  EXPECT_EQ(edit_distance("bse", "base"), 1u);   // one left out
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance(std::string(65, 'a'), "a"), 1000u);  // too long to compare
}

TEST(Text, ClosestSuggestsOnlyNamesATypoAway) {
  const std::vector<std::string> names = {"d", "base", "positions", "encoding", "layout"};
  EXPECT_EQ(closest("bse", names), "base");
  EXPECT_EQ(closest("BASE", names), "base");          // case does not count
  EXPECT_EQ(closest("encodign", names), "encoding");  // two edits allowed from 6 letters
  EXPECT_EQ(closest("positons", names), "positions");
  EXPECT_EQ(closest("lyt", names), "");  // three letters: one edit only
  EXPECT_EQ(closest("teapot", names), "");
  EXPECT_EQ(lower("RoPE"), "rope");
}

TEST(Text, PlainNumberWritesWholeNumbersInFull) {
  EXPECT_EQ(plain_number(500000), "500000");
  EXPECT_EQ(plain_number(16384), "16384");
  EXPECT_EQ(plain_number(1e14), "100000000000000");
  EXPECT_EQ(plain_number(1e16), "1e+16");
  EXPECT_EQ(plain_number(0.707), "0.707");
  EXPECT_EQ(plain_number(1.0 / 3.0), "0.333333");
  EXPECT_EQ(plain_number(-2), "-2");
}

TEST(Text, OneLineShowsControlCharactersAsEscapes) {
  EXPECT_EQ(one_line("dog\tbites\nman"), "dog\\tbites\\nman");
  EXPECT_EQ(one_line(std::string("a\rb\x01\x7f", 5)), "a\\rb\\x01\\x7f");
  EXPECT_EQ(one_line("plain, é ü"), "plain, é ü");  // UTF-8 stays
  EXPECT_EQ(one_line(""), "");
}

}  // namespace
}  // namespace peviz
