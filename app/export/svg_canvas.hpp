// A Canvas that writes SVG: the same Figure the screen draws, as vector graphics
// a paper or Inkscape can use. Lines, polylines and shapes are SVG elements; a heatmap
// is one embedded PNG with a pixel per cell (crisp when scaled), or one <rect> per cell
// for small grids; a colorbar is a gradient.
//
// Text is drawn as the glyphs' outlines by default (set_outlines): each glyph once in
// <defs>, then one <use> per glyph at the place the screen's layout gives it, so that
// every renderer draws the text exactly where the PNG has it (librsvg drew <text> about
// 17% wider than the screen's metrics). Without outlines, text is editable <text> in
// DejaVu Sans, measured with the screen's font, which only a renderer with that font
// lays out as the screen does.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/plot/canvas.hpp"
#include "app/plot/font_outlines.hpp"

namespace peviz {

// A glyph of a laid-out text: its character and its pen position (px from the text's left).
struct PlacedGlyph {
  std::uint32_t codepoint = 0;
  float x = 0.0f;
};

class SvgCanvas : public plot::Canvas {
 public:
  // `measure(text, size, bold)` gives a text's box in pixels; `ascent` the distance
  // from a line's top to its baseline, as a fraction of the font size.
  using Measure = std::function<plot::Vec2(const std::string&, float, bool)>;
  SvgCanvas(int width, int height, Measure measure, float ascent);

  // Text as glyph outlines: `layout(text, size, bold)` places the glyphs as the screen
  // does, `regular` and `bold` give their shapes (they must outlive the canvas), and
  // `bold_ascent` is the bold font's line-top-to-baseline distance per pixel of size.
  // A glyph neither font has comes from the first of `fallbacks` that has it (the fonts
  // the screen merges in for other scripts).
  using Layout = std::function<std::vector<PlacedGlyph>(const std::string&, float, bool)>;
  void set_outlines(Layout layout, const FontOutlines* regular, const FontOutlines* bold,
                    float bold_ascent, std::vector<const FontOutlines*> fallbacks = {});

  void line(plot::Vec2 a, plot::Vec2 b, plot::Color color, float width) override;
  void polyline(const std::vector<plot::Vec2>& points, plot::Color color, float width) override;
  void convex_fill(const std::vector<plot::Vec2>& points, plot::Color color) override;
  void rect(plot::Rect r, plot::Color color, float width) override;
  void rect_fill(plot::Rect r, plot::Color color) override;
  void circle(plot::Vec2 centre, float radius, plot::Color color, float width) override;
  void circle_fill(plot::Vec2 centre, float radius, plot::Color color) override;
  void text(plot::Vec2 at, const std::string& text, plot::Color color, float size, bool bold,
            float align_x, float align_y, bool vertical) override;
  plot::Vec2 text_size(const std::string& text, float size, bool bold) override;
  void heatmap(plot::Rect dst, const plot::HeatmapLayer& layer, plot::CellRange cells) override;
  void colorbar(plot::Rect dst, ColormapId map, bool vertical) override;
  void push_clip(plot::Rect r) override;
  void pop_clip() override;

  // The whole document (closes any clip left open).
  std::string document() const;

  // Heatmaps with at most this many visible cells become <rect>s, larger ones a PNG.
  static constexpr long kMaxRectCells = 1024;

 private:
  std::string paint(const char* attribute, plot::Color c) const;
  // The glyph's shape in <defs> (added on first use; id "" when it has no ink) and the
  // font it comes from.
  struct GlyphDef {
    std::string id;
    const FontOutlines* font = nullptr;
  };
  const GlyphDef& glyph(std::uint32_t codepoint, bool bold);
  int width_, height_;
  Measure measure_;
  float ascent_;
  Layout layout_;
  const FontOutlines* regular_ = nullptr;
  const FontOutlines* bold_ = nullptr;
  float bold_ascent_ = 0.0f;
  std::vector<const FontOutlines*> fallbacks_;
  std::map<std::pair<bool, std::uint32_t>, GlyphDef> glyphs_;
  std::string defs_;
  std::string body_;
  int clips_open_ = 0;
  int next_id_ = 0;
};

// "&lt;" for "<" and so on: text safe inside an XML element or attribute.
std::string xml_escape(const std::string& text);
// RFC 4648 base64 (for data: URIs).
std::string base64(const std::string& bytes);

}  // namespace peviz
