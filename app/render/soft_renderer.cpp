#include "soft_renderer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <deque>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

#include "app/plot/backend/fonts.hpp"
#include "app/render/page_buffer.hpp"
#include "app/render/picture.hpp"
#include "app/render/soft_raster.hpp"
#include "core/colormap.hpp"

namespace peviz {
namespace {

// The CPU's heatmap and colorbar pictures, as soft::Textures whose addresses are the
// ImTextureIDs. Heatmap pictures live until end_frame(); their buffers are reused.
class CpuImages : public plot::ImageSource {
 public:
  explicit CpuImages(int threads) : threads_(threads) {}

  Image heatmap_image(const plot::HeatmapLayer& layer, plot::CellRange cells, int width,
                      int height) override {
    if (used_ == heatmaps_.size()) heatmaps_.emplace_back();
    Picture& p = heatmaps_[used_++];
    std::uint8_t* rgba = p.buffer.reserve(static_cast<std::size_t>(width) * height * 4);
    colour_heatmap(layer, cells, width, height, rgba, threads_);
    p.texture = {width, height, 4, rgba};
    return {soft::texture_id(p.texture), {0.0f, 0.0f}, {1.0f, 1.0f}};
  }

  ImTextureID colormap_image(ColormapId id) override {
    auto it = luts_.find(id);
    if (it == luts_.end()) {
      it = luts_.emplace(id, Lut{colormap_rgba8(colormap(id), kColormapEntries), {}}).first;
      it->second.texture = {kColormapEntries, 1, 4, it->second.rgba.data()};
    }
    return soft::texture_id(it->second.texture);
  }

  void end_frame() { used_ = 0; }

 private:
  struct Picture {
    PageBuffer buffer;
    soft::Texture texture;
  };
  struct Lut {
    std::vector<std::uint8_t> rgba;
    soft::Texture texture;
  };
  int threads_;
  std::deque<Picture> heatmaps_;  // a deque: textures keep their addresses as it grows
  std::size_t used_ = 0;
  std::map<ColormapId, Lut> luts_;
};

}  // namespace

struct SoftRenderer::State {
  explicit State(int thread_count) : images(thread_count), threads(thread_count) {}
  ImGuiContext* imgui = nullptr;
  Fonts fonts;
  soft::Texture atlas;
  CpuImages images;
  PageBuffer pixels;
  int threads = 1;
};

SoftRenderer::SoftRenderer(float font_scale, int threads, const std::vector<ImWchar>& extra_glyphs)
    : state_(std::make_unique<State>(std::clamp(threads, 1, 16))) {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  state_->imgui = ImGui::CreateContext();
  ImGui::SetCurrentContext(state_->imgui);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  // As ImGui's OpenGL3 backend on GL 3.2+: draw lists may pass 64K vertices with VtxOffset.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  state_->fonts = load_fonts(font_scale, extra_glyphs);
  // The backend uploads the atlas as RGBA32, which is white with the glyphs' alpha:
  // the alpha alone is the same texture.
  unsigned char* alpha = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsAlpha8(&alpha, &w, &h);
  state_->atlas = {w, h, 1, alpha};
  io.Fonts->SetTexID(soft::texture_id(state_->atlas));
  ImGui::SetCurrentContext(previous);
}

SoftRenderer::~SoftRenderer() {
  ImGui::DestroyContext(state_->imgui);
}

ImFont* SoftRenderer::body_font() const {
  return state_->fonts.body;
}
ImFont* SoftRenderer::title_font() const {
  return state_->fonts.title;
}

namespace {

void check_size(int width, int height) {
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw std::runtime_error("picture size must be between 16 and 16384 pixels a side");
  }
}

// Draws `paint` with `context` current into `rgba`; clears first unless `clear` is
// null (the caller knows the first thing painted covers every pixel opaquely).
void draw(ImGuiContext* context, int width, int height, const std::uint32_t* clear,
          const SoftRenderer::Paint& paint, plot::ImageSource& images, std::uint8_t* rgba,
          int threads) {
  struct Current {  // the caller's context is current again however this returns
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ~Current() { ImGui::SetCurrentContext(previous); }
  } current;
  ImGui::SetCurrentContext(context);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  try {
    paint(*ImGui::GetBackgroundDrawList(), images);
  } catch (...) {
    ImGui::EndFrame();
    throw;
  }
  ImGui::Render();
  const std::size_t count = static_cast<std::size_t>(width) * height;
  if (clear != nullptr) {
    std::uint8_t px[4];
    for (int c = 0; c < 4; ++c) px[c] = static_cast<std::uint8_t>(*clear >> (8 * c));
    // The blend keeps colours multiplied by alpha: clear to the premultiplied colour.
    for (int c = 0; c < 3; ++c) px[c] = static_cast<std::uint8_t>((px[c] * px[3] + 127) / 255);
    for (std::size_t i = 0; i < count; ++i) std::memcpy(rgba + 4 * i, px, 4);
  }
  const ImDrawData& data = *ImGui::GetDrawData();
  // Bands of rows on separate threads: every band reads all commands and writes only its rows.
  const int bands = height >= 64 ? threads : 1;
  std::vector<std::thread> workers;
  for (int b = 1; b < bands; ++b) {
    workers.emplace_back([&data, rgba, width, height, b, bands] {
      soft::rasterise(data, {rgba, width, height, height * b / bands, height * (b + 1) / bands});
    });
  }
  soft::rasterise(data, {rgba, width, height, 0, height / bands});
  for (std::thread& t : workers) t.join();
  if (clear != nullptr && (*clear >> IM_COL32_A_SHIFT & 0xFF) != 255)
    soft::unpremultiply(rgba, count);
}

}  // namespace

PixelsView SoftRenderer::render_draw_list(int width, int height, std::uint32_t clear,
                                          const Paint& paint) {
  check_size(width, height);
  std::uint8_t* rgba = state_->pixels.reserve(static_cast<std::size_t>(width) * height * 4);
  draw(state_->imgui, width, height, &clear, paint, state_->images, rgba, state_->threads);
  state_->images.end_frame();
  return {rgba, width, height};
}

PixelsView SoftRenderer::render(const plot::Figure& figure, int width, int height,
                                const plot::Style& style, bool transparent) {
  check_size(width, height);
  const Fonts& fonts = state_->fonts;
  const Paint paint = [&](ImDrawList& list, plot::ImageSource& images) {
    plot::ImGuiCanvas canvas(&list, fonts.body, fonts.title, images);
    draw_picture(figure, width, height, style, canvas, transparent);
  };
  const plot::Color background = style.resolve(style.background);
  // An opaque background is painted over every pixel first: no clear needed.
  const std::uint32_t clear = transparent ? 0u : plot::to_imgui(background);
  const bool covered = !transparent && (clear >> IM_COL32_A_SHIFT & 0xFF) == 255;
  std::uint8_t* rgba = state_->pixels.reserve(static_cast<std::size_t>(width) * height * 4);
  draw(state_->imgui, width, height, covered ? nullptr : &clear, paint, state_->images, rgba,
       state_->threads);
  state_->images.end_frame();
  return {rgba, width, height};
}

void colour_heatmap(const plot::HeatmapLayer& layer, plot::CellRange cells, int width, int height,
                    std::uint8_t* rgba, int threads) {
  const Eigen::MatrixXd& values = *layer.values;
  const int cols = static_cast<int>(values.cols()), rows = static_cast<int>(values.rows());
  constexpr int kEntries = plot::ImageSource::kColormapEntries;
  const std::vector<std::uint8_t> lut = colormap_rgba8(colormap(layer.colormap), kEntries);
  // The shader's uniforms and arithmetic, in floats as on the GPU.
  const float lo = static_cast<float>(layer.lo), hi = static_cast<float>(layer.hi);
  const float range = std::max(hi - lo, 1e-30f);
  // The texture coordinate at each pixel centre, with the arithmetic of llvmpipe's
  // plane equations for the heatmap's full-screen quad (its first triangle): a
  // gradient of range * (extent across / area), a value a0 at the framebuffer origin,
  // and a0 + gradient * pixel, in floats, counting rows from GL's bottom row. Where a
  // cell edge falls exactly on a pixel centre (odd sizes), this picks the GPU's cell.
  const float area = static_cast<float>(width) * static_cast<float>(height);
  const float one_over_area = 1.0f / area;
  const auto texel = [&](double first, double last, int size, int pixel, int pixels, int across,
                         bool rows_up) {
    const float lo_uv = static_cast<float>(first / size), hi_uv = static_cast<float>(last / size);
    const float step = (hi_uv - lo_uv) * (static_cast<float>(across) * one_over_area);
    float uv;
    if (!rows_up) {
      const float a0 = lo_uv - step * -0.5f;
      uv = a0 + step * static_cast<float>(pixel);
    } else {  // GL row j = pixels - 1 - pixel; the quad's first vertex is at the top, y = pixels
      const float down = -step;
      const float a0 = lo_uv - down * (static_cast<float>(pixels) - 0.5f);
      uv = a0 + down * static_cast<float>(pixels - 1 - pixel);
    }
    return std::clamp(static_cast<int>(std::floor(uv * static_cast<float>(size))), 0, size - 1);
  };
  std::vector<int> col_of(static_cast<std::size_t>(width));
  for (int x = 0; x < width; ++x)
    col_of[x] = texel(cells.col0, cells.col1, cols, x, width, height, false);
  const std::size_t row_bytes = static_cast<std::size_t>(width) * 4;
  const auto band = [&](int y0, int y1) {
    int previous_row = -1;
    for (int y = y0; y < y1; ++y) {
      std::uint8_t* out = rgba + y * row_bytes;
      const int r = texel(cells.row0, cells.row1, rows, y, height, width, true);
      if (r == previous_row) {  // the same cells as the row above
        std::memcpy(out, out - row_bytes, row_bytes);
        continue;
      }
      previous_row = r;
      int previous_col = -1;
      std::uint8_t colour[4] = {0, 0, 0, 255};
      for (int x = 0; x < width; ++x, out += 4) {
        const int c = col_of[x];
        if (c != previous_col) {
          previous_col = c;
          // As uploaded: NaN at the low end, infinities clamped to finite floats.
          const double v = values(r, c);
          const float f =
              std::isnan(v) ? -FLT_MAX : static_cast<float>(std::clamp(v, -3.0e38, 3.0e38));
          const float t = std::clamp((f - lo) / range, 0.0f, 1.0f);
          // The shader's lookup: entry centres (t = 0 is entry 0, t = 1 the last), read
          // with linear filtering; the GPU samples it in floats and rounds the result.
          const float s =
              (t * static_cast<float>(kEntries - 1) + 0.5f) / static_cast<float>(kEntries);
          const float pos = s * static_cast<float>(kEntries) - 0.5f;
          const float below = std::floor(pos);
          const float frac = pos - below;
          const int i0 = std::clamp(static_cast<int>(below), 0, kEntries - 1);
          const int i1 = std::min(i0 + 1, kEntries - 1);
          for (int k = 0; k < 3; ++k) {
            const float a = lut[4 * i0 + k], b = lut[4 * i1 + k];
            colour[k] = static_cast<std::uint8_t>(a + (b - a) * frac + 0.5f);
          }
        }
        std::memcpy(out, colour, 4);
      }
    }
  };
  // Big pictures in bands of rows on `threads` threads.
  const int bands = static_cast<long>(width) * height >= (1 << 18) ? std::clamp(threads, 1, 16) : 1;
  std::vector<std::thread> workers;
  for (int b = 1; b < bands; ++b)
    workers.emplace_back(band, height * b / bands, height * (b + 1) / bands);
  band(0, height / bands);
  for (std::thread& t : workers) t.join();
}

}  // namespace peviz
