#include "progress.hpp"

namespace peviz {

void report_progress(const ProgressFn& progress, double fraction) {
  if (progress && !progress(fraction)) throw Cancelled();
}

}  // namespace peviz
