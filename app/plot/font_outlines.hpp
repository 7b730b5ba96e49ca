// The outlines of a TrueType font's glyphs as SVG path data, read with stb_truetype (the
// rasteriser Dear ImGui builds its atlas with, from Debian's libstb), so that an SVG can
// draw its text as shapes: every renderer (librsvg, Inkscape, browsers, slide tools) then
// draws the glyphs where the layout put them, whatever fonts it has, as matplotlib does
// with svg.fonttype = 'path'.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace peviz {

class FontOutlines {
 public:
  // Reads the font file; ok() is false when it cannot be read or is not a TrueType font.
  explicit FontOutlines(const std::string& ttf_path);
  ~FontOutlines();
  FontOutlines(const FontOutlines&) = delete;
  FontOutlines& operator=(const FontOutlines&) = delete;

  bool ok() const { return font_ != nullptr; }
  bool has(std::uint32_t codepoint) const;
  // The glyph of `codepoint` as SVG path data in font units with y up (M, L, Q, C, Z;
  // whole numbers), "" for a glyph with no ink (a space) or one the font lacks.
  std::string path(std::uint32_t codepoint) const;
  // Font units to pixels for a font drawn `pixel_height` px high, as ImGui sizes its
  // fonts (stbtt_ScaleForPixelHeight: ascent - descent = pixel_height).
  float pixel_scale(float pixel_height) const;
  // The advance width of `codepoint` in font units (0 when the font lacks it).
  int advance(std::uint32_t codepoint) const;

 private:
  struct Font;
  std::unique_ptr<Font> font_;
};

}  // namespace peviz
