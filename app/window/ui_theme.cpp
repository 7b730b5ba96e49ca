#include "ui_theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace peviz {
namespace {

ImVec4 v4(plot::Color c) {
  return ImVec4(c.r, c.g, c.b, c.a);
}

}  // namespace

void apply_ui_theme(plot::Theme theme, float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (theme == plot::Theme::Dark) {
    ImGui::StyleColorsDark();
  } else {
    ImGui::StyleColorsLight();
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(16, 12);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(10, 7);
  style.WindowBorderSize = 0.0f;
  const plot::Style plot_style = plot::theme_style(theme);
  style.Colors[ImGuiCol_WindowBg] = v4(plot_style.background);
  style.Colors[ImGuiCol_Text] = v4(plot_style.text);
  style.Colors[ImGuiCol_TextDisabled] = v4(plot_style.muted);
  style.Colors[ImGuiCol_ChildBg] = v4(plot_style.surface);  // the sidebar (explorer.cpp)
  style.Colors[ImGuiCol_PopupBg] = v4(plot_style.background);
  if (theme == plot::Theme::Contrast) {
    // Black on white with visible frames: every control has an outline.
    style.FrameBorderSize = 1.5f;
    style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 1);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.85f, 0.85f, 0.85f, 1);
    style.Colors[ImGuiCol_Button] = ImVec4(0.88f, 0.88f, 0.88f, 1);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.75f, 0.75f, 0.75f, 1);
    style.Colors[ImGuiCol_Header] = ImVec4(0.80f, 0.80f, 0.80f, 1);
    style.Colors[ImGuiCol_SliderGrab] = ImVec4(0, 0, 0, 1);
    style.Colors[ImGuiCol_CheckMark] = ImVec4(0, 0, 0, 1);
  }
  style.ScaleAllSizes(scale);
}

plot::Style window_style(plot::Theme theme, float scale) {
  return plot::theme_style(theme, 20.0f * scale);
}

namespace {
// Steps a projector needs: from the desk (1) to the back of a lecture hall (2.5).
constexpr std::array<float, 8> kSteps = {0.8f, 1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f, 3.0f};
}  // namespace

float content_text_scale(float content_scale) {
  if (!(content_scale > 0.0f) || !std::isfinite(content_scale)) return 1.0f;
  float best = kSteps.front();
  for (float s : kSteps) {
    if (std::abs(s - content_scale) < std::abs(best - content_scale)) best = s;
  }
  return best;
}

float next_font_scale(float scale, int direction) {
  // The first step at or above `scale`; going down from it, or up when it is `scale` itself.
  const auto it = std::lower_bound(kSteps.begin(), kSteps.end(), scale - 1e-3f);
  std::ptrdiff_t i = it - kSteps.begin();
  const bool exact = it != kSteps.end() && std::abs(*it - scale) <= 1e-3f;
  if (direction < 0) i -= 1;
  if (direction > 0 && exact) i += 1;
  i = std::clamp<std::ptrdiff_t>(i, 0, static_cast<std::ptrdiff_t>(kSteps.size()) - 1);
  return kSteps[static_cast<std::size_t>(i)];
}

}  // namespace peviz
