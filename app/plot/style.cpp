#include "style.hpp"

namespace peviz::plot {

Style light_style(float font_size) {
  Style s;
  s.font_size = font_size;
  return s;
}

Style dark_style(float font_size) {
  Style s;
  s.font_size = font_size;
  s.background = hex_color(0x16181d);
  s.text = hex_color(0xeceef2);
  s.muted = hex_color(0xa9aebb);
  s.axis = hex_color(0x9aa0ad);
  s.grid = hex_color(0x2c3039);
  s.cursor = hex_color(0xffffff, 0.85f);
  s.palette = {hex_color(0x56b4e9), hex_color(0xe69f00), hex_color(0x009e73), hex_color(0xcc79a7),
               hex_color(0xf0e442), hex_color(0xd55e00), hex_color(0xffffff), hex_color(0x0072b2)};
  return s;
}

}  // namespace peviz::plot
