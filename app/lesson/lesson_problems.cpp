// The capped problem list of the lesson parser.
#include "lesson_problems.hpp"

#include <algorithm>
#include <utility>

namespace peviz::lesson_detail {

void Problems::add(int line, std::string message) {
  if (list_.size() < static_cast<std::size_t>(kLessonMaxProblems)) {
    list_.push_back({line, std::move(message)});
  } else {
    ++dropped_;
  }
}

std::vector<LessonProblem> Problems::take() {
  std::stable_sort(list_.begin(), list_.end(),
                   [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
  if (dropped_ > 0) {
    list_.push_back({list_.back().line, std::to_string(dropped_) +
                                            " more problems not shown (is this a lesson file?)"});
  }
  return std::move(list_);
}

}  // namespace peviz::lesson_detail
