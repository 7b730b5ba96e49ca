#include "figure_file.hpp"

#include <imgui.h>

#include <cctype>
#include <cmath>
#include <filesystem>

#include "app/export/atomic_file.hpp"
#include "app/export/csv_writer.hpp"
#include "app/export/figure_csv.hpp"
#include "app/export/png_writer.hpp"
#include "app/export/svg_canvas.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/font_outlines.hpp"
#include "app/render/offscreen.hpp"
#include "app/render/picture.hpp"
#include "app/render/soft_renderer.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"

namespace peviz {

int PictureOptions::pixel_width() const {
  return static_cast<int>(std::lround(width * scale));
}
int PictureOptions::pixel_height() const {
  return static_cast<int>(std::lround(height * scale));
}

void write_table_csv(const plot::TableWriter& table, const std::string& path) {
  AtomicFile file(path);
  CsvWriter csv(file);
  table(csv);
  csv.flush();
  file.commit();
}

std::string figure_format(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".png" || ext == ".svg" || ext == ".pdf" || ext == ".csv") return ext.substr(1);
  return "";
}

struct ScreenTextLayout::State {
  ImGuiContext* previous = nullptr;
  ImGuiContext* context = nullptr;
  Fonts fonts;
  ImFont* faces[4] = {};  // FontStyle order
  bool dejavu = false;    // load_fonts found DejaVu Sans (else it fell back to ImGui's font)
};

ScreenTextLayout::ScreenTextLayout(float font_scale, const std::string& text, bool lesson_fonts)
    : state_(std::make_unique<State>()) {
  state_->previous = ImGui::GetCurrentContext();
  state_->context = ImGui::CreateContext();
  ImGui::SetCurrentContext(state_->context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  // The characters of other scripts the text uses come from the fallback fonts.
  state_->dejavu = std::filesystem::exists(font_path("DejaVuSans.ttf"));
  state_->fonts = load_fonts(font_scale, extra_glyphs(text));
  if (lesson_fonts) add_lesson_fonts(state_->fonts, font_scale);
  unsigned char* pixels = nullptr;
  int atlas_w = 0, atlas_h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_w, &atlas_h);
  const Fonts& f = state_->fonts;
  ImFont* regular = f.body != nullptr ? f.body : io.Fonts->Fonts[0];
  ImFont* bold = f.title != nullptr ? f.title : regular;
  state_->faces[0] = regular;
  state_->faces[1] = bold;
  state_->faces[2] = f.italic != nullptr ? f.italic : regular;
  state_->faces[3] = f.bold_italic != nullptr ? f.bold_italic : state_->faces[2];
}

ScreenTextLayout::~ScreenTextLayout() {
  ImGui::DestroyContext(state_->context);
  ImGui::SetCurrentContext(state_->previous);
}

bool ScreenTextLayout::has_dejavu() const {
  return state_->dejavu;
}

plot::Vec2 ScreenTextLayout::measure(const std::string& text, float size, FontStyle style) const {
  const ImVec2 s =
      state_->faces[static_cast<int>(style)]->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
  return plot::Vec2{s.x, s.y};
}

std::vector<PlacedGlyph> ScreenTextLayout::layout(const std::string& text, float size,
                                                  FontStyle style) const {
  // The atlas's advances, as ImGui's AddText steps its pen (no kerning), so the glyphs land
  // where the PNG has them.
  const ImFont* font = state_->faces[static_cast<int>(style)];
  const float scale = size / font->FontSize;
  std::vector<PlacedGlyph> glyphs;
  float x = 0.0f;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    i += c.length == 0 ? 1 : c.length;
    if (c.cp == '\n' || c.cp == '\r') continue;
    const ImFontGlyph* g = font->FindGlyph(static_cast<ImWchar>(c.cp <= 0xFFFF ? c.cp : 0xFFFD));
    if (g == nullptr) continue;
    glyphs.push_back({g->Codepoint, x});
    x += g->AdvanceX * scale;
  }
  return glyphs;
}

float ScreenTextLayout::ascent(FontStyle style) const {
  const ImFont* font = state_->faces[static_cast<int>(style)];
  return font->Ascent / font->FontSize;
}

std::string figure_svg(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale, bool transparent, bool editable_text) {
  // Text is measured with the screen's fonts, so the SVG's layout is the PNG's.
  const std::string text = figure_text(figure);
  const ScreenTextLayout screen(font_scale, text);
  const auto measure = [&](const std::string& t, float size, bool is_bold) {
    return screen.measure(t, size, is_bold ? FontStyle::Bold : FontStyle::Regular);
  };
  SvgCanvas canvas(width, height, measure, screen.ascent(FontStyle::Regular));
  // Glyph outlines from the font files the atlas was made from, placed with the atlas's
  // advances: the text lands where the PNG has it, in any renderer.
  const FontOutlines regular_outlines(font_path("DejaVuSans.ttf"));
  const FontOutlines bold_outlines(font_path("DejaVuSans-Bold.ttf"));
  std::vector<std::unique_ptr<FontOutlines>> fallbacks;
  std::vector<const FontOutlines*> fallback_ptrs;
  if (!extra_glyphs(text).empty()) {
    for (const std::string& path : fallback_font_paths()) {
      fallbacks.push_back(std::make_unique<FontOutlines>(path));
      fallback_ptrs.push_back(fallbacks.back().get());
    }
  }
  if (!editable_text && regular_outlines.ok() && screen.has_dejavu()) {
    const auto layout = [&](const std::string& t, float size, bool is_bold) {
      return screen.layout(t, size, is_bold ? FontStyle::Bold : FontStyle::Regular);
    };
    canvas.set_outlines(layout, &regular_outlines, bold_outlines.ok() ? &bold_outlines : nullptr,
                        screen.ascent(FontStyle::Bold), fallback_ptrs);
  }
  draw_picture(figure, width, height, style, canvas, transparent);
  return canvas.document();
}

std::string figure_pdf(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale, bool transparent, const std::string& title) {
  const ScreenTextLayout screen(font_scale, figure_text(figure));
  PdfDocument document(title.empty() ? figure.title : title);
  cairo_t* cr = document.begin_page(width / font_scale, height / font_scale, font_scale);
  {
    PdfCanvas canvas(cr, screen);
    draw_picture(figure, width, height, style, canvas, transparent);
  }
  document.end_page();
  return document.finish();
}

FigureFileWriter::FigureFileWriter() = default;

FigureFileWriter::~FigureFileWriter() {
  if (pending_.valid()) pending_.wait();  // a renderer still being made is not leaked
}

void FigureFileWriter::prepare(const PictureOptions& options) {
  if (options.renderer != PngRenderer::Cpu || pending_.valid()) return;
  const float scale = static_cast<float>(options.scale);
  if (soft_ && soft_scale_ == scale) return;
  pending_scale_ = scale;
  pending_ =
      std::async(std::launch::async, [scale] { return std::make_unique<SoftRenderer>(scale); });
}

void FigureFileWriter::write(const plot::Figure& figure, const std::string& path,
                             const PictureOptions& options) {
  const std::string format = figure_format(path);
  if (format.empty()) {
    throw InvalidArgument("'" + path + "': the file name must end in .png, .svg, .pdf or .csv");
  }
  // A picture of an error message is not the figure that was asked for.
  if (!figure.refusal().empty()) throw InvalidArgument(figure.refusal());
  const int width = options.pixel_width();
  const int height = options.pixel_height();
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw InvalidArgument("the picture would be " + std::to_string(width) + " x " +
                          std::to_string(height) + " pixels; each side must be 16 to 16384");
  }
  const float scale = static_cast<float>(options.scale);
  plot::Style style = options.style;
  style.font_size = 20.0f * scale;
  style.line_scale *= scale;  // the high-contrast theme starts thicker
  if (format == "csv") {
    AtomicFile file(path);
    CsvWriter csv(file);
    write_figure_csv(figure, csv);
    csv.flush();
    file.commit();
  } else if (format == "svg") {
    AtomicFile file(path);
    file.write(figure_svg(figure, width, height, style, scale, options.transparent,
                          options.editable_svg_text));
    file.commit();
  } else if (format == "pdf") {
    AtomicFile file(path);
    file.write(figure_pdf(figure, width, height, style, scale, options.transparent));
    file.commit();
  } else if (const std::vector<ImWchar> extra = extra_glyphs(figure_text(figure)); !extra.empty()) {
    // Other scripts: a renderer whose atlas has the figure's characters, for this figure only.
    if (options.renderer == PngRenderer::Gl) {
      OffscreenRenderer gl(scale, extra);
      write_png(path, width, height,
                gl.render(figure, width, height, style, options.transparent).data());
    } else {
      SoftRenderer soft(scale, 2, extra);
      write_png(path, width, height,
                soft.render(figure, width, height, style, options.transparent).rgba);
    }
  } else if (options.renderer == PngRenderer::Gl) {
    if (!gl_ || gl_scale_ != scale) {
      gl_.reset();
      gl_ = std::make_unique<OffscreenRenderer>(scale);
      gl_scale_ = scale;
    }
    const std::vector<std::uint8_t> rgba =
        gl_->render(figure, width, height, style, options.transparent);
    write_png(path, width, height, rgba.data());
  } else {
    if (pending_.valid()) {  // prepare()'s renderer (rethrows what making it threw)
      soft_ = pending_.get();
      soft_scale_ = pending_scale_;
    }
    if (!soft_ || soft_scale_ != scale) {
      soft_ = std::make_unique<SoftRenderer>(scale);
      soft_scale_ = scale;
    }
    write_png(path, width, height,
              soft_->render(figure, width, height, style, options.transparent).rgba);
  }
}

}  // namespace peviz
