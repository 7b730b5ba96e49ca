// Animated GIF (GIF89a) through giflib: every frame shares one global colour table of at most
// 256 colours (GIF89a spec, section 19, "Global Color Table"), frames are indices into it
// with no dithering (a flat area stays flat), each frame after the first stores only the
// rectangle that changed, and the file loops forever (the NETSCAPE2.0 application
// extension). Written all or nothing through AtomicFile.
//
// The palette: an exact colour histogram of pixels from the frames (GifPaletteBuilder), cut
// into boxes by greedy variance splits (each split is the one cut along R, G or B that
// lowers the summed squared error most: median cut with Wu's criterion), then refined by a
// few k-means rounds. A figure has few distinct colours (background, text and its
// antialiasing, series colours, and a colormap that is a curve through RGB), so 256 boxes
// follow the colormap closely: the tests measure and bound the error.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace peviz {

using Rgb8 = std::array<std::uint8_t, 3>;

// Counts the exact colours of RGBA8 pictures (alpha ignored: the pictures are opaque).
class GifPaletteBuilder {
 public:
  // Adds width x height pixels, top row first.
  void add(const std::uint8_t* rgba, int width, int height);
  // At most `max_colours` (2 to 256) colours; as many as there are distinct colours when
  // they are fewer.
  std::vector<Rgb8> build(int max_colours = 256) const;
  std::size_t distinct() const { return counts_.size(); }

 private:
  std::unordered_map<std::uint32_t, std::uint64_t> counts_;  // 0xRRGGBB -> pixels
};

// The nearest palette entry (squared RGB distance) of each pixel, remembered per exact
// colour, so a frame costs a table look-up per pixel.
class GifColourMapper {
 public:
  explicit GifColourMapper(std::vector<Rgb8> palette);
  // `count` RGBA8 pixels -> `count` indices.
  void map(const std::uint8_t* rgba, std::size_t count, std::uint8_t* indices);
  const std::vector<Rgb8>& palette() const { return palette_; }

 private:
  std::uint8_t nearest(std::uint32_t rgb) const;
  std::vector<Rgb8> palette_;
  std::vector<std::uint8_t> index_;   // 2^24 entries, valid where known_ is set
  std::vector<std::uint64_t> known_;  // one bit per 24-bit colour
};

// GIF delays are in hundredths of a second (GIF89a section 23, Graphic Control Extension,
// "Delay Time"). Frame k lasts round(100 (k + 1) / fps) - round(100 k / fps): the rounding
// errors do not add up, so N frames last N / fps seconds to within 1/100 s (12 fps: 8, 8, 9,
// 8, 8, 9, ...). Each delay is at least 2: browsers play a delay of 0 or 1 as 10 (so GIF
// plays at most 50 frames a second).
std::vector<int> gif_delays(int frames, double fps);

class GifWriter {
 public:
  // A looping GIF of width x height pictures coloured by `palette` (1 to 256 colours).
  // Throws WriteError when the file cannot be started.
  GifWriter(const std::string& path, int width, int height, const std::vector<Rgb8>& palette);
  ~GifWriter();  // without finish(): no file
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // The next frame: width x height palette indices, top row first, shown for `delay` 1/100 s.
  void add_frame(const std::uint8_t* indices, int delay);
  // Ends the file (trailer) and gives it its name.
  void finish();
  std::size_t frames() const { return frames_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t frames_ = 0;
};

}  // namespace peviz
