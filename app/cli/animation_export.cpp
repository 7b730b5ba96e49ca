#include "animation_export.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <vector>

#include "app/export/atomic_file.hpp"
#include "app/export/gif_writer.hpp"
#include "app/export/video_pipe.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/render/soft_renderer.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {

namespace {

// The CPU time of the calling thread (POSIX clock_gettime).
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// A whole finite number, or nothing.
std::optional<double> number(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string shown(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

}  // namespace

void parse_animate(const std::string& text, AnimationSpec& spec) {
  const std::size_t eq = text.find('=');
  const std::size_t colon = eq == std::string::npos ? eq : text.find(':', eq + 1);
  if (eq == std::string::npos || eq == 0 || colon == std::string::npos) {
    throw InvalidArgument("--animate wants PARAM=FROM:TO, e.g. base=10:100000 (got '" + text +
                          "')");
  }
  const std::string from = text.substr(eq + 1, colon - eq - 1);
  const std::string to = text.substr(colon + 1);
  for (const std::string* end : {&from, &to}) {
    if (!number(*end)) {
      throw InvalidArgument("--animate " + text + ": '" + *end + "' is not a number");
    }
  }
  spec.param = text.substr(0, eq);
  spec.from = *number(from);
  spec.to = *number(to);
}

std::string animation_format(const std::string& path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".gif" || ext == ".mp4") return ext.substr(1);
  return "";
}

std::string animation_value(const AnimationSpec& spec, int frame, const OptionInfo& option) {
  // As lessons' animations (Animation::value_at): the ends exactly, evenly spaced values
  // between them, or with log equal ratios (10 -> 100000 in 5 frames: 10, 100, ..., 100000).
  const int last = std::max(1, spec.frames - 1);
  const double f = std::clamp(static_cast<double>(frame) / last, 0.0, 1.0);
  double v = spec.log ? spec.from * std::pow(spec.to / spec.from, f)
                      : spec.from + (spec.to - spec.from) * f;
  if (frame <= 0) v = spec.from;
  if (frame >= last) v = spec.to;
  const bool integer = option.kind == ParamKind::Int;
  if (integer) v = option.info.even ? 2.0 * std::round(v / 2.0) : std::round(v);
  char b[400];  // "%.0f" of the largest double has 309 digits
  std::snprintf(b, sizeof b, integer ? "%.0f" : "%.17g", v);
  return b;
}

namespace {

// Frames drawn by one SoftRenderer, in a given order, either on a thread of their own
// (pipeline: frames wait for the caller up to a memory budget; once the caller has made
// the GIF's palette, this thread maps its frames to it too) or on the caller's.
class FrameSource {
 public:
  // Frame k is the figure of states[k] at `request`, built just before it is drawn (one
  // figure at a time in memory: a view's grid is screen-sized, and a thousand of them
  // would not fit).
  FrameSource(const std::vector<State>& states, const plot::FigureRequest& request,
              const PictureOptions& picture, const std::vector<ImWchar>& extra,
              const AnimationTuning& tuning, std::vector<int> order)
      : states_(states),
        request_(request),
        picture_(picture),
        order_(std::move(order)),
        pipeline_(tuning.pipeline),
        ahead_(frames_ahead(picture)) {
    style_ = picture.style;
    const float scale = static_cast<float>(picture.scale);
    style_.font_size = 20.0f * scale;  // as FigureFileWriter::write: fonts grow with scale
    style_.line_scale *= scale;
    const int threads = std::clamp(tuning.raster_threads, 1, 16);
    if (pipeline_) {
      worker_ = std::thread([this, scale, threads, extra] {
        struct Clock {  // this thread's CPU time, however it ends
          double& into;
          double start = thread_cpu_seconds();
          ~Clock() { into = thread_cpu_seconds() - start; }
        } clock{drawing_cpu_};
        try {
          SoftRenderer renderer(scale, threads, extra);
          std::unique_ptr<GifColourMapper> mapper;  // this thread's own (it remembers colours)
          for (const int index : order_) {
            {
              std::unique_lock lock(mutex_);
              changed_.wait(lock, [this] { return stop_ || ready_.size() < ahead_; });
              if (stop_) return;
            }
            Frame frame{draw(renderer, index), false};
            // Once the GIF's palette is known, this thread also maps the frames it draws
            // while the caller is behind (two frames or more wait for it): whichever
            // thread has time maps, so the two halves of the work balance.
            std::vector<Rgb8> palette;
            bool behind = false;
            {
              std::lock_guard lock(mutex_);
              if (!mapper && !palette_.empty()) palette = palette_;
              behind = ready_.size() >= 2;
            }
            if (!palette.empty()) mapper = std::make_unique<GifColourMapper>(palette);
            if (mapper && behind) {
              std::vector<std::uint8_t> indices(frame.pixels.size() / 4);
              mapper->map(frame.pixels.data(), indices.size(), indices.data());
              frame = {std::move(indices), true};
            }
            std::lock_guard lock(mutex_);
            ready_.emplace(index, std::move(frame));
            changed_.notify_all();
          }
        } catch (...) {
          std::lock_guard lock(mutex_);
          error_ = std::current_exception();
          changed_.notify_all();
        }
      });
    } else {
      renderer_ = std::make_unique<SoftRenderer>(scale, threads, extra);
    }
  }

  ~FrameSource() {
    if (worker_.joinable()) {
      {
        std::lock_guard lock(mutex_);
        stop_ = true;
        changed_.notify_all();
      }
      worker_.join();
    }
  }

  // A frame: RGBA8 pixels, or (`indexed`) its GIF palette indices.
  struct Frame {
    std::vector<std::uint8_t> pixels;
    bool indexed = false;
  };

  // Frame `index` (each frame is taken once).
  Frame take(int index) {
    if (!pipeline_) return {draw(*renderer_, index), false};
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return error_ || ready_.count(index) != 0; });
    if (ready_.count(index) == 0) std::rethrow_exception(error_);
    Frame frame = std::move(ready_[index]);
    ready_.erase(index);
    changed_.notify_all();
    return frame;
  }

  // The drawing thread's CPU seconds (it ends first; 0 without the pipeline).
  double drawing_cpu() {
    if (worker_.joinable()) worker_.join();
    return drawing_cpu_;
  }

  // The GIF's palette: the frames drawn from now on come indexed (with the pipeline).
  void set_palette(const std::vector<Rgb8>& palette) {
    std::lock_guard lock(mutex_);
    palette_ = palette;
  }

 private:
  // The frames drawn ahead of the caller: up to 128 MiB of pixels (at least 3, at most 64),
  // so that the drawing goes on while the caller makes the GIF's palette.
  static std::size_t frames_ahead(const PictureOptions& picture) {
    const std::size_t bytes = static_cast<std::size_t>(picture.pixel_width()) *
                              static_cast<std::size_t>(picture.pixel_height()) * 4;
    return std::clamp<std::size_t>((std::size_t{128} << 20) / std::max<std::size_t>(bytes, 1), 3,
                                   64);
  }

  std::vector<std::uint8_t> draw(SoftRenderer& renderer, int index) {
    const int w = picture_.pixel_width(), h = picture_.pixel_height();
    const plot::Figure figure =
        states_[static_cast<std::size_t>(index)].builder(request_)([](double) { return true; });
    const PixelsView px = renderer.render(figure, w, h, style_);
    return std::vector<std::uint8_t>(px.rgba, px.rgba + static_cast<std::size_t>(w) * h * 4);
  }

  const std::vector<State>& states_;
  plot::FigureRequest request_;
  const PictureOptions& picture_;
  plot::Style style_;
  std::vector<int> order_;
  bool pipeline_;
  std::size_t ahead_;
  std::unique_ptr<SoftRenderer> renderer_;  // without the pipeline
  std::thread worker_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<int, Frame> ready_;
  double drawing_cpu_ = 0;  // the drawing thread's CPU time, once it ended
  std::vector<Rgb8> palette_;
  std::exception_ptr error_;
  bool stop_ = false;
};

// Runs `work(i)` for i in [0, count) on `threads` threads; rethrows the exception of the
// lowest i that threw (the same message whatever the timing).
template <typename Work>
void parallel_for(int count, int threads, const Work& work) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
  std::atomic<int> next{0};
  const auto run = [&] {
    for (int i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        errors[static_cast<std::size_t>(i)] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  try {
    for (int t = 1; t < std::clamp(threads, 1, 16); ++t) pool.emplace_back(run);
  } catch (const std::system_error&) {
    // No more threads: the ones started and this one do the work.
  }
  run();
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// The frames whose colours make the GIF's palette: `wanted` evenly spaced ones (the first
// and the last among them), fewer when they would hold more than 512 MiB of pixels.
std::vector<int> palette_frames(int frames, int wanted, std::size_t frame_bytes) {
  const std::size_t budget = std::size_t{512} << 20;
  const int fit =
      static_cast<int>(std::max<std::size_t>(2, budget / std::max<std::size_t>(1, frame_bytes)));
  const int n = std::clamp(std::min(wanted, fit), 2, frames);
  std::vector<int> picked;
  for (int k = 0; k < n; ++k) {
    const int i = static_cast<int>(std::lround(static_cast<double>(k) * (frames - 1) / (n - 1)));
    if (picked.empty() || picked.back() != i) picked.push_back(i);
  }
  return picked;
}

}  // namespace

void write_animation(const State& state, const AnimationSpec& spec, const PictureOptions& picture,
                     const std::string& path, const std::function<void(int, int)>& progress) {
  write_animation(state, spec, picture, path, progress, AnimationTuning{});
}

void write_animation(const State& state, const AnimationSpec& spec, const PictureOptions& picture,
                     const std::string& path, const std::function<void(int, int)>& progress,
                     const AnimationTuning& tuning) {
  // --- The request ---
  const std::string format = animation_format(path);
  if (format.empty()) {
    throw InvalidArgument("'" + path + "': an animation's file name must end in .gif or .mp4");
  }
  if (spec.frames < 2 || spec.frames > kMaxAnimationFrames) {
    throw InvalidArgument("--frames wants 2 to " + std::to_string(kMaxAnimationFrames) + " (got " +
                          std::to_string(spec.frames) + ")");
  }
  if (!(spec.fps >= 1.0 && spec.fps <= 60.0)) {
    throw InvalidArgument("--fps wants 1 to 60 (got " + shown(spec.fps) + ")");
  }
  const int width = picture.pixel_width(), height = picture.pixel_height();
  if (width < 16 || height < 16 || width > kMaxAnimationSide || height > kMaxAnimationSide) {
    throw InvalidArgument("an animation's frames would be " + std::to_string(width) + " x " +
                          std::to_string(height) + " pixels; each side must be 16 to " +
                          std::to_string(kMaxAnimationSide));
  }
  if (static_cast<double>(width) * height * spec.frames > kMaxAnimationPixels) {
    char total[32];
    std::snprintf(total, sizeof total, "%.2g", static_cast<double>(width) * height * spec.frames);
    throw InvalidArgument(std::to_string(spec.frames) + " frames of " + std::to_string(width) +
                          " x " + std::to_string(height) + " pixels are " + total +
                          " pixels; an animation holds at most 2.1e9 (fewer frames or a "
                          "smaller picture)");
  }
  if (picture.transparent) {
    throw InvalidArgument(
        "a transparent background does not apply to animations: GIF and MP4 frames are "
        "opaque");
  }
  State base = state;
  base.check_scheme();
  const std::string view = base.view().name();
  const std::string named = "--animate " + spec.param + "=" + shown(spec.from) + ":" +
                            shown(spec.to) + (spec.log ? " --log" : "");
  const std::optional<OptionInfo> option = base.option(spec.param);
  if (!option) {
    throw InvalidArgument("--animate: " +
                          refusal::unknown_option(view, spec.param, base.option_names()));
  }
  if (option->kind != ParamKind::Int && option->kind != ParamKind::Double) {
    throw InvalidArgument("--animate: '" + spec.param +
                          "' is not a number: only numeric options can be animated");
  }
  if (!base.uses(spec.param)) {
    throw InvalidArgument("--animate: " + refusal::not_used(view, spec.param, base.used_names()) +
                          ": the animation would not show");
  }
  if (!std::isfinite(spec.from) || !std::isfinite(spec.to)) {
    throw InvalidArgument(named + ": the start and the end must be finite numbers");
  }
  if (spec.from == spec.to) {
    throw InvalidArgument(named + ": it starts and ends at " + shown(spec.from) +
                          ", nothing would move");
  }
  if (spec.log && !(spec.from > 0 && spec.to > 0)) {
    throw InvalidArgument(named + ": --log (equal ratios) needs a start and an end above 0");
  }

  // --- Every frame's value and figure, before any file ---
  const int n = spec.frames;
  std::vector<std::string> values;
  std::vector<State> states;
  const auto where = [&](int i) {
    return "--animate: frame " + std::to_string(i + 1) + " of " + std::to_string(n) + " (" +
           spec.param + "=" + values[static_cast<std::size_t>(i)] + "): ";
  };
  for (int i = 0; i < n; ++i) {
    values.push_back(animation_value(spec, i, *option));
    State frame = base;
    try {
      frame.set_option(spec.param, values.back());
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(where(i) + e.what());
    }
    states.push_back(std::move(frame));
  }
  const plot::FigureRequest request{picture.width, picture.height, {}};
  // Every frame's figure is built once here, on both cores, to check it before any file is
  // made, and dropped: the drawing builds it again (the same figure; a build costs a fifth
  // of a drawing), so that one figure at a time is in memory.
  std::vector<std::vector<ImWchar>> glyphs(static_cast<std::size_t>(n));
  const auto wall_start = std::chrono::steady_clock::now();
  std::mutex build_mutex;
  double build_cpu = 0;
  parallel_for(n, tuning.build_threads, [&](int i) {
    struct Add {  // the frame's CPU time, however it ends
      std::mutex& mutex;
      double& sum;
      double start = thread_cpu_seconds();
      ~Add() {
        const double spent = thread_cpu_seconds() - start;
        std::lock_guard lock(mutex);
        sum += spent;
      }
    } add{build_mutex, build_cpu};
    const std::size_t k = static_cast<std::size_t>(i);
    plot::Figure figure;
    try {
      figure = states[k].builder(request)([](double) { return true; });
    } catch (const std::exception& e) {
      throw InvalidArgument(where(i) + e.what());
    }
    // A picture of an error message is not the frame that was asked for.
    if (!figure.refusal().empty()) throw InvalidArgument(where(i) + figure.refusal());
    glyphs[k] = extra_glyphs(figure_text(figure));
  });
  // Characters of other scripts: one atlas with those of every frame.
  std::set<ImWchar> all_glyphs;
  for (const auto& g : glyphs) all_glyphs.insert(g.begin(), g.end());
  const std::vector<ImWchar> extra(all_glyphs.begin(), all_glyphs.end());
  const auto report = [&](int done) {
    if (progress) progress(done, n);
  };
  const double caller_start = thread_cpu_seconds();
  const auto measured = [&](FrameSource& source) {
    if (tuning.times == nullptr) return;
    AnimationTimes& t = *tuning.times;
    t.build = build_cpu;
    t.drawing = source.drawing_cpu();
    t.caller = thread_cpu_seconds() - caller_start;
    t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  };

  // --- MP4: the frames in order, into ffmpeg ---
  if (format == "mp4") {
    VideoPipe video(path, width, height, spec.fps);
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    FrameSource source(states, request, picture, extra, tuning, order);
    for (int i = 0; i < n; ++i) {
      video.add_frame(source.take(i).pixels.data());
      report(i + 1);
    }
    video.finish();
    measured(source);
    return;
  }

  // --- GIF: the palette frames first, then every frame in order ---
  const std::size_t frame_bytes = static_cast<std::size_t>(width) * height * 4;
  const std::vector<int> samples = palette_frames(n, tuning.palette_frames, frame_bytes);
  std::vector<int> order = samples;
  for (int i = 0; i < n; ++i) {
    if (!std::binary_search(samples.begin(), samples.end(), i)) order.push_back(i);
  }
  FrameSource source(states, request, picture, extra, tuning, order);
  std::map<int, std::vector<std::uint8_t>> kept;  // the palette frames, until written
  GifPaletteBuilder colours;
  for (const int i : samples) {
    std::vector<std::uint8_t> rgba = source.take(i).pixels;
    colours.add(rgba.data(), width, height);
    kept.emplace(i, std::move(rgba));
  }
  GifColourMapper mapper(colours.build(256));
  source.set_palette(mapper.palette());
  const std::vector<int> delays = gif_delays(n, spec.fps);
  GifWriter gif(path, width, height, mapper.palette());
  std::vector<std::uint8_t> indices(static_cast<std::size_t>(width) * height);
  for (int i = 0; i < n; ++i) {
    // Frames drawn before the palette was known are mapped here (the same palette and the
    // same nearest colours as the drawing thread's mapper: the file does not depend on
    // which thread mapped a frame).
    if (const auto it = kept.find(i); it != kept.end()) {
      mapper.map(it->second.data(), indices.size(), indices.data());
      kept.erase(it);
      gif.add_frame(indices.data(), delays[static_cast<std::size_t>(i)]);
    } else if (FrameSource::Frame frame = source.take(i); frame.indexed) {
      gif.add_frame(frame.pixels.data(), delays[static_cast<std::size_t>(i)]);
    } else {
      mapper.map(frame.pixels.data(), indices.size(), indices.data());
      gif.add_frame(indices.data(), delays[static_cast<std::size_t>(i)]);
    }
    report(i + 1);
  }
  gif.finish();
  measured(source);
}

}  // namespace peviz
