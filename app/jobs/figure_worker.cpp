#include "figure_worker.hpp"

#include <chrono>

#include "core/validate.hpp"

namespace peviz {

FigureWorker::FigureWorker() : thread_([this] { run(); }) {}

FigureWorker::~FigureWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    latest_ = ~0ULL;  // cancels a running build
  }
  wake_.notify_all();
  thread_.join();
}

std::uint64_t FigureWorker::submit(FigureBuilder builder) {
  std::uint64_t ticket = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ticket = latest_.load() + 1;
    latest_ = ticket;
    pending_.emplace(ticket, std::move(builder));
    busy_ = true;
  }
  wake_.notify_all();
  return ticket;
}

std::optional<FigureResult> FigureWorker::take() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<FigureResult> out = std::move(done_);
  done_.reset();
  return out;
}

void FigureWorker::run() {
  for (;;) {
    std::pair<std::uint64_t, FigureBuilder> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || pending_.has_value(); });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
    }
    progress_ = 0.0;
    const std::uint64_t ticket = job.first;
    const ProgressFn progress = [this, ticket](double f) {
      progress_ = f;
      return latest_.load() == ticket;  // a newer submit cancels this build
    };
    FigureResult result;
    result.ticket = ticket;
    const auto t0 = std::chrono::steady_clock::now();
    bool cancelled = false;
    try {
      result.figure = job.second(progress);
    } catch (const Cancelled&) {
      cancelled = true;
    } catch (const std::bad_alloc&) {
      result.error = "not enough memory for these parameters";
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!cancelled && latest_.load() == ticket) {
      done_ = std::move(result);
      if (!pending_) busy_ = false;
    }
  }
}

}  // namespace peviz
