// One Figure into one file, by the file's extension: .png (rendered on the CPU by
// SoftRenderer, or by the GPU's OffscreenRenderer on request), .svg (vector elements)
// or .csv (the numbers the figure draws). Used by
// `peviz export` and by the window's export dialog, so both write the same files.
// Every file is written all-or-nothing (AtomicFile): a failure leaves no file.
#pragma once

#include <future>
#include <memory>
#include <string>

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
  bool transparent = false;  // no background: PNG alpha 0 where nothing is drawn, SVG no <rect>
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

// "png", "svg" or "csv" for a path ending in that extension (any case), else "".
std::string figure_format(const std::string& path);

// The SVG document of `figure` at width x height, laid out as the screen lays it out.
std::string figure_svg(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale, bool transparent = false, bool editable_text = false);

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
