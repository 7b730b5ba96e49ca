#include "export_job.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

#include "app/export/export_write.hpp"
#include "app/export/figure_file.hpp"

namespace peviz {
namespace fs = std::filesystem;

namespace {
constexpr const char* kCopied = "  (path copied)";
}  // namespace

ExportJob::~ExportJob() {
  cancel();
}

void ExportJob::cancel() {
  if (stop_) stop_->store(true);
  if (build_.valid()) build_.wait();
  build_ = {};
  if (stage_ == Stage::Building || stage_ == Stage::Confirm) stage_ = Stage::Idle;
}

bool ExportJob::cancel_build() {
  if (stage_ != Stage::Building) return false;
  cancel();
  error_ = "Cancelled: no file written.";
  return true;
}

void ExportJob::clear() {
  if (stage_ == Stage::Confirm) stage_ = Stage::Idle;
  error_.clear();
  message_.clear();
  written_.clear();
  copy_path_.clear();
  existing_.clear();
}

void ExportJob::start(ExportAction action, const ExportForm& form, bool overwrite,
                      const std::function<std::vector<ExportItem>()>& items) {
  if (busy()) return;
  error_.clear();
  message_.clear();
  written_.clear();
  copy_path_.clear();
  existing_.clear();
  copied_.clear();
  stage_ = Stage::Idle;
  if (std::string e = check_action(action, form); !e.empty()) {
    error_ = e;
    return;
  }
  items_ = items();
  paths_.clear();
  if (writes_files(action)) {
    ExportPlan plan = plan_files(action, form, items_, current_folder(), home_folder());
    if (!plan.error.empty()) {
      error_ = plan.error;
      return;
    }
    paths_ = std::move(plan.paths);
    existing_ = std::move(plan.existing);
    if (!overwrite && !existing_.empty()) {
      pending_ = action;
      stage_ = Stage::Confirm;
      return;
    }
  }
  action_ = action;
  form_ = job_form(action, form);

  // Every figure first, on a thread of its own: bad parameters stop the export
  // before any file is written, and the window keeps drawing meanwhile.
  std::vector<ExportItem::Builder> builders;
  std::vector<std::string> names;
  for (const ExportItem& item : items_) {
    const bool table = form_.format == ExportFormat::Csv && item.own_table;
    builders.push_back(table ? ExportItem::Builder() : item.build);
    names.push_back(item.view);
  }
  stop_ = std::make_shared<std::atomic<bool>>(false);
  progress_ = std::make_shared<std::atomic<double>>(0.0);
  build_ = std::async(std::launch::async, [builders = std::move(builders), names = std::move(names),
                                           stop = stop_, progress = progress_]() {
    Built built;
    const double n = static_cast<double>(builders.size());
    for (std::size_t i = 0; i < builders.size(); ++i) {
      try {
        if (!builders[i]) {
          built.figures.emplace_back();
          continue;
        }
        built.figures.push_back(builders[i]([&](double f) {
          progress->store((static_cast<double>(i) + f) / n);
          return !stop->load();
        }));
      } catch (const Cancelled&) {
        built.error = "Cancelled.";
        return built;
      } catch (const std::exception& e) {
        built.error = (builders.size() > 1 ? names[i] + ": " : std::string()) + e.what();
        return built;
      }
    }
    return built;
  });
  stage_ = Stage::Building;
}

void ExportJob::finish(const std::string& error) {
  error_ = error;
  stage_ = Stage::Idle;
  items_.clear();
  built_ = {};
  build_ = {};
}

bool ExportJob::keep_old() {
  if (stage_ != Stage::Confirm) return false;
  stage_ = Stage::Idle;
  message_ = "Nothing written: the old file" + std::string(existing_.size() > 1 ? "s are" : " is") +
             " kept.";
  return true;
}

bool ExportJob::take_build() {
  if (stage_ != Stage::Building || !build_.valid() ||
      build_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return false;
  }
  built_ = build_.get();
  build_ = {};
  if (!built_.error.empty()) {
    finish(built_.error);
    return true;
  }
  stage_ = Stage::Writing;
  next_ = 0;
  return true;
}

bool ExportJob::write_next() {
  if (stage_ != Stage::Writing) return false;
  // One FigureFileWriter per file: a GL renderer (and its EGL context) never
  // outlives the call that made it current.
  FigureFileWriter writer;
  const ExportItem& item = items_[next_];
  const plot::Figure& figure = built_.figures[next_];
  try {
    if (action_ == ExportAction::CopySvg || action_ == ExportAction::CopyCsv) {
      ClipboardText clip = clipboard_text(item, figure, form_, writer);
      if (!clip.error.empty()) {
        finish(clip.error);
        return false;
      }
      copied_ = std::move(clip.text);
      finish("");
      if (action_ == ExportAction::CopySvg) {
        message_ = "Copied the SVG document (" + human_size(clip.bytes) +
                   ") to the clipboard: paste it into Inkscape or a text editor.";
      } else {
        const long rows = static_cast<long>(std::count(copied_.begin(), copied_.end(), '\n'));
        message_ = "Copied " + std::to_string(rows) + " lines of CSV (" + human_size(clip.bytes) +
                   ") to the clipboard: paste them into a spreadsheet.";
      }
      return true;
    }
    write_item(item, figure, paths_[next_], form_, writer);
    written_.push_back(paths_[next_]);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    if (action_ == ExportAction::ExportAll && !written_.empty()) {
      finish("Wrote " + std::to_string(written_.size()) + " of " + std::to_string(items_.size()) +
             " files, then: " + what);
    } else {
      finish(what);
    }
    return false;
  }
  ++next_;
  if (next_ < items_.size()) return false;  // the next file on the next call
  const std::size_t count = items_.size();
  finish("");
  if (action_ == ExportAction::Export) {
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(written_.front(), ec);
    message_ = "Wrote " + written_.front().string() + (ec ? "" : " (" + human_size(bytes) + ")");
    copy_path_ = written_.front().string();
  } else {
    message_ = "Wrote " + std::to_string(count) + " files into " +
               written_.front().parent_path().string() + ":";
    copy_path_ = written_.front().parent_path().string();
  }
  return false;
}

void ExportJob::note_path_copied() {
  if (message_.find(kCopied) == std::string::npos) message_ += kCopied;
}

double ExportJob::progress() const {
  if (stage_ == Stage::Building) return progress_ ? progress_->load() : 0.0;
  const double total = static_cast<double>(std::max<std::size_t>(1, items_.size()));
  return static_cast<double>(next_) / total;
}

std::string ExportJob::status() const {
  if (stage_ == Stage::Building) {
    return items_.size() > 1 ? "Building " + std::to_string(items_.size()) + " figures…"
                             : std::string("Building the figure…");
  }
  return "Writing " +
         (next_ < paths_.size() ? paths_[next_].filename().string() : std::string("")) + "…";
}

}  // namespace peviz
