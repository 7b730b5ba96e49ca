#include "imgui_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace peviz::plot {
namespace {

ImTextureID texture_id(GLuint id) {
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id));
}

ImVec2 iv(Vec2 v) {
  return {v.x, v.y};
}

}  // namespace

ImU32 to_imgui(Color c) {
  const auto byte = [](float v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
  };
  return IM_COL32(byte(c.r), byte(c.g), byte(c.b), byte(c.a));
}

HeatmapRenderer& HeatmapCache::renderer_for(const HeatmapLayer& layer) {
  const int nth = uses_[layer.values.get()]++;
  Entry& e = entries_[{layer.values.get(), nth}];
  if (!e.renderer) {
    e.values = layer.values;
    e.renderer = std::make_unique<HeatmapRenderer>();
    const Eigen::MatrixXd& v = *layer.values;
    // Row-major floats; infinities become the ends of the colormap, NaN its low end.
    std::vector<float> data(static_cast<std::size_t>(v.size()));
    const float big = std::numeric_limits<float>::max();
    for (Eigen::Index r = 0; r < v.rows(); ++r) {
      for (Eigen::Index c = 0; c < v.cols(); ++c) {
        const double x = v(r, c);
        data[static_cast<std::size_t>(r * v.cols() + c)] =
            std::isnan(x) ? -big : static_cast<float>(std::clamp(x, -3.0e38, 3.0e38));
      }
    }
    e.renderer->set_values(data.data(), static_cast<int>(v.cols()), static_cast<int>(v.rows()));
    e.colormap = layer.colormap;
    e.renderer->set_colormap(colormap(layer.colormap));
  }
  if (e.colormap != layer.colormap) {
    e.colormap = layer.colormap;
    e.renderer->set_colormap(colormap(layer.colormap));
  }
  e.used = true;
  return *e.renderer;
}

ImageSource::Image HeatmapCache::heatmap_image(const HeatmapLayer& layer, CellRange cells,
                                               int width, int height) {
  HeatmapRenderer& r = renderer_for(layer);
  const gl::Framebuffer& fb =
      r.render(width, height, layer.lo, layer.hi, {cells.col0, cells.col1, cells.row0, cells.row1});
  // The framebuffer's first row is the bottom of the picture: flip v.
  return {texture_id(fb.color().id()), {0.0f, 1.0f}, {1.0f, 0.0f}};
}

ImTextureID HeatmapCache::colormap_image(ColormapId id) {
  return texture_id(colormap_texture(id).id());
}

const gl::Texture& HeatmapCache::colormap_texture(ColormapId id) {
  auto it = luts_.find(id);
  if (it == luts_.end()) {
    const std::vector<std::uint8_t> lut = colormap_rgba8(colormap(id), kColormapEntries);
    gl::Texture t;
    t.upload_rgba8(kColormapEntries, 1, lut.data());
    it = luts_.emplace(id, std::move(t)).first;
  }
  return it->second;
}

void HeatmapCache::end_frame() {
  uses_.clear();
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
}

void ImGuiCanvas::line(Vec2 a, Vec2 b, Color color, float width) {
  draw_->AddLine(iv(a), iv(b), to_imgui(color), width);
}

void ImGuiCanvas::polyline(const std::vector<Vec2>& points, Color color, float width) {
  if (points.size() < 2) return;
  std::vector<ImVec2> p(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) p[i] = iv(points[i]);
  // ImGui builds a polyline in one 16-bit-indexed draw command; split long ones.
  constexpr std::size_t kChunk = 2000;
  for (std::size_t start = 0; start + 1 < p.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk + 1, p.size() - start);
    draw_->AddPolyline(p.data() + start, static_cast<int>(n), to_imgui(color), 0, width);
  }
}

void ImGuiCanvas::convex_fill(const std::vector<Vec2>& points, Color color) {
  std::vector<ImVec2> p(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) p[i] = iv(points[i]);
  draw_->AddConvexPolyFilled(p.data(), static_cast<int>(p.size()), to_imgui(color));
}

void ImGuiCanvas::rect(Rect r, Color color, float width) {
  draw_->AddRect({r.x0, r.y0}, {r.x1, r.y1}, to_imgui(color), 0.0f, 0, width);
}

void ImGuiCanvas::rect_fill(Rect r, Color color) {
  draw_->AddRectFilled({r.x0, r.y0}, {r.x1, r.y1}, to_imgui(color));
}

void ImGuiCanvas::circle(Vec2 centre, float radius, Color color, float width) {
  draw_->AddCircle(iv(centre), radius, to_imgui(color), 0, width);
}

void ImGuiCanvas::circle_fill(Vec2 centre, float radius, Color color) {
  draw_->AddCircleFilled(iv(centre), radius, to_imgui(color));
}

Vec2 ImGuiCanvas::text_size(const std::string& text, float size, bool bold) {
  const ImVec2 s = font(bold)->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
  return {s.x, s.y};
}

void ImGuiCanvas::text(Vec2 at, const std::string& text, Color color, float size, bool bold,
                       float align_x, float align_y, bool vertical) {
  if (text.empty()) return;
  const Vec2 s = text_size(text, size, bold);
  if (!vertical) {
    draw_->AddText(font(bold), size,
                   {std::round(at.x - s.x * align_x), std::round(at.y - s.y * align_y)},
                   to_imgui(color), text.c_str());
    return;
  }
  // Draw upright at (px, py), then turn the new vertices 90 degrees counter-clockwise
  // about (px, py): (x, y) -> (px + (y - py), py - (x - px)).
  const float px = std::round(at.x - align_x * s.y);
  const float py = std::round(at.y - align_y * s.x + s.x);
  const int first = draw_->VtxBuffer.Size;
  draw_->AddText(font(bold), size, {px, py}, to_imgui(color), text.c_str());
  for (int i = first; i < draw_->VtxBuffer.Size; ++i) {
    ImVec2& p = draw_->VtxBuffer[i].pos;
    const float dx = p.x - px, dy = p.y - py;
    p = {px + dy, py - dx};
  }
}

void ImGuiCanvas::heatmap(Rect dst, const HeatmapLayer& layer, CellRange cells) {
  const int w = std::max(1, static_cast<int>(std::lround(dst.width())));
  const int h = std::max(1, static_cast<int>(std::lround(dst.height())));
  const ImageSource::Image image = images_.heatmap_image(layer, cells, w, h);
  draw_->AddImage(image.texture, {dst.x0, dst.y0}, {dst.x1, dst.y1}, image.uv0, image.uv1);
}

void ImGuiCanvas::colorbar(Rect dst, ColormapId map, bool vertical) {
  const ImTextureID tex = images_.colormap_image(map);
  if (vertical) {
    draw_->AddImageQuad(tex, {dst.x0, dst.y1}, {dst.x1, dst.y1}, {dst.x1, dst.y0}, {dst.x0, dst.y0},
                        {0, 0.5f}, {0, 0.5f}, {1, 0.5f}, {1, 0.5f});
  } else {
    draw_->AddImage(tex, {dst.x0, dst.y0}, {dst.x1, dst.y1}, {0, 0.5f}, {1, 0.5f});
  }
}

void ImGuiCanvas::push_clip(Rect r) {
  draw_->PushClipRect({r.x0, r.y0}, {r.x1, r.y1}, true);
}

void ImGuiCanvas::pop_clip() {
  draw_->PopClipRect();
}

}  // namespace peviz::plot
