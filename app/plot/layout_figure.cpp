#include "draw_figure.hpp"

#include <algorithm>
#include <cmath>

#include "figure_panel.hpp"
#include "figure_text.hpp"

namespace peviz::plot {

std::vector<PanelGeometry> layout_figure(const Figure& figure, Rect area, const Style& style,
                                         Canvas& canvas, const FigureRequest& windows) {
  std::vector<PanelGeometry> out;
  const float font = tick_font(style);
  float top = area.y0;
  const auto lines = [&](const std::string& text, float size, bool bold) {
    return static_cast<float>(
        wrap_text(canvas, text, size, bold, area.width(), kHeadingLines).size());
  };
  if (!figure.title.empty())
    top += title_font(style) * 1.35f * lines(figure.title, title_font(style), true);
  if (!figure.subtitle.empty())
    top += style.font_size * 1.3f * lines(figure.subtitle, style.font_size, false);
  if (!figure.title.empty() || !figure.subtitle.empty()) top += style.font_size * 0.4f;
  float bottom = area.y1;
  if (!figure.note.empty() || !figure.warnings.empty()) {
    bottom -= style.font_size *
              (0.25f + 1.15f * static_cast<float>(
                                   footer_lines(canvas, figure, style, area.width()).size()));
  }
  const Rect body{area.x0, top, area.x1, std::max(top + 1.0f, bottom)};

  for (const Panel& p : figure.panels) {
    PanelGeometry g;
    g.area = {body.x0 + p.left * body.width(), body.y0 + p.top * body.height(),
              body.x0 + p.right * body.width(), body.y0 + p.bottom * body.height()};
    g.window = default_window(p);
    if (const DataWindow* w = windows.window(p.id)) g.window = *w;
    float l = font * 0.6f, r = font * 1.0f, t = font * 0.6f, b = font * 0.6f;
    if (!p.title.empty()) {
      const float tf = panel_title_font(style);
      // Wrapped in the panel's width when it does not fit over the plot (as drawn).
      const std::size_t n =
          wrap_text(canvas, p.title, tf, true, g.area.width(), kHeadingLines).size();
      t += tf * (1.5f + 1.25f * static_cast<float>(n - 1));
    }
    if (p.axes) {
      const std::vector<Tick> yt =
          ticks_for(canvas, p.y, g.window.y_lo, g.window.y_hi, g.area.height() * 0.8f, font, true);
      l += widest_label(canvas, yt, font) + font * 0.6f;
      if (!p.y.label.empty()) l += label_font(style) * 1.5f;
      b += font * 1.5f;
      if (!p.x.label.empty()) b += label_font(style) * 1.5f;
    }
    if (p.legend == Corner::Outside) r += legend_width(canvas, p, style) + font * 0.8f;
    if (p.heatmap && p.heatmap->colorbar) {
      const float bar_w = font * 1.2f;
      const float label_w =
          std::max(canvas.text_size("-0.00", font, false).x,
                   canvas.text_size(p.heatmap->value_label, font, false).x - bar_w);
      r += bar_w + font * 1.2f + label_w;
      // The colorbar's title sits above the bar: below the panel title, not beside it.
      if (!p.heatmap->value_label.empty()) t += font * 1.4f;
    }
    const auto plot_rect = [&] {
      return Rect{g.area.x0 + l, g.area.y0 + t, std::max(g.area.x0 + l + 10.0f, g.area.x1 - r),
                  std::max(g.area.y0 + t + 10.0f, g.area.y1 - b)};
    };
    g.plot = plot_rect();
    // A legend that would take most of the panel's width goes below the plot.
    if (p.legend == Corner::Outside && legend_width(canvas, p, style) > 0.42f * g.area.width()) {
      const float lw_px = legend_width(canvas, p, style);
      r -= lw_px + font * 0.8f;
      const float below = b;
      b += legend_height(p, style) + font * 0.4f;
      g.legend_below = true;
      g.plot = plot_rect();
      g.legend_at = {g.plot.x0, g.plot.y1 + below};
    }
    // A y label longer than the plot is tall is written across, above the plot.
    if (p.axes && !p.y.label.empty() &&
        canvas.text_size(p.y.label, label_font(style), false).x > g.plot.height() - font * 0.5f) {
      l -= label_font(style) * 1.5f;
      t += label_font(style) * 1.4f;
      g.y_label_above = true;
      g.plot = plot_rect();
      if (g.legend_below) g.legend_at.x = g.plot.x0;
    }
    if (p.equal_aspect) {
      const double dx = std::abs(g.window.x_hi - g.window.x_lo),
                   dy = std::abs(g.window.y_hi - g.window.y_lo);
      if (dx > 0 && dy > 0) {
        const float scale = std::min(static_cast<float>(g.plot.width() / dx),
                                     static_cast<float>(g.plot.height() / dy));
        const float w = static_cast<float>(dx * scale), h = static_cast<float>(dy * scale);
        const float cx = (g.plot.x0 + g.plot.x1) * 0.5f, cy = (g.plot.y0 + g.plot.y1) * 0.5f;
        g.plot = {cx - w * 0.5f, cy - h * 0.5f, cx + w * 0.5f, cy + h * 0.5f};
      }
    }
    if (p.heatmap && p.heatmap->colorbar) {
      const float x0 = g.plot.x1 + font * 1.0f;
      g.colorbar = {x0, g.plot.y0, x0 + font * 1.2f, g.plot.y1};
    }
    g.x = {g.window.x_lo, g.window.x_hi, p.x.inverted ? g.plot.x1 : g.plot.x0,
           p.x.inverted ? g.plot.x0 : g.plot.x1, p.x.log};
    g.y = {g.window.y_lo, g.window.y_hi, p.y.inverted ? g.plot.y0 : g.plot.y1,
           p.y.inverted ? g.plot.y1 : g.plot.y0, p.y.log};
    out.push_back(g);
  }
  // Panels that zoom together in x also line up: the same left and right plot edges.
  for (std::size_t i = 0; i < figure.panels.size(); ++i) {
    const std::string& link = figure.panels[i].x_link;
    if (link.empty()) continue;
    float x0 = out[i].plot.x0, x1 = out[i].plot.x1;
    for (std::size_t j = 0; j < figure.panels.size(); ++j) {
      if (figure.panels[j].x_link == link) {
        x0 = std::max(x0, out[j].plot.x0);
        x1 = std::min(x1, out[j].plot.x1);
      }
    }
    if (x1 <= x0 + 10.0f) continue;
    PanelGeometry& g = out[i];
    const Panel& p = figure.panels[i];
    g.plot.x0 = x0;
    g.plot.x1 = x1;
    g.x = {g.window.x_lo, g.window.x_hi, p.x.inverted ? x1 : x0, p.x.inverted ? x0 : x1, p.x.log};
    if (g.colorbar.width() > 0) {
      const float w = g.colorbar.width();
      g.colorbar.x0 = x1 + font * 1.0f;
      g.colorbar.x1 = g.colorbar.x0 + w;
    }
  }
  return out;
}

}  // namespace peviz::plot
