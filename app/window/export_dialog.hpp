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
#include <string>
#include <vector>

#include "app/export/export_form.hpp"
#include "app/export/export_format.hpp"
#include "app/export/export_job.hpp"
#include "app/export/export_plan.hpp"
#include "app/export/file_names.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/style.hpp"

struct GLFWwindow;

namespace peviz {

class Explorer;

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
  bool zoomed_ = false;  // the view on screen is zoomed (the export shows the whole range)
  ExportJob job_;        // cancels a running build when the dialog goes
  int quiet_frames_ = 0;
};

}  // namespace peviz
