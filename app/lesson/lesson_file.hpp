// Watching a lesson file for saves: remembers the file's modification time and says
// when it changed (a cheap stat, polled by the lesson player), so the teacher's edits
// show without a restart.
#pragma once

#include <filesystem>

namespace peviz {

class LessonFileWatch {
 public:
  // Watches `path` from now on (its current time is the one seen).
  void watch(const std::filesystem::path& path);
  // Watches nothing.
  void clear();
  const std::filesystem::path& path() const { return path_; }
  bool watching() const { return !path_.empty(); }
  // The file's time differs from the one seen (a missing file has none).
  bool changed() const;
  // As changed(), and the new time becomes the one seen.
  bool take_change();

 private:
  std::filesystem::path path_;
  std::filesystem::file_time_type seen_{};
};

}  // namespace peviz
