#include "style.hpp"

#include "core/validate.hpp"

namespace peviz::plot {

Color Style::resolve(Color c) const {
  Color base;
  switch (c.ink) {
    case Ink::Literal:
      return c;
    case Ink::Text:
      base = text;
      break;
    case Ink::Muted:
      base = muted;
      break;
    case Ink::Axis:
      base = axis;
      break;
    case Ink::Grid:
      base = grid;
      break;
    case Ink::Paper:
      base = background;
      break;
    case Ink::Surface:
      base = surface;
      break;
    case Ink::Good:
      base = good;
      break;
    case Ink::Bad:
      base = bad;
      break;
    case Ink::Series:
      base = series(c.index);
      break;
  }
  base.a *= c.a;
  base.ink = Ink::Literal;
  return base;
}

Style light_style(float font_size) {
  Style s;
  s.font_size = font_size;
  return s;
}

Style dark_style(float font_size) {
  Style s;
  s.theme = Theme::Dark;
  s.font_size = font_size;
  s.background = hex_color(0x16181d);
  s.text = hex_color(0xeceef2);
  s.muted = hex_color(0xa9aebb);
  s.axis = hex_color(0x9aa0ad);
  s.grid = hex_color(0x2c3039);
  s.surface = hex_color(0x242831);
  s.good = hex_color(0x2ec4a0);
  s.bad = hex_color(0xff8c42);
  s.cursor = hex_color(0xffffff, 0.85f);
  // Okabe-Ito again, lightest-first for a dark background.
  s.palette = {hex_color(0x56b4e9), hex_color(0xe69f00), hex_color(0x009e73), hex_color(0xcc79a7),
               hex_color(0xf0e442), hex_color(0xd55e00), hex_color(0xffffff), hex_color(0x0072b2)};
  return s;
}

Style contrast_style(float font_size) {
  Style s;
  s.theme = Theme::Contrast;
  s.font_size = font_size;
  s.line_scale = 1.5f;
  s.background = hex_color(0xffffff);
  s.text = hex_color(0x000000);
  s.muted = hex_color(0x000000);
  s.axis = hex_color(0x000000);
  s.grid = hex_color(0xa8a8a8);
  s.surface = hex_color(0xe8e8e8);
  s.good = hex_color(0x00704f);
  s.bad = hex_color(0xb8420f);
  s.cursor = hex_color(0x000000);
  // Dark, saturated hues, each at least 4.5:1 against white (WCAG AA), chosen so that the first six
  // stay apart for protan and deutan vision (tests/app/views/themes_test.cpp).
  s.palette = {hex_color(0x004488), hex_color(0xb8420f), hex_color(0x00704f), hex_color(0x9c3f7c),
               hex_color(0x4b0092), hex_color(0x000000), hex_color(0x5e5e5e), hex_color(0x7a4a00)};
  return s;
}

Style theme_style(Theme theme, float font_size) {
  switch (theme) {
    case Theme::Dark:
      return dark_style(font_size);
    case Theme::Contrast:
      return contrast_style(font_size);
    case Theme::Light:
      break;
  }
  return light_style(font_size);
}

Style ink_style() {
  Style s = light_style();
  s.background = ink(Ink::Paper);
  s.text = ink(Ink::Text);
  s.muted = ink(Ink::Muted);
  s.axis = ink(Ink::Axis);
  s.grid = ink(Ink::Grid);
  s.surface = ink(Ink::Surface);
  s.good = ink(Ink::Good);
  s.bad = ink(Ink::Bad);
  for (std::size_t i = 0; i < s.palette.size(); ++i) s.palette[i] = series_ink(i);
  return s;
}

Theme theme_by_name(const std::string& name) {
  for (Theme t : kAllThemes) {
    if (name == theme_name(t)) return t;
  }
  throw InvalidArgument("unknown theme '" + name + "' (choose light, dark, contrast)");
}

const char* theme_name(Theme theme) {
  switch (theme) {
    case Theme::Dark:
      return "dark";
    case Theme::Contrast:
      return "contrast";
    case Theme::Light:
      break;
  }
  return "light";
}

}  // namespace peviz::plot
