// Runs view builders off the UI thread so the window never freezes: one worker
// thread, the newest request wins (a new submit cancels the running build), the
// UI polls for the finished Figure and shows progress meanwhile.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/views/view.hpp"

namespace peviz {

struct FigureResult {
  plot::Figure figure;
  std::string error;  // a build that threw: the message (figure is empty)
  std::uint64_t ticket = 0;
  double seconds = 0.0;  // how long the build took
};

class FigureWorker {
 public:
  FigureWorker();
  ~FigureWorker();
  FigureWorker(const FigureWorker&) = delete;
  FigureWorker& operator=(const FigureWorker&) = delete;

  // Queues a build, cancelling the one running. Returns its ticket.
  std::uint64_t submit(FigureBuilder builder);
  // The newest finished result not yet taken, if any.
  std::optional<FigureResult> take();
  bool busy() const { return busy_.load(); }
  double progress() const { return progress_.load(); }

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<std::pair<std::uint64_t, FigureBuilder>> pending_;
  std::optional<FigureResult> done_;
  std::atomic<std::uint64_t> latest_{0};
  std::atomic<bool> busy_{false};
  std::atomic<double> progress_{0.0};
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace peviz
