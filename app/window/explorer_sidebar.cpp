// The explorer's sidebar (schemes, views, compare panels, parameters, explanation) and
// its keys (C, PageUp/PageDown, Ctrl+E, Ctrl+0, Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y).
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "app/compare/compare.hpp"
#include "app/window/param_widgets.hpp"
#include "explorer.hpp"

namespace peviz {
namespace {

// A refused model file: a red that reads on the light, dark and high-contrast surfaces.
const ImVec4 kErrorInk(0.86f, 0.16f, 0.16f, 1.0f);

constexpr Scheme kSchemes[] = {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope, Scheme::Xpos,
                               Scheme::Pope,       Scheme::Alibi,   Scheme::T5,   Scheme::Nope};

bool lists(const View& v, Scheme s) {
  const std::vector<Scheme> schemes = v.schemes();
  return std::find(schemes.begin(), schemes.end(), s) != schemes.end();
}

void section(const char* title, const Fonts& fonts) {
  ImGui::Spacing();
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
}
}  // namespace

void Explorer::keyboard(bool view_keys) {
  // A dialog (export, open lesson) has the keys while it is open.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  const ImGuiIO& io = ImGui::GetIO();
  // Ctrl+E types nothing, so it works while a sidebar field has the keyboard too.
  if (io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('E', false)) request_export();
  // Ctrl+M: open a model (a config.json or a learned table).
  if (io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('M', false)) open_model_popup_ = true;
  if (io.WantTextInput) return;  // a text field has its own Ctrl+Z
  // Undo: Ctrl+Z; redo: Ctrl+Shift+Z or Ctrl+Y (a held key repeats them).
  if (io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('Z')) {
    if (io.KeyShift) {
      redo();
    } else {
      undo();
    }
  }
  if (io.KeyCtrl && !io.KeyAlt && !io.KeyShift && ImGui::IsKeyPressed('Y')) redo();
  if (!io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('C', false)) set_compare(!compare_);
  std::vector<int> family;
  for (std::size_t i = 0; i < state_.views().size(); ++i) {
    if (lists(*state_.views()[i], edited_shared().scheme)) family.push_back(static_cast<int>(i));
  }
  const auto at = std::find(family.begin(), family.end(), current());
  if (at == family.end() || family.empty()) return;
  const std::size_t k = static_cast<std::size_t>(at - family.begin());
  if (view_keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown)))
    choose_view(family[(k + 1) % family.size()]);
  if (view_keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) {
    choose_view(family[(k + family.size() - 1) % family.size()]);
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed('0')) {
    scene_zoom_.clear();
    if (compare_) {
      compare_widget_.reset_zoom();
    } else {
      states_[current()].widget.reset_zoom();
    }
  }
}

void Explorer::sidebar(const Fonts& fonts, float width, float height, ImVec2 pos) {
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  // The theme's surface colour (ui_theme.cpp puts it in ChildBg).
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_ChildBg));
  ImGui::Begin("sidebar", nullptr, fixed);
  ImGui::PushItemWidth(width * 0.5f);

  // Schemes: chosen in one place, the views follow.
  section("Scheme", fonts);
  const float button_w =
      (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
  // In compare mode the buttons set the selected panel's scheme, among those the view shows.
  for (int i = 0; i < 6; ++i) {
    if (i % 3 != 0) ImGui::SameLine();
    const bool on = edited_shared().scheme == kSchemes[i];
    const bool disabled = compare_ && !lists(state_.view(), kSchemes[i]);
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (disabled) ImGui::BeginDisabled();
    if (ImGui::Button(scheme_title(kSchemes[i]), ImVec2(button_w, 0))) {
      if (compare_) {
        edited_shared().scheme = kSchemes[i];
      } else {
        select_scheme(kSchemes[i]);
      }
    }
    if (disabled) ImGui::EndDisabled();
    if (on) ImGui::PopStyleColor();
  }
  section("View", fonts);
  for (std::size_t i = 0; i < state_.views().size(); ++i) {
    if (!lists(*state_.views()[i], edited_shared().scheme)) continue;
    if (ImGui::Selectable(state_.views()[i]->title(), current() == static_cast<int>(i)))
      choose_view(static_cast<int>(i));
  }

  model_section(fonts);

  // Compare: the panels A-D, the selected one's parameters below.
  ImGui::Spacing();
  bool comparing = compare_;
  if (ImGui::Checkbox("Compare side by side  (C)", &comparing)) set_compare(comparing);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("The same view for 2 to 4 parameter sets, with shared axes and cursor");
  }
  if (compare_) {
    const float panel_w = ImGui::GetFrameHeight() * 1.6f;
    for (int i = 0; i < compare_count(); ++i) {
      if (i > 0) ImGui::SameLine();
      const bool on = selected_ == i;
      if (on)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(std::string(1, compare::letter(i)).c_str(), ImVec2(panel_w, 0)))
        selected_ = i;
      if (on) ImGui::PopStyleColor();
    }
    if (compare_count() < compare::kMaxPanels) {
      ImGui::SameLine();
      if (ImGui::Button("+ add")) add_panel();
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A new panel with the selected panel's parameters");
    }
    if (compare_count() > 2) {
      ImGui::SameLine();
      if (ImGui::Button("remove")) {
        panels_.erase(panels_.begin() + selected_);
        selected_ = std::min(selected_, compare_count() - 1);
        merged_dirty_ = true;
        compare_widget_.reset_zoom();
      }
    }
  }

  View& view = edited_view();
  SharedParams& params = edited_shared();
  if (compare_) {
    const std::string t = std::string("Parameters of panel ") + compare::letter(selected_);
    section(t.c_str(), fonts);
  } else {
    section("Parameters", fonts);
  }
  ParamEditor shared_editor(view.shared_fields(params));
  params.visit(shared_editor);
  ParamEditor own_editor;
  view.visit(own_editor);
  draw_actions(view.actions());

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextWrapped("%s", view.explanation(params).c_str());
  if (!readout_.empty()) {
    ImGui::Separator();
    for (const std::string& l : readout_) ImGui::TextWrapped("%s", l.c_str());
  }
  ImGui::PopItemWidth();
  ImGui::End();
  ImGui::PopStyleColor();
}

void Explorer::model_section(const Fonts& fonts) {
  const SharedParams& s = edited_shared();
  if (s.scheme != Scheme::Rope && s.scheme != Scheme::Learned) return;
  section("Model", fonts);
  // Copies: open_model changes the parameters these would point into.
  const std::string shown = s.model.empty() ? "none" : s.model;
  const std::string preset = s.preset;
  const std::string table = s.table;
  const std::string table_source = learned_origin_long(s);
  if (ImGui::BeginCombo("preset", shown.c_str())) {
    for (const Preset& p : presets_) {
      if (ImGui::Selectable(p.name.c_str(), p.id == preset)) open_model("preset", p.id);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.source.c_str());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A real model's positions: d, base, pairing, scaling and its factors");
  if (ImGui::Button("Open config.json or table...")) open_model_popup_ = true;
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "A Hugging Face config.json, or a learned table (.npy, .safetensors); "
        "dropping the file on the window opens it too");
  }
  if (!table.empty()) {
    ImGui::TextWrapped("%s", table_source.c_str());
    if (ImGui::SmallButton("close table")) open_model("table", "");
  }
  if (!model_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorInk);
    ImGui::TextWrapped("%s", model_error_.c_str());
    ImGui::PopStyleColor();
  }
}

void Explorer::open_model_dialog(float font_size) {
  if (open_model_popup_) {
    ImGui::OpenPopup("Open model");
    open_model_popup_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.35f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Open model", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted(
      "A Hugging Face config.json, or a learned position table (.npy or .safetensors):");
  char buffer[1024];
  std::strncpy(buffer, model_path_.c_str(), sizeof(buffer) - 1);
  buffer[sizeof(buffer) - 1] = '\0';
  ImGui::SetNextItemWidth(font_size * 30.0f);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##model-path", buffer, sizeof(buffer),
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  model_path_ = buffer;
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && !model_path_.empty() && open_model_file(model_path_))
    ImGui::CloseCurrentPopup();
  if (!model_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorInk);
    ImGui::TextUnformatted(model_error_.c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace peviz
