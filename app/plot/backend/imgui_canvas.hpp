// The Canvas on an ImGui draw list: the screen, and PNG export (rendered by the GPU
// offscreen, or by the CPU rasteriser of app/render/soft_renderer). Heatmap and
// colorbar pictures come from an ImageSource: on the GPU (HeatmapCache, shaders; the
// screen) or on the CPU (the soft renderer's, same colours, no GL).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <memory>

#include "app/plot/canvas.hpp"
#include "heatmap_renderer.hpp"

namespace peviz::plot {

// Where an ImGuiCanvas gets the pictures it cannot draw with ImGui primitives.
class ImageSource {
 public:
  virtual ~ImageSource() = default;
  // A texture and the texture coordinates of the destination's top-left and bottom-right.
  struct Image {
    ImTextureID texture = nullptr;
    ImVec2 uv0{0.0f, 0.0f}, uv1{1.0f, 1.0f};
  };
  // `cells` of `layer` coloured through its colormap as width x height pixels (heatmap.frag:
  // nearest cell, colormap entries interpolated linearly), to be stretched over the
  // destination with linear filtering.
  virtual Image heatmap_image(const HeatmapLayer& layer, CellRange cells, int width,
                              int height) = 0;
  // The colormap's lookup table, kColormapEntries x 1 texels sampled linearly: u = 0 is
  // the low end's texel's left edge, u = 1 the high end's right edge.
  virtual ImTextureID colormap_image(ColormapId id) = 0;
  static constexpr int kColormapEntries = 256;
};

// The GPU's images: heatmaps rendered by HeatmapRenderer into framebuffers, cached
// by the identity of the layer's values and dropped when a frame no longer uses them.
class HeatmapCache : public ImageSource {
 public:
  Image heatmap_image(const HeatmapLayer& layer, CellRange cells, int width, int height) override;
  ImTextureID colormap_image(ColormapId id) override;
  // The renderer holding `layer`'s values (uploaded on first use).
  HeatmapRenderer& renderer_for(const HeatmapLayer& layer);
  // The lookup texture of a colormap.
  const gl::Texture& colormap_texture(ColormapId id);
  // Call once per frame: forgets layers not used since the previous call.
  void end_frame();

 private:
  struct Entry {
    std::shared_ptr<const Eigen::MatrixXd> values;  // keeps the key alive
    std::unique_ptr<HeatmapRenderer> renderer;
    ColormapId colormap = ColormapId::RdBu;
    bool used = false;
  };
  // Keyed by the values and by how many times they were drawn this frame: each
  // drawing renders into its own framebuffer (a layer may appear twice, e.g. compare mode).
  std::map<std::pair<const Eigen::MatrixXd*, int>, Entry> entries_;
  std::map<const Eigen::MatrixXd*, int> uses_;
  std::map<ColormapId, gl::Texture> luts_;
};

class ImGuiCanvas : public Canvas {
 public:
  ImGuiCanvas(ImDrawList* draw, ImFont* regular, ImFont* bold, ImageSource& images)
      : draw_(draw), regular_(regular), bold_(bold), images_(images) {}

  void line(Vec2 a, Vec2 b, Color color, float width) override;
  void polyline(const std::vector<Vec2>& points, Color color, float width) override;
  void convex_fill(const std::vector<Vec2>& points, Color color) override;
  void rect(Rect r, Color color, float width) override;
  void rect_fill(Rect r, Color color) override;
  void circle(Vec2 centre, float radius, Color color, float width) override;
  void circle_fill(Vec2 centre, float radius, Color color) override;
  void text(Vec2 at, const std::string& text, Color color, float size, bool bold, float align_x,
            float align_y, bool vertical) override;
  Vec2 text_size(const std::string& text, float size, bool bold) override;
  void heatmap(Rect dst, const HeatmapLayer& layer, CellRange cells) override;
  void colorbar(Rect dst, ColormapId map, bool vertical) override;
  void push_clip(Rect r) override;
  void pop_clip() override;

 private:
  // The regular font when there is no bold one, ImGui's current font when there is neither.
  ImFont* font(bool bold) const {
    if (bold && bold_ != nullptr) return bold_;
    return regular_ != nullptr ? regular_ : ImGui::GetFont();
  }
  ImDrawList* draw_;
  ImFont* regular_;
  ImFont* bold_;
  ImageSource& images_;
};

ImU32 to_imgui(Color c);

}  // namespace peviz::plot
