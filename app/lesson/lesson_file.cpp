// Modification-time polling of a lesson file.
#include "lesson_file.hpp"

#include <system_error>

namespace peviz {
namespace {

// The file's modification time, or the zero time when it cannot be read.
std::filesystem::file_time_type modified(const std::filesystem::path& path) {
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(path, ec);
  return ec ? std::filesystem::file_time_type{} : t;
}

}  // namespace

void LessonFileWatch::watch(const std::filesystem::path& path) {
  path_ = path;
  seen_ = modified(path);
}

void LessonFileWatch::clear() {
  path_.clear();
  seen_ = {};
}

bool LessonFileWatch::changed() const {
  return watching() && modified(path_) != seen_;
}

bool LessonFileWatch::take_change() {
  if (!watching()) return false;
  const auto t = modified(path_);
  if (t == seen_) return false;
  seen_ = t;
  return true;
}

}  // namespace peviz
