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
};

// Adds the fonts to the current ImGui context's atlas; `scale` multiplies every size.
Fonts load_fonts(float scale);

}  // namespace peviz
