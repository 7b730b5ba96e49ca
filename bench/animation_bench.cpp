// How the animation export shares its work between the two cores (docs/animations.md):
// for a 48-frame 800x500 GIF and each way of sharing the work, the best of 10 (the ways
// take turns): the wall time, and the CPU time of the builds, of the drawing thread and of
// the calling thread; then the CPU time of each stage on one thread. Thread CPU time is
// what the other load on a shared machine changes least; on two idle cores the call lasts
// about builds / 2 + the busier of the two threads.
//   ./build/bench/peviz_animation_bench
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli/animation_export.hpp"
#include "app/export/gif_writer.hpp"
#include "app/render/soft_renderer.hpp"
#include "app/state/state.hpp"

namespace fs = std::filesystem;
using namespace peviz;

namespace {

fs::path scratch(const std::string& name) {
  return fs::temp_directory_path() / ("peviz_animation_bench_" + name);
}

PictureOptions picture(int width, int height) {
  PictureOptions p;
  p.width = width;
  p.height = height;
  return p;
}

double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void measure_both_cores() {
  struct Way {
    const char* name;
    AnimationTuning tuning;
  };
  const std::vector<Way> ways = {
      {"one thread (1 build thread, 1 raster band)", {false, 1, 1, 8}},
      {"no pipeline, 2 build threads, 2 raster bands", {false, 2, 2, 8}},
      {"pipeline, 2 raster bands, 16 palette frames", {true, 2, 2, 16}},
      {"pipeline, 1 raster band, 16 palette frames", {true, 2, 1, 16}},
      {"pipeline, 1 raster band, 8 palette frames (default)", {true, 2, 1, 8}},
  };
  for (const char* view : {"encoding", "waves"}) {
    AnimationSpec spec;
    parse_animate("base=10:100000", spec);
    spec.frames = 48;
    spec.log = true;
    const fs::path gif = scratch(std::string("measure_") + view + ".gif");
    std::vector<AnimationTimes> best(ways.size(), AnimationTimes{1e9, 1e9, 1e9, 1e9});
    for (int run = 0; run < 10; ++run) {
      for (std::size_t w = 0; w < ways.size(); ++w) {
        AnimationTimes t;
        AnimationTuning tuning = ways[w].tuning;
        tuning.times = &t;
        write_animation(State::of_view(view), spec, picture(800, 500), gif.string(), {}, tuning);
        best[w].wall = std::min(best[w].wall, t.wall);
        best[w].build = std::min(best[w].build, t.build);
        best[w].drawing = std::min(best[w].drawing, t.drawing);
        best[w].caller = std::min(best[w].caller, t.caller);
      }
    }
    const double one = best[0].build + best[0].caller;
    for (std::size_t w = 0; w < ways.size(); ++w) {
      const AnimationTimes& t = best[w];
      const double two = t.build / ways[w].tuning.build_threads + std::max(t.drawing, t.caller);
      std::printf(
          "%-9s %-46s wall %.3f s | cpu: build %.3f drawing %.3f caller %.3f | two idle cores "
          "~%.3f s (x%.2f)\n",
          view, ways[w].name, t.wall, t.build, t.drawing, t.caller, two, one / two);
    }
  }
}

// The CPU time of each stage on one thread, for 48 frames at 800x500.
void measure_stages() {
  for (const char* view : {"encoding", "waves"}) {
    const State s = State::of_view(view);
    AnimationSpec spec;
    parse_animate("base=10:100000", spec);
    spec.frames = 48;
    spec.log = true;
    const OptionInfo base = *State::of_view(view).option("base");
    const plot::FigureRequest request{800, 500, {}};
    double t = thread_seconds();
    std::vector<plot::Figure> figures;
    for (int k = 0; k < 48; ++k) {
      State f = s;
      f.set_option("base", animation_value(spec, k, base));
      figures.push_back(f.builder(request)([](double) { return true; }));
    }
    const double build = thread_seconds() - t;
    t = thread_seconds();
    SoftRenderer renderer(1.0f, 1);
    const double fonts = thread_seconds() - t;
    plot::Style style = plot::light_style();
    style.font_size = 20.0f;
    std::vector<std::vector<std::uint8_t>> frames;
    t = thread_seconds();
    for (const plot::Figure& f : figures) {
      const PixelsView px = renderer.render(f, 800, 500, style);
      frames.emplace_back(px.rgba, px.rgba + 800 * 500 * 4);
    }
    const double render = thread_seconds() - t;
    t = thread_seconds();
    GifPaletteBuilder colours;
    for (int j = 0; j < 8; ++j) {  // the 8 palette frames write_animation takes
      colours.add(frames[static_cast<std::size_t>(std::lround(j * 47.0 / 7))].data(), 800, 500);
    }
    const double histogram = thread_seconds() - t;
    t = thread_seconds();
    const std::vector<Rgb8> palette = colours.build(256);
    const double cut = thread_seconds() - t;
    t = thread_seconds();
    GifColourMapper mapper(palette);
    std::vector<std::vector<std::uint8_t>> indices(48, std::vector<std::uint8_t>(800 * 500));
    for (int k = 0; k < 48; ++k) {
      mapper.map(frames[static_cast<std::size_t>(k)].data(), 800 * 500,
                 indices[static_cast<std::size_t>(k)].data());
    }
    const double map = thread_seconds() - t;
    double sum = 0, worst = 0;
    for (int k = 0; k < 48; ++k) {
      for (std::size_t i = 0; i < 800 * 500; ++i) {
        for (int c = 0; c < 3; ++c) {
          const double e = std::abs(double(palette[indices[k][i]][static_cast<std::size_t>(c)]) -
                                    frames[static_cast<std::size_t>(k)][4 * i + c]);
          sum += e;
          worst = std::max(worst, e);
        }
      }
    }
    t = thread_seconds();
    {
      GifWriter gif(scratch("stages.gif").string(), 800, 500, palette);
      for (int k = 0; k < 48; ++k) gif.add_frame(indices[static_cast<std::size_t>(k)].data(), 8);
      gif.finish();
    }
    const double encode = thread_seconds() - t;
    std::printf(
        "%-9s build %.3f  fonts %.3f  render %.3f  histogram %.3f (%zu colours)  palette %.3f  map "
        "%.3f  "
        "lzw %.3f  (s of one thread's CPU)  error mean %.3f worst %.0f\n",
        view, build, fonts, render, histogram, colours.distinct(), cut, map, encode,
        sum / (48.0 * 800 * 500 * 3), worst);
  }
}

}  // namespace

int main() {
  measure_both_cores();
  measure_stages();
  for (const char* f : {"measure_encoding.gif", "measure_waves.gif", "stages.gif"})
    fs::remove(scratch(f));
  return 0;
}
