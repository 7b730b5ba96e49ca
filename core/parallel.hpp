// Work split over the machine's cores (two on the project's machines), for core's large
// matrices: one contiguous part of the rows or columns per thread, the caller's thread taking
// the first part, every thread joined before returning.
#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace peviz {

// Smaller jobs than this many cells run on the caller's thread: starting a thread costs more.
inline constexpr double kParallelCells = 1 << 16;

// How many threads a job of `cells` cells is worth: 1 below kParallelCells, else the cores (1-8).
inline int parallel_threads(double cells) {
  if (cells < kParallelCells) return 1;
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

// Runs fn(begin, end) over [0, count), cut into one contiguous part per thread.
template <class Fn>
void split_over_threads(long count, int threads, const Fn& fn) {
  const long parts = std::clamp<long>(threads, 1, std::max(count, 1L));
  std::vector<std::jthread> workers;
  for (long t = 1; t < parts; ++t)
    workers.emplace_back(
        [&fn, count, t, parts] { fn(count * t / parts, count * (t + 1) / parts); });
  fn(0L, count / parts);
}

}  // namespace peviz
