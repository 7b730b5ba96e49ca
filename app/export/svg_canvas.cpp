#include "svg_canvas.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/plot/cell_span.hpp"
#include "core/utf8.hpp"

namespace peviz {
namespace {

// Six significant digits (a glyph's font-unit scale is about 0.01).
std::string fine(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  std::string s = b;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string hex(double r, double g, double b) {
  const auto byte = [](double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
  };
  char out[8];
  std::snprintf(out, sizeof out, "#%02x%02x%02x", byte(r), byte(g), byte(b));
  return out;
}

std::string points_of(const std::vector<plot::Vec2>& points) {
  std::string s;
  for (const plot::Vec2& p : points) s += (s.empty() ? "" : " ") + num(p.x) + "," + num(p.y);
  return s;
}

void append_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<std::size_t>(size));
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  // XML 1.0 allows no control character but tab and line breaks, not even as a
  // reference, and a document must be UTF-8: anything else becomes U+FFFD.
  for (char c : printable_utf8(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string base64(const std::string& bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned a = static_cast<unsigned char>(bytes[i]);
    const unsigned b = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0u;
    const unsigned c = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0u;
    const unsigned triple = a << 16 | b << 8 | c;
    out += kDigits[triple >> 18 & 63];
    out += kDigits[triple >> 12 & 63];
    out += i + 1 < bytes.size() ? kDigits[triple >> 6 & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[triple & 63] : '=';
  }
  return out;
}

SvgCanvas::SvgCanvas(int width, int height, Measure measure, float ascent)
    : width_(width), height_(height), measure_(std::move(measure)), ascent_(ascent) {}

void SvgCanvas::set_outlines(Layout layout, const FontOutlines* regular, const FontOutlines* bold,
                             float bold_ascent, std::vector<const FontOutlines*> fallbacks) {
  layout_ = std::move(layout);
  regular_ = regular;
  bold_ = bold != nullptr ? bold : regular;
  bold_ascent_ = bold_ascent;
  fallbacks_ = std::move(fallbacks);
}

const SvgCanvas::GlyphDef& SvgCanvas::glyph(std::uint32_t codepoint, bool bold) {
  const auto key = std::make_pair(bold, codepoint);
  if (const auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;
  GlyphDef def;
  def.font = bold ? bold_ : regular_;
  for (std::size_t k = 0; k < fallbacks_.size() && !def.font->has(codepoint); ++k) {
    if (fallbacks_[k] != nullptr && fallbacks_[k]->ok() && fallbacks_[k]->has(codepoint))
      def.font = fallbacks_[k];
  }
  const std::string d = def.font->path(codepoint);
  if (!d.empty()) {
    def.id = (bold ? "gb" : "g") + std::to_string(glyphs_.size());
    defs_ += "<path id=\"" + def.id + "\" d=\"" + d + "\"/>\n";
  }
  return glyphs_.emplace(key, def).first->second;
}

std::string SvgCanvas::paint(const char* attribute, plot::Color c) const {
  std::string s = std::string(" ") + attribute + "=\"" + hex(c.r, c.g, c.b) + "\"";
  if (c.a < 1.0f) s += std::string(" ") + attribute + "-opacity=\"" + num(c.a) + "\"";
  return s;
}

void SvgCanvas::line(plot::Vec2 a, plot::Vec2 b, plot::Color color, float width) {
  body_ += "<line x1=\"" + num(a.x) + "\" y1=\"" + num(a.y) + "\" x2=\"" + num(b.x) + "\" y2=\"" +
           num(b.y) + "\"" + paint("stroke", color) + " stroke-width=\"" + num(width) + "\"/>\n";
}

void SvgCanvas::polyline(const std::vector<plot::Vec2>& points, plot::Color color, float width) {
  if (points.size() < 2) return;
  body_ += "<polyline fill=\"none\" points=\"" + points_of(points) + "\"" + paint("stroke", color) +
           " stroke-width=\"" + num(width) + "\" stroke-linejoin=\"round\"/>\n";
}

void SvgCanvas::convex_fill(const std::vector<plot::Vec2>& points, plot::Color color) {
  if (points.size() < 3) return;
  body_ += "<polygon points=\"" + points_of(points) + "\"" + paint("fill", color) + "/>\n";
}

void SvgCanvas::rect(plot::Rect r, plot::Color color, float width) {
  body_ += "<rect x=\"" + num(r.x0) + "\" y=\"" + num(r.y0) + "\" width=\"" + num(r.width()) +
           "\" height=\"" + num(r.height()) + "\" fill=\"none\"" + paint("stroke", color) +
           " stroke-width=\"" + num(width) + "\"/>\n";
}

void SvgCanvas::rect_fill(plot::Rect r, plot::Color color) {
  body_ += "<rect x=\"" + num(r.x0) + "\" y=\"" + num(r.y0) + "\" width=\"" + num(r.width()) +
           "\" height=\"" + num(r.height()) + "\"" + paint("fill", color) + "/>\n";
}

void SvgCanvas::circle(plot::Vec2 centre, float radius, plot::Color color, float width) {
  body_ += "<circle cx=\"" + num(centre.x) + "\" cy=\"" + num(centre.y) + "\" r=\"" + num(radius) +
           "\" fill=\"none\"" + paint("stroke", color) + " stroke-width=\"" + num(width) + "\"/>\n";
}

void SvgCanvas::circle_fill(plot::Vec2 centre, float radius, plot::Color color) {
  body_ += "<circle cx=\"" + num(centre.x) + "\" cy=\"" + num(centre.y) + "\" r=\"" + num(radius) +
           "\"" + paint("fill", color) + "/>\n";
}

plot::Vec2 SvgCanvas::text_size(const std::string& text, float size, bool bold) {
  return measure_(text, size, bold);
}

void SvgCanvas::text(plot::Vec2 at, const std::string& text, plot::Color color, float size,
                     bool bold, float align_x, float align_y, bool vertical) {
  if (text.empty()) return;
  const plot::Vec2 s = text_size(text, size, bold);
  // The same box as the screen's: upright text's top-left corner, then the baseline.
  float x = 0.0f, y = 0.0f;
  std::string transform;
  if (!vertical) {
    x = std::round(at.x - s.x * align_x);
    y = std::round(at.y - s.y * align_y);
  } else {
    // Drawn upright at (x, y) and turned 90 degrees counter-clockwise about it.
    x = std::round(at.x - align_x * s.y);
    y = std::round(at.y - align_y * s.x + s.x);
    transform = " transform=\"rotate(-90 " + num(x) + " " + num(y) + ")\"";
  }
  if (layout_ && regular_ != nullptr && regular_->ok()) {
    // Glyph outlines: font units (y up) to pixels at the glyph's pen position on the baseline.
    const float baseline = y + (bold ? bold_ascent_ : ascent_) * size;
    body_ += "<g aria-label=\"" + xml_escape(text) + "\"" + paint("fill", color) + transform + ">";
    for (const PlacedGlyph& g : layout_(text, size, bold)) {
      const GlyphDef& def = glyph(g.codepoint, bold);
      if (def.id.empty()) continue;
      const float k = def.font->pixel_scale(size);
      body_ += "<use xlink:href=\"#" + def.id + "\" transform=\"matrix(" + fine(k) + " 0 0 " +
               fine(-k) + " " + num(x + g.x) + " " + num(baseline) + ")\"/>";
    }
    body_ += "</g>\n";
    return;
  }
  body_ += "<text x=\"" + num(x) + "\" y=\"" + num(y + ascent_ * size) + "\" font-size=\"" +
           num(size) + "\"" + (bold ? " font-weight=\"bold\"" : "") + paint("fill", color) +
           transform + " xml:space=\"preserve\">" + xml_escape(text) + "</text>\n";
}

void SvgCanvas::heatmap(plot::Rect dst, const plot::HeatmapLayer& layer, plot::CellRange cells) {
  if (!layer.values || layer.values->size() == 0 || dst.width() <= 0 || dst.height() <= 0) return;
  const Eigen::MatrixXd& v = *layer.values;
  const Colormap& map = colormap(layer.colormap);
  // Whole cells that touch the range; where a cell coordinate lands on the screen.
  const plot::CellSpan span = plot::cell_span(v, dst, cells);
  if (span.empty()) return;
  const long c_lo = span.c_lo, c_hi = span.c_hi, r_lo = span.r_lo, r_hi = span.r_hi;
  const auto px = [&](double c) { return span.x(c); };
  const auto py = [&](double r) { return span.y(r); };
  const auto colour = [&](long r, long c) {
    const Rgb rgb = colormap_sample(map, colormap_position(v(r, c), layer.lo, layer.hi));
    return hex(rgb.r, rgb.g, rgb.b);
  };
  const std::string clip = "hm" + std::to_string(next_id_++);
  body_ += "<clipPath id=\"" + clip + "\"><rect x=\"" + num(dst.x0) + "\" y=\"" + num(dst.y0) +
           "\" width=\"" + num(dst.width()) + "\" height=\"" + num(dst.height()) +
           "\"/></clipPath>\n<g clip-path=\"url(#" + clip + ")\">\n";
  const long count = (c_hi - c_lo) * (r_hi - r_lo);
  if (count <= kMaxRectCells) {
    for (long r = r_lo; r < r_hi; ++r) {
      for (long c = c_lo; c < c_hi; ++c) {
        const double x0 = px(c), x1 = px(c + 1), y0 = py(r), y1 = py(r + 1);
        body_ += "<rect x=\"" + num(std::min(x0, x1)) + "\" y=\"" + num(std::min(y0, y1)) +
                 "\" width=\"" + num(std::abs(x1 - x0) + 0.3) + "\" height=\"" +
                 num(std::abs(y1 - y0) + 0.3) + "\" fill=\"" + colour(r, c) + "\"/>\n";
      }
    }
  } else {
    // Cells in screen order (a flipped range reads its cells backwards), each repeated
    // kx x ky times so that the image has about a pixel per pixel of the picture: librsvg
    // (2.54) smooths a scaled image whatever image-rendering says, which blurred a
    // heatmap of 64 columns into gradients. Renderers that honour the style stay crisp too.
    const int w = static_cast<int>(c_hi - c_lo), h = static_cast<int>(r_hi - r_lo);
    const bool flip_x = span.flip_x, flip_y = span.flip_y;
    const int kx =
        std::clamp(static_cast<int>(std::lround(dst.width() / w)), 1, std::max(1, 8192 / w));
    const int ky =
        std::clamp(static_cast<int>(std::lround(dst.height() / h)), 1, std::max(1, 8192 / h));
    const int iw = w * kx, ih = h * ky;
    std::vector<unsigned char> rgb(static_cast<std::size_t>(iw) * ih * 3);
    for (int y = 0; y < h; ++y) {
      const long r = flip_y ? r_hi - 1 - y : r_lo + y;
      unsigned char* row = &rgb[static_cast<std::size_t>(y) * ky * iw * 3];
      for (int x = 0; x < w; ++x) {
        const long c = flip_x ? c_hi - 1 - x : c_lo + x;
        const Rgb col = colormap_sample(map, colormap_position(v(r, c), layer.lo, layer.hi));
        const unsigned char px3[3] = {
            static_cast<unsigned char>(std::lround(std::clamp(col.r, 0.0, 1.0) * 255)),
            static_cast<unsigned char>(std::lround(std::clamp(col.g, 0.0, 1.0) * 255)),
            static_cast<unsigned char>(std::lround(std::clamp(col.b, 0.0, 1.0) * 255))};
        for (int k = 0; k < kx; ++k)
          std::memcpy(row + (static_cast<std::size_t>(x) * kx + k) * 3, px3, 3);
      }
      for (int k = 1; k < ky; ++k) {
        std::memcpy(row + static_cast<std::size_t>(k) * iw * 3, row,
                    static_cast<std::size_t>(iw) * 3);
      }
    }
    std::string png;
    stbi_write_png_to_func(append_bytes, &png, iw, ih, 3, rgb.data(), iw * 3);
    const auto [x0, y0, x1, y1] = span.bounds();
    body_ += "<image x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" + num(x1 - x0) +
             "\" height=\"" + num(y1 - y0) +
             "\" preserveAspectRatio=\"none\" "
             "style=\"image-rendering:pixelated;image-rendering:crisp-edges\" "
             "xlink:href=\"data:image/png;base64," +
             base64(png) + "\"/>\n";
  }
  body_ += "</g>\n";
}

void SvgCanvas::colorbar(plot::Rect dst, ColormapId id, bool vertical) {
  const Colormap& map = colormap(id);
  const std::string grad = "cb" + std::to_string(next_id_++);
  // Low end at the bottom (vertical) or on the left.
  body_ += "<linearGradient id=\"" + grad + "\" x1=\"0\" y1=\"" + (vertical ? "1" : "0") +
           "\" x2=\"" + (vertical ? "0" : "1") + "\" y2=\"0\">";
  constexpr int kStops = 33;
  for (int i = 0; i < kStops; ++i) {
    const double t = static_cast<double>(i) / (kStops - 1);
    const Rgb c = colormap_sample(map, t);
    body_ += "<stop offset=\"" + num(t) + "\" stop-color=\"" + hex(c.r, c.g, c.b) + "\"/>";
  }
  body_ += "</linearGradient>\n<rect x=\"" + num(dst.x0) + "\" y=\"" + num(dst.y0) + "\" width=\"" +
           num(dst.width()) + "\" height=\"" + num(dst.height()) + "\" fill=\"url(#" + grad +
           ")\"/>\n";
}

void SvgCanvas::push_clip(plot::Rect r) {
  const std::string clip = "c" + std::to_string(next_id_++);
  body_ += "<clipPath id=\"" + clip + "\"><rect x=\"" + num(r.x0) + "\" y=\"" + num(r.y0) +
           "\" width=\"" + num(r.width()) + "\" height=\"" + num(r.height()) +
           "\"/></clipPath>\n<g clip-path=\"url(#" + clip + ")\">\n";
  ++clips_open_;
}

void SvgCanvas::pop_clip() {
  if (clips_open_ == 0) return;
  body_ += "</g>\n";
  --clips_open_;
}

std::string SvgCanvas::document() const {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"" +
      std::to_string(width_) + "\" height=\"" + std::to_string(height_) + "\" viewBox=\"0 0 " +
      std::to_string(width_) + " " + std::to_string(height_) +
      "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n";
  if (!defs_.empty()) out += "<defs>\n" + defs_ + "</defs>\n";
  out += body_;
  for (int i = 0; i < clips_open_; ++i) out += "</g>\n";
  out += "</svg>\n";
  return out;
}

}  // namespace peviz
