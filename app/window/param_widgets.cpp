#include "param_widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace peviz {

bool ParamEditor::shown(const ParamInfo& info) const {
  return only_.empty() || std::find(only_.begin(), only_.end(), info.name) != only_.end();
}

void ParamEditor::help(const ParamInfo& info) const {
  if (info.help[0] != '\0' && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.help);
}

void ParamEditor::visit(const ParamInfo& info, int& value) {
  if (!shown(info)) return;
  ImGui::PushID(info.name);
  int v = value;
  const int lo = static_cast<int>(info.min), hi = static_cast<int>(info.max);
  ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp;
  if (info.log) flags |= ImGuiSliderFlags_Logarithmic;
  // 0 of a field whose 0 means something else ("auto") shows that instead.
  const char* format = info.zero != nullptr && value == 0 ? info.zero : "%d";
  if (ImGui::SliderInt(info.label, &v, lo, hi, format, flags)) {
    if (info.even && v % 2 != 0) v = std::min(hi, v + 1);
    v = std::clamp(v, lo, hi);
    if (v != value) {
      value = v;
      changed_ = true;
    }
  }
  help(info);
  ImGui::PopID();
}

void ParamEditor::visit(const ParamInfo& info, double& value) {
  if (!shown(info)) return;
  ImGui::PushID(info.name);
  double v = value;
  ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp;
  if (info.log) flags |= ImGuiSliderFlags_Logarithmic;
  const char* format = std::abs(info.max) >= 1000 ? "%.0f" : "%.3g";
  if (ImGui::SliderScalar(info.label, ImGuiDataType_Double, &v, &info.min, &info.max, format,
                          flags) &&
      std::isfinite(v) && v != value) {
    value = std::clamp(v, info.min, info.max);
    changed_ = true;
  }
  help(info);
  ImGui::PopID();
}

void ParamEditor::visit(const ParamInfo& info, bool& value) {
  if (!shown(info)) return;
  ImGui::PushID(info.name);
  if (ImGui::Checkbox(info.label, &value)) changed_ = true;
  help(info);
  ImGui::PopID();
}

void ParamEditor::visit(const ParamInfo& info, std::string& value) {
  if (!shown(info)) return;
  ImGui::PushID(info.name);
  if (ImGui::InputText(info.label, &value)) changed_ = true;
  help(info);
  ImGui::PopID();
}

void ParamEditor::visit_choice(const ParamInfo& info, int& index) {
  if (!shown(info)) return;
  ImGui::PushID(info.name);
  const int n = static_cast<int>(info.choices.size());
  if (n <= 3) {
    ImGui::TextUnformatted(info.label);
    help(info);
    for (int i = 0; i < n; ++i) {
      ImGui::SameLine();
      if (ImGui::RadioButton(info.choices[i], index == i) && index != i) {
        index = i;
        changed_ = true;
      }
    }
  } else if (ImGui::BeginCombo(info.label, info.choices.at(static_cast<std::size_t>(index)))) {
    for (int i = 0; i < n; ++i) {
      if (ImGui::Selectable(info.choices[i], index == i) && index != i) {
        index = i;
        changed_ = true;
      }
    }
    ImGui::EndCombo();
  }
  if (n > 3) help(info);
  ImGui::PopID();
}

bool draw_actions(const std::vector<ViewAction>& actions) {
  bool changed = false;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const ViewAction& a = actions[i];
    const float width = ImGui::CalcTextSize(a.label.c_str()).x + 2.0f * style.FramePadding.x;
    if (i > 0) {
      // Stay on the row while the button fits, so a narrow sidebar wraps instead of clipping.
      const float next = ImGui::GetItemRectMax().x + style.ItemSpacing.x + width;
      if (next <= right) ImGui::SameLine();
    }
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginDisabled(!a.enabled);
    if (ImGui::Button(a.label.c_str()) && a.run) changed = a.run() || changed;
    ImGui::EndDisabled();
    if (!a.tooltip.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", a.tooltip.c_str());
    ImGui::PopID();
  }
  return changed;
}

}  // namespace peviz
