// The window's export dialog (the "Export..." button above every view, Ctrl+E):
// the active view, or the comparison of compare mode, written to PNG, SVG or CSV
// through FigureFileWriter, so the file is what `peviz export` writes for the same
// parameters; "Export all views" writes every view into one folder; "Copy SVG" and
// "Copy CSV" put the document or the numbers on the (text-only) clipboard.
//
// This file draws the dialog and reacts to it. What the fields mean, the file names,
// the checks, and the job that builds and writes the files need no window and live in
// app/export (export_form, file_names, export_plan, export_job), tested in
// tests/app/export_dialog_test.cpp. Figures are rebuilt on a thread of their own (the
// window keeps drawing, with progress); files are written between frames, one per
// frame, because the PNG renderer may bring up an OpenGL context of its own.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/animation_export.hpp"
#include "app/export/export_form.hpp"
#include "app/export/export_format.hpp"
#include "app/export/export_job.hpp"
#include "app/export/export_plan.hpp"
#include "app/export/file_names.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/style.hpp"
#include "app/state/scene.hpp"

struct GLFWwindow;

namespace peviz {

class Explorer;
class View;
struct LessonStep;

// The animation "Export animation…" offers: a lesson step's animation (`animate:`, its
// seconds at 12 frames a second), else for a view with a Play button its moving
// parameter ("position", 48 positions on from where it is), else nothing.
std::optional<AnimationSpec> suggest_animation(State& state, const LessonStep* step);

class ExportDialog {
 public:
  ExportDialog();
  ExportDialog(const ExportDialog&) = delete;
  ExportDialog& operator=(const ExportDialog&) = delete;

  // Opens the dialog on the explorer's active view (the name field starts at its default).
  void open(Explorer& explorer);
  bool is_open() const { return open_; }
  // Testing hook (--export-on-start): the dialog open on `path`'s folder, name and
  // format (by its extension), and Export pressed.
  void export_to(Explorer& explorer, const std::filesystem::path& path);

  // Draws the dialog when it is open, in the window's theme (`style`: its colours
  // for done and failed); call between ImGui::NewFrame and Render.
  void frame(Explorer& explorer, const Fonts& fonts, const plot::Style& style);
  // Takes a finished build and writes its next file (or fills the clipboard). Call
  // between frames, after the swap: the window's GL context and ImGui context are
  // current again when it returns. (No window: no clipboard, for tests.)
  void perform(GLFWwindow* window);

  // The fields, as the dialog shows them (hooks and tests fill them in).
  ExportForm& form() { return form_; }
  // The plot on screen is zoomed: Export writes the visible range (the figure built at the
  // zoomed windows, its axes limited to them), or with `visible` off the whole range.
  bool zoomed() const { return zoomed_; }
  bool& visible_range() { return visible_; }
  // "Save scene with the export": NAME.scene beside the picture (app/state/scene.hpp), the
  // scene of the picture written (its size, scale, theme, background, and the zoom when
  // the visible range is written).
  bool& save_scene() { return save_scene_; }
  // The scene file the last Export wrote beside the picture ("" if none).
  const std::filesystem::path& scene_written() const { return scene_written_; }

  // "Export animation…": offered when the caller suggests one (a lesson step's `animate:`
  // line, a view with a Play button: see suggest_animation), before open(). The spec's
  // fields are editable; the GIF or MP4 goes into the folder as NAME.gif / NAME.mp4,
  // written by write_animation (app/cli/animation_export.hpp) between frames.
  void offer_animation(std::optional<AnimationSpec> spec) { animation_ = std::move(spec); }
  const std::optional<AnimationSpec>& animation() const { return animation_; }
  std::optional<AnimationSpec>& animation_spec() { return animation_; }
  bool& animation_mp4() { return mp4_; }
  void press_export_animation(Explorer& explorer) {
    animation_requested_ = true;
    animation_explorer_ = &explorer;
  }
  // The last animation's file ("" if none) and its problem ("" if none).
  const std::filesystem::path& animation_written() const { return animation_written_; }
  const std::string& animation_error() const { return animation_error_; }
  // Export was pressed for files that exist: the dialog asks before replacing them.
  bool asking() const { return job_.asking(); }
  void replace(Explorer& explorer) { start(explorer, job_.pending(), true); }
  void keep_old();
  // Export, Export all views, Copy SVG and Copy CSV, as the buttons do.
  void press_export(Explorer& explorer) { start(explorer, ExportAction::Export, false); }
  void press_export_all(Explorer& explorer) { start(explorer, ExportAction::ExportAll, false); }
  void press_copy_svg(Explorer& explorer) { start(explorer, ExportAction::CopySvg, false); }
  void press_copy_csv(Explorer& explorer) { start(explorer, ExportAction::CopyCsv, false); }

  // Nothing being built or written, and the outcome drawn at least twice.
  bool settled() const;
  bool busy() const { return job_.busy(); }
  // The last action's problem ("" if none), what it did, the files it wrote, and
  // the text the last Copy put on the clipboard.
  const std::string& error() const { return job_.error(); }
  const std::string& message() const { return job_.message(); }
  const std::vector<std::filesystem::path>& written() const { return job_.written(); }
  const std::string& copied() const { return job_.copied(); }

  // The remembered fields (folder, format, size, scale, transparency, theme).
  nlohmann::json save() const;
  void load(const nlohmann::json& settings);

 private:
  void start(Explorer& explorer, ExportAction action, bool overwrite);
  void controls(Explorer& explorer, const Fonts& fonts, const plot::Style& style);
  void outcome(const plot::Style& style);
  void changed() { quiet_frames_ = 0; }

  bool open_ = false;
  bool open_popup_ = false;  // OpenPopup on the next frame
  ExportForm form_;
  std::string item_title_;
  std::string item_stem_;
  bool zoomed_ = false;  // the view on screen is zoomed
  bool visible_ = true;  // ...and the export shows what is visible (else the whole range)
  bool save_scene_ = false;
  std::optional<Scene> scene_;  // the scene of the export under way, to write beside it
  std::filesystem::path scene_written_;
  std::string scene_error_;
  void write_scene_beside();
  void animation_controls(Explorer& explorer, float column);
  void write_animation_now(Explorer& explorer);
  std::optional<AnimationSpec> animation_;
  bool mp4_ = false;
  bool animation_requested_ = false;
  std::filesystem::path animation_written_;
  std::string animation_error_;
  Explorer* animation_explorer_ = nullptr;  // the explorer of the pending animation
  ExportJob job_;                           // cancels a running build when the dialog goes
  int quiet_frames_ = 0;
};

}  // namespace peviz
