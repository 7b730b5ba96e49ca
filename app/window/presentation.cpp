#include "presentation.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "app/cli/scene_file.hpp"
#include "core/validate.hpp"
#include "explorer.hpp"
#include "ui_theme.hpp"

namespace peviz {

std::vector<std::pair<std::string, std::string>> presentation_keys() {
  return {
      {"F5", "presentation mode on / off (View > Present)"},
      {"Esc", "leave presentation mode (or close this help)"},
      {"F", "full screen on / off"},
      {"Right, Space, PageDown", "next step of the lesson"},
      {"Left, PageUp", "previous step"},
      {"Home, End", "first, last step"},
      {"1 - 9", "jump to that step"},
      {"R", "reveal (or hide) the answer"},
      {"L", "lesson text on / off (the view takes the whole width)"},
      {"S", "presentation: the controls (sidebar) on / off"},
      {"P", "play / pause the step's animation"},
      {"+ and -", "larger / smaller text, plots included"},
      {"T", "theme: light, dark, high contrast"},
      {"? or F1", "this help"},
      {"Ctrl+O", "open a lesson (File > Open lesson)"},
      {"Ctrl+M", "open a model (config.json, .npy or .safetensors)"},
      {"Ctrl+E", "export the view (or the comparison) to PNG, SVG or CSV"},
      {"Ctrl+S", "save the scene (File > Save scene)"},
      {"Ctrl+Z / Ctrl+Y", "undo / redo a change (Ctrl+Shift+Z redoes too)"},
      {"PageDown, PageUp", "next / previous view (no lesson open)"},
      {"C", "compare mode on / off"},
      {"Ctrl+0", "reset the zoom"},
  };
}

void Presentation::set_presenting(bool on) {
  if (on == presenting_) return;
  presenting_ = on;
  controls_ = false;                  // presenting hides every control until asked for (S)
  request_.toggle_fullscreen = true;  // presenting fills the screen; leaving restores the window
  // A projector wants larger text: presentation starts at 1.25x unless the user chose.
  if (on && font_scale_ < 1.25f) set_font_scale(1.25f);
  if (!on && font_scale_ != 1.0f) set_font_scale(1.0f);
}

void Presentation::set_font_scale(float scale) {
  const float s = std::clamp(scale, 0.8f, 3.0f);
  if (s == font_scale_) return;
  font_scale_ = s;
  request_.rebuild_fonts = true;
}

bool Presentation::open_lesson(const std::filesystem::path& path, Explorer& explorer) {
  if (!player_.open(path, explorer)) return false;
  remember(RecentKind::Lesson, path.string());
  return true;
}

bool Presentation::open_scene(const std::string& path, Explorer& explorer) {
  scene_failed_ = true;
  try {
    const Scene scene = read_scene(path);
    plot::Theme theme = theme_;
    try {
      theme = plot::theme_by_name(scene.theme);
    } catch (const std::exception&) {
      throw InvalidArgument(path + ": unknown theme '" + scene.theme + "'");
    }
    try {
      explorer.open_scene(scene);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(path + ": " + e.what());  // a value refused: which file said it
    }
    if (theme != theme_) set_theme(theme);
  } catch (const std::exception& e) {
    scene_message_ = e.what();
    return false;
  }
  scene_failed_ = false;
  scene_message_ = "Opened " + path;
  remember(RecentKind::Scene, path);
  return true;
}

bool Presentation::save_scene(const std::string& path, Explorer& explorer) {
  scene_failed_ = true;
  try {
    write_scene(path, explorer.scene(theme_));
  } catch (const std::exception& e) {
    scene_message_ = e.what();
    return false;
  }
  scene_failed_ = false;
  scene_message_ = "Saved " + path;
  remember(RecentKind::Scene, path);
  return true;
}

bool Presentation::open_file(const std::string& path, Explorer& explorer) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".lesson") return open_lesson(path, explorer);
  if (ext == ".scene") {
    if (open_scene(path, explorer)) return true;
    open_scene_popup_ = true;  // the Open scene dialog says why, under the path
    scene_path_ = path;
    return false;
  }
  return explorer.open_model_file(path);  // File > Recent from take_opened_model()
}

PresentationRequest Presentation::take_request() {
  const PresentationRequest r = request_;
  request_ = {};
  return r;
}

bool Presentation::take_theme_change() {
  const bool changed = theme_changed_;
  theme_changed_ = false;
  return changed;
}

bool Presentation::keyboard(Explorer& explorer) {
  const ImGuiIO& io = ImGui::GetIO();
  // A dialog (export, open lesson) has the keys while it is open.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
    return false;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) open_popup_ = true;
  if (io.KeyCtrl && !io.KeyShift && ImGui::IsKeyPressed(GLFW_KEY_S, false)) {
    save_scene_popup_ = true;
    scene_path_ = std::string(explorer.active().name()) + ".scene";
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) request_.quit = true;
  if (io.WantTextInput) return false;
  if (ImGui::IsKeyPressed(GLFW_KEY_F5, false)) set_presenting(!presenting_);
  // The keys overlay opens here; once open, it is a modal and closes itself (overlays()),
  // on a press in a later frame than the one that opened it.
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) set_help(!help_);
  for (ImWchar c : io.InputQueueCharacters) {
    if (c == '?') set_help(!help_);
    if (c == '+') set_font_scale(next_font_scale(font_scale_, +1));
    if (c == '-') set_font_scale(next_font_scale(font_scale_, -1));
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_KP_ADD, false)) set_font_scale(next_font_scale(font_scale_, +1));
  if (ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT, false))
    set_font_scale(next_font_scale(font_scale_, -1));
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
    if (help_) {
      help_ = false;
    } else if (presenting_) {
      set_presenting(false);
    }
  }
  if (!io.KeyCtrl && !io.KeyAlt) {
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) request_.toggle_fullscreen = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) lesson_text_ = !lesson_text_;
    if (ImGui::IsKeyPressed(GLFW_KEY_S, false) && presenting_) controls_ = !controls_;
    if (ImGui::IsKeyPressed(GLFW_KEY_T, false)) {
      set_theme(theme_ == plot::Theme::Light  ? plot::Theme::Dark
                : theme_ == plot::Theme::Dark ? plot::Theme::Contrast
                                              : plot::Theme::Light);
    }
  }
  return player_.keyboard(explorer);
}

float Presentation::menu_bar(Explorer& explorer) {
  if (!ImGui::BeginMainMenuBar()) return 0.0f;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open lesson...", "Ctrl+O")) open_popup_ = true;
    recent_menu(explorer);
    if (ImGui::BeginMenu("Built-in course")) {
      for (const auto& path : builtin_lessons()) {
        if (ImGui::MenuItem(path.stem().string().c_str())) open_lesson(path, explorer);
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Close lesson", nullptr, false, player_.has_lesson())) player_.close();
    ImGui::Separator();
    if (ImGui::MenuItem("Open model config or table...", "Ctrl+M")) explorer.request_open_model();
    if (ImGui::MenuItem("Export...", "Ctrl+E")) explorer.request_export();
    ImGui::Separator();
    if (ImGui::MenuItem("Save scene...", "Ctrl+S")) {
      save_scene_popup_ = true;
      scene_path_ = std::string(explorer.active().name()) + ".scene";
    }
    if (ImGui::MenuItem("Open scene...")) {
      open_scene_popup_ = true;
      scene_path_.clear();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) request_.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, explorer.can_undo())) explorer.undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, explorer.can_redo())) explorer.redo();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Present", "F5", presenting_)) set_presenting(!presenting_);
    if (ImGui::MenuItem("Full screen", "F")) request_.toggle_fullscreen = true;
    ImGui::Separator();
    for (plot::Theme t : plot::kAllThemes) {
      const char* label = t == plot::Theme::Light  ? "Light theme"
                          : t == plot::Theme::Dark ? "Dark theme"
                                                   : "High-contrast theme";
      if (ImGui::MenuItem(label, nullptr, theme_ == t)) set_theme(t);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Larger text", "+")) set_font_scale(next_font_scale(font_scale_, +1));
    if (ImGui::MenuItem("Smaller text", "-")) set_font_scale(next_font_scale(font_scale_, -1));
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    const std::vector<std::filesystem::path> course = builtin_lessons();
    if (ImGui::MenuItem("Start the course (lesson 1)", nullptr, false, !course.empty())) {
      player_.open(course.front(), explorer);
    }
    if (ImGui::MenuItem("Keyboard", "? or F1")) set_help(true);
    if (ImGui::MenuItem("Welcome")) welcome_ = true;
    ImGui::EndMenu();
  }
  const float h = ImGui::GetWindowSize().y;
  ImGui::EndMainMenuBar();
  return h;
}

void Presentation::recent_menu(Explorer& explorer) {
  if (!ImGui::BeginMenu("Recent", !recent_.empty())) return;
  std::optional<RecentFile> chosen;
  for (const RecentFile& f : recent_) {
    // A file that is gone is shown, disabled, until it drops off the end.
    std::error_code ec;
    const bool there = std::filesystem::exists(f.path, ec);
    const std::string name = std::filesystem::path(f.path).filename().string();
    const std::string label = name + "  (" + recent_kind_name(f.kind) + ")##" + f.path;
    if (ImGui::MenuItem(label.c_str(), nullptr, false, there)) chosen = f;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.path.c_str());
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Clear the list")) recent_.clear();
  ImGui::EndMenu();
  if (!chosen) return;
  switch (chosen->kind) {
    case RecentKind::Lesson:
      open_lesson(chosen->path, explorer);
      break;
    case RecentKind::Scene:
      open_file(chosen->path, explorer);  // a refusal opens the dialog, which says why
      break;
    case RecentKind::Model:
      explorer.open_model_file(chosen->path);  // a refusal shows in the sidebar
      break;
  }
}

void Presentation::scene_dialogs(const plot::Style& style, Explorer& explorer) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  for (const bool saving : {true, false}) {
    const char* title = saving ? "Save scene" : "Open scene";
    bool& ask = saving ? save_scene_popup_ : open_scene_popup_;
    if (ask) {
      ImGui::OpenPopup(title);
      if (saving) scene_message_.clear();
      ask = false;
    }
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.35f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) continue;
    ImGui::TextUnformatted(saving ? "The view, its parameters, the zoom and the theme, as a file:"
                                  : "A .scene file (Save scene, peviz export --save-scene):");
    char buffer[1024];
    std::strncpy(buffer, scene_path_.c_str(), sizeof(buffer) - 1);
    buffer[sizeof(buffer) - 1] = '\0';
    ImGui::SetNextItemWidth(style.font_size * 30.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText("##scene-path", buffer, sizeof(buffer),
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    scene_path_ = buffer;
    ImGui::SameLine();
    if ((ImGui::Button(saving ? "Save" : "Open") || enter) && !scene_path_.empty()) {
      const bool ok =
          saving ? save_scene(scene_path_, explorer) : open_scene(scene_path_, explorer);
      if (ok) ImGui::CloseCurrentPopup();
    }
    if (scene_failed_ && !scene_message_.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(style.bad.r, style.bad.g, style.bad.b, 1.0f));
      ImGui::TextUnformatted(scene_message_.c_str());
      ImGui::PopStyleColor();
    }
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void Presentation::overlays(const Fonts& fonts, const plot::Style& style, Explorer& explorer) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  scene_dialogs(style, explorer);
  if (open_popup_) {
    ImGui::OpenPopup("Open lesson");
    open_popup_ = false;
  }
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.35f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Open lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("A lesson file (see docs/lessons.md), or one of the built-in course:");
    for (const auto& path : builtin_lessons()) {
      if (ImGui::Selectable(path.stem().string().c_str())) {
        open_lesson(path, explorer);
        ImGui::CloseCurrentPopup();
      }
    }
    ImGui::Separator();
    char buffer[1024];
    std::strncpy(buffer, path_field_.c_str(), sizeof(buffer) - 1);
    buffer[sizeof(buffer) - 1] = '\0';
    ImGui::SetNextItemWidth(style.font_size * 30.0f);
    const bool enter =
        ImGui::InputText("##path", buffer, sizeof(buffer), ImGuiInputTextFlags_EnterReturnsTrue);
    path_field_ = buffer;
    ImGui::SameLine();
    if ((ImGui::Button("Open") || enter) && !path_field_.empty()) {
      if (open_lesson(path_field_, explorer)) ImGui::CloseCurrentPopup();
    }
    for (const std::string& p : player_.problems()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(style.bad.r, style.bad.g, style.bad.b, 1.0f));
      ImGui::TextUnformatted(p.c_str());
      ImGui::PopStyleColor();
    }
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  // The welcome card of a first start (and Help > Welcome): what peviz is, and three ways in.
  if (welcome_ && !ImGui::IsPopupOpen("Welcome")) ImGui::OpenPopup("Welcome");
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.45f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Welcome", nullptr,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoMove)) {
    if (fonts.title != nullptr) ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Welcome to peviz");
    if (fonts.title != nullptr) ImGui::PopFont();
    ImGui::TextUnformatted(
        "How transformers know where a word is: positional encodings, drawn live.");
    ImGui::Spacing();
    const std::vector<std::filesystem::path> course = builtin_lessons();
    bool close = ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false);
    if (!course.empty() && ImGui::Button("Start the course: 10 short lessons")) {
      player_.open(course.front(), explorer);
      close = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Explore on my own")) close = true;
    ImGui::SameLine();
    if (ImGui::Button("Show the keys")) {
      close = true;
      set_help(true);
    }
    ImGui::Spacing();
    ImGui::TextDisabled(
        "Help > Welcome shows this again; F5 presents; Ctrl+E exports what you see.");
    if (close) {
      welcome_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  // The keys: a modal (the rest dims), closed by Esc, ? or F1 (keyboard() leaves the
  // keys to an open popup, so it closes itself here).
  if (help_ && !ImGui::IsPopupOpen("Keys")) ImGui::OpenPopup("Keys");
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Keys", nullptr,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoMove)) {
    // Not in the frame that opened it: the F1 or ? that opened it would close it at once.
    const bool later = ImGui::GetFrameCount() > help_frame_;
    bool close = !help_ || (later && (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) ||
                                      ImGui::IsKeyPressed(GLFW_KEY_F1, false)));
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters) close = close || (later && c == '?');
    if (fonts.title != nullptr) ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Keys");
    if (fonts.title != nullptr) ImGui::PopFont();
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) {
      for (const auto& [key, what] : presentation_keys()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(key.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(what.c_str());
      }
      ImGui::EndTable();
    }
    ImGui::TextDisabled("Esc or ? closes this.");
    if (ImGui::Button("Close")) close = true;
    if (close) {
      help_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace peviz
