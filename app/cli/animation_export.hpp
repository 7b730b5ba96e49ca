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
// Each side of a frame at most 4096 pixels (a 4K video is 3840 x 2160), and all frames
// together at most 2^31 pixels (1000 frames of 1600 x 1000 is 1.6e9): a clip that takes
// minutes to make is refused at once.
inline constexpr int kMaxAnimationSide = 4096;
inline constexpr double kMaxAnimationPixels = 2147483648.0;

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
// empty; it is called on the calling thread after each frame is written. Throws
// InvalidArgument (a bad spec, a refused value, a figure that cannot be drawn, ffmpeg
// missing, --transparent) or WriteError; never leaves a partial file.
//
// The picture is always drawn by the CPU renderer (picture.renderer is ignored). Both cores:
// the figures are built on two threads; then one thread draws the frames (the GIF's palette
// frames first) while the calling thread makes the palette and compresses (GIF) or hands
// the frames to ffmpeg (MP4); once the palette is known, whichever thread has time maps
// frames to it. SoftRenderer's ImGui context is process-wide, so the caller must not use
// ImGui meanwhile (as for FigureFileWriter::prepare); the figures hold every frame's
// numbers until the end (a few MB per frame at most for the views' screen-sized grids).
void write_animation(const State& state, const AnimationSpec& spec, const PictureOptions& picture,
                     const std::string& path, const std::function<void(int, int)>& progress = {});

// Where the time of one write_animation went (thread CPU seconds, which the machine's other
// load does not inflate much, and the wall clock), for docs/animations.md.
struct AnimationTimes {
  double wall = 0;     // the whole call
  double build = 0;    // building the figures, summed over the threads
  double drawing = 0;  // the drawing thread (pipeline): drawing, and mapping once it can
  double caller = 0;   // the calling thread after the builds: palette, mapping, compression
                       // (without the pipeline: the drawing too)
};

// How write_animation shares the work, for the tests and the measurements in
// docs/animations.md; the defaults are the fastest on two cores.
struct AnimationTuning {
  bool pipeline = true;             // draw on a thread of its own while the caller encodes
  int build_threads = 2;            // threads that build the figures
  int raster_threads = 1;           // bands SoftRenderer rasterises in parallel
  int palette_frames = 8;           // GIF: frames whose colours make the palette (evenly spaced)
  AnimationTimes* times = nullptr;  // filled in when set
};
void write_animation(const State& state, const AnimationSpec& spec, const PictureOptions& picture,
                     const std::string& path, const std::function<void(int, int)>& progress,
                     const AnimationTuning& tuning);

}  // namespace peviz
