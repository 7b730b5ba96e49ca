// What the export dialog's buttons ask for, and the files an action writes, decided
// before any figure is built: the form's check, the folder's, one path per figure
// (Export all names each file after its view, as `peviz export all` does), and which
// of them exist already (the dialog asks before replacing them).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/export/export_form.hpp"
#include "app/plot/figure.hpp"
#include "app/plot/table.hpp"
#include "core/progress.hpp"

namespace peviz {

// Export, Export all views, Copy SVG and Copy CSV.
enum class ExportAction { Export, ExportAll, CopySvg, CopyCsv };

// Export and Export all write files; a Copy puts text on the clipboard.
bool writes_files(ExportAction action);

// One figure to export, as the explorer describes it.
struct ExportItem {
  std::string view;   // "encoding"
  std::string title;  // "Encoding heatmap", or "Similarity, 2 panels compared"
  std::string stem;   // default file name, without extension
  // The figure at the request's (the picture's) size; the type of FigureBuilder
  // (app/views/view.hpp), which this layer cannot include.
  using Builder = std::function<plot::Figure(const ProgressFn&)>;
  Builder build;
  plot::TableWriter own_table;  // the view's own CSV table (View::table), if it has one
};

// The form's first problem for `action`, as one line, or "": Export checks the whole
// form; the others its size and scale only (they name their files themselves, or write none).
std::string check_action(ExportAction action, const ExportForm& form);

// The files an action writes, or why it cannot.
struct ExportPlan {
  std::string error;                         // one line; "" when the files can be written
  std::vector<std::filesystem::path> paths;  // one per item (none for a Copy)
  std::vector<std::string> existing;         // names of those files that exist already
};
// The plan of `action` for `items` with the form's folder and name (resolved under
// `cwd` and `home`, see resolve_folder): the folder must be writable, no path may be a
// folder. Looks at the disk, writes nothing.
ExportPlan plan_files(ExportAction action, const ExportForm& form,
                      const std::vector<ExportItem>& items, const std::filesystem::path& cwd,
                      const std::string& home);

// The form a job writes with: a Copy writes its own format (Copy SVG an SVG document,
// Copy CSV numbers), whatever the format buttons say.
ExportForm job_form(ExportAction action, const ExportForm& form);

// The question before replacing `existing` (not empty) files.
std::string replace_question(const std::vector<std::string>& existing);

}  // namespace peviz
