// GPU side of a heatmap: the values live in one R32F texture (one texel per cell),
// a fragment shader colours them through a colormap lookup texture, and the result
// is rendered into an offscreen framebuffer that the screen (ImGui::Image) or an
// export reads. Needs a current OpenGL 3.3 context.
#pragma once

#include "app/gl/framebuffer.hpp"
#include "app/gl/program.hpp"
#include "app/gl/texture.hpp"
#include "core/colormap.hpp"

namespace peviz::plot {

// The part of the value texture to show, in cell units: columns [x0, x1), rows [y0, y1).
struct CellWindow {
  double x0 = 0.0, x1 = 1.0;
  double y0 = 0.0, y1 = 1.0;
};

class HeatmapRenderer {
 public:
  HeatmapRenderer();
  ~HeatmapRenderer();
  HeatmapRenderer(const HeatmapRenderer&) = delete;
  HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

  // Row-major values: `rows` rows of `cols` floats; row 0 is drawn on top.
  void set_values(const float* data, int cols, int rows);
  void set_colormap(const Colormap& map);
  // Renders the window of cells into a width x height picture, mapping
  // [lo, hi] onto the colormap. Restores the framebuffer binding and viewport.
  const gl::Framebuffer& render(int width, int height, double lo, double hi,
                                const CellWindow& window);

  int cols() const { return values_.width(); }
  int rows() const { return values_.height(); }
  const gl::Texture& colormap_texture() const { return lut_; }

 private:
  gl::Program program_;
  gl::Texture values_;
  gl::Texture lut_;
  gl::Framebuffer target_;
  GLuint vao_ = 0;
  int lut_size_ = 256;
};

}  // namespace peviz::plot
