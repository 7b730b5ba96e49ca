// Draws a Figure into pixels on the CPU alone: no OpenGL, no EGL, no display. Its
// own ImGui context with the screen's fonts (the atlas is rasterised on the CPU
// anyway), the same ImGuiCanvas, layout and drawing as the window and the GPU
// renderer (OffscreenRenderer), then soft::rasterise of ImGui's draw data with the
// GPU's rules; heatmaps are coloured on the CPU exactly as shaders/heatmap.frag
// colours them. The default renderer of PNG export: it starts in milliseconds where
// the GPU path spends a third of a second bringing up EGL and llvmpipe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <imgui.h>

#include "app/plot/backend/imgui_canvas.hpp"
#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"

struct ImDrawList;
struct ImFont;

namespace peviz {

// A picture held by its renderer: width x height RGBA8 pixels, top row first.
struct PixelsView {
  const std::uint8_t* rgba = nullptr;
  int width = 0, height = 0;
};

class SoftRenderer {
 public:
  // `font_scale` multiplies the UI font sizes (2 for --scale 2 pictures); `threads`
  // draws bands of the picture in parallel (1 draws on the calling thread only).
  // `extra_glyphs`: characters of other scripts for the atlas (fonts.hpp extra_glyphs).
  explicit SoftRenderer(float font_scale = 1.0f, int threads = 2,
                        const std::vector<ImWchar>& extra_glyphs = {});
  ~SoftRenderer();
  SoftRenderer(const SoftRenderer&) = delete;
  SoftRenderer& operator=(const SoftRenderer&) = delete;

  // `figure` drawn at width x height (16 to 16384 a side, else std::runtime_error).
  // Straight alpha: opaque, or with `transparent` alpha 0 where nothing is drawn.
  // Valid until the next call.
  PixelsView render(const plot::Figure& figure, int width, int height, const plot::Style& style,
                    bool transparent = false);

  // What `paint` adds to an ImGui draw list (with this renderer's fonts and images),
  // over `clear` (IM_COL32; colours of partly transparent results are straight alpha).
  // The primitive tests draw through this.
  using Paint = std::function<void(ImDrawList&, plot::ImageSource&)>;
  PixelsView render_draw_list(int width, int height, std::uint32_t clear, const Paint& paint);

  ImFont* body_font() const;
  ImFont* title_font() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// `layer`'s cells `cells` as width x height RGBA8 pixels (top row first), as
// heatmap.frag colours them: the value of the nearest cell to each pixel centre,
// t = (v - lo) / (hi - lo) clamped to [0, 1], the colormap lookup table read at
// t (entries - 1) with linear interpolation between its two nearest entries.
// `rgba` holds width * height * 4 bytes. Large pictures are coloured in bands on `threads`.
void colour_heatmap(const plot::HeatmapLayer& layer, plot::CellRange cells, int width, int height,
                    std::uint8_t* rgba, int threads = 1);

}  // namespace peviz
