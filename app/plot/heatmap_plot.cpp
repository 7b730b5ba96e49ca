#include "heatmap_plot.hpp"

#include <algorithm>
#include <cmath>

#include "ticks.hpp"

namespace peviz::plot {
namespace {

ImTextureID texture_id(GLuint id) {
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id));
}

}  // namespace

HeatmapHover cell_at(ImVec2 point, ImVec2 cells_min, ImVec2 cells_max, int cols, int rows) {
  HeatmapHover h;
  const float w = cells_max.x - cells_min.x;
  const float hgt = cells_max.y - cells_min.y;
  if (cols < 1 || rows < 1 || w <= 0.0f || hgt <= 0.0f) return h;
  if (point.x < cells_min.x || point.x >= cells_max.x || point.y < cells_min.y ||
      point.y >= cells_max.y) {
    return h;
  }
  h.active = true;
  h.col = std::clamp(static_cast<int>((point.x - cells_min.x) / w * cols), 0, cols - 1);
  h.row = std::clamp(static_cast<int>((point.y - cells_min.y) / hgt * rows), 0, rows - 1);
  return h;
}

HeatmapHover draw_heatmap_plot(HeatmapRenderer& renderer, const HeatmapAxes& axes, ImVec2 size,
                               ImFont* title_font) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 axis_color = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // Margins: title on top, y ticks on the left, x ticks and label below, colorbar right.
  const float title_h = title_font != nullptr ? title_font->FontSize * 1.6f : line * 1.8f;
  const float left = ImGui::CalcTextSize("000000").x + line * 0.8f;
  const float bottom = line * 3.2f;
  const float colorbar_w = line * 1.2f;
  const float right = colorbar_w + ImGui::CalcTextSize("-0.00").x + line * 2.5f;
  const ImVec2 cells_min(origin.x + left, origin.y + title_h + line * 2.0f);
  const ImVec2 cells_max(origin.x + size.x - right, origin.y + size.y - bottom);
  const int cols = renderer.cols();
  const int rows = renderer.rows();

  // Title.
  if (title_font != nullptr) ImGui::PushFont(title_font);
  draw->AddText(ImVec2(cells_min.x, origin.y), text_color, axes.title.c_str());
  if (title_font != nullptr) ImGui::PopFont();
  // The y label sits above the y axis, pointing down the rows.
  const std::string y_label = axes.y_label + "  \xE2\x86\x93";  // "↓"
  draw->AddText(ImVec2(origin.x + line * 0.2f, cells_min.y - line * 1.9f), text_color,
                y_label.c_str());

  const int pw = std::max(1, static_cast<int>(cells_max.x - cells_min.x));
  const int ph = std::max(1, static_cast<int>(cells_max.y - cells_min.y));
  if (cols > 0 && rows > 0) {
    const gl::Framebuffer& fb = renderer.render(pw, ph, axes.value_lo, axes.value_hi,
                                                CellWindow{0.0, 1.0 * cols, 0.0, 1.0 * rows});
    // The framebuffer's first row is the bottom of the picture: flip v.
    draw->AddImage(texture_id(fb.color().id()), cells_min, cells_max, ImVec2(0, 1), ImVec2(1, 0));
  }
  draw->AddRect(ImVec2(cells_min.x - 1, cells_min.y - 1), ImVec2(cells_max.x + 1, cells_max.y + 1),
                axis_color);

  // Ticks at cell centres: column c is at x_first + c.
  const float cell_w = (cells_max.x - cells_min.x) / std::max(cols, 1);
  const float cell_h = (cells_max.y - cells_min.y) / std::max(rows, 1);
  const int x_target = std::max(2, static_cast<int>((cells_max.x - cells_min.x) / (line * 4.0f)));
  const int y_target = std::max(2, static_cast<int>((cells_max.y - cells_min.y) / (line * 2.5f)));
  const double x_last = axes.x_first + std::max(cols - 1, 0);
  const double y_last = axes.y_first + std::max(rows - 1, 0);
  const double x_step = std::max(1.0, nice_step(axes.x_first, x_last, x_target));
  const double y_step = std::max(1.0, nice_step(axes.y_first, y_last, y_target));
  for (double v : nice_ticks(axes.x_first, x_last, x_target)) {
    if (std::abs(v - std::round(v)) > 1e-9) continue;  // cells have integer coordinates
    const float x = cells_min.x + (static_cast<float>(v - axes.x_first) + 0.5f) * cell_w;
    draw->AddLine(ImVec2(x, cells_max.y + 1), ImVec2(x, cells_max.y + line * 0.35f), axis_color);
    const std::string label = tick_label(v, x_step);
    const float tw = ImGui::CalcTextSize(label.c_str()).x;
    draw->AddText(ImVec2(x - tw * 0.5f, cells_max.y + line * 0.4f), text_color, label.c_str());
  }
  for (double v : nice_ticks(axes.y_first, y_last, y_target)) {
    if (std::abs(v - std::round(v)) > 1e-9) continue;
    const float y = cells_min.y + (static_cast<float>(v - axes.y_first) + 0.5f) * cell_h;
    draw->AddLine(ImVec2(cells_min.x - line * 0.35f, y), ImVec2(cells_min.x - 1, y), axis_color);
    const std::string label = tick_label(v, y_step);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2(cells_min.x - line * 0.45f - ts.x, y - ts.y * 0.5f), text_color,
                  label.c_str());
  }
  const float xl = ImGui::CalcTextSize(axes.x_label.c_str()).x;
  draw->AddText(ImVec2((cells_min.x + cells_max.x - xl) * 0.5f, cells_max.y + line * 1.7f),
                text_color, (axes.x_label + "  \xE2\x86\x92").c_str());  // "→"

  // Colorbar: the lookup texture stretched vertically, low values at the bottom.
  const ImVec2 bar_min(cells_max.x + line * 1.0f, cells_min.y);
  const ImVec2 bar_max(bar_min.x + colorbar_w, cells_max.y);
  draw->AddImageQuad(texture_id(renderer.colormap_texture().id()), ImVec2(bar_min.x, bar_max.y),
                     ImVec2(bar_max.x, bar_max.y), ImVec2(bar_max.x, bar_min.y), bar_min,
                     ImVec2(0, 0.5f), ImVec2(0, 0.5f), ImVec2(1, 0.5f), ImVec2(1, 0.5f));
  draw->AddRect(bar_min, bar_max, axis_color);
  const double v_step = nice_step(axes.value_lo, axes.value_hi, 5);
  for (double v : nice_ticks(axes.value_lo, axes.value_hi, 5)) {
    const float t = static_cast<float>((v - axes.value_lo) / (axes.value_hi - axes.value_lo));
    const float y = bar_max.y - t * (bar_max.y - bar_min.y);
    draw->AddLine(ImVec2(bar_max.x, y), ImVec2(bar_max.x + line * 0.3f, y), axis_color);
    const std::string label = tick_label(v, v_step);
    draw->AddText(ImVec2(bar_max.x + line * 0.4f, y - line * 0.5f), text_color, label.c_str());
  }
  const float vl = ImGui::CalcTextSize(axes.value_label.c_str()).x;
  draw->AddText(ImVec2(std::min(bar_min.x, origin.x + size.x - vl), cells_min.y - line * 1.9f),
                text_color, axes.value_label.c_str());

  // Hover: the cell under the mouse, outlined.
  ImGui::InvisibleButton("##heatmap", size);
  HeatmapHover hover;
  if (ImGui::IsItemHovered()) {
    hover = cell_at(ImGui::GetIO().MousePos, cells_min, cells_max, cols, rows);
    if (hover.active) {
      const ImVec2 a(cells_min.x + hover.col * cell_w, cells_min.y + hover.row * cell_h);
      const ImVec2 b(a.x + std::max(cell_w, 2.0f), a.y + std::max(cell_h, 2.0f));
      draw->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(0, 0, 0, 255), 0,
                    0, 2.0f);
      draw->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2),
                    IM_COL32(255, 255, 255, 255));
    }
  }
  return hover;
}

}  // namespace peviz::plot
