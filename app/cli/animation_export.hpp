// Animations: `peviz export VIEW --animate "param=from:to" --frames N [--fps F] [--log]
// --out F.gif|F.mp4`. One option of the view moves from `from` to `to` over N frames
// (evenly, or geometrically with --log), each frame built as `peviz export` builds the
// picture and drawn by the CPU renderer on both cores. A GIF is written with giflib, one
// palette shared by every frame; an MP4 (H.264, yuv420p) by piping the frames to the
// `ffmpeg` program, as matplotlib's FFMpegWriter does. Written all or nothing.
#pragma once

#include <functional>
#include <string>

#include "app/export/figure_file.hpp"
#include "app/state/state.hpp"

namespace peviz {

struct AnimationSpec {
  std::string param;  // a command-line option name of the view ("base")
  double from = 0.0;
  double to = 1.0;
  int frames = 48;
  double fps = 12.0;
  bool log = false;  // geometric steps (from and to > 0)
};

// Limits: a GIF or MP4 of a view is a short clip.
inline constexpr int kMaxAnimationFrames = 1000;

// "base=10:100000" -> param "base", from 10, to 100000 (the rest of `spec` unchanged).
// Throws InvalidArgument with one line.
void parse_animate(const std::string& text, AnimationSpec& spec);

// "gif" or "mp4" for a path ending in that extension (any case), else "".
std::string animation_format(const std::string& path);

// The value of frame i (0-based) of `spec` as text set_option accepts: integers for an
// integer option, even integers for an even one (d), as lessons' animations do.
std::string animation_value(const AnimationSpec& spec, int frame, const OptionInfo& option);

// Writes the animation of `state`'s active view into `path` (.gif or .mp4). Checks every
// frame's value and figure before the file is created. `progress(done, total)` may be
// empty. Throws InvalidArgument (a bad spec, a refused value, a figure that cannot be
// drawn, ffmpeg missing) or WriteError; never leaves a partial file.
void write_animation(const State& state, const AnimationSpec& spec, const PictureOptions& picture,
                     const std::string& path,
                     const std::function<void(int, int)>& progress = {});

}  // namespace peviz
