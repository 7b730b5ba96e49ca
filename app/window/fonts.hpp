// The UI fonts: DejaVu Sans from Debian's fonts-dejavu-core, rasterised at the
// sizes the window uses, with the glyphs of the formulas (Greek, arrows, math
// operators, super- and subscripts). Falls back to ImGui's built-in font, with a
// warning, when the font file is missing.
#pragma once

#include <imgui.h>

namespace peviz {

struct Fonts {
  ImFont* body = nullptr;   // controls and text
  ImFont* title = nullptr;  // plot titles, headings
  ImFont* mono = nullptr;   // the body font (no view draws monospaced text)
  ImFont* italic = nullptr;       // lesson text only (add_lesson_fonts); else null
  ImFont* bold_italic = nullptr;
};

// Adds the fonts to the current ImGui context's atlas; `scale` multiplies every size.
Fonts load_fonts(float scale);
// Adds the italic and bold-italic body fonts lessons use (fonts-dejavu-extra);
// leaves them null, with a warning, when the files are missing.
void add_lesson_fonts(Fonts& fonts, float scale);

}  // namespace peviz
