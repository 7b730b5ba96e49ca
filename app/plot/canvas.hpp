// Where a Figure is drawn: pixel coordinates (y down), a handful of primitives.
// Implemented by ImGuiCanvas (the screen and PNG export) and the SVG writer.
#pragma once

#include <string>
#include <vector>

#include "figure.hpp"

namespace peviz::plot {

struct Vec2 {
  float x = 0.0f, y = 0.0f;
};

struct Rect {
  float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool contains(Vec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

// The cells of a heatmap layer to draw, in (fractional) cell units.
struct CellRange {
  double col0 = 0.0, col1 = 1.0;
  double row0 = 0.0, row1 = 1.0;
};

class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void line(Vec2 a, Vec2 b, Color color, float width) = 0;
  virtual void polyline(const std::vector<Vec2>& points, Color color, float width) = 0;
  // A convex polygon (triangles, quads), filled.
  virtual void convex_fill(const std::vector<Vec2>& points, Color color) = 0;
  virtual void rect(Rect r, Color color, float width) = 0;
  virtual void rect_fill(Rect r, Color color) = 0;
  virtual void circle(Vec2 centre, float radius, Color color, float width) = 0;
  virtual void circle_fill(Vec2 centre, float radius, Color color) = 0;
  // Text whose box is placed so that (align_x, align_y) of it sits at `at`
  // (0 = left/top, 1 = right/bottom). `vertical` turns it 90 degrees counter-clockwise.
  virtual void text(Vec2 at, const std::string& text, Color color, float size, bool bold,
                    float align_x, float align_y, bool vertical = false) = 0;
  virtual Vec2 text_size(const std::string& text, float size, bool bold) = 0;
  // The heatmap's cells `cells` stretched over `dst`, coloured through its colormap.
  virtual void heatmap(Rect dst, const HeatmapLayer& layer, CellRange cells) = 0;
  // The colormap as a bar: low end at the bottom (vertical) or left.
  virtual void colorbar(Rect dst, ColormapId map, bool vertical) = 0;
  virtual void push_clip(Rect r) = 0;
  virtual void pop_clip() = 0;
  // The layout shortened `full` to an ellipsis to fit (a TextAudit counts it).
  virtual void shortened(const std::string& /*full*/) {}
};

}  // namespace peviz::plot
