// One action of the export dialog from the press of a button to its outcome, without
// a window: the plan (export_plan.hpp), the question before replacing files, the
// figures rebuilt at the picture's size on a thread of their own (with progress and
// cancel), then the files written one per call of write_next, or the text of a Copy;
// the outcome as one line of error or a message and the files written.
//
// The caller (the dialog) calls write_next between frames: the PNG renderer may make
// an OpenGL context of its own current, and the caller restores its own.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "app/export/export_form.hpp"
#include "app/export/export_plan.hpp"
#include "app/plot/figure.hpp"

namespace peviz {

class ExportJob {
 public:
  ExportJob() = default;
  ~ExportJob();  // cancels a build that is running and waits for it
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  // Starts `action` on `form`, unless a job is building or writing: checks the form,
  // asks `items` for the figures (only when the form is good), plans the files, and
  // asks first (asking()) when some exist and `overwrite` is false; then builds.
  void start(ExportAction action, const ExportForm& form, bool overwrite,
             const std::function<std::vector<ExportItem>()>& items);
  // The action an "Overwrite" answer starts again (with overwrite set).
  ExportAction pending() const { return pending_; }
  // The answer "Keep the old files": nothing written. False when nothing was asked.
  bool keep_old();
  // Stops a build (and waits for its thread); a question is dropped.
  void cancel();
  // The Cancel button: stops a build and says no file was written. False when no
  // build was running (a file being written is finished).
  bool cancel_build();
  // The dialog opens afresh: the last outcome and any question are forgotten.
  void clear();

  // Takes a finished build: true when it did (then writing() or an error).
  bool take_build();
  bool writing() const { return stage_ == Stage::Writing; }
  // Writes the next file, or makes the Copy's text. True when a Copy has just finished
  // and copied() holds what goes on the clipboard.
  bool write_next();
  // The "Copy path" button was used: the message says so (once).
  void note_path_copied();

  bool asking() const { return stage_ == Stage::Confirm; }
  bool busy() const { return stage_ == Stage::Building || stage_ == Stage::Writing; }
  bool building() const { return stage_ == Stage::Building; }
  // Files that an overwrite would replace (names), while asking().
  const std::vector<std::string>& existing() const { return existing_; }
  // While busy(): how far (0 to 1), and what is being done ("Building 3 figures…").
  double progress() const;
  std::string status() const;

  // The last action's problem ("" if none), what it did, the files it wrote, the path
  // a "Copy path" button copies ("" = no button), and the text the last Copy made.
  const std::string& error() const { return error_; }
  const std::string& message() const { return message_; }
  const std::vector<std::filesystem::path>& written() const { return written_; }
  const std::string& copy_path() const { return copy_path_; }
  const std::string& copied() const { return copied_; }

 private:
  enum class Stage { Idle, Confirm, Building, Writing };
  struct Built {
    std::vector<plot::Figure> figures;  // one per item (empty for a CSV table)
    std::string error;
  };

  void finish(const std::string& error);

  Stage stage_ = Stage::Idle;
  ExportAction action_ = ExportAction::Export;
  ExportAction pending_ = ExportAction::Export;
  std::vector<std::string> existing_;
  std::vector<ExportItem> items_;
  std::vector<std::filesystem::path> paths_;  // one per item
  ExportForm form_;                           // the form when the job started (job_form)
  std::future<Built> build_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::shared_ptr<std::atomic<double>> progress_;
  Built built_;
  std::size_t next_ = 0;  // the next item to write

  std::string error_;
  std::string message_;
  std::vector<std::filesystem::path> written_;
  std::string copy_path_;
  std::string copied_;
};

}  // namespace peviz
