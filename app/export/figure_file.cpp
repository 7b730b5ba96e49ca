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
  if (ext == ".png" || ext == ".svg" || ext == ".csv") return ext.substr(1);
  return "";
}

std::string figure_svg(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale, bool transparent, bool editable_text) {
  // Text is measured with the screen's fonts (an ImGui atlas built on the CPU, no
  // GL), so the SVG's layout is the PNG's.
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::SetCurrentContext(context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  // The characters of other scripts the figure uses come from the fallback fonts.
  const std::vector<ImWchar> extra = extra_glyphs(figure_text(figure));
  const Fonts fonts = load_fonts(font_scale, extra);
  unsigned char* pixels = nullptr;
  int atlas_w = 0, atlas_h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_w, &atlas_h);
  ImFont* regular = fonts.body != nullptr ? fonts.body : io.Fonts->Fonts[0];
  ImFont* bold = fonts.title != nullptr ? fonts.title : regular;
  const auto measure = [&](const std::string& text, float size, bool is_bold) {
    const ImVec2 s = (is_bold ? bold : regular)->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
    return plot::Vec2{s.x, s.y};
  };
  SvgCanvas canvas(width, height, measure, regular->Ascent / regular->FontSize);
  // Glyph outlines from the font files the atlas was made from, placed with the atlas's
  // advances: the text lands where the PNG has it, in any renderer.
  const FontOutlines regular_outlines(font_path("DejaVuSans.ttf"));
  const FontOutlines bold_outlines(font_path("DejaVuSans-Bold.ttf"));
  std::vector<std::unique_ptr<FontOutlines>> fallbacks;
  std::vector<const FontOutlines*> fallback_ptrs;
  if (!extra.empty()) {
    for (const std::string& path : fallback_font_paths()) {
      fallbacks.push_back(std::make_unique<FontOutlines>(path));
      fallback_ptrs.push_back(fallbacks.back().get());
    }
  }
  if (!editable_text && regular_outlines.ok() && fonts.body != nullptr) {
    const auto layout = [&](const std::string& text, float size, bool is_bold) {
      const ImFont* font = is_bold ? bold : regular;
      const float scale = size / font->FontSize;
      std::vector<PlacedGlyph> glyphs;
      float x = 0.0f;
      for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        i += c.length == 0 ? 1 : c.length;
        if (c.cp == '\n' || c.cp == '\r') continue;
        const ImFontGlyph* g =
            font->FindGlyph(static_cast<ImWchar>(c.cp <= 0xFFFF ? c.cp : 0xFFFD));
        if (g == nullptr) continue;
        glyphs.push_back({g->Codepoint, x});
        x += g->AdvanceX * scale;
      }
      return glyphs;
    };
    canvas.set_outlines(layout, &regular_outlines, bold_outlines.ok() ? &bold_outlines : nullptr,
                        bold->Ascent / bold->FontSize, fallback_ptrs);
  }
  draw_picture(figure, width, height, style, canvas, transparent);
  ImGui::DestroyContext(context);
  ImGui::SetCurrentContext(previous);
  return canvas.document();
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
    throw InvalidArgument("'" + path + "': the file name must end in .png, .svg or .csv");
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
