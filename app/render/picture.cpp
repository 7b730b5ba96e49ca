#include "picture.hpp"

#include <vector>

#include "app/plot/draw_figure.hpp"

namespace peviz {
namespace {

// Passes everything on except the background fills of a transparent picture.
class WithoutBackground : public plot::Canvas {
 public:
  WithoutBackground(plot::Canvas& inner, plot::Color background, plot::Rect area)
      : inner_(inner), background_(background), area_(area) {}

  void line(plot::Vec2 a, plot::Vec2 b, plot::Color color, float width) override {
    inner_.line(a, b, color, width);
  }
  void polyline(const std::vector<plot::Vec2>& points, plot::Color color, float width) override {
    inner_.polyline(points, color, width);
  }
  void convex_fill(const std::vector<plot::Vec2>& points, plot::Color color) override {
    inner_.convex_fill(points, color);
  }
  void rect(plot::Rect r, plot::Color color, float width) override { inner_.rect(r, color, width); }
  void rect_fill(plot::Rect r, plot::Color color) override {
    const bool paper = color.r == background_.r && color.g == background_.g &&
                       color.b == background_.b && color.a == background_.a;
    const bool everywhere =
        r.x0 <= area_.x0 && r.y0 <= area_.y0 && r.x1 >= area_.x1 && r.y1 >= area_.y1;
    if (paper && everywhere) return;
    inner_.rect_fill(r, color);
  }
  void circle(plot::Vec2 centre, float radius, plot::Color color, float width) override {
    inner_.circle(centre, radius, color, width);
  }
  void circle_fill(plot::Vec2 centre, float radius, plot::Color color) override {
    inner_.circle_fill(centre, radius, color);
  }
  void text(plot::Vec2 at, const std::string& text, plot::Color color, float size, bool bold,
            float align_x, float align_y, bool vertical) override {
    inner_.text(at, text, color, size, bold, align_x, align_y, vertical);
  }
  plot::Vec2 text_size(const std::string& text, float size, bool bold) override {
    return inner_.text_size(text, size, bold);
  }
  void heatmap(plot::Rect dst, const plot::HeatmapLayer& layer, plot::CellRange cells) override {
    inner_.heatmap(dst, layer, cells);
  }
  void colorbar(plot::Rect dst, ColormapId map, bool vertical) override {
    inner_.colorbar(dst, map, vertical);
  }
  void push_clip(plot::Rect r) override { inner_.push_clip(r); }
  void pop_clip() override { inner_.pop_clip(); }

 private:
  plot::Canvas& inner_;
  plot::Color background_;
  plot::Rect area_;
};

}  // namespace

void draw_picture(const plot::Figure& figure, int width, int height, const plot::Style& style,
                  plot::Canvas& canvas, bool transparent) {
  const plot::Rect area{0.0f, 0.0f, static_cast<float>(width), static_cast<float>(height)};
  const float margin = style.font_size * 0.8f;
  const plot::Rect inner{margin, margin, width - margin, height - margin};
  const plot::Color background = style.resolve(style.background);
  WithoutBackground without(canvas, background, inner);
  plot::Canvas& target = transparent ? static_cast<plot::Canvas&>(without) : canvas;
  target.rect_fill(area, background);
  const std::vector<plot::PanelGeometry> layout =
      plot::layout_figure(figure, inner, style, target, {});
  plot::draw_figure(figure, layout, inner, style, target, std::nullopt);
}

}  // namespace peviz
