// What the passes of the lesson parser share: a line of the file with its number, and
// the list of problems found, capped so that a binary file gives a screenful, not a flood.
#pragma once

#include <string>
#include <vector>

#include "app/lesson/lesson.hpp"

namespace peviz::lesson_detail {

// A piece of the file and the line it is on (1-based).
struct Located {
  std::string text;
  int line = 0;
};

// Problems with their lines; at most kLessonMaxProblems are kept, the rest counted.
class Problems {
 public:
  void add(int line, std::string message);
  bool empty() const { return list_.empty(); }
  // Kept and dropped: a pass compares it before and after a step.
  std::size_t count() const { return list_.size() + static_cast<std::size_t>(dropped_); }
  // In line order, with one last line saying how many were dropped.
  std::vector<LessonProblem> take();

 private:
  std::vector<LessonProblem> list_;
  long dropped_ = 0;
};

}  // namespace peviz::lesson_detail
