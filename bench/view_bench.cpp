// Every view's figure build, timed as a slider drag makes it: a parameter stepped 30 times at
// each size (100 x 64, 131072 x 1024, 1048576 x 4096 positions x d), median and 95th
// percentile per view and scheme, and the ratio of the largest size's median to the
// smallest's (issue 13: a view's cost should follow the pixels, not the positions). Builds run
// on one thread as the window's worker runs them, at the window's 1600 x 1000 request. A
// report, not a test: it never fails.
// "settle ms": the same drag through the window's FigureWorker (a request every 1/60 s, each
// cancelling the one running, as the window submits them), then the time from the last request
// to its finished figure (issue 13: within 100 ms of the release).
//   peviz_view_bench [--steps N] [--only VIEW] [--sizes small,mid,large]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "app/jobs/figure_worker.hpp"
#include "app/state/state.hpp"
#include "core/validate.hpp"

namespace {

using peviz::State;

struct Size {
  const char* name;
  int positions, d;
};
constexpr Size kSizes[] = {{"small", 100, 64}, {"mid", 131072, 1024}, {"large", 1048576, 4096}};

// The parameter a student drags: the first of these the view uses, and its 30 values.
std::pair<std::string, std::vector<std::string>> drag_of(State& s) {
  const std::vector<std::string> used = s.used_names();
  const auto uses = [&](const char* n) {
    return std::find(used.begin(), used.end(), n) != used.end();
  };
  std::vector<std::string> values;
  if (uses("base")) {
    for (int k = 0; k < 30; ++k) values.push_back(std::to_string(10000 + 500 * k));
    return {"base", values};
  }
  if (uses("seed")) {
    for (int k = 0; k < 30; ++k) values.push_back(std::to_string(k));
    return {"seed", values};
  }
  if (uses("heads")) {
    for (int k = 0; k < 30; ++k) values.push_back(std::to_string(1 + k));
    return {"heads", values};
  }
  if (uses("num-buckets")) {
    for (int k = 0; k < 30; ++k) values.push_back(std::to_string(8 + 2 * k));
    return {"num-buckets", values};
  }
  if (uses("start")) {
    for (int k = 0; k < 30; ++k) values.push_back(std::to_string(10 * k));
    return {"start", values};
  }
  return {"", {}};
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

// A drag through the worker: `steps` requests 1/60 s apart, then the milliseconds from the last
// one until its figure is ready.
double settle_ms(State s, const std::string& name, const std::vector<std::string>& values,
                 int steps) {
  peviz::FigureWorker worker;
  std::uint64_t last = 0;
  for (int k = 0; k < steps; ++k) {
    if (!name.empty()) s.set_option(name, values[static_cast<std::size_t>(k) % values.size()]);
    last = worker.submit(s.builder({1600, 1000, {}}));
    if (k + 1 < steps) std::this_thread::sleep_for(std::chrono::microseconds(16667));
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    const auto r = worker.take();
    if (r && r->ticket == last) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  int steps = 30;
  std::string only, sizes = "small,mid,large";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--steps") == 0) steps = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
    if (std::strcmp(argv[i], "--sizes") == 0) sizes = argv[i + 1];
  }
  std::printf("%-18s %-10s %-6s %-12s %10s %10s %10s %10s\n", "view", "scheme", "size", "dragged",
              "median ms", "p95 ms", "settle ms", "x small");
  State probe;
  for (const std::string& view : probe.view_names()) {
    if (!only.empty() && view != only) continue;
    State base;
    base.select_view(view);
    for (const peviz::Scheme scheme : base.view().schemes()) {
      double small_median = 0.0;
      for (const Size& size : kSizes) {
        if (sizes.find(size.name) == std::string::npos) continue;
        State s = base;
        s.select_scheme(scheme);
        // Every view takes positions and d in the shared parameters; some do not use them.
        s.try_set("positions", std::to_string(size.positions));
        s.try_set("d", std::to_string(size.d));
        auto [name, values] = drag_of(s);
        std::vector<double> ms;
        std::string problem;
        for (int k = 0; k < steps; ++k) {
          if (!name.empty())
            s.set_option(name, values[static_cast<std::size_t>(k) % values.size()]);
          const auto build = s.builder({1600, 1000, {}});
          const auto t0 = std::chrono::steady_clock::now();
          try {
            const peviz::plot::Figure f = build([](double) { return true; });
            if (!f.message.empty()) problem = f.message;
          } catch (const std::exception& e) {
            problem = e.what();
          }
          ms.push_back(
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count());
        }
        const double settle = settle_ms(s, name, values, steps);
        const double median = percentile(ms, 0.5);
        if (std::strcmp(size.name, "small") == 0) small_median = median;
        std::printf(
            "%-18s %-10s %-6s %-12s %10.2f %10.2f %10.2f %10s%s%s\n", view.c_str(),
            peviz::scheme_name(scheme), size.name, name.empty() ? "-" : name.c_str(), median,
            percentile(ms, 0.95), settle,
            small_median > 0 ? std::to_string(median / small_median).substr(0, 5).c_str() : "",
            problem.empty() ? "" : "  (",
            problem.empty() ? "" : (problem.substr(0, 60) + ")").c_str());
        std::fflush(stdout);
      }
    }
  }
  return 0;
}
