// Sizes and colours of a drawn Figure: the theme (light, dark, high contrast) and
// the scale (a projector wants bigger text and thicker lines). Figures name colour
// roles (figure.hpp Ink); a Style resolves them, so one Figure draws in every theme.
#pragma once

#include <array>
#include <string>

#include "figure.hpp"

namespace peviz::plot {

enum class Theme { Light, Dark, Contrast };
inline constexpr Theme kAllThemes[] = {Theme::Light, Theme::Dark, Theme::Contrast};

struct Style {
  Theme theme = Theme::Light;
  float font_size = 20.0f;  // body text in pixels; titles and ticks scale from it
  float line_scale = 1.0f;  // multiplies every line width
  Color background = hex_color(0xffffff);
  Color text = hex_color(0x15151a);
  Color muted = hex_color(0x5a5f6a);  // ticks, subtitles
  Color axis = hex_color(0x6b7080);
  Color grid = hex_color(0xe3e6ec);
  Color surface = hex_color(0xf1f3f7);
  Color good = hex_color(0x009e73);  // Okabe-Ito bluish green
  Color bad = hex_color(0xd55e00);   // Okabe-Ito vermillion
  Color cursor = hex_color(0x111111, 0.85f);
  // Okabe & Ito's colour-blind-safe palette, darkest-first for white backgrounds.
  std::array<Color, 8> palette = {hex_color(0x0072b2), hex_color(0xd55e00), hex_color(0x009e73),
                                  hex_color(0xcc79a7), hex_color(0xe69f00), hex_color(0x56b4e9),
                                  hex_color(0x000000), hex_color(0xf0e442)};
  Color series(std::size_t i) const { return palette[i % palette.size()]; }
  // The colour a role stands for in this theme (alpha multiplied); literal colours as they are.
  Color resolve(Color c) const;
};

Style light_style(float font_size = 20.0f);
Style dark_style(float font_size = 20.0f);
// Black on white, no grey text, darker palette and thicker lines: for projectors
// in bright rooms and for low vision.
Style contrast_style(float font_size = 20.0f);
Style theme_style(Theme theme, float font_size = 20.0f);

// The roles themselves: what views put into Figures (style.text is Ink::Text...).
Style ink_style();

// "light", "dark", "contrast"; throws InvalidArgument for another name.
Theme theme_by_name(const std::string& name);
const char* theme_name(Theme theme);

}  // namespace peviz::plot
