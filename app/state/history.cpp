#include "history.hpp"

#include <utility>

namespace peviz {

History::History(std::size_t limit, double quiet) : limit_(limit < 1 ? 1 : limit), quiet_(quiet) {}

bool History::observe(const std::string& snapshot, bool busy, double now) {
  seen_ = snapshot;
  if (!current_) {
    current_ = snapshot;
    return false;
  }
  if (busy) busy_until_ = now + quiet_;
  if (busy || now < busy_until_ || snapshot == *current_) return false;
  return commit(snapshot);
}

bool History::commit(const std::string& snapshot) {
  seen_ = snapshot;
  if (!current_) {
    current_ = snapshot;
    return false;
  }
  if (snapshot == *current_) return false;
  undo_.push_back(std::move(*current_));
  while (undo_.size() > limit_) undo_.pop_front();
  current_ = snapshot;
  redo_.clear();
  return true;
}

std::optional<std::string> History::undo(const std::string& live) {
  commit(live);
  if (undo_.empty()) return std::nullopt;
  redo_.push_back(std::move(*current_));
  current_ = std::move(undo_.back());
  undo_.pop_back();
  seen_ = *current_;
  return current_;
}

std::optional<std::string> History::redo(const std::string& live) {
  if (commit(live) || redo_.empty()) return std::nullopt;
  undo_.push_back(std::move(*current_));
  while (undo_.size() > limit_) undo_.pop_front();
  current_ = std::move(redo_.back());
  redo_.pop_back();
  seen_ = *current_;
  return current_;
}

void History::restored(const std::string& live) {
  current_ = live;
  seen_ = live;
}

void History::clear() {
  undo_.clear();
  redo_.clear();
  current_.reset();
  seen_.clear();
  busy_until_ = -1e300;
}

}  // namespace peviz
