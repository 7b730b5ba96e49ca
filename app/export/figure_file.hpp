// One Figure into one file, by the file's extension: .png (rendered on the CPU by
// SoftRenderer, or by the GPU's OffscreenRenderer on request), .svg (vector elements),
// .pdf (vector, through cairo: pdf_canvas.hpp) or .csv (the numbers the figure draws). Used by
// `peviz export` and by the window's export dialog, so both write the same files.
// Every file is written all-or-nothing (AtomicFile): a failure leaves no file.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "app/export/pdf_canvas.hpp"
#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"
#include "app/plot/table.hpp"

namespace peviz {

class OffscreenRenderer;
class SoftRenderer;

// Who draws a PNG: the CPU rasteriser (no GL, the fast default) or OpenGL offscreen
// (EGL; the screen's own path).
enum class PngRenderer { Cpu, Gl };

struct PictureOptions {
  int width = 1600;  // logical size: the figure is laid out at this size...
  int height = 1000;
  double scale = 1.0;        // ...and drawn at scale times it (fonts and lines grow too)
  bool transparent = false;  // no background: PNG alpha 0 where nothing is drawn, SVG/PDF none
  // SVG text as editable <text> in DejaVu Sans instead of glyph outlines (which every
  // renderer draws where the layout put them; <text> only where DejaVu Sans is installed).
  bool editable_svg_text = false;
  PngRenderer renderer = PngRenderer::Cpu;
  plot::Style style = plot::light_style();  // theme; font_size and line_scale are set from scale
  int pixel_width() const;
  int pixel_height() const;
};

// Writes a view's own table (View::table) as CSV into `path`, all or nothing.
void write_table_csv(const plot::TableWriter& table, const std::string& path);

// "png", "svg", "pdf" or "csv" for a path ending in that extension (any case), else "".
std::string figure_format(const std::string& path);

// The screen's text layout without a screen: an ImGui context of its own whose font atlas
// is built on the CPU (no GL) from the window's fonts (load_fonts at `font_scale`, with the
// characters of other scripts `text` uses; the italic lesson fonts with `lesson_fonts`),
// so that a vector file measures and places every glyph as the PNG does. The context is
// current while the object lives; the previous one is restored when it is destroyed.
class ScreenTextLayout : public TextLayout {
 public:
  ScreenTextLayout(float font_scale, const std::string& text, bool lesson_fonts = false);
  ~ScreenTextLayout() override;
  ScreenTextLayout(const ScreenTextLayout&) = delete;
  ScreenTextLayout& operator=(const ScreenTextLayout&) = delete;

  plot::Vec2 measure(const std::string& text, float size, FontStyle style) const override;
  std::vector<PlacedGlyph> layout(const std::string& text, float size,
                                  FontStyle style) const override;
  float ascent(FontStyle style) const override;
  // DejaVu Sans was found (else ImGui's built-in font measures, and glyphs are not placed).
  bool has_dejavu() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The SVG document of `figure` at width x height, laid out as the screen lays it out.
std::string figure_svg(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale, bool transparent = false, bool editable_text = false);

// The PDF of `figure` laid out at width x height pixels, as the screen lays it out, on one
// page of width / font_scale x height / font_scale points: the page is the picture's
// logical size (PictureOptions::width x height) at 1 px = 1 pt (a 1600 x 1000 figure is
// 22.2 x 13.9 inches; LaTeX scales it to \linewidth), and pdftoppm -r 72*scale draws it at
// the PNG's pixel size. `title` goes into the document's metadata.
std::string figure_pdf(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale, bool transparent = false, const std::string& title = "");

class FigureFileWriter {
 public:
  FigureFileWriter();
  ~FigureFileWriter();
  FigureFileWriter(const FigureFileWriter&) = delete;
  FigureFileWriter& operator=(const FigureFileWriter&) = delete;

  // Throws InvalidArgument (unknown extension, bad size) or WriteError; never
  // leaves a partial file.
  void write(const plot::Figure& figure, const std::string& path, const PictureOptions& options);

  // Starts making the CPU renderer for PNGs of `options` (its font atlas takes a tenth
  // of an export) on another thread, so that it overlaps the caller's work before the
  // first write(). Until then the caller must not use ImGui, whose current context is
  // process-wide: for `peviz export`, which builds its figures meanwhile.
  void prepare(const PictureOptions& options);

 private:
  // Created on the first PNG of their kind and kept for the next (export all).
  std::unique_ptr<SoftRenderer> soft_;
  float soft_scale_ = 0.0f;
  std::future<std::unique_ptr<SoftRenderer>> pending_;  // from prepare()
  float pending_scale_ = 0.0f;
  std::unique_ptr<OffscreenRenderer> gl_;
  float gl_scale_ = 0.0f;
};

}  // namespace peviz
