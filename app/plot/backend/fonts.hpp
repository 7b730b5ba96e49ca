// The UI fonts: DejaVu Sans from Debian's fonts-dejavu-core, rasterised at the
// sizes the window uses, with the glyphs of the formulas (Greek, arrows, math
// operators, super- and subscripts). Falls back to ImGui's built-in font, with a
// warning, when the font file is missing.
//
// Other scripts: the characters a text actually uses beyond those ranges (Chinese,
// Japanese, Korean, Cyrillic, symbols) are merged in from Droid Sans Fallback
// (fonts-droid-fallback) and Symbola (fonts-symbola), only those, so the atlas stays
// small. Dear ImGui as Debian builds it stores 16-bit characters: U+10000 and beyond
// (most emoji) cannot be drawn and show as the replacement character. There is no text
// shaping: right-to-left and Indic scripts show their letters one by one, unjoined.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/plot/figure.hpp"

namespace peviz {

struct Fonts {
  ImFont* body = nullptr;    // controls and text
  ImFont* title = nullptr;   // plot titles, headings
  ImFont* mono = nullptr;    // the body font (no view draws monospaced text)
  ImFont* italic = nullptr;  // lesson text only (add_lesson_fonts); else null
  ImFont* bold_italic = nullptr;
  // The characters merged in from the fallback fonts (the atlas reads these ranges when
  // it is built, so they live as long as the fonts).
  std::shared_ptr<const std::vector<ImWchar>> extra_ranges;
};

// The characters of `text` that the standard ranges lack, sorted and unique, without
// those ImGui cannot store (U+10000 and beyond).
std::vector<ImWchar> extra_glyphs(std::string_view text);
// Every text a figure draws (titles, labels, categories, legends, texts, messages).
std::string figure_text(const plot::Figure& figure);

// The path of a font file of the fonts folder ("DejaVuSans.ttf").
std::string font_path(const char* file);

// Adds the fonts to the current ImGui context's atlas; `scale` multiplies every size;
// `extra` (from extra_glyphs) are merged in from the fallback fonts.
Fonts load_fonts(float scale, const std::vector<ImWchar>& extra = {});
// Adds the italic and bold-italic body fonts lessons use (fonts-dejavu-extra), with the
// extra glyphs of load_fonts; leaves them null, with a warning, when the files are missing.
void add_lesson_fonts(Fonts& fonts, float scale);
// The fallback fonts for glyphs DejaVu Sans lacks, in the order they are merged.
std::vector<std::string> fallback_font_paths();

}  // namespace peviz
