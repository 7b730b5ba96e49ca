// A Canvas that writes SVG: the same Figure the screen draws, as vector graphics
// a paper or Inkscape can use. Lines, polylines, shapes and text are SVG elements
// (text in DejaVu Sans, measured with the same font as the screen so the layout is
// the screen's); a heatmap is one embedded PNG with a pixel per cell (crisp when
// scaled), or one <rect> per cell for small grids; a colorbar is a gradient.
#pragma once

#include <functional>
#include <string>

#include "app/plot/canvas.hpp"

namespace peviz {

class SvgCanvas : public plot::Canvas {
 public:
  // `measure(text, size, bold)` gives a text's box in pixels; `ascent` the distance
  // from a line's top to its baseline, as a fraction of the font size.
  using Measure = std::function<plot::Vec2(const std::string&, float, bool)>;
  SvgCanvas(int width, int height, Measure measure, float ascent);

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
  int width_, height_;
  Measure measure_;
  float ascent_;
  std::string body_;
  int clips_open_ = 0;
  int next_id_ = 0;
};

// "&lt;" for "<" and so on: text safe inside an XML element or attribute.
std::string xml_escape(const std::string& text);
// RFC 4648 base64 (for data: URIs).
std::string base64(const std::string& bytes);

}  // namespace peviz
