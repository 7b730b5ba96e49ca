// The worker that builds figures off the window's thread: the newest request wins, a
// running build is cancelled by a newer one (and its result never shown), a build that
// ignores the cancel is dropped when it ends, failures come back as messages, and the
// worker can be destroyed in the middle of a build.
#include "app/jobs/figure_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <new>
#include <thread>

#include "core/progress.hpp"

namespace peviz {
namespace {

using namespace std::chrono_literals;

// Waits (a hang guard, not a timing) for the worker's next result.
std::optional<FigureResult> wait_result(FigureWorker& w) {
  for (int i = 0; i < 2000; ++i) {
    if (std::optional<FigureResult> r = w.take()) return r;
    std::this_thread::sleep_for(5ms);
  }
  return std::nullopt;
}

FigureBuilder titled(const std::string& title) {
  return [title](const ProgressFn& progress) {
    report_progress(progress, 0.5);
    plot::Figure f;
    f.title = title;
    return f;
  };
}

// Runs until cancelled, reporting progress; counts how often it was asked.
FigureBuilder until_cancelled(std::atomic<bool>& started, std::atomic<bool>& cancelled) {
  return [&started, &cancelled](const ProgressFn& progress) -> plot::Figure {
    started = true;
    for (;;) {
      if (!progress(0.25)) {
        cancelled = true;
        throw Cancelled();
      }
      std::this_thread::sleep_for(1ms);
    }
  };
}

TEST(FigureWorker, ABuildComesBackWithItsTicket) {
  FigureWorker w;
  const std::uint64_t t = w.submit(titled("one"));
  const std::optional<FigureResult> r = wait_result(w);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->ticket, t);
  EXPECT_EQ(r->figure.title, "one");
  EXPECT_TRUE(r->error.empty());
  EXPECT_FALSE(w.busy());
  EXPECT_FALSE(w.take().has_value());  // taken once
}

TEST(FigureWorker, ANewerRequestCancelsTheRunningBuild) {
  FigureWorker w;
  std::atomic<bool> started{false}, cancelled{false};
  const std::uint64_t first = w.submit(until_cancelled(started, cancelled));
  while (!started) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(w.busy());
  EXPECT_DOUBLE_EQ(w.progress(), 0.25);
  const std::uint64_t second = w.submit(titled("second"));
  EXPECT_GT(second, first);
  const std::optional<FigureResult> r = wait_result(w);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(cancelled);
  EXPECT_EQ(r->ticket, second);
  EXPECT_EQ(r->figure.title, "second");
  EXPECT_FALSE(w.busy());
}

// A builder that never looks at its progress function finishes anyway: its figure is
// older than the request that followed it and is not shown.
TEST(FigureWorker, AStaleResultIsDropped) {
  FigureWorker w;
  std::atomic<bool> release{false}, started{false};
  w.submit([&](const ProgressFn&) {
    started = true;
    while (!release) std::this_thread::sleep_for(1ms);
    plot::Figure f;
    f.title = "stale";
    return f;
  });
  while (!started) std::this_thread::sleep_for(1ms);
  const std::uint64_t newest = w.submit(titled("newest"));
  release = true;
  const std::optional<FigureResult> r = wait_result(w);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->ticket, newest);
  EXPECT_EQ(r->figure.title, "newest");
}

TEST(FigureWorker, FailuresComeBackAsMessages) {
  FigureWorker w;
  w.submit(
      [](const ProgressFn&) -> plot::Figure { throw std::runtime_error("d_model must be even"); });
  std::optional<FigureResult> r = wait_result(w);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->error, "d_model must be even");
  EXPECT_TRUE(r->figure.panels.empty());
  w.submit([](const ProgressFn&) -> plot::Figure { throw std::bad_alloc(); });
  r = wait_result(w);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->error, "not enough memory for these parameters");
  EXPECT_FALSE(w.busy());
}

// Destroying the worker in the middle of a build cancels it and joins: no hang, and the
// builder saw the cancel.
TEST(FigureWorker, DestructionDuringABuildCancelsIt) {
  std::atomic<bool> started{false}, cancelled{false};
  {
    FigureWorker w;
    w.submit(until_cancelled(started, cancelled));
    while (!started) std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(cancelled);
}

}  // namespace
}  // namespace peviz
