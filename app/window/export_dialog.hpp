// The window's export dialog (the "Export..." button above every view, Ctrl+E):
// the active view, or the comparison of compare mode, written to PNG, SVG or CSV
// through FigureFileWriter, so the file is what `peviz export` writes for the same
// parameters; "Export all views" writes every view into one folder; "Copy SVG" and
// "Copy CSV" put the document or the numbers on the (text-only) clipboard.
//
// Figures are rebuilt at the picture's size on a thread of their own (the window
// keeps drawing, with progress); files are written between frames, one per frame,
// because the PNG renderer may bring up an OpenGL context of its own.
//
// The parts that need no window (file names, paths, checks) are free functions, tested
// in tests/app/export_dialog_test.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/export/figure_file.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/style.hpp"
#include "app/views/view.hpp"

struct GLFWwindow;

namespace peviz {

class Explorer;

enum class ExportFormat { Png, Svg, Csv };
inline constexpr ExportFormat kExportFormats[] = {ExportFormat::Png, ExportFormat::Svg,
                                                  ExportFormat::Csv};
const char* format_extension(ExportFormat format);  // "png", "svg", "csv"

using NamedValue = std::pair<std::string, std::string>;  // a parameter as on the command line

// Letters, digits, '.', '-' and '_' only: every other run of characters becomes one
// '_' (spaces, '/', ':', quotes, non-ASCII bytes); no leading '.', '-' or '_' (a hidden
// file, an option), no trailing '_' or '.'; "figure" when nothing is left.
std::string sanitize_file_name(const std::string& name);

// The default file name, without extension, of a view drawn with `values` (the
// parameters it uses, by command-line name, as compare::used_values lists them):
// the view, the scheme when the view shows several (`name_scheme`), then its key
// parameters: d and positions always, the others when they differ from their
// default: "encoding_sinusoidal_d128_n64", "alibi_h12_n100_causal",
// "long-context_d128_base500000_ctx8192_x8".
std::string default_file_stem(const std::string& view, const std::vector<NamedValue>& values,
                              bool name_scheme);

// The default file name of a comparison, without extension: the view, then for each
// panel the values that differ between the panels (named as above), "_vs_" between
// panels: "similarity_sinusoidal_vs_learned", "rope-decay_base10000_vs_base500000";
// "<view>_compare" when no value differs.
std::string compare_file_stem(const std::string& view,
                              const std::vector<std::vector<NamedValue>>& panels);

// `name` ending in the format's extension: a .png, .svg or .csv ending (any case) is
// replaced, any other name gets the extension appended.
std::string with_extension(const std::string& name, ExportFormat format);

// The folder as typed: "" is `cwd`, "~" and "~/x" are under `home`, a relative path
// is under `cwd`; the result is absolute and lexically normal.
std::filesystem::path resolve_folder(const std::string& folder, const std::filesystem::path& cwd,
                                     const std::string& home);

// What the dialog's fields say.
struct ExportForm {
  ExportFormat format = ExportFormat::Png;
  int width = 1600;  // logical size: the figure is laid out at this size...
  int height = 1000;
  int scale = 1;  // ...and drawn at 1, 2 or 3 times it
  bool transparent = false;
  plot::Theme theme = plot::Theme::Light;
  std::string folder;  // as typed ("" = the current directory)
  std::string name;    // as typed
};

// The first problem of the form that needs no disk, as one line, or "": the size
// (each side 16 to 16384 pixels after scaling), the scale (1 to 3), the file name
// (not empty, no '/', no control character, not "." or "..").
std::string check_form(const ExportForm& form);
// The file the form writes: the resolved folder / the trimmed name with the format's extension.
std::filesystem::path form_path(const ExportForm& form, const std::filesystem::path& cwd,
                                const std::string& home);
// "" when `folder` is a writable directory, else one line saying why not.
std::string check_folder(const std::filesystem::path& folder);
// The picture options of the form (size, scale, transparency, theme).
PictureOptions picture_options(const ExportForm& form);

// One figure to export, as the explorer describes it.
struct ExportItem {
  std::string view;             // "encoding"
  std::string title;            // "Encoding heatmap", or "Similarity, 2 panels compared"
  std::string stem;             // default file name, without extension
  FigureBuilder build;          // the figure at the request's (the picture's) size
  plot::TableWriter own_table;  // the view's own CSV table (View::table), if it has one
};

class ExportDialog {
 public:
  ExportDialog();
  ~ExportDialog();  // cancels a build that is running and waits for it
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
  bool asking() const { return stage_ == Stage::Confirm; }
  void replace(Explorer& explorer) { start(explorer, pending_, true); }
  void keep_old();
  // Export, Export all views, Copy SVG and Copy CSV, as the buttons do.
  void press_export(Explorer& explorer) { start(explorer, Action::Export, false); }
  void press_export_all(Explorer& explorer) { start(explorer, Action::ExportAll, false); }
  void press_copy_svg(Explorer& explorer) { start(explorer, Action::CopySvg, false); }
  void press_copy_csv(Explorer& explorer) { start(explorer, Action::CopyCsv, false); }

  // Nothing being built or written, and the outcome drawn at least twice.
  bool settled() const;
  bool busy() const { return stage_ == Stage::Building || stage_ == Stage::Writing; }
  // The last action's problem ("" if none), what it did, the files it wrote, and
  // the text the last Copy put on the clipboard.
  const std::string& error() const { return error_; }
  const std::string& message() const { return message_; }
  const std::vector<std::filesystem::path>& written() const { return written_; }
  const std::string& copied() const { return copied_; }

  // The remembered fields (folder, format, size, scale, transparency, theme).
  nlohmann::json save() const;
  void load(const nlohmann::json& settings);

 private:
  enum class Action { Export, ExportAll, CopySvg, CopyCsv };
  enum class Stage { Idle, Confirm, Building, Writing };
  struct Built {
    std::vector<plot::Figure> figures;  // one per item (empty for a CSV table)
    std::string error;
  };

  void start(Explorer& explorer, Action action, bool overwrite);
  void cancel();
  void finish(const std::string& error);
  void write_next(GLFWwindow* window);
  void controls(Explorer& explorer, const Fonts& fonts, const plot::Style& style);
  void outcome(const plot::Style& style);
  void changed() { quiet_frames_ = 0; }

  bool open_ = false;
  bool open_popup_ = false;  // OpenPopup on the next frame
  ExportForm form_;
  std::string item_title_;
  std::string item_stem_;
  bool zoomed_ = false;  // the view on screen is zoomed (the export shows the whole range)

  Stage stage_ = Stage::Idle;
  Action action_ = Action::Export;
  Action pending_ = Action::Export;    // what an "Overwrite" answer starts
  std::vector<std::string> existing_;  // files an overwrite would replace
  std::vector<ExportItem> items_;
  std::vector<std::filesystem::path> paths_;  // one per item
  ExportForm job_form_;                       // the form when the job started
  std::future<Built> build_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::shared_ptr<std::atomic<double>> progress_;
  Built built_;
  std::size_t next_ = 0;  // the next item to write

  std::string error_;
  std::string message_;  // what the last action did
  std::vector<std::filesystem::path> written_;
  std::string copy_path_;  // the "Copy path" button's text ("" = no button)
  std::string copied_;
  int quiet_frames_ = 0;
};

}  // namespace peviz
