#include "export_plan.hpp"

namespace peviz {
namespace fs = std::filesystem;

bool writes_files(ExportAction action) {
  return action == ExportAction::Export || action == ExportAction::ExportAll;
}

std::string check_action(ExportAction action, const ExportForm& form) {
  ExportForm checked = form;
  if (action != ExportAction::Export) checked.name = "x";  // the name is not used
  return check_form(checked);
}

ExportPlan plan_files(ExportAction action, const ExportForm& form,
                      const std::vector<ExportItem>& items, const fs::path& cwd,
                      const std::string& home) {
  ExportPlan plan;
  if (!writes_files(action)) return plan;
  const fs::path folder = resolve_folder(form.folder, cwd, home);
  if (std::string e = check_folder(folder); !e.empty()) {
    plan.error = e;
    return plan;
  }
  for (const ExportItem& item : items) {
    plan.paths.push_back(action == ExportAction::ExportAll
                             ? folder / (item.view + "." + format_extension(form.format))
                             : form_path(form, cwd, home));
  }
  for (const fs::path& p : plan.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      plan.error = p.string() + " is a folder: choose another file name.";
      return plan;
    }
    if (fs::exists(p, ec)) plan.existing.push_back(p.filename().string());
  }
  return plan;
}

ExportForm job_form(ExportAction action, const ExportForm& form) {
  ExportForm job = form;
  if (action == ExportAction::CopyCsv) job.format = ExportFormat::Csv;
  if (action == ExportAction::CopySvg) job.format = ExportFormat::Svg;
  return job;
}

std::string replace_question(const std::vector<std::string>& existing) {
  if (existing.empty()) return "";
  return existing.size() == 1 ? existing.front() + " already exists. Replace it?"
                              : std::to_string(existing.size()) + " of the files already exist (" +
                                    existing.front() + ", ...). Replace them?";
}

}  // namespace peviz
