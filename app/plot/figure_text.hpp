// Text and ticks as the figure layout sets them: the font sizes of each kind of text, a
// text cut or wrapped to a width with the canvas's own measure (the one place text is
// fitted: views give whole texts and max widths, the layout resolves them), and tick
// labels that do not run into each other. Shared by layout_figure and draw_figure.
#pragma once

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "canvas.hpp"
#include "figure.hpp"
#include "style.hpp"
#include "ticks.hpp"

namespace peviz::plot {

inline float tick_font(const Style& s) {
  return s.font_size * 0.85f;
}
inline float label_font(const Style& s) {
  return s.font_size;
}
inline float panel_title_font(const Style& s) {
  return s.font_size * 1.05f;
}
inline float title_font(const Style& s) {
  return s.font_size * 1.35f;
}
inline bool finite(double v) {
  return std::isfinite(v);
}

inline constexpr int kHeadingLines = 2;  // titles, subtitles and notes wrap to this many lines

// Ticks on an axis window, or the category labels that fall in it, with labels that do
// not run into each other: fewer ticks until they fit, and then, at the smallest count,
// every label that would touch the one before it left blank (its tick mark stays).
std::vector<Tick> ticks_for(Canvas& canvas, const Axis& axis, double lo, double hi, float length_px,
                            float font, bool vertical = false);

float widest_label(Canvas& canvas, const std::vector<Tick>& ticks, float font);

// `text`, or as much of it as fits in `width` followed by an ellipsis.
std::string fit_text(Canvas& canvas, const std::string& text, float size, bool bold, float width);

// `text` in lines of at most `width`, broken at spaces, at most `max_lines` of them; a word
// wider than the line stands alone, and what still does not fit ends in an ellipsis (the
// audit hears of it). The layout reserves the lines' height, the drawing draws the same.
std::vector<std::string> wrap_text(Canvas& canvas, const std::string& text, float size, bool bold,
                                   float width, int max_lines);

// The bottom lines: the note (wrapped) and the warnings (wrapped, flagged true).
std::vector<std::pair<std::string, bool>> footer_lines(Canvas& canvas, const Figure& figure,
                                                       const Style& style, float width);

}  // namespace peviz::plot
