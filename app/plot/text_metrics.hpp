// How wide a text is, measured as the canvases will draw it: from the advance widths of
// the font files every canvas uses (font_files.hpp), scaled as Dear ImGui scales a font to
// a pixel height (stb_truetype's ScaleForPixelHeight, advances unrounded). Views use it to
// choose layouts and wordings that fit the request (they run on worker threads, away from
// the window's font atlas); it is safe to call from any thread.
#pragma once

#include <string_view>

namespace peviz::plot {

// The width in pixels of `text` drawn `px` pixels high (regular or bold DejaVu Sans; a
// character DejaVu lacks is measured in the fallback font that has it, else as U+FFFD).
// Without the font files, an estimate of 0.6 of the height per character.
double text_width(std::string_view text, double px, bool bold = false);

}  // namespace peviz::plot
