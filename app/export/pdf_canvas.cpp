#include "pdf_canvas.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <numbers>
#include <stdexcept>

#include "app/plot/cell_span.hpp"

namespace peviz {
namespace {

// The fonts of the screen (app/plot/backend/fonts.cpp): DejaVu Sans in four styles, then
// the fallbacks it merges in for other scripts (app/plot/font_files.cpp), by family name;
// fontconfig finds the same files (fc-match "DejaVu Sans:bold" gives
// /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf).
struct Family {
  const char* name;
  cairo_font_slant_t slant;
  cairo_font_weight_t weight;
};
constexpr Family kFamilies[] = {
    {"DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL},
    {"DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD},
    {"DejaVu Sans", CAIRO_FONT_SLANT_OBLIQUE, CAIRO_FONT_WEIGHT_NORMAL},
    {"DejaVu Sans", CAIRO_FONT_SLANT_OBLIQUE, CAIRO_FONT_WEIGHT_BOLD},
    {"Droid Sans Fallback", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL},
    {"Symbola", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL},
};
constexpr int kFirstFallback = 4;
constexpr int kFaces = static_cast<int>(std::size(kFamilies));

// Unhinted outlines and metrics: the glyphs keep the font's shapes and its unrounded
// ascent and descent, which size the font as stb_truetype (ImGui) does.
cairo_font_options_t* unhinted() {
  cairo_font_options_t* o = cairo_font_options_create();
  cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
  return o;
}

std::string utf8_of(std::uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | cp >> 6);
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | cp >> 12);
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | cp >> 18);
    s += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

unsigned char byte(double v) {
  return static_cast<unsigned char>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

// A colormap's colour as the PNG and the SVG have it: 8 bits per channel.
double level(double v) {
  return byte(v) / 255.0;
}

}  // namespace

PdfCanvas::PdfCanvas(cairo_t* cr, const TextLayout& text) : cr_(cr), text_(text), faces_(kFaces) {}

PdfCanvas::~PdfCanvas() {
  finish();
  for (Face& f : faces_) {
    if (f.unit != nullptr) cairo_scaled_font_destroy(f.unit);
    if (f.face != nullptr) cairo_font_face_destroy(f.face);
  }
}

void PdfCanvas::finish() {
  for (; clips_open_ > 0; --clips_open_) cairo_restore(cr_);
}

int PdfCanvas::face_of(FontStyle style) {
  return static_cast<int>(style);
}

PdfCanvas::GlyphRef PdfCanvas::glyph(FontStyle style, std::uint32_t codepoint) {
  const auto key = std::make_pair(face_of(style), codepoint);
  if (const auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;
  GlyphRef found;
  const std::string utf8 = utf8_of(codepoint);
  // The style's own font first, then the fallbacks in the screen's order.
  std::vector<int> order = {face_of(style)};
  for (int k = kFirstFallback; k < kFaces; ++k) order.push_back(k);
  for (int k : order) {
    Face& f = faces_[static_cast<std::size_t>(k)];
    if (f.face == nullptr) {
      f.face =
          cairo_toy_font_face_create(kFamilies[k].name, kFamilies[k].slant, kFamilies[k].weight);
      cairo_matrix_t identity;
      cairo_matrix_init_identity(&identity);
      cairo_font_options_t* options = unhinted();
      f.unit = cairo_scaled_font_create(f.face, &identity, &identity, options);
      cairo_font_options_destroy(options);
      cairo_font_extents_t e;
      cairo_scaled_font_extents(f.unit, &e);
      // stbtt_ScaleForPixelHeight: a font drawn h px high has ascent - descent = h.
      f.em_per_px = e.ascent + e.descent > 0.0 ? 1.0 / (e.ascent + e.descent) : 1.0;
    }
    if (cairo_scaled_font_status(f.unit) != CAIRO_STATUS_SUCCESS) continue;
    cairo_glyph_t* glyphs = nullptr;
    int count = 0;
    const cairo_status_t status = cairo_scaled_font_text_to_glyphs(
        f.unit, 0.0, 0.0, utf8.data(), static_cast<int>(utf8.size()), &glyphs, &count, nullptr,
        nullptr, nullptr);
    const unsigned long index =
        status == CAIRO_STATUS_SUCCESS && count == 1 ? glyphs[0].index : 0ul;
    cairo_glyph_free(glyphs);
    if (index != 0 || codepoint == ' ') {
      found = {k, index};
      break;
    }
  }
  return glyphs_.emplace(key, found).first->second;
}

void PdfCanvas::stroke(plot::Color c, float width) {
  cairo_set_source_rgba(cr_, c.r, c.g, c.b, c.a);
  cairo_set_line_width(cr_, width);
  cairo_stroke(cr_);
}

void PdfCanvas::fill(plot::Color c) {
  cairo_set_source_rgba(cr_, c.r, c.g, c.b, c.a);
  cairo_fill(cr_);
}

void PdfCanvas::line(plot::Vec2 a, plot::Vec2 b, plot::Color color, float width) {
  cairo_move_to(cr_, a.x, a.y);
  cairo_line_to(cr_, b.x, b.y);
  stroke(color, width);
}

void PdfCanvas::polyline(const std::vector<plot::Vec2>& points, plot::Color color, float width) {
  if (points.size() < 2) return;
  cairo_move_to(cr_, points[0].x, points[0].y);
  for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].x, points[i].y);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);  // as the SVG's stroke-linejoin
  stroke(color, width);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
}

void PdfCanvas::convex_fill(const std::vector<plot::Vec2>& points, plot::Color color) {
  if (points.size() < 3) return;
  cairo_move_to(cr_, points[0].x, points[0].y);
  for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].x, points[i].y);
  cairo_close_path(cr_);
  fill(color);
}

void PdfCanvas::rect(plot::Rect r, plot::Color color, float width) {
  cairo_rectangle(cr_, r.x0, r.y0, r.width(), r.height());
  stroke(color, width);
}

void PdfCanvas::rect_fill(plot::Rect r, plot::Color color) {
  cairo_rectangle(cr_, r.x0, r.y0, r.width(), r.height());
  fill(color);
}

void PdfCanvas::circle(plot::Vec2 centre, float radius, plot::Color color, float width) {
  cairo_new_sub_path(cr_);
  cairo_arc(cr_, centre.x, centre.y, radius, 0.0, 2.0 * std::numbers::pi);
  stroke(color, width);
}

void PdfCanvas::circle_fill(plot::Vec2 centre, float radius, plot::Color color) {
  cairo_new_sub_path(cr_);
  cairo_arc(cr_, centre.x, centre.y, radius, 0.0, 2.0 * std::numbers::pi);
  fill(color);
}

plot::Vec2 PdfCanvas::text_size(const std::string& text, float size, bool bold) {
  return text_.measure(text, size, bold ? FontStyle::Bold : FontStyle::Regular);
}

void PdfCanvas::styled_text(plot::Vec2 top_left, const std::string& text, plot::Color color,
                            float size, FontStyle style) {
  if (text.empty()) return;
  const float baseline = top_left.y + text_.ascent(style) * size;
  cairo_set_source_rgba(cr_, color.r, color.g, color.b, color.a);
  cairo_font_options_t* options = unhinted();
  cairo_set_font_options(cr_, options);
  cairo_font_options_destroy(options);
  // Runs of glyphs from one font, each glyph at its pen position on the baseline, with
  // its character (one cluster per glyph) so that the PDF's text can be searched and copied.
  const std::vector<PlacedGlyph> placed = text_.layout(text, size, style);
  std::size_t i = 0;
  while (i < placed.size()) {
    const int face = glyph(style, placed[i].codepoint).face;
    std::vector<cairo_glyph_t> glyphs;
    std::vector<cairo_text_cluster_t> clusters;
    std::string utf8;
    for (; i < placed.size(); ++i) {
      const GlyphRef g = glyph(style, placed[i].codepoint);
      if (g.face != face) break;
      if (g.index == 0 && placed[i].codepoint != ' ') continue;  // no font has it
      glyphs.push_back({g.index, top_left.x + placed[i].x, baseline});
      const std::string c = utf8_of(placed[i].codepoint);
      utf8 += c;
      clusters.push_back({static_cast<int>(c.size()), 1});
    }
    if (glyphs.empty()) continue;
    const Face& f = faces_[static_cast<std::size_t>(face)];
    cairo_set_font_face(cr_, f.face);
    cairo_set_font_size(cr_, size * f.em_per_px);
    cairo_show_text_glyphs(cr_, utf8.data(), static_cast<int>(utf8.size()), glyphs.data(),
                           static_cast<int>(glyphs.size()), clusters.data(),
                           static_cast<int>(clusters.size()), cairo_text_cluster_flags_t(0));
  }
}

void PdfCanvas::text(plot::Vec2 at, const std::string& text, plot::Color color, float size,
                     bool bold, float align_x, float align_y, bool vertical) {
  if (text.empty()) return;
  const plot::Vec2 s = text_size(text, size, bold);
  const FontStyle style = bold ? FontStyle::Bold : FontStyle::Regular;
  // The same box as the screen's and the SVG's (svg_canvas.cpp): the top-left corner of
  // upright text on whole pixels.
  if (!vertical) {
    styled_text({std::round(at.x - s.x * align_x), std::round(at.y - s.y * align_y)}, text, color,
                size, style);
    return;
  }
  // Drawn upright at (x, y) and turned 90 degrees counter-clockwise about it.
  const float x = std::round(at.x - align_x * s.y);
  const float y = std::round(at.y - align_y * s.x + s.x);
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_rotate(cr_, -std::numbers::pi / 2.0);
  styled_text({0.0f, 0.0f}, text, color, size, style);
  cairo_restore(cr_);
}

void PdfCanvas::heatmap(plot::Rect dst, const plot::HeatmapLayer& layer, plot::CellRange cells) {
  if (!layer.values || layer.values->size() == 0 || dst.width() <= 0 || dst.height() <= 0) return;
  const Eigen::MatrixXd& v = *layer.values;
  const Colormap& map = colormap(layer.colormap);
  // Whole cells that touch the range, in screen order (a flipped range reads backwards).
  const plot::CellSpan span = plot::cell_span(v, dst, cells);
  if (span.empty()) return;
  const long c_lo = span.c_lo, c_hi = span.c_hi, r_lo = span.r_lo, r_hi = span.r_hi;
  // One image pixel per cell; a range wider than cairo's images (32767) takes every k-th
  // cell, which no picture of at most 16384 pixels can tell apart.
  constexpr long kMaxSide = 16384;
  const long step_c = (c_hi - c_lo + kMaxSide - 1) / kMaxSide;
  const long step_r = (r_hi - r_lo + kMaxSide - 1) / kMaxSide;
  const int w = static_cast<int>((c_hi - c_lo + step_c - 1) / step_c);
  const int h = static_cast<int>((r_hi - r_lo + step_r - 1) / step_r);
  const bool flip_x = span.flip_x, flip_y = span.flip_y;
  cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    return;
  }
  cairo_surface_flush(image);
  unsigned char* data = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  for (int y = 0; y < h; ++y) {
    const long r = flip_y ? r_hi - 1 - static_cast<long>(y) * step_r : r_lo + y * step_r;
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      const long c = flip_x ? c_hi - 1 - static_cast<long>(x) * step_c : c_lo + x * step_c;
      const Rgb col = colormap_sample(map, colormap_position(v(r, c), layer.lo, layer.hi));
      // CAIRO_FORMAT_RGB24: one native-endian 32-bit word per pixel, 0x00RRGGBB.
      row[x] = static_cast<std::uint32_t>(byte(col.r)) << 16 |
               static_cast<std::uint32_t>(byte(col.g)) << 8 | byte(col.b);
    }
  }
  cairo_surface_mark_dirty(image);
  const auto [x0, y0, x1, y1] = span.bounds();
  cairo_save(cr_);
  cairo_rectangle(cr_, dst.x0, dst.y0, dst.width(), dst.height());
  cairo_clip(cr_);
  cairo_translate(cr_, x0, y0);
  cairo_scale(cr_, (x1 - x0) / w, (y1 - y0) / h);
  cairo_set_source_surface(cr_, image, 0.0, 0.0);
  // Nearest neighbour: cairo writes /Interpolate false, so viewers keep the cells crisp.
  cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_NEAREST);
  cairo_rectangle(cr_, 0.0, 0.0, w, h);
  cairo_fill(cr_);
  cairo_restore(cr_);
  cairo_surface_destroy(image);
}

void PdfCanvas::colorbar(plot::Rect dst, ColormapId id, bool vertical) {
  const Colormap& map = colormap(id);
  // Low end at the bottom (vertical) or on the left; 33 stops, as the SVG's gradient.
  cairo_pattern_t* gradient = vertical ? cairo_pattern_create_linear(0.0, dst.y1, 0.0, dst.y0)
                                       : cairo_pattern_create_linear(dst.x0, 0.0, dst.x1, 0.0);
  constexpr int kStops = 33;
  for (int i = 0; i < kStops; ++i) {
    const double t = static_cast<double>(i) / (kStops - 1);
    const Rgb c = colormap_sample(map, t);
    cairo_pattern_add_color_stop_rgb(gradient, t, level(c.r), level(c.g), level(c.b));
  }
  cairo_rectangle(cr_, dst.x0, dst.y0, dst.width(), dst.height());
  cairo_set_source(cr_, gradient);
  cairo_fill(cr_);
  cairo_pattern_destroy(gradient);
}

void PdfCanvas::push_clip(plot::Rect r) {
  cairo_save(cr_);
  cairo_rectangle(cr_, r.x0, r.y0, r.width(), r.height());
  cairo_clip(cr_);
  ++clips_open_;
}

void PdfCanvas::pop_clip() {
  if (clips_open_ == 0) return;
  cairo_restore(cr_);
  --clips_open_;
}

namespace {

// The creation date of reproducible builds (reproducible-builds.org/specs/source-date-epoch):
// with SOURCE_DATE_EPOCH set to seconds since 1970, the same figure gives the same bytes;
// "" (cairo's default: now) without it.
std::string source_date() {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch == nullptr || *epoch == '\0') return "";
  char* end = nullptr;
  const long long seconds = std::strtoll(epoch, &end, 10);
  if (*end != '\0' || seconds < 0) return "";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (gmtime_r(&t, &utc) == nullptr) return "";
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);  // ISO 8601, as cairo wants
  return date;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

PdfDocument::PdfDocument(const std::string& title) : title_(title) {}

PdfDocument::~PdfDocument() {
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

void PdfDocument::check(cairo_status_t status) const {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo could not make the PDF: ") +
                             cairo_status_to_string(status));
}

cairo_t* PdfDocument::begin_page(double width_pt, double height_pt, double scale) {
  if (open_page_) end_page();
  if (surface_ == nullptr) {
    surface_ = cairo_pdf_surface_create_for_stream(append_bytes, &bytes_, width_pt, height_pt);
    check(cairo_surface_status(surface_));
    if (!title_.empty())
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title_.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "peviz");
    if (const std::string date = source_date(); !date.empty())
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cr_ = cairo_create(surface_);
    check(cairo_status(cr_));
  } else {
    // Allowed between pages: the next page gets this size (cairo_pdf_surface_set_size).
    cairo_pdf_surface_set_size(surface_, width_pt, height_pt);
  }
  cairo_save(cr_);
  cairo_identity_matrix(cr_);
  cairo_scale(cr_, 1.0 / scale, 1.0 / scale);
  open_page_ = true;
  return cr_;
}

void PdfDocument::end_page() {
  if (!open_page_) return;
  cairo_restore(cr_);
  cairo_show_page(cr_);
  check(cairo_status(cr_));
  open_page_ = false;
  ++pages_;
}

std::string PdfDocument::finish() {
  end_page();
  if (surface_ == nullptr) throw std::runtime_error("a PDF needs at least one page");
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  const cairo_status_t status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  check(status);
  return std::move(bytes_);
}

}  // namespace peviz
