#include "export_dialog.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <optional>

#include "explorer.hpp"

namespace peviz {
namespace fs = std::filesystem;

ExportDialog::ExportDialog() {
  form_.folder = current_folder().string();
}

void ExportDialog::open(Explorer& explorer) {
  const ExportItem item = explorer.export_item(form_.width, form_.height);
  item_title_ = item.title;
  item_stem_ = item.stem;
  zoomed_ = explorer.zoomed();
  form_.name = with_extension(item.stem, form_.format);
  fill_in_folder(form_);
  job_.clear();
  if (!open_) open_popup_ = true;
  open_ = true;
  changed();
}

void ExportDialog::export_to(Explorer& explorer, const fs::path& path) {
  open(explorer);
  aim_form_at(form_, path);
  start(explorer, ExportAction::Export, false);
}

void ExportDialog::start(Explorer& explorer, ExportAction action, bool overwrite) {
  if (job_.busy()) return;
  changed();
  // The explorer is asked for its figures only when the form is good.
  job_.start(action, form_, overwrite, [&] {
    if (action == ExportAction::ExportAll)
      return explorer.export_all_items(form_.width, form_.height);
    std::vector<ExportItem> items;
    items.push_back(explorer.export_item(form_.width, form_.height));
    return items;
  });
}

void ExportDialog::keep_old() {
  if (job_.keep_old()) changed();
}

void ExportDialog::perform(GLFWwindow* window) {
  if (job_.take_build()) {
    changed();
    return;  // the next frame says what is being written
  }
  if (!job_.writing()) return;
  // The PNG renderer may make an EGL context current (and creates ImGui contexts
  // of its own): the window gets its own back below, whatever happens.
  ImGuiContext* imgui = ImGui::GetCurrentContext();
  const bool copied = job_.write_next();
  ImGui::SetCurrentContext(imgui);
  if (window != nullptr) {
    glfwMakeContextCurrent(window);
    if (copied) glfwSetClipboardString(window, job_.copied().c_str());
  }
  changed();
}

bool ExportDialog::settled() const {
  return !job_.busy() && !open_popup_ && quiet_frames_ >= 3;
}

nlohmann::json ExportDialog::save() const {
  const RememberedForm r = remembered_fields(form_);
  nlohmann::json j;
  j["folder"] = *r.folder;
  j["format"] = *r.format;
  j["width"] = *r.width;
  j["height"] = *r.height;
  j["scale"] = *r.scale;
  j["transparent"] = *r.transparent;
  j["theme"] = *r.theme;
  return j;
}

void ExportDialog::load(const nlohmann::json& settings) {
  if (!settings.is_object()) return;
  // Only values of the right type are read; restore_fields judges them.
  RememberedForm r;
  const auto text = [&](const char* key, std::optional<std::string>& out) {
    if (auto it = settings.find(key); it != settings.end() && it->is_string())
      out = it->get<std::string>();
  };
  const auto whole = [&](const char* key, std::optional<long long>& out) {
    if (auto it = settings.find(key); it != settings.end() && it->is_number_integer())
      out = it->get<long long>();
  };
  text("folder", r.folder);
  text("format", r.format);
  whole("width", r.width);
  whole("height", r.height);
  whole("scale", r.scale);
  if (auto it = settings.find("transparent"); it != settings.end() && it->is_boolean())
    r.transparent = it->get<bool>();
  text("theme", r.theme);
  restore_fields(form_, r);
}

// ---------------------------------------------------------------------------
// Drawing

namespace {

// A label in the left column of the form, the field after it on the same line.
void label(const char* text, float column) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(column);
}

bool radio(const char* text, bool on) {
  return ImGui::RadioButton(text, on);
}

ImVec4 v4(plot::Color c) {
  return ImVec4(c.r, c.g, c.b, c.a);
}

// Failed and done, readable on the dialog's surface: the theme's own colours, but
// darker in the light theme (its orange and green are for plots, too light for text).
ImVec4 error_colour(const plot::Style& style) {
  return style.theme == plot::Theme::Light ? ImVec4(0.70f, 0.12f, 0.0f, 1.0f) : v4(style.bad);
}
ImVec4 done_colour(const plot::Style& style) {
  return style.theme == plot::Theme::Light ? ImVec4(0.0f, 0.45f, 0.30f, 1.0f) : v4(style.good);
}
ImVec4 muted_colour() {
  return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
}
constexpr const char* kFormatLabels[] = {"PNG picture", "SVG vector graphics", "CSV numbers"};

}  // namespace

void ExportDialog::frame(Explorer& explorer, const Fonts& fonts, const plot::Style& style) {
  ++quiet_frames_;
  if (!open_) return;
  constexpr const char* kTitle = "Export";
  if (open_popup_) {
    ImGui::OpenPopup(kTitle);
    open_popup_ = false;
  } else if (!ImGui::IsPopupOpen(kTitle)) {
    open_ = false;  // closed by something else
    job_.cancel();
    return;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.45f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  bool keep = true;
  const bool busy = job_.busy();
  // On the theme's surface colour (the sidebar's), where the fields and radio
  // buttons show (they are white, as the window's background is).
  ImGui::PushStyleColor(ImGuiCol_PopupBg, v4(style.surface));
  const bool shown =
      ImGui::BeginPopupModal(kTitle, busy ? nullptr : &keep,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  if (shown) {
    controls(explorer, fonts, style);
    // Esc closes, as the close button does (but not while typing: Esc leaves the field).
    if (!busy && !ImGui::GetIO().WantTextInput &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
      keep = false;
    }
    if (!keep || !open_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (!keep) open_ = false;
  if (!open_) job_.cancel();
}

void ExportDialog::controls(Explorer& explorer, const Fonts& fonts, const plot::Style& style) {
  const float em = ImGui::GetFontSize();
  const float column = 6.5f * em;
  const float field_w = 30.0f * em;
  const bool busy = job_.busy();
  const fs::path cwd = current_folder();
  const std::string home = home_folder();

  if (fonts.title != nullptr) ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(item_title_.c_str());
  if (fonts.title != nullptr) ImGui::PopFont();
  ImGui::Spacing();

  if (busy) ImGui::BeginDisabled();
  label("Format", column);
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine();
    if (radio(kFormatLabels[i], form_.format == kExportFormats[i]) &&
        form_.format != kExportFormats[i]) {
      form_.format = kExportFormats[i];
      form_.name = with_extension(form_.name, form_.format);
      changed();
    }
  }

  label("Size", column);
  ImGui::SetNextItemWidth(5.0f * em);
  if (ImGui::InputInt("##width", &form_.width, 0, 0)) changed();
  ImGui::SameLine();
  ImGui::TextUnformatted("x");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(5.0f * em);
  if (ImGui::InputInt("##height", &form_.height, 0, 0)) changed();
  ImGui::SameLine();
  ImGui::TextUnformatted("   scale");
  for (int s = 1; s <= 3; ++s) {
    ImGui::SameLine();
    const std::string text = std::to_string(s) + "x";
    if (radio(text.c_str(), form_.scale == s)) {
      form_.scale = s;
      changed();
    }
  }
  ImGui::SameLine();
  {
    const long w = static_cast<long>(form_.width) * form_.scale;
    const long h = static_cast<long>(form_.height) * form_.scale;
    ImGui::TextColored(muted_colour(), "  = %ld x %ld pixels", w, h);
  }

  label("Theme", column);
  for (plot::Theme t : plot::kAllThemes) {
    if (t != plot::Theme::Light) ImGui::SameLine();
    const char* text = t == plot::Theme::Light  ? "light"
                       : t == plot::Theme::Dark ? "dark"
                                                : "high contrast";
    if (radio(text, form_.theme == t)) {
      form_.theme = t;
      changed();
    }
  }
  ImGui::SameLine(0.0f, 2.0f * em);
  {
    const bool csv = form_.format == ExportFormat::Csv;
    if (csv) ImGui::BeginDisabled();
    if (ImGui::Checkbox("transparent background", &form_.transparent)) changed();
    if (csv) ImGui::EndDisabled();
  }

  label("Folder", column);
  ImGui::SetNextItemWidth(field_w);
  if (ImGui::InputText("##folder", &form_.folder)) changed();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Where the file goes (~ is your home folder); remembered for next time");
  }
  label("File name", column);
  ImGui::SetNextItemWidth(field_w);
  const bool enter = ImGui::InputText("##name", &form_.name, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) changed();
  ImGui::SameLine();
  if (ImGui::Button("Default")) {
    form_.name = with_extension(item_stem_, form_.format);
    changed();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The view and its key parameters");
  if (busy) ImGui::EndDisabled();

  // What will happen, before it does.
  ImGui::Dummy(ImVec2(column - ImGui::GetStyle().ItemSpacing.x, 0));
  ImGui::SameLine(column);
  const std::string problem = check_form(form_);
  if (problem.empty()) {
    ImGui::TextColored(muted_colour(), "%s", form_path(form_, cwd, home).string().c_str());
  } else {
    ImGui::TextColored(muted_colour(), "%s", "(no file yet)");
  }
  if (form_.format == ExportFormat::Csv) {
    ImGui::TextColored(muted_colour(), "%s",
                       explorer.comparing()
                           ? "CSV: the numbers the comparison draws, one per line "
                             "(panel,layer,label,x,y,value)."
                           : "CSV: the view's own table where it has one (as peviz export "
                             "writes it), else the numbers its figure draws.");
  }
  if (zoomed_ && form_.format != ExportFormat::Csv) {
    ImGui::TextColored(muted_colour(), "%s",
                       "The plot is zoomed on screen; the file shows the whole range.");
  }

  ImGui::Separator();
  if (busy) ImGui::BeginDisabled();
  if (ImGui::Button("Export") || (enter && !busy)) start(explorer, ExportAction::Export, false);
  ImGui::SameLine();
  if (ImGui::Button("Export all views")) start(explorer, ExportAction::ExportAll, false);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Every view with these parameters, one file per view (named after the view) in the "
        "folder");
  }
  ImGui::SameLine(0.0f, 2.0f * em);
  if (ImGui::Button("Copy SVG")) start(explorer, ExportAction::CopySvg, false);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "The SVG document as text on the clipboard: Inkscape and many editors paste it as a "
        "picture (the clipboard holds text only, so there is no Copy PNG)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Copy CSV")) start(explorer, ExportAction::CopyCsv, false);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The view's numbers as CSV text on the clipboard");
  if (busy) ImGui::EndDisabled();
  ImGui::SameLine(0.0f, 2.0f * em);
  if (busy) {
    if (ImGui::Button("Cancel")) {
      if (job_.cancel_build()) changed();
    }
  } else if (ImGui::Button("Close")) {
    open_ = false;
  }
  outcome(style);
  if (job_.asking()) {
    ImGui::Spacing();
    const std::string question = replace_question(job_.existing());
    ImGui::TextColored(error_colour(style), "%s", question.c_str());
    if (ImGui::Button("Replace")) replace(explorer);
    ImGui::SameLine();
    if (ImGui::Button(job_.existing().size() > 1 ? "Keep the old files" : "Keep the old file"))
      keep_old();
  }
}

void ExportDialog::outcome(const plot::Style& style) {
  if (job_.busy()) {
    ImGui::Spacing();
    const std::string text = job_.status();
    ImGui::ProgressBar(static_cast<float>(job_.progress()), ImVec2(-1.0f, 0.0f), text.c_str());
    return;
  }
  const std::string& error = job_.error();
  const std::string& message = job_.message();
  const std::vector<fs::path>& written = job_.written();
  if (!error.empty()) {
    ImGui::Spacing();
    ImGui::TextColored(error_colour(style), "%s", error.c_str());
  }
  if (!message.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 48.0f * ImGui::GetFontSize());
    ImGui::TextColored(done_colour(style), "%s", message.c_str());
    ImGui::PopTextWrapPos();
    if (written.size() > 1) {
      std::string names;
      for (const fs::path& p : written)
        names += (names.empty() ? "" : "  ") + p.filename().string();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 48.0f * ImGui::GetFontSize());
      ImGui::TextWrapped("%s", names.c_str());
      ImGui::PopTextWrapPos();
    }
    if (!job_.copy_path().empty()) {
      if (ImGui::Button("Copy path")) {
        ImGui::SetClipboardText(job_.copy_path().c_str());  // GLFW's text clipboard
        job_.note_path_copied();
        changed();
      }
    }
  }
}

}  // namespace peviz
