#include "draw_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ticks.hpp"

namespace peviz::plot {
namespace {

float tick_font(const Style& s) {
  return s.font_size * 0.85f;
}
float label_font(const Style& s) {
  return s.font_size;
}
float panel_title_font(const Style& s) {
  return s.font_size * 1.05f;
}
float title_font(const Style& s) {
  return s.font_size * 1.35f;
}

bool finite(double v) {
  return std::isfinite(v);
}

// Ticks on an axis window, or the category labels that fall in it, with labels that do
// not run into each other: fewer ticks until they fit, and then, at the smallest count,
// every label that would touch the one before it left blank (its tick mark stays).
std::vector<Tick> ticks_for(Canvas& canvas, const Axis& axis, double lo, double hi, float length_px,
                            float font, bool vertical = false) {
  if (lo > hi) std::swap(lo, hi);
  const float gap = font * 0.6f;
  const AxisMap map{lo, hi, 0.0f, std::max(length_px, 1.0f), axis.log};
  // Each labelled tick's extent along the axis, in pixels.
  const auto extent = [&](const Tick& t) {
    const float at = map.to_pixel(t.value);
    const float half = vertical ? font * 0.6f : canvas.text_size(t.label, font, false).x * 0.5f;
    return std::make_pair(at - half, at + half);
  };
  const auto blank_crowded = [&](std::vector<Tick>& ticks) {
    float last_end = -1e30f;
    bool all_fit = true;
    for (Tick& t : ticks) {
      if (t.label.empty()) continue;
      const auto [a, b] = extent(t);
      if (a < last_end + gap) {
        t.label.clear();
        all_fit = false;
        continue;
      }
      last_end = b;
    }
    return all_fit;
  };
  if (!axis.categories.empty()) {
    std::vector<Tick> t;
    const int n = static_cast<int>(axis.categories.size());
    const int first = std::max(0, static_cast<int>(std::ceil(lo - 1e-9)));
    const int last = std::min(n - 1, static_cast<int>(std::floor(hi + 1e-9)));
    const int visible = std::max(1, last - first + 1);
    // Room for the widest label (horizontal) or a line of text (vertical) per label.
    float need = font * 1.3f;
    if (!vertical) {
      for (int k = first; k <= last; ++k)
        need = std::max(need, canvas.text_size(axis.categories[k], font, false).x + gap);
    }
    const int stride =
        std::max(1, static_cast<int>(std::ceil(visible * need / std::max(length_px, 1.0f))));
    for (int k = first; k <= last; k += stride)
      t.push_back({static_cast<double>(k), axis.categories[k]});
    blank_crowded(t);
    return t;
  }
  // Horizontal labels need room for their width, vertical ones for their height.
  int target =
      std::max(vertical ? 3 : 2, static_cast<int>(length_px / (font * (vertical ? 2.6f : 4.5f))));
  for (;; --target) {
    std::vector<Tick> ticks = axis_ticks(lo, hi, target, axis.log, axis.integer);
    std::vector<Tick> trial = ticks;
    if (blank_crowded(trial) || target <= 2) return trial;
  }
}

float widest_label(Canvas& canvas, const std::vector<Tick>& ticks, float font) {
  float w = 0.0f;
  for (const Tick& t : ticks) w = std::max(w, canvas.text_size(t.label, font, false).x);
  return w;
}

// `text`, or as much of it as fits in `width` followed by an ellipsis.
std::string fit_text(Canvas& canvas, const std::string& text, float size, bool bold, float width) {
  if (canvas.text_size(text, size, bold).x <= width) return text;
  canvas.shortened(text);
  std::string cut = text;
  while (!cut.empty()) {
    // Drop one UTF-8 character (and a space before the ellipsis).
    do cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80) != 0 &&
        (static_cast<unsigned char>(cut.back()) & 0x40) != 0) {
      cut.pop_back();  // a lead byte left without its continuation
    }
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    const std::string candidate = cut + "\xE2\x80\xA6";
    if (canvas.text_size(candidate, size, bold).x <= width) return candidate;
  }
  return "";
}

// `text` in lines of at most `width`, broken at spaces, at most `max_lines` of them; a word
// wider than the line stands alone, and what still does not fit ends in an ellipsis (the
// audit hears of it). The layout reserves the lines' height, the drawing draws the same.
std::vector<std::string> wrap_text(Canvas& canvas, const std::string& text, float size, bool bold,
                                   float width, int max_lines) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  if (canvas.text_size(text, size, bold).x <= width) return {text};
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t j = text.find(' ', i);
    words.push_back(text.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  std::string line;
  std::size_t k = 0;
  for (; k < words.size(); ++k) {
    const std::string candidate = line.empty() ? words[k] : line + " " + words[k];
    if (line.empty() || canvas.text_size(candidate, size, bold).x <= width) {
      line = candidate;
      continue;
    }
    lines.push_back(line);
    line = words[k];
    if (static_cast<int>(lines.size()) == max_lines - 1) {
      // The last line takes the rest, shortened if need be.
      for (++k; k < words.size(); ++k) line += " " + words[k];
      break;
    }
  }
  lines.push_back(fit_text(canvas, line, size, bold, width));
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (canvas.text_size(lines[i], size, bold).x > width)
      lines[i] = fit_text(canvas, lines[i], size, bold, width);
  }
  return lines;
}

constexpr int kHeadingLines = 2;  // titles, subtitles and notes wrap to this many lines

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
        std::snprintf(buffer, sizeof buffer, "%s",
                      v > 0 ? "\xE2\x88\x9E" : "\xE2\x88\x92\xE2\x88\x9E");
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
        if (std::abs(a - b) >= 1.0f) canvas.line({x, a}, {x, b}, s.color, 1.3f * lw);
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

}  // namespace

Color text_color_on(Color bg) {
  // Relative luminance (ITU-R BT.709 weights on sRGB, close enough for a contrast choice).
  const float l = 0.2126f * bg.r + 0.7152f * bg.g + 0.0722f * bg.b;
  return l > 0.55f ? hex_color(0x000000) : hex_color(0xffffff);
}

DataWindow default_window(const Panel& p) {
  return {p.x.lo, p.x.hi, p.y.lo, p.y.hi};
}

namespace {
// The bottom lines: the note (wrapped) and the warnings (wrapped, flagged true).
std::vector<std::pair<std::string, bool>> footer_lines(Canvas& canvas, const Figure& figure,
                                                       const Style& style, float width) {
  const float font = tick_font(style);
  std::vector<std::pair<std::string, bool>> out;
  for (const std::string& l : wrap_text(canvas, figure.note, font, false, width, kHeadingLines))
    out.emplace_back(l, false);
  std::string warnings;
  for (const std::string& w : figure.warnings)
    warnings += (warnings.empty() ? "warning: " : "; ") + w;
  for (const std::string& l : wrap_text(canvas, warnings, font, false, width, kHeadingLines))
    out.emplace_back(l, true);
  return out;
}
}  // namespace

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
