#include "export_dialog.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "app/cli/scene_file.hpp"
#include "app/lesson/lesson.hpp"
#include "core/validate.hpp"
#include "explorer.hpp"

namespace peviz {
namespace fs = std::filesystem;

std::optional<AnimationSpec> suggest_animation(State& state, const LessonStep* step) {
  constexpr double kFps = 12.0;
  if (step != nullptr && step->animation && state.uses(step->animation->param)) {
    const Animation& a = *step->animation;
    AnimationSpec spec;
    spec.param = a.param;
    spec.from = a.from;
    spec.to = a.to;
    spec.fps = kFps;
    spec.frames =
        std::clamp(static_cast<int>(std::lround(a.seconds * kFps)) + 1, 2, kMaxAnimationFrames);
    spec.log = a.log;
    return spec;
  }
  // A view with a Play button walks its position.
  bool play = false;
  for (const ViewAction& a : state.view().actions())
    play = play || a.label == "Play" || a.label == "Pause";
  if (!play || !state.uses("position")) return std::nullopt;
  for (const auto& [name, value] : state.used_values()) {
    if (name != "position") continue;
    AnimationSpec spec;
    spec.param = name;
    spec.from = std::strtod(value.c_str(), nullptr);
    spec.to = spec.from + 48;
    spec.frames = 49;
    spec.fps = kFps;
    return spec;
  }
  return std::nullopt;
}

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
  const bool visible = zoomed_ && visible_;
  scene_.reset();
  scene_written_.clear();
  scene_error_.clear();
  if (action == ExportAction::Export && save_scene_) {
    // The scene of this picture: what is on screen, at the picture's size and look.
    Scene scene = explorer.scene(form_.theme);
    scene.width = form_.width;
    scene.height = form_.height;
    scene.scale = form_.scale;
    scene.transparent = form_.transparent && form_.format != ExportFormat::Csv;
    if (!visible) scene.zoom.clear();
    scene_ = std::move(scene);
  }
  // The explorer is asked for its figures only when the form is good.
  job_.start(action, form_, overwrite, [&] {
    if (action == ExportAction::ExportAll)
      return explorer.export_all_items(form_.width, form_.height);
    std::vector<ExportItem> items;
    items.push_back(explorer.export_item(form_.width, form_.height, visible));
    return items;
  });
  if (!job_.busy()) scene_.reset();  // refused, or waiting for Replace
}

void ExportDialog::write_scene_beside() {
  if (!scene_ || job_.busy()) return;
  const bool ok = job_.error().empty() && job_.written().size() == 1;
  if (ok) {
    fs::path path = job_.written().front();
    path.replace_extension(".scene");
    try {
      write_scene(path.string(), *scene_);
      scene_written_ = path;
    } catch (const std::exception& e) {
      scene_error_ = e.what();
    }
  }
  scene_.reset();
}

void ExportDialog::keep_old() {
  if (job_.keep_old()) changed();
}

void ExportDialog::write_animation_now(Explorer& explorer) {
  animation_requested_ = false;
  animation_written_.clear();
  animation_error_.clear();
  if (!animation_) return;
  const std::string problem = check_form(form_);
  const fs::path folder = resolve_folder(form_.folder, current_folder(), home_folder());
  const std::string folder_problem = check_folder(folder);
  if (!problem.empty() || !folder_problem.empty()) {
    animation_error_ = !problem.empty() ? problem : folder_problem;
    return;
  }
  fs::path path = folder / fs::path(form_.name).filename();
  path.replace_extension(mp4_ ? ".mp4" : ".gif");
  try {
    write_animation(explorer.state(), *animation_, picture_options(form_), path.string());
    animation_written_ = path;
  } catch (const std::exception& e) {
    animation_error_ = e.what();
  }
}

void ExportDialog::perform(GLFWwindow* window) {
  if (animation_requested_ && animation_explorer_ != nullptr && !job_.busy()) {
    // Frames drawn by the CPU renderer (its own ImGui context): between frames, as files are.
    ImGuiContext* imgui = ImGui::GetCurrentContext();
    write_animation_now(*animation_explorer_);
    ImGui::SetCurrentContext(imgui);
    if (window != nullptr) glfwMakeContextCurrent(window);
    changed();
    return;
  }
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
  write_scene_beside();  // once the picture is written
  if (window != nullptr) {
    glfwMakeContextCurrent(window);
    if (copied) glfwSetClipboardString(window, job_.copied().c_str());
  }
  changed();
}

bool ExportDialog::settled() const {
  return !job_.busy() && !animation_requested_ && !open_popup_ && quiet_frames_ >= 3;
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
  j["visible_range"] = visible_;
  j["save_scene"] = save_scene_;
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
  if (auto it = settings.find("visible_range"); it != settings.end() && it->is_boolean())
    visible_ = it->get<bool>();
  if (auto it = settings.find("save_scene"); it != settings.end() && it->is_boolean())
    save_scene_ = it->get<bool>();
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
// The format buttons' words, by extension (every format of kExportFormats gets a button).
std::string format_label(ExportFormat format) {
  const std::string ext = format_extension(format);
  if (ext == "png") return "PNG picture";
  if (ext == "svg") return "SVG vector graphics";
  if (ext == "pdf") return "PDF document";
  if (ext == "csv") return "CSV numbers";
  return ext;
}

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
  for (ExportFormat f : kExportFormats) {
    if (f != kExportFormats[0]) ImGui::SameLine();
    if (radio(format_label(f).c_str(), form_.format == f) && form_.format != f) {
      form_.format = f;
      form_.name = with_extension(form_.name, form_.format);
      changed();
    }
  }
  if (zoomed_) {
    // The plot is zoomed: what is on screen, or everything.
    label("Range", column);
    if (radio("Visible range", visible_)) {
      visible_ = true;
      changed();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What the zoomed plot shows, as on screen");
    ImGui::SameLine();
    if (radio("Whole range", !visible_)) {
      visible_ = false;
      changed();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every position, as peviz export draws it");
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
  ImGui::Dummy(ImVec2(column - ImGui::GetStyle().ItemSpacing.x, 0));
  ImGui::SameLine(column);
  if (ImGui::Checkbox("Save scene with the export", &save_scene_)) changed();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Also writes NAME.scene beside the file: the view, its parameters, the zoom and the "
        "picture's size and theme (File > Open scene, peviz export --scene)");
  }
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
  if (busy) ImGui::BeginDisabled();
  animation_controls(explorer, column);
  if (busy) ImGui::EndDisabled();
  outcome(style);
  if (animation_requested_) {
    ImGui::TextColored(muted_colour(), "%s", "Writing the animation…");
  } else if (!animation_error_.empty()) {
    ImGui::TextColored(error_colour(style), "%s", animation_error_.c_str());
  } else if (!animation_written_.empty()) {
    ImGui::TextColored(done_colour(style), "Wrote %s", animation_written_.string().c_str());
  }
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
  if (!scene_error_.empty()) {
    ImGui::Spacing();
    ImGui::TextColored(error_colour(style), "Scene not saved: %s", scene_error_.c_str());
  }
  if (!message.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 48.0f * ImGui::GetFontSize());
    ImGui::TextColored(done_colour(style), "%s", message.c_str());
    if (!scene_written_.empty())
      ImGui::TextColored(done_colour(style), "and its scene, %s", scene_written_.string().c_str());
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

void ExportDialog::animation_controls(Explorer& explorer, float column) {
  if (!animation_) return;
  ImGui::Separator();
  AnimationSpec& a = *animation_;
  const float em = ImGui::GetFontSize();
  label("Animation", column);
  ImGui::Text("%s from", a.param.c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(6.0f * em);
  if (ImGui::InputDouble("##anim-from", &a.from, 0.0, 0.0, "%g")) changed();
  ImGui::SameLine();
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(6.0f * em);
  if (ImGui::InputDouble("##anim-to", &a.to, 0.0, 0.0, "%g")) changed();
  ImGui::SameLine();
  if (ImGui::Checkbox("log steps", &a.log)) changed();
  ImGui::Dummy(ImVec2(column - ImGui::GetStyle().ItemSpacing.x, 0));
  ImGui::SameLine(column);
  ImGui::SetNextItemWidth(4.0f * em);
  if (ImGui::InputInt("frames##anim-frames", &a.frames, 0, 0)) changed();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(4.0f * em);
  if (ImGui::InputDouble("fps##anim-fps", &a.fps, 0.0, 0.0, "%g")) changed();
  ImGui::SameLine(0.0f, 2.0f * em);
  if (radio("GIF", !mp4_)) mp4_ = false;
  ImGui::SameLine();
  if (radio("MP4", mp4_)) mp4_ = true;
  ImGui::SameLine(0.0f, 2.0f * em);
  const bool comparing = explorer.comparing();
  if (comparing) ImGui::BeginDisabled();
  if (ImGui::Button("Export animation…")) {
    press_export_animation(explorer);
    changed();
  }
  if (comparing) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(comparing ? "One view at a time: leave compare mode (C) to animate it"
                                : "The view at each value, one frame each, at the size above, as "
                                  "peviz export --animate writes it");
  }
}

}  // namespace peviz
