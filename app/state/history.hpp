// Undo and redo of the window's parameters: a bounded list of snapshots (the text of the
// explorer's state: its view, parameters and compare panels), with the rule that makes one
// gesture one step. The window hands it the state at the end of every frame, with whether
// an edit may be under way (a mouse button or a key held, a widget active, an animation
// playing); a change becomes a step once the input has been quiet for `quiet` seconds, so
// that a slider drag, a held key's repeats or a typed word are one step each, not one per
// frame. Knows nothing of ImGui: tested in tests/app/history_test.cpp.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace peviz {

class History {
 public:
  static constexpr std::size_t kDefaultLimit = 100;  // undo steps kept (the oldest go)
  static constexpr double kDefaultQuiet = 0.5;       // seconds (a held key's first repeat: ~0.5 s)

  explicit History(std::size_t limit = kDefaultLimit, double quiet = kDefaultQuiet);

  // The state at the end of a frame at time `now` (seconds, increasing). The first one is
  // the start (nothing to undo). A state that differs from the last step's becomes a step
  // when nothing was `busy` for `quiet` seconds. Returns true when it recorded a step.
  bool observe(const std::string& snapshot, bool busy, double now);
  // Records `snapshot` as a step now if it differs (a change that must not wait).
  bool commit(const std::string& snapshot);

  // Undo: `live` is the state now (a change not yet recorded is recorded first, so that
  // undo takes it back). Returns the state to restore, or nothing when there is none.
  std::optional<std::string> undo(const std::string& live);
  // Redo: the state to restore, or nothing (also when `live` has an unrecorded change,
  // which then becomes a step and ends the redo list, as any new change does).
  std::optional<std::string> redo(const std::string& live);
  // After a restore: the state as it came out (its text may differ from the snapshot's)
  // is the current step's, without a new step.
  void restored(const std::string& live);

  // A change observed and not yet a step (the window keeps drawing until it is one).
  bool pending() const { return current_ && seen_ != *current_; }
  bool can_undo() const { return !undo_.empty() || (current_ && seen_ != *current_); }
  bool can_redo() const { return !redo_.empty() && (!current_ || seen_ == *current_); }
  std::size_t undo_steps() const { return undo_.size(); }
  std::size_t redo_steps() const { return redo_.size(); }
  // The last step's state (nothing before the first observe).
  const std::optional<std::string>& current() const { return current_; }
  void clear();

 private:
  std::size_t limit_;
  double quiet_;
  std::deque<std::string> undo_;  // older states, the newest at the back
  std::deque<std::string> redo_;  // undone states, the next at the back
  std::optional<std::string> current_;
  std::string seen_;            // the last observed state
  double busy_until_ = -1e300;  // steps wait until this time
};

}  // namespace peviz
