#include "draw_figure.hpp"

#include <algorithm>
#include <cmath>

#include "figure_panel.hpp"
#include "figure_text.hpp"

namespace peviz::plot {

Color text_color_on(Color bg) {
  // Relative luminance (ITU-R BT.709 weights on sRGB, close enough for a contrast choice).
  const float l = 0.2126f * bg.r + 0.7152f * bg.g + 0.0722f * bg.b;
  return l > 0.55f ? hex_color(0x000000) : hex_color(0xffffff);
}

DataWindow default_window(const Panel& p) {
  return {p.x.lo, p.x.hi, p.y.lo, p.y.hi};
}

namespace {

// Resolves the Figure's colour roles (Ink) through the Style on the way to the
// canvas, so canvases only ever see literal colours.
class ThemedCanvas : public Canvas {
 public:
  ThemedCanvas(Canvas& inner, const Style& style) : inner_(inner), style_(style) {}
  void line(Vec2 a, Vec2 b, Color color, float width) override {
    inner_.line(a, b, style_.resolve(color), width);
  }
  void polyline(const std::vector<Vec2>& points, Color color, float width) override {
    inner_.polyline(points, style_.resolve(color), width);
  }
  void convex_fill(const std::vector<Vec2>& points, Color color) override {
    inner_.convex_fill(points, style_.resolve(color));
  }
  void rect(Rect r, Color color, float width) override {
    inner_.rect(r, style_.resolve(color), width);
  }
  void rect_fill(Rect r, Color color) override { inner_.rect_fill(r, style_.resolve(color)); }
  void circle(Vec2 centre, float radius, Color color, float width) override {
    inner_.circle(centre, radius, style_.resolve(color), width);
  }
  void circle_fill(Vec2 centre, float radius, Color color) override {
    inner_.circle_fill(centre, radius, style_.resolve(color));
  }
  void text(Vec2 at, const std::string& text, Color color, float size, bool bold, float align_x,
            float align_y, bool vertical = false) override {
    inner_.text(at, text, style_.resolve(color), size, bold, align_x, align_y, vertical);
  }
  Vec2 text_size(const std::string& text, float size, bool bold) override {
    return inner_.text_size(text, size, bold);
  }
  void heatmap(Rect dst, const HeatmapLayer& layer, CellRange cells) override {
    inner_.heatmap(dst, layer, cells);
  }
  void colorbar(Rect dst, ColormapId map, bool vertical) override {
    inner_.colorbar(dst, map, vertical);
  }
  void shortened(const std::string& full) override { inner_.shortened(full); }
  void push_clip(Rect r) override { inner_.push_clip(r); }
  void pop_clip() override { inner_.pop_clip(); }

 private:
  Canvas& inner_;
  const Style& style_;
};

}  // namespace

void draw_figure(const Figure& figure, const std::vector<PanelGeometry>& layout, Rect area,
                 const Style& style, Canvas& target, std::optional<Cursor> cursor) {
  ThemedCanvas canvas(target, style);
  canvas.rect_fill(area, style.background);
  float y = area.y0;
  for (const std::string& line :
       wrap_text(canvas, figure.title, title_font(style), true, area.width(), kHeadingLines)) {
    canvas.text({area.x0, y}, line, style.text, title_font(style), true, 0.0f, 0.0f);
    y += title_font(style) * 1.35f;
  }
  for (const std::string& line :
       wrap_text(canvas, figure.subtitle, style.font_size, false, area.width(), kHeadingLines)) {
    canvas.text({area.x0, y}, line, style.muted, style.font_size, false, 0.0f, 0.0f);
    y += style.font_size * 1.3f;
  }
  if (!figure.note.empty() || !figure.warnings.empty()) {
    // The note, then the warnings in the colour of a failed check, on as many lines as the
    // layout reserved, from the bottom up.
    const float font = tick_font(style);
    const std::vector<std::pair<std::string, bool>> lines =
        footer_lines(canvas, figure, style, area.width());
    float base_y = area.y1 - style.font_size * 0.2f -
                   style.font_size * 1.15f * static_cast<float>(lines.size() - 1);
    for (const auto& [line, warning] : lines) {
      canvas.text({area.x0, base_y}, line, warning ? style.bad : style.muted, font, false, 0.0f,
                  1.0f);
      base_y += style.font_size * 1.15f;
    }
  }
  if (!figure.message.empty()) {
    canvas.text({(area.x0 + area.x1) * 0.5f, (area.y0 + area.y1) * 0.5f}, figure.message,
                style.muted, style.font_size * 1.2f, false, 0.5f, 0.5f);
    return;
  }
  for (std::size_t i = 0; i < figure.panels.size() && i < layout.size(); ++i) {
    draw_panel(canvas, figure.panels[i], layout[i], style, cursor);
  }
}

}  // namespace peviz::plot
