#include "rich_text.hpp"

#include <algorithm>

namespace peviz {
namespace {

constexpr const char* kBullet = "•";  // •

// One word (with the spaces that follow it) of one style.
struct Word {
  std::string text;
  bool bold = false, italic = false;
  bool space_after = false;
};

std::vector<Word> words_of(const std::vector<TextSpan>& spans) {
  std::vector<Word> words;
  for (const TextSpan& s : spans) {
    std::size_t i = 0;
    // A span that starts with a space ends the previous word.
    if (!s.text.empty() && s.text[0] == ' ' && !words.empty()) words.back().space_after = true;
    while (i < s.text.size()) {
      while (i < s.text.size() && s.text[i] == ' ') ++i;
      const std::size_t start = i;
      while (i < s.text.size() && s.text[i] != ' ') ++i;
      if (i > start) {
        // A word glued to the previous span ("**bold**,") continues it on the same line.
        words.push_back({s.text.substr(start, i - start), s.bold, s.italic, i < s.text.size()});
      }
    }
  }
  return words;
}

}  // namespace

RichLayout layout_rich_text(const std::vector<TextBlock>& blocks, float width, float line_height,
                            const TextMeasure& measure) {
  RichLayout out;
  const float space = measure(" ", false, false);
  const float indent = measure(std::string(kBullet) + "  ", false, false);
  float y = 0.0f;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const TextBlock& block = blocks[b];
    if (b > 0) y += line_height * 0.5f;
    const bool item = block.kind == TextBlock::Kind::ListItem;
    const float left = item ? indent : 0.0f;
    if (item) out.runs.push_back({0.0f, y, kBullet, false, false});
    float x = left;
    bool line_empty = true;
    bool glued = false;  // the previous word had no space after it
    const std::vector<Word> words = words_of(block.spans);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      const float ww = measure(w.text, w.bold, w.italic);
      // Words glued together ("(", a live field's number, ").") wrap as one.
      float chain = ww;
      for (std::size_t j = i; j + 1 < words.size() && !words[j].space_after; ++j)
        chain += measure(words[j + 1].text, words[j + 1].bold, words[j + 1].italic);
      if (!line_empty && !glued && x + chain > width) {  // wrap before this word
        y += line_height;
        x = left;
        line_empty = true;
      }
      out.runs.push_back({x, y, w.text, w.bold, w.italic});
      x += ww;
      out.widest = std::max(out.widest, x);
      if (w.space_after) x += space;
      glued = !w.space_after;
      line_empty = false;
    }
    y += line_height;
  }
  out.height = y;
  return out;
}

ImFont* RichFonts::pick(bool is_bold, bool is_italic) const {
  ImFont* f = is_bold ? (is_italic ? bold_italic : bold) : (is_italic ? italic : regular);
  if (f == nullptr && is_bold) f = bold;
  if (f == nullptr) f = regular;
  return f != nullptr ? f : ImGui::GetFont();
}

TextMeasure RichFonts::measure() const {
  return [fonts = *this](const std::string& text, bool is_bold, bool is_italic) {
    return fonts.pick(is_bold, is_italic)->CalcTextSizeA(fonts.size, FLT_MAX, 0.0f, text.c_str()).x;
  };
}

void draw_rich_text(ImDrawList* draw, const RichLayout& layout, ImVec2 origin,
                    const RichFonts& fonts, ImU32 color) {
  for (const PlacedRun& r : layout.runs) {
    draw->AddText(fonts.pick(r.bold, r.italic), fonts.size, ImVec2(origin.x + r.x, origin.y + r.y),
                  color, r.text.c_str());
  }
}

}  // namespace peviz
