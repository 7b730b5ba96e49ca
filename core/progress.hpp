// Progress and cancellation for long computations (a similarity check over 131072
// positions takes seconds): the caller passes a function that receives the
// fraction done and returns false to stop; the computation then throws Cancelled.
#pragma once

#include <functional>
#include <stdexcept>

namespace peviz {

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// fraction in [0, 1]; return false to cancel. An empty function never cancels.
using ProgressFn = std::function<bool(double fraction)>;

// Calls `progress` (if any) and throws Cancelled when it asks to stop.
void report_progress(const ProgressFn& progress, double fraction);

}  // namespace peviz
