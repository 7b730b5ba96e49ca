// The lesson text layout: words wrap at the column's width, styles stay with their
// words, list items hang under their bullet, blocks stack with half a line between.
#include <gtest/gtest.h>

#include "app/window/rich_text.hpp"

namespace peviz {
namespace {

// Every byte is 10 pixels wide, bold ones 12: easy to count by hand.
float measure(const std::string& text, bool bold, bool) {
  return text.size() * (bold ? 12.0f : 10.0f);
}

TextBlock paragraph(std::vector<TextSpan> spans) {
  TextBlock b;
  b.spans = std::move(spans);
  return b;
}

TEST(RichText, WrapsWordsAtTheWidth) {
  // "aaaa bbbb cccc": 40 + 10 + 40 = 90 fits in 95; the third word starts a new line.
  const RichLayout l =
      layout_rich_text({paragraph({{"aaaa bbbb cccc", false, false}})}, 95.0f, 30.0f, measure);
  ASSERT_EQ(l.runs.size(), 3u);
  EXPECT_FLOAT_EQ(l.runs[0].x, 0.0f);
  EXPECT_FLOAT_EQ(l.runs[1].x, 50.0f);
  EXPECT_FLOAT_EQ(l.runs[1].y, 0.0f);
  EXPECT_FLOAT_EQ(l.runs[2].x, 0.0f);
  EXPECT_FLOAT_EQ(l.runs[2].y, 30.0f);
  EXPECT_FLOAT_EQ(l.height, 60.0f);
  EXPECT_FLOAT_EQ(l.widest, 90.0f);
}

TEST(RichText, KeepsStylesAndGluedPunctuation) {
  // "see **this**, then": the comma is glued to the bold word, no space between.
  const RichLayout l = layout_rich_text(
      {paragraph({{"see ", false, false}, {"this", true, false}, {", then", false, false}})},
      1000.0f, 30.0f, measure);
  ASSERT_EQ(l.runs.size(), 4u);
  EXPECT_EQ(l.runs[1].text, "this");
  EXPECT_TRUE(l.runs[1].bold);
  EXPECT_FLOAT_EQ(l.runs[1].x, 40.0f);  // "see" 30 + space 10
  EXPECT_EQ(l.runs[2].text, ",");
  EXPECT_FLOAT_EQ(l.runs[2].x, 40.0f + 48.0f);  // right after the bold word (4 x 12)
  EXPECT_FLOAT_EQ(l.runs[3].x, 88.0f + 10.0f + 10.0f);
}

TEST(RichText, GluedWordsWrapTogether) {
  // "level (8.9e-16).": "(" would fit at the end of the line, the number glued to it would
  // not; the three wrap as one (a live field's number is a span glued to its brackets).
  const RichLayout l = layout_rich_text(
      {paragraph({{"level (", false, false}, {"8.9e-16", false, false}, {").", false, false}})},
      100.0f, 30.0f, measure);
  ASSERT_EQ(l.runs.size(), 4u);
  EXPECT_EQ(l.runs[1].text, "(");
  EXPECT_FLOAT_EQ(l.runs[1].x, 0.0f);
  EXPECT_FLOAT_EQ(l.runs[1].y, 30.0f);
  EXPECT_FLOAT_EQ(l.runs[2].x, 10.0f);
  EXPECT_FLOAT_EQ(l.runs[3].x, 80.0f);
  EXPECT_FLOAT_EQ(l.widest, 100.0f);
}

TEST(RichText, AWordWiderThanTheLineStandsAlone) {
  const RichLayout l =
      layout_rich_text({paragraph({{"a verylongword b", false, false}})}, 50.0f, 20.0f, measure);
  ASSERT_EQ(l.runs.size(), 3u);
  EXPECT_FLOAT_EQ(l.runs[1].y, 20.0f);
  EXPECT_FLOAT_EQ(l.runs[1].x, 0.0f);
  EXPECT_FLOAT_EQ(l.runs[2].y, 40.0f);
}

TEST(RichText, ListItemsHangUnderTheirBulletAndBlocksAreSpaced) {
  TextBlock item = paragraph({{"one two", false, false}});
  item.kind = TextBlock::Kind::ListItem;
  const RichLayout l =
      layout_rich_text({paragraph({{"intro", false, false}}), item}, 70.0f, 20.0f, measure);
  // intro at y 0; the item half a line lower than the next line: y = 20 + 10.
  ASSERT_EQ(l.runs.size(), 4u);
  EXPECT_EQ(l.runs[1].text, "•");
  EXPECT_FLOAT_EQ(l.runs[1].y, 30.0f);
  const float indent = measure("•  ", false, false);  // 5 bytes: 50
  EXPECT_FLOAT_EQ(l.runs[2].x, indent);
  // "two" does not fit after "one" (50 + 30 + 10 + 30 > 70): it wraps to the indent.
  EXPECT_FLOAT_EQ(l.runs[3].x, indent);
  EXPECT_FLOAT_EQ(l.runs[3].y, 50.0f);
  EXPECT_FLOAT_EQ(l.height, 70.0f);
}

}  // namespace
}  // namespace peviz
