// An MP4 (H.264, yuv420p) made by the `ffmpeg` program from raw RGBA frames written to its
// standard input, as matplotlib's FFMpegWriter does:
//   ffmpeg -y -hide_banner -loglevel error -f rawvideo -pix_fmt rgba -s WxH -r FPS -i -
//          -c:v libx264 -pix_fmt yuv420p -movflags +faststart -f mp4 TEMPORARY
// ffmpeg is started with fork + exec (no shell), found on PATH. It writes a hidden temporary
// file in the target's folder (".NAME.tmp-PID-XXXXXX", the name AtomicFile's stale-file
// sweep knows), which is renamed onto the target only when ffmpeg succeeded: a failure
// leaves no file. ffmpeg's standard error is kept, and its last line is quoted on failure.
//
// yuv420p stores colour at half resolution in both directions, so libx264 refuses odd
// sizes: a frame of odd width or height is padded by one column or row that repeats its
// last one (VideoPipe::width()/height() are the padded, even sizes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace peviz {

// The one line said when ffmpeg is not on PATH.
inline constexpr const char* kNoFfmpeg =
    "MP4 needs the ffmpeg program (Debian package ffmpeg); GIF works without it";

// The full path of `program` found on PATH (as execvp would), or "".
std::string find_program(const std::string& program);

class VideoPipe {
 public:
  // Starts ffmpeg for width x height frames at `fps`. Throws InvalidArgument (kNoFfmpeg)
  // or WriteError (the folder cannot take a temporary file, ffmpeg cannot start).
  VideoPipe(const std::string& path, int width, int height, double fps);
  ~VideoPipe();  // without finish(): ffmpeg is stopped, the temporary file removed
  VideoPipe(const VideoPipe&) = delete;
  VideoPipe& operator=(const VideoPipe&) = delete;

  // The next frame: width x height RGBA8 pixels (the sizes given), top row first.
  // Throws WriteError quoting ffmpeg when it stopped.
  void add_frame(const std::uint8_t* rgba);
  // Closes ffmpeg's input, waits for it, and renames the file onto the target.
  void finish();

  int width() const;  // even: the sizes ffmpeg is given
  int height() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peviz
