// The window's widgets in the plot theme (light, dark, high contrast), and the
// fonts at a size: presentation mode rebuilds the font atlas at a projector's size
// instead of stretching small glyphs.
#pragma once

#include "app/plot/backend/fonts.hpp"
#include "app/plot/style.hpp"

namespace peviz {

// ImGui's colours and spacing for `theme`, with sizes scaled by `scale`.
void apply_ui_theme(plot::Theme theme, float scale);

// The plot Style for the window: the theme at body size 20 * scale.
plot::Style window_style(plot::Theme theme, float scale);

// Font scales offered by presentation mode's + and - keys.
float next_font_scale(float scale, int direction);

// HiDPI: the text scale for a monitor's content scale (glfwGetWindowContentScale: 1 on
// an ordinary screen, 2 on a "Retina" one), the nearest of next_font_scale's steps; 1 for
// a scale that is not a positive number.
float content_text_scale(float content_scale);

}  // namespace peviz
