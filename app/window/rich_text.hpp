// A lesson's text on screen: paragraphs and list items of bold/italic spans,
// word-wrapped to a width. Layout is separate from drawing so that it can be
// tested with any measure (tests/app/rich_text_test.cpp).
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include "app/lesson/lesson.hpp"

namespace peviz {

struct PlacedRun {
  float x = 0.0f, y = 0.0f;  // top-left, relative to the layout's origin
  std::string text;
  bool bold = false;
  bool italic = false;
};

struct RichLayout {
  std::vector<PlacedRun> runs;
  float height = 0.0f;
  float widest = 0.0f;  // the longest line
};

// Width of `text` in the font of (bold, italic).
using TextMeasure = std::function<float(const std::string& text, bool bold, bool italic)>;

// Lays out `blocks` within `width`: words wrap at spaces, a word wider than the line
// stands alone; list items get a bullet ("•") and a hanging indent; blocks are
// separated by half a line.
RichLayout layout_rich_text(const std::vector<TextBlock>& blocks, float width, float line_height,
                            const TextMeasure& measure);

struct RichFonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* italic = nullptr;
  ImFont* bold_italic = nullptr;
  float size = 20.0f;
  ImFont* pick(bool bold, bool italic) const;
  TextMeasure measure() const;
};

void draw_rich_text(ImDrawList* draw, const RichLayout& layout, ImVec2 origin,
                    const RichFonts& fonts, ImU32 color);

}  // namespace peviz
