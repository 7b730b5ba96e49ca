// A Canvas that draws into a page of cairo's PDF surface (cairo 1.16, Debian libcairo2-dev):
// the same Figure the screen draws, as vector graphics for LaTeX and slides. Lines, shapes
// and clips are PDF paths; text is real PDF text in DejaVu Sans, embedded by cairo as a
// subset of the font file, each glyph at the pen position the screen's layout gives it, so
// the words are as wide as in the PNG (and can be searched and copied); a heatmap is one
// image with a pixel per cell, drawn without smoothing (/Interpolate false); a colorbar
// is a linear gradient of 33 stops (the SVG's).
//
// The caller owns the cairo context and its surface (figure_pdf, PdfDeck) and may set a
// transformation first: the canvas draws in the picture's pixels, y down, as every Canvas.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/export/svg_canvas.hpp"
#include "app/plot/canvas.hpp"

namespace peviz {

enum class FontStyle { Regular, Bold, Italic, BoldItalic };

// How the screen lays out text: what PdfCanvas asks and ScreenTextLayout (figure_file.hpp)
// answers with the window's own fonts.
class TextLayout {
 public:
  virtual ~TextLayout() = default;
  // A text's box in pixels (one line).
  virtual plot::Vec2 measure(const std::string& text, float size, FontStyle style) const = 0;
  // Its glyphs and their pen positions (px from the text's left).
  virtual std::vector<PlacedGlyph> layout(const std::string& text, float size,
                                          FontStyle style) const = 0;
  // A line's top to its baseline, per pixel of font size.
  virtual float ascent(FontStyle style) const = 0;
};

class PdfCanvas : public plot::Canvas {
 public:
  // Draws with `cr` (not owned); `text` must outlive the canvas.
  PdfCanvas(cairo_t* cr, const TextLayout& text);
  ~PdfCanvas() override;
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

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

  // Upright text in any of the four styles with its box's top-left corner at `top_left`
  // (PdfDeck's paragraphs; text() draws through it).
  void styled_text(plot::Vec2 top_left, const std::string& text, plot::Color color, float size,
                   FontStyle style);
  const TextLayout& text_layout() const { return text_; }

  // Closes the clips left open (the canvas's state is cairo's save stack).
  void finish();

 private:
  // Where a glyph comes from: one of faces_ and its index in that font (0: none has it).
  struct GlyphRef {
    int face = 0;
    unsigned long index = 0;
  };
  struct Face {
    cairo_font_face_t* face = nullptr;
    cairo_scaled_font_t* unit = nullptr;  // at 1 user unit per em, to map characters
    double em_per_px = 1.0;               // em size of a font drawn 1 px high (ImGui's sizing)
  };
  int face_of(FontStyle style);
  GlyphRef glyph(FontStyle style, std::uint32_t codepoint);
  void stroke(plot::Color color, float width);
  void fill(plot::Color color);
  cairo_t* cr_;
  const TextLayout& text_;
  std::vector<Face> faces_;  // 0-3: DejaVu Sans in the four styles; then the fallbacks
  std::map<std::pair<int, std::uint32_t>, GlyphRef> glyphs_;
  int clips_open_ = 0;
};

// A PDF document in memory: cairo's PDF surface writing into a string, page by page.
// Throws std::runtime_error naming cairo's reason when cairo fails (out of memory).
// The creation date is now, or SOURCE_DATE_EPOCH when it is set: then the same figure
// gives the same bytes.
class PdfDocument {
 public:
  // `title` goes into the document's information (shown by viewers, pdfinfo).
  explicit PdfDocument(const std::string& title);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Starts a page of width x height points and returns the context to draw it with, scaled
  // by 1 / scale: a picture laid out at scale times the page's size fills the page.
  cairo_t* begin_page(double width_pt, double height_pt, double scale);
  void end_page();
  int pages() const { return pages_; }
  // Ends the document and returns its bytes.
  std::string finish();

 private:
  void check(cairo_status_t status) const;
  std::string title_;
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  int pages_ = 0;
  bool open_page_ = false;
};

}  // namespace peviz
