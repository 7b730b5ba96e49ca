#include "figure_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "figure_text.hpp"

namespace peviz::plot {
namespace {

Color with_alpha(Color c, float a) {
  c.a = a;
  return c;
}

// The part [u0, u1] (fractions of a -> b) of the segment inside `clip` (Liang and Barsky's
// parametric clipping); false when none of it is.
bool clip_segment(Vec2 a, Vec2 b, const Rect& clip, double& u0, double& u1) {
  u0 = 0.0;
  u1 = 1.0;
  const double dx = static_cast<double>(b.x) - a.x, dy = static_cast<double>(b.y) - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - static_cast<double>(clip.x0), clip.x1 - static_cast<double>(a.x),
                       a.y - static_cast<double>(clip.y0), clip.y1 - static_cast<double>(a.y)};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0.0) {
      if (q[k] < 0.0) return false;
      continue;
    }
    const double r = q[k] / p[k];
    if (p[k] < 0.0)
      u0 = std::max(u0, r);
    else
      u1 = std::min(u1, r);
  }
  return u0 <= u1;
}

// A polyline with dashes or dots as separate segments, drawn only where it crosses `clip`.
// Dash k covers [k (on + off), k (on + off) + on] of the distance along the whole line; the
// loop runs over whole dash indices in double, so it advances at any length (a float
// distance stepped by a small epsilon stops moving past 2048 px and loops forever).
void stroke_polyline(Canvas& canvas, const std::vector<Vec2>& pts, Color color, float width,
                     Stroke stroke, const Rect& clip) {
  if (pts.size() < 2) return;
  if (stroke == Stroke::Solid) {
    canvas.polyline(pts, color, width);
    return;
  }
  const double on = stroke == Stroke::Dashed ? 7.0 * width : 1.2 * width;
  const double period = on + (stroke == Stroke::Dashed ? 4.5 * width : 2.8 * width);
  if (!(period > 0.0) || !std::isfinite(period)) return;
  // Dashes reaching into the clip box by half a line width still show.
  const Rect box{clip.x0 - width, clip.y0 - width, clip.x1 + width, clip.y1 + width};
  double walked = 0.0;  // distance along the line to the start of the segment
  for (std::size_t i = 1; i < pts.size(); ++i) {
    const Vec2 a = pts[i - 1], b = pts[i];
    const double len = std::hypot(static_cast<double>(b.x) - a.x, static_cast<double>(b.y) - a.y);
    double u0 = 0.0, u1 = 1.0;
    if (!std::isfinite(len) || len <= 0.0 || !clip_segment(a, b, box, u0, u1)) {
      if (std::isfinite(len)) walked += len;
      continue;
    }
    const double from = walked + u0 * len, to = walked + u1 * len;
    const auto at = [&](double distance) {
      const double u = (distance - walked) / len;
      return Vec2{static_cast<float>(a.x + (b.x - a.x) * u),
                  static_cast<float>(a.y + (b.y - a.y) * u)};
    };
    // The visible part is at most the box's diagonal long, so this is a bounded number of dashes.
    const double k0 = std::floor(from / period);
    const auto count = static_cast<long long>(std::min(std::floor(to / period) - k0, 1e7));
    for (long long j = 0; j <= count; ++j) {
      const double k = k0 + static_cast<double>(j);
      const double s = std::max(from, k * period), e = std::min(to, k * period + on);
      if (e > s) canvas.line(at(s), at(e), color, width);
    }
    walked += len;
  }
}

void draw_marker(Canvas& canvas, Marker m, Vec2 p, float r, Color color) {
  switch (m) {
    case Marker::None:
      break;
    case Marker::Circle:
      canvas.circle_fill(p, r, color);
      break;
    case Marker::Square:
      canvas.rect_fill({p.x - r, p.y - r, p.x + r, p.y + r}, color);
      break;
    case Marker::Diamond:
      canvas.convex_fill({{p.x, p.y - r * 1.3f},
                          {p.x + r * 1.3f, p.y},
                          {p.x, p.y + r * 1.3f},
                          {p.x - r * 1.3f, p.y}},
                         color);
      break;
  }
}

// Pixels of a series, broken into runs at NaN/infinite or (on log axes) non-positive values.
std::vector<std::vector<Vec2>> series_runs(const std::vector<double>& x,
                                           const std::vector<double>& y, const PanelGeometry& g) {
  std::vector<std::vector<Vec2>> runs(1);
  const std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool ok =
        finite(x[i]) && finite(y[i]) && !(g.x.log && x[i] <= 0.0) && !(g.y.log && y[i] <= 0.0);
    if (!ok) {
      if (!runs.back().empty()) runs.emplace_back();
      continue;
    }
    runs.back().push_back({g.x.to_pixel(x[i]), g.y.to_pixel(y[i])});
  }
  return runs;
}

// The masked (non-finite) cells of a heatmap over its colours: each row's runs of them as
// one neutral rectangle, and a cross in every cell of 10 px or more.
void draw_masked_cells(Canvas& canvas, const HeatmapLayer& h, const PanelGeometry& g,
                       const Style& style) {
  const Eigen::MatrixXd& v = *h.values;
  const double rows = static_cast<double>(v.rows()), cols = static_cast<double>(v.cols());
  const double cw = (h.x_hi - h.x_lo) / cols, ch = (h.y_hi - h.y_lo) / rows;
  const float cell_w = std::abs(g.x.to_pixel(h.x_lo + cw) - g.x.to_pixel(h.x_lo));
  const float cell_h = std::abs(g.y.to_pixel(h.y_lo + ch) - g.y.to_pixel(h.y_lo));
  const bool crosses = cell_w >= 10.0f && cell_h >= 10.0f;
  const Color fill = style.surface, mark = style.muted;
  canvas.push_clip(g.plot);
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    const float ya = g.y.to_pixel(h.y_lo + static_cast<double>(r) * ch);
    const float yb = g.y.to_pixel(h.y_lo + static_cast<double>(r + 1) * ch);
    if (std::max(ya, yb) < g.plot.y0 || std::min(ya, yb) > g.plot.y1) continue;
    for (Eigen::Index c = 0; c < v.cols();) {
      if (std::isfinite(v(r, c))) {
        ++c;
        continue;
      }
      Eigen::Index end = c;
      while (end < v.cols() && !std::isfinite(v(r, end))) ++end;
      const float xa = g.x.to_pixel(h.x_lo + static_cast<double>(c) * cw);
      const float xb = g.x.to_pixel(h.x_lo + static_cast<double>(end) * cw);
      // Whole pixels: a fractional edge would blend into a light seam over the next cell.
      canvas.rect_fill({std::round(std::min(xa, xb)), std::round(std::min(ya, yb)),
                        std::round(std::max(xa, xb)), std::round(std::max(ya, yb))},
                       fill);
      if (crosses) {
        for (Eigen::Index k = c; k < end; ++k) {
          const float x0 = g.x.to_pixel(h.x_lo + (static_cast<double>(k) + 0.2) * cw);
          const float x1 = g.x.to_pixel(h.x_lo + (static_cast<double>(k) + 0.8) * cw);
          const float y0 = g.y.to_pixel(h.y_lo + (static_cast<double>(r) + 0.2) * ch);
          const float y1 = g.y.to_pixel(h.y_lo + (static_cast<double>(r) + 0.8) * ch);
          canvas.line({x0, y0}, {x1, y1}, mark, 1.2f * style.line_scale);
          canvas.line({x0, y1}, {x1, y0}, mark, 1.2f * style.line_scale);
        }
      }
      c = end;
    }
  }
  canvas.pop_clip();
}

void draw_heatmap(Canvas& canvas, const HeatmapLayer& h, const PanelGeometry& g,
                  const Style& style) {
  if (!h.values || h.values->size() == 0) return;
  const auto rows = static_cast<double>(h.values->rows());
  const auto cols = static_cast<double>(h.values->cols());
  const DataWindow& w = g.window;
  // The visible part of the layer, in data coordinates.
  const double x0 = std::max(std::min(w.x_lo, w.x_hi), std::min(h.x_lo, h.x_hi));
  const double x1 = std::min(std::max(w.x_lo, w.x_hi), std::max(h.x_lo, h.x_hi));
  const double y0 = std::max(std::min(w.y_lo, w.y_hi), std::min(h.y_lo, h.y_hi));
  const double y1 = std::min(std::max(w.y_lo, w.y_hi), std::max(h.y_lo, h.y_hi));
  if (!(x1 > x0) || !(y1 > y0)) return;
  const auto col_of = [&](double x) { return (x - h.x_lo) / (h.x_hi - h.x_lo) * cols; };
  const auto row_of = [&](double y) { return (y - h.y_lo) / (h.y_hi - h.y_lo) * rows; };
  const float px0 = g.x.to_pixel(x0), px1 = g.x.to_pixel(x1);
  const float py0 = g.y.to_pixel(y0), py1 = g.y.to_pixel(y1);
  // Top of the destination is the smaller pixel y; pass the rows in that order.
  const bool y0_on_top = py0 < py1;
  const bool x0_on_left = px0 < px1;
  CellRange cells;
  cells.col0 = x0_on_left ? col_of(x0) : col_of(x1);
  cells.col1 = x0_on_left ? col_of(x1) : col_of(x0);
  cells.row0 = y0_on_top ? row_of(y0) : row_of(y1);
  cells.row1 = y0_on_top ? row_of(y1) : row_of(y0);
  const Rect dst{std::min(px0, px1), std::min(py0, py1), std::max(px0, px1), std::max(py0, py1)};
  canvas.heatmap(dst, h, cells);
  if (h.masked) draw_masked_cells(canvas, h, g, style);

  if (!h.print_values) return;
  const int c0 = std::max(0, static_cast<int>(std::floor(std::min(cells.col0, cells.col1))));
  const int c1 = std::min(static_cast<int>(cols),
                          static_cast<int>(std::ceil(std::max(cells.col0, cells.col1))));
  const int r0 = std::max(0, static_cast<int>(std::floor(std::min(cells.row0, cells.row1))));
  const int r1 = std::min(static_cast<int>(rows),
                          static_cast<int>(std::ceil(std::max(cells.row0, cells.row1))));
  if (c1 - c0 > 32 || r1 - r0 > 32) return;
  const float cell_w =
      std::abs(g.x.to_pixel(h.x_lo + (h.x_hi - h.x_lo) / cols) - g.x.to_pixel(h.x_lo));
  const float cell_h =
      std::abs(g.y.to_pixel(h.y_lo + (h.y_hi - h.y_lo) / rows) - g.y.to_pixel(h.y_lo));
  const float font = std::min(tick_font(style), std::min(cell_h * 0.45f, cell_w * 0.28f));
  if (font < 8.0f) return;
  const Colormap& map = colormap(h.colormap);
  canvas.push_clip(g.plot);
  for (int r = r0; r < r1; ++r) {
    for (int c = c0; c < c1; ++c) {
      const double v = (*h.values)(r, c);
      if (h.masked && !std::isfinite(v)) continue;  // crossed out instead
      const double xc = h.x_lo + (c + 0.5) * (h.x_hi - h.x_lo) / cols;
      const double yc = h.y_lo + (r + 0.5) * (h.y_hi - h.y_lo) / rows;
      char buffer[32];
      if (std::isinf(v)) {
        std::snprintf(buffer, sizeof buffer, "%s", v > 0 ? "∞" : "−∞");
      } else {
        std::snprintf(buffer, sizeof buffer, "%.*f", h.decimals, v);
      }
      const Rgb bg = colormap_sample(map, colormap_position(v, h.lo, h.hi));
      const Color fg = text_color_on(
          {static_cast<float>(bg.r), static_cast<float>(bg.g), static_cast<float>(bg.b), 1});
      canvas.text({g.x.to_pixel(xc), g.y.to_pixel(yc)}, buffer, fg, font, false, 0.5f, 0.5f);
    }
  }
  canvas.pop_clip();
}

void draw_colorbar(Canvas& canvas, const HeatmapLayer& h, Rect bar, const Style& style) {
  canvas.colorbar(bar, h.colormap, true);
  canvas.rect(bar, style.axis, 1.0f * style.line_scale);
  const float font = tick_font(style);
  AxisMap m{h.lo, h.hi, bar.y1, bar.y0, false};
  Axis scale;
  scale.lo = h.lo;
  scale.hi = h.hi;
  for (const Tick& t : ticks_for(canvas, scale, h.lo, h.hi, bar.height(), font, true)) {
    const float y = m.to_pixel(t.value);
    canvas.line({bar.x1, y}, {bar.x1 + font * 0.3f, y}, style.axis, style.line_scale);
    canvas.text({bar.x1 + font * 0.45f, y}, t.label, style.text, font, false, 0.0f, 0.5f);
  }
  if (!h.value_label.empty()) {
    canvas.text({bar.x0, bar.y0 - font * 0.5f}, h.value_label, style.text, font, false, 0.0f, 1.0f);
  }
}

struct LegendEntry {
  std::string label;
  Color color;
  int kind;  // 0 line, 1 box
  Stroke stroke = Stroke::Solid;
};

std::vector<LegendEntry> legend_entries(const Panel& p) {
  std::vector<LegendEntry> entries;
  for (const LineSeries& s : p.lines) {
    if (!s.label.empty()) entries.push_back({s.label, s.color, 0, s.stroke});
  }
  for (const Bars& b : p.bars) {
    if (!b.label.empty()) entries.push_back({b.label, b.color, 1});
  }
  for (const Band& b : p.bands) {
    if (!b.label.empty()) entries.push_back({b.label, b.color, 1});
  }
  return entries;
}

}  // namespace

// The width of the legend box (0 without entries).
float legend_height(const Panel& p, const Style& style) {
  const std::size_t n = legend_entries(p).size();
  if (n == 0 || p.legend == Corner::None) return 0.0f;
  const float font = tick_font(style);
  return font * 0.5f * 2 + font * 1.35f * static_cast<float>(n);
}

float legend_width(Canvas& canvas, const Panel& p, const Style& style) {
  const std::vector<LegendEntry> entries = legend_entries(p);
  if (entries.empty() || p.legend == Corner::None) return 0.0f;
  const float font = tick_font(style);
  float w = 0.0f;
  for (const LegendEntry& e : entries) w = std::max(w, canvas.text_size(e.label, font, false).x);
  return font * 0.5f * 3 + font * 1.8f + w;
}

namespace {

void draw_legend(Canvas& canvas, const Panel& p, const PanelGeometry& g, const Style& style) {
  if (p.legend == Corner::None) return;
  const std::vector<LegendEntry> entries = legend_entries(p);
  if (entries.empty()) return;
  const float font = tick_font(style);
  const float swatch = font * 1.8f;
  float w = 0.0f;
  for (const LegendEntry& e : entries) w = std::max(w, canvas.text_size(e.label, font, false).x);
  const float row = font * 1.35f;
  const float pad = font * 0.5f;
  const float bw = pad * 3 + swatch + w;
  const float bh = pad * 2 + row * entries.size();
  const bool right = p.legend == Corner::TopRight || p.legend == Corner::BottomRight;
  const bool top =
      p.legend == Corner::TopLeft || p.legend == Corner::TopRight || p.legend == Corner::Outside;
  float x0 = right ? g.plot.x1 - bw - pad : g.plot.x0 + pad;
  float y0 = top ? g.plot.y0 + (p.legend == Corner::Outside ? 0.0f : pad) : g.plot.y1 - bh - pad;
  if (p.legend == Corner::Outside) x0 = g.plot.x1 + font * 0.8f;
  if (g.legend_below) {
    x0 = g.legend_at.x;
    y0 = g.legend_at.y;
  }
  const Rect box{x0, y0, x0 + bw, y0 + bh};
  canvas.rect_fill(box, with_alpha(style.background, 0.88f));
  if (p.legend != Corner::Outside) canvas.rect(box, style.grid, style.line_scale);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const float yc = y0 + pad + row * (i + 0.5f);
    const LegendEntry& e = entries[i];
    if (e.kind == 0) {
      stroke_polyline(canvas, {{x0 + pad, yc}, {x0 + pad + swatch, yc}}, e.color,
                      2.5f * style.line_scale, e.stroke, box);
    } else {
      canvas.rect_fill({x0 + pad, yc - font * 0.4f, x0 + pad + swatch, yc + font * 0.4f}, e.color);
    }
    canvas.text({x0 + pad * 2 + swatch, yc}, e.label, style.text, font, false, 0.0f, 0.5f);
  }
}

void draw_axes(Canvas& canvas, const Panel& p, const PanelGeometry& g, const Style& style) {
  const float font = tick_font(style);
  const float lw = style.line_scale;
  const Rect& r = g.plot;
  const std::vector<Tick> xt =
      ticks_for(canvas, p.x, g.window.x_lo, g.window.x_hi, r.width(), font);
  const std::vector<Tick> yt =
      ticks_for(canvas, p.y, g.window.y_lo, g.window.y_hi, r.height(), font, true);
  if (p.grid && !p.heatmap) {
    for (const Tick& t : xt) {
      const float x = g.x.to_pixel(t.value);
      canvas.line({x, r.y0}, {x, r.y1}, t.label.empty() ? with_alpha(style.grid, 0.5f) : style.grid,
                  lw);
    }
    for (const Tick& t : yt) {
      const float y = g.y.to_pixel(t.value);
      canvas.line({r.x0, y}, {r.x1, y}, t.label.empty() ? with_alpha(style.grid, 0.5f) : style.grid,
                  lw);
    }
  }
  canvas.rect(r, style.axis, lw);
  for (const Tick& t : xt) {
    const float x = g.x.to_pixel(t.value);
    const float len = t.label.empty() ? font * 0.2f : font * 0.35f;
    canvas.line({x, r.y1}, {x, r.y1 + len}, style.axis, lw);
    if (!t.label.empty())
      canvas.text({x, r.y1 + font * 0.45f}, t.label, style.text, font, false, 0.5f, 0.0f);
  }
  for (const Tick& t : yt) {
    const float y = g.y.to_pixel(t.value);
    const float len = t.label.empty() ? font * 0.2f : font * 0.35f;
    canvas.line({r.x0 - len, y}, {r.x0, y}, style.axis, lw);
    if (!t.label.empty())
      canvas.text({r.x0 - font * 0.5f, y}, t.label, style.text, font, false, 1.0f, 0.5f);
  }
  const float lf = label_font(style);
  if (!p.x.label.empty()) {
    canvas.text({(r.x0 + r.x1) * 0.5f, r.y1 + font * 1.75f}, p.x.label, style.text, lf, false, 0.5f,
                0.0f);
  }
  if (!p.y.label.empty() && g.y_label_above) {
    // Across, over the plot's top-left corner (the layout made room): it was longer than
    // the plot is tall.
    canvas.text({r.x0 - widest_label(canvas, yt, font) - font * 0.5f, r.y0 - font * 0.5f},
                p.y.label, style.text, lf, false, 0.0f, 1.0f);
  } else if (!p.y.label.empty()) {
    const float tw = widest_label(canvas, yt, font);
    // Rotated: its bottom faces the tick labels with a gap, centred along the axis.
    canvas.text({r.x0 - font * 0.85f - tw, (r.y0 + r.y1) * 0.5f}, p.y.label, style.text, lf, false,
                1.0f, 0.5f, true);
  }
}

}  // namespace

void draw_panel(Canvas& canvas, const Panel& p, const PanelGeometry& g, const Style& style,
                std::optional<Cursor> cursor) {
  const float lw = style.line_scale;
  const float font = tick_font(style);
  if (!p.title.empty()) {
    // Over the plot; when that is too narrow, from the panel's left edge, on two lines
    // if need be (the layout reserved them) rather than running into the next panel.
    const float tf = panel_title_font(style);
    const bool fits = canvas.text_size(p.title, tf, true).x <= g.area.x1 - g.plot.x0;
    const float x0 = fits ? g.plot.x0 : g.area.x0;
    float ty = g.area.y0;
    for (const std::string& line :
         wrap_text(canvas, p.title, tf, true, g.area.x1 - x0, kHeadingLines)) {
      canvas.text({x0, ty}, line, style.text, tf, true, 0.0f, 0.0f);
      ty += tf * 1.25f;
    }
  }
  canvas.push_clip(g.plot);
  if (p.heatmap) draw_heatmap(canvas, *p.heatmap, g, style);
  for (const Band& b : p.bands) {
    if (b.vertical) {
      const float a = g.x.to_pixel(b.from), c = g.x.to_pixel(b.to);
      canvas.rect_fill({std::min(a, c), g.plot.y0, std::max(a, c), g.plot.y1}, b.color);
    } else {
      const float a = g.y.to_pixel(b.from), c = g.y.to_pixel(b.to);
      canvas.rect_fill({g.plot.x0, std::min(a, c), g.plot.x1, std::max(a, c)}, b.color);
    }
  }
  canvas.pop_clip();
  if (p.axes) draw_axes(canvas, p, g, style);
  canvas.push_clip(g.plot);
  for (const Bars& b : p.bars) {
    const std::size_t n = std::min(b.x.size(), b.height.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!finite(b.x[i]) || !finite(b.height[i])) continue;
      const float xa = g.x.to_pixel(b.x[i] - b.width / 2), xb = g.x.to_pixel(b.x[i] + b.width / 2);
      const float ya = g.y.to_pixel(b.base), yb = g.y.to_pixel(b.height[i]);
      canvas.rect_fill({std::min(xa, xb), std::min(ya, yb),
                        std::max(xa, xb) + (std::abs(xb - xa) < 1 ? 1.0f : 0.0f), std::max(ya, yb)},
                       b.color);
    }
  }
  for (const LineSeries& s : p.lines) {
    if (!s.y_low.empty()) {
      // A min-max envelope (one entry per pixel): each column's range as a vertical
      // stroke, joined through the middles, so a dense curve reads as a solid band and a
      // slow one as the curve itself.
      const std::size_t n = std::min({s.x.size(), s.y.size(), s.y_low.size()});
      std::vector<double> mid(n);
      for (std::size_t i = 0; i < n; ++i) {
        mid[i] = 0.5 * (s.y[i] + s.y_low[i]);
        if (!finite(s.x[i]) || !finite(s.y[i]) || !finite(s.y_low[i])) continue;
        const float x = g.x.to_pixel(s.x[i]);
        const float a = g.y.to_pixel(s.y_low[i]), b = g.y.to_pixel(s.y[i]);
        // An upright rectangle: two triangles on the rasterisers' fast path, where an
        // anti-aliased line is six (a million-position curve has a column per pixel).
        const float half = 0.65f * lw;
        if (std::abs(a - b) >= 1.0f)
          canvas.rect_fill({x - half, std::min(a, b), x + half, std::max(a, b)}, s.color);
      }
      for (const std::vector<Vec2>& run : series_runs(s.x, mid, g)) {
        stroke_polyline(canvas, run, s.color, s.width * lw, Stroke::Solid, g.plot);
      }
      continue;
    }
    for (const std::vector<Vec2>& run : series_runs(s.x, s.y, g)) {
      stroke_polyline(canvas, run, s.color, s.width * lw, s.stroke, g.plot);
      if (s.marker != Marker::None && run.size() <= 400) {
        for (const Vec2& v : run) draw_marker(canvas, s.marker, v, s.marker_size * lw, s.color);
      }
    }
  }
  for (const RefLine& ref : p.refs) {
    if (ref.vertical) {
      const float x = g.x.to_pixel(ref.at);
      stroke_polyline(canvas, {{x, g.plot.y0}, {x, g.plot.y1}}, ref.color, ref.width * lw,
                      ref.stroke, g.plot);
      if (!ref.label.empty()) {
        canvas.text({x + font * 0.3f, g.plot.y0 + font * 0.3f}, ref.label, ref.color, font, false,
                    0.0f, 0.0f);
      }
    } else {
      const float y = g.y.to_pixel(ref.at);
      stroke_polyline(canvas, {{g.plot.x0, y}, {g.plot.x1, y}}, ref.color, ref.width * lw,
                      ref.stroke, g.plot);
      if (!ref.label.empty()) {
        canvas.text({g.plot.x1 - font * 0.3f, y - font * 0.2f}, ref.label, ref.color, font, false,
                    1.0f, 1.0f);
      }
    }
  }
  for (const Shape& s : p.shapes) {
    const Vec2 a{g.x.to_pixel(s.x0), g.y.to_pixel(s.y0)};
    if (s.kind == Shape::Kind::Circle) {
      const float radius = std::abs(g.x.to_pixel(s.x0 + s.x1) - a.x);
      if (s.filled) canvas.circle_fill(a, radius, s.fill);
      canvas.circle(a, radius, s.color, s.width * lw);
      continue;
    }
    const Vec2 b{g.x.to_pixel(s.x1), g.y.to_pixel(s.y1)};
    canvas.line(a, b, s.color, s.width * lw);
    if (s.kind == Shape::Kind::Arrow) {
      const float len = std::hypot(b.x - a.x, b.y - a.y);
      if (len > 1.0f) {
        const float ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
        const float head = std::min(len * 0.35f, 4.5f * s.width * lw + 4.0f);
        const Vec2 base{b.x - ux * head, b.y - uy * head};
        canvas.convex_fill({b,
                            {base.x - uy * head * 0.5f, base.y + ux * head * 0.5f},
                            {base.x + uy * head * 0.5f, base.y - ux * head * 0.5f}},
                           s.color);
      }
    }
  }
  for (const Text& t : p.texts) {
    const float size = style.font_size * t.scale;
    const std::string text =
        t.max_width > 0.0f ? fit_text(canvas, t.text, size, t.bold, t.max_width * g.plot.width())
                           : t.text;
    canvas.text({g.x.to_pixel(t.x), g.y.to_pixel(t.y)}, text, t.color, size, t.bold, t.align_x,
                t.align_y);
  }
  if (cursor) {
    if (p.x.position && finite(cursor->x)) {
      const float x = g.x.to_pixel(cursor->x);
      canvas.line({x, g.plot.y0}, {x, g.plot.y1}, style.cursor, 1.5f * lw);
    }
    if (p.y.position && finite(cursor->y)) {
      const float y = g.y.to_pixel(cursor->y);
      canvas.line({g.plot.x0, y}, {g.plot.x1, y}, style.cursor, 1.5f * lw);
    }
  }
  canvas.pop_clip();
  draw_legend(canvas, p, g, style);
  if (p.heatmap && p.heatmap->colorbar && g.colorbar.width() > 0)
    draw_colorbar(canvas, *p.heatmap, g.colorbar, style);
}

}  // namespace peviz::plot
