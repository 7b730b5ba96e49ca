#include "gif_writer.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>

#include "app/export/atomic_file.hpp"
#include "core/validate.hpp"

namespace peviz {

// --- Palette -------------------------------------------------------------------------------

void GifPaletteBuilder::add(const std::uint8_t* rgba, int width, int height) {
  const std::size_t count = static_cast<std::size_t>(width) * height;
  // Runs of one colour (backgrounds, heatmap cells) are counted with one look-up.
  std::size_t i = 0;
  while (i < count) {
    const std::uint8_t* p = rgba + 4 * i;
    const std::uint32_t c = static_cast<std::uint32_t>(p[0]) << 16 | p[1] << 8 | p[2];
    std::size_t j = i + 1;
    while (j < count && std::memcmp(rgba + 4 * j, p, 3) == 0) ++j;
    counts_[c] += j - i;
    i = j;
  }
}

namespace {

struct Entry {
  double c[3];  // R, G, B
  double w;     // pixels
};

// Sums of a set of weighted colours, from which its squared error follows.
struct Sums {
  double w = 0, c[3] = {0, 0, 0}, sq = 0;
  void add(const Entry& e) {
    w += e.w;
    for (int k = 0; k < 3; ++k) c[k] += e.w * e.c[k];
    sq += e.w * (e.c[0] * e.c[0] + e.c[1] * e.c[1] + e.c[2] * e.c[2]);
  }
  // Sum of w |c - mean|^2.
  double error() const { return w > 0 ? sq - (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]) / w : 0.0; }
  Sums minus(const Sums& o) const {
    Sums d;
    d.w = w - o.w;
    for (int k = 0; k < 3; ++k) d.c[k] = c[k] - o.c[k];
    d.sq = sq - o.sq;
    return d;
  }
};

struct Box {
  std::size_t begin = 0, end = 0;  // entries [begin, end), sorted along `axis`
  int axis = 0;
  std::size_t split = 0;  // first entry of the second half
  double gain = -1.0;     // the squared error the split removes; < 0: no split
};

// Finds the cut along R, G or B that lowers the box's squared error most and leaves the
// box's entries sorted along that axis.
void plan_split(std::vector<Entry>& entries, Box& box) {
  box.gain = -1.0;
  if (box.end - box.begin < 2) return;
  Sums total;
  for (std::size_t i = box.begin; i < box.end; ++i) total.add(entries[i]);
  const double error = total.error();
  int best_axis = -1;
  std::size_t best_split = 0;
  double best_gain = -1.0;
  const auto first = entries.begin() + static_cast<std::ptrdiff_t>(box.begin);
  const auto last = entries.begin() + static_cast<std::ptrdiff_t>(box.end);
  for (int axis = 0; axis < 3; ++axis) {
    std::sort(first, last,
              [axis](const Entry& a, const Entry& b) { return a.c[axis] < b.c[axis]; });
    Sums left;
    for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
      left.add(entries[i]);
      if (entries[i].c[axis] == entries[i + 1].c[axis]) continue;  // cut between values only
      const double gain = error - left.error() - total.minus(left).error();
      if (gain > best_gain) {
        best_gain = gain;
        best_axis = axis;
        best_split = i + 1;
      }
    }
  }
  if (best_axis < 0) return;
  if (best_axis != 2) {
    std::sort(first, last, [best_axis](const Entry& a, const Entry& b) {
      return a.c[best_axis] < b.c[best_axis];
    });
  }
  box.axis = best_axis;
  box.split = best_split;
  box.gain = best_gain;
}

int nearest_of(const std::vector<std::array<double, 3>>& centres, const double* c) {
  int best = 0;
  double best_d = std::numeric_limits<double>::max();
  for (std::size_t k = 0; k < centres.size(); ++k) {
    const double dr = centres[k][0] - c[0], dg = centres[k][1] - c[1], db = centres[k][2] - c[2];
    const double d = dr * dr + dg * dg + db * db;
    if (d < best_d) {
      best_d = d;
      best = static_cast<int>(k);
    }
  }
  return best;
}

}  // namespace

std::vector<Rgb8> GifPaletteBuilder::build(int max_colours) const {
  max_colours = std::clamp(max_colours, 2, 256);
  std::vector<Entry> entries;
  entries.reserve(counts_.size());
  for (const auto& [rgb, n] : counts_) {
    entries.push_back({{static_cast<double>(rgb >> 16 & 0xFF), static_cast<double>(rgb >> 8 & 0xFF),
                        static_cast<double>(rgb & 0xFF)},
                       static_cast<double>(n)});
  }
  std::vector<Rgb8> palette;
  if (entries.empty()) return {{0, 0, 0}, {255, 255, 255}};
  if (entries.size() <= static_cast<std::size_t>(max_colours)) {  // every colour exactly
    for (const Entry& e : entries) {
      palette.push_back({static_cast<std::uint8_t>(e.c[0]), static_cast<std::uint8_t>(e.c[1]),
                         static_cast<std::uint8_t>(e.c[2])});
    }
    return palette;
  }
  // Greedy splits: the box whose best cut removes the most squared error is cut next.
  std::vector<Box> boxes(1);
  boxes[0].end = entries.size();
  plan_split(entries, boxes[0]);
  while (static_cast<int>(boxes.size()) < max_colours) {
    const auto it = std::max_element(boxes.begin(), boxes.end(),
                                     [](const Box& a, const Box& b) { return a.gain < b.gain; });
    if (it->gain < 0) break;  // every box is one colour
    Box second;
    second.begin = it->split;
    second.end = it->end;
    it->end = it->split;
    plan_split(entries, *it);
    plan_split(entries, second);
    boxes.push_back(second);
  }
  std::vector<std::array<double, 3>> centres;
  for (const Box& b : boxes) {
    Sums s;
    for (std::size_t i = b.begin; i < b.end; ++i) s.add(entries[i]);
    centres.push_back({s.c[0] / s.w, s.c[1] / s.w, s.c[2] / s.w});
  }
  // Lloyd's k-means from the boxes' means: each colour moves to its nearest centre, each
  // centre to the mean of its colours. A few rounds settle the boundaries the cuts drew
  // along one axis at a time. The rounds are capped by work (colours x centres).
  const double work = static_cast<double>(entries.size()) * static_cast<double>(centres.size());
  const int rounds = work <= 4e6 ? 6 : work <= 2e7 ? 3 : 1;
  for (int round = 0; round < rounds; ++round) {
    std::vector<Sums> sums(centres.size());
    for (const Entry& e : entries) sums[static_cast<std::size_t>(nearest_of(centres, e.c))].add(e);
    for (std::size_t k = 0; k < centres.size(); ++k) {
      if (sums[k].w > 0) {
        for (int a = 0; a < 3; ++a) centres[k][a] = sums[k].c[a] / sums[k].w;
      }
    }
  }
  for (const auto& c : centres) {
    Rgb8 p;
    for (int a = 0; a < 3; ++a)
      p[a] = static_cast<std::uint8_t>(std::clamp(std::lround(c[a]), 0L, 255L));
    palette.push_back(p);
  }
  return palette;
}

GifColourMapper::GifColourMapper(std::vector<Rgb8> palette)
    : palette_(std::move(palette)),
      index_(std::size_t{1} << 24),
      known_((std::size_t{1} << 24) / 64) {
  if (palette_.empty() || palette_.size() > 256) {
    throw InvalidArgument("a GIF palette has 1 to 256 colours");
  }
}

std::uint8_t GifColourMapper::nearest(std::uint32_t rgb) const {
  const int r = static_cast<int>(rgb >> 16 & 0xFF), g = static_cast<int>(rgb >> 8 & 0xFF),
            b = static_cast<int>(rgb & 0xFF);
  int best = 0, best_d = std::numeric_limits<int>::max();
  for (std::size_t k = 0; k < palette_.size(); ++k) {
    const int dr = palette_[k][0] - r, dg = palette_[k][1] - g, db = palette_[k][2] - b;
    const int d = dr * dr + dg * dg + db * db;
    if (d < best_d) {
      best_d = d;
      best = static_cast<int>(k);
    }
  }
  return static_cast<std::uint8_t>(best);
}

void GifColourMapper::map(const std::uint8_t* rgba, std::size_t count, std::uint8_t* indices) {
  std::uint32_t last = 0xFFFFFFFF;
  std::uint8_t last_index = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* p = rgba + 4 * i;
    const std::uint32_t c = static_cast<std::uint32_t>(p[0]) << 16 | p[1] << 8 | p[2];
    if (c != last) {
      std::uint64_t& word = known_[c >> 6];
      const std::uint64_t bit = std::uint64_t{1} << (c & 63);
      if ((word & bit) == 0) {
        index_[c] = nearest(c);
        word |= bit;
      }
      last = c;
      last_index = index_[c];
    }
    indices[i] = last_index;
  }
}

std::vector<int> gif_delays(int frames, double fps) {
  std::vector<int> delays;
  for (int k = 0; k < frames; ++k) {
    const long a = std::lround(100.0 * k / fps), b = std::lround(100.0 * (k + 1) / fps);
    delays.push_back(std::max(2, static_cast<int>(b - a)));
  }
  return delays;
}

// --- File ----------------------------------------------------------------------------------

struct GifWriter::Impl {
  explicit Impl(const std::string& path) : file(path) {}
  // Frees giflib's state, also when the constructor threw after EGifOpen; the AtomicFile is
  // then discarded (unless finish() committed it).
  ~Impl() {
    if (gif != nullptr) {
      int code = 0;
      EGifCloseFile(gif, &code);
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  AtomicFile file;
  GifFileType* gif = nullptr;
  int width = 0, height = 0;
  std::vector<std::uint8_t> previous;  // the last frame's indices
  std::vector<GifPixelType> row;
  std::string error;  // what the output function met (it cannot throw through giflib)

  // giflib's output function (EGifOpen): bytes into the temporary file.
  static int output(GifFileType* gif, const GifByteType* bytes, int size) {
    Impl* self = static_cast<Impl*>(gif->UserData);
    if (!self->error.empty()) return 0;
    try {
      self->file.write(bytes, static_cast<std::size_t>(size));
    } catch (const std::exception& e) {
      self->error = e.what();
      return 0;
    }
    return size;
  }

  // A giflib call that returned GIF_ERROR.
  [[noreturn]] void fail(const char* what) {
    if (!error.empty()) throw WriteError(error);
    throw WriteError("cannot write the GIF '" + file.path() + "' (" + what +
                     "): " + GifErrorString(gif != nullptr ? gif->Error : 0));
  }
};

GifWriter::GifWriter(const std::string& path, int width, int height,
                     const std::vector<Rgb8>& palette)
    : impl_(std::make_unique<Impl>(path)) {
  if (palette.empty() || palette.size() > 256)
    throw InvalidArgument("a GIF palette has 1 to 256 colours");
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    // The Logical Screen Descriptor holds 16-bit sizes (GIF89a section 18).
    throw InvalidArgument("a GIF is 1 to 65535 pixels a side");
  }
  Impl& m = *impl_;
  m.width = width;
  m.height = height;
  int error = 0;
  m.gif = EGifOpen(&m, &Impl::output, &error);
  if (m.gif == nullptr) throw WriteError(std::string("giflib: ") + GifErrorString(error));
  // The colour table's size is a power of two (GIF89a section 18, "Size of Global Color
  // Table": 2^(N+1) entries); giflib's GifMakeMapObject refuses other counts. Unused
  // entries are black.
  int size = 2;
  while (size < static_cast<int>(palette.size())) size *= 2;
  std::vector<GifColorType> colours(static_cast<std::size_t>(size), GifColorType{0, 0, 0});
  for (std::size_t i = 0; i < palette.size(); ++i) {
    colours[i] = {palette[i][0], palette[i][1], palette[i][2]};
  }
  ColorMapObject* map = GifMakeMapObject(size, colours.data());
  if (map == nullptr) throw WriteError("giflib: cannot make the colour table");
  // GIF89a, not 87a: the frames need the Graphic Control Extension (section 23).
  EGifSetGifVersion(m.gif, true);
  const int ok = EGifPutScreenDesc(m.gif, width, height, 8, 0, map);
  GifFreeMapObject(map);
  if (ok == GIF_ERROR) m.fail("screen descriptor");
  // Loop forever: the NETSCAPE2.0 application extension (GIF89a section 26) whose data
  // sub-block is 1 (the loop sub-block's id) and a 16-bit little-endian count, 0 = forever.
  static const char kApplication[] = "NETSCAPE2.0";
  static const GifByteType kLoop[3] = {1, 0, 0};
  if (EGifPutExtensionLeader(m.gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock(m.gif, 11, kApplication) == GIF_ERROR ||
      EGifPutExtensionBlock(m.gif, 3, kLoop) == GIF_ERROR ||
      EGifPutExtensionTrailer(m.gif) == GIF_ERROR) {
    m.fail("loop extension");
  }
  m.row.resize(static_cast<std::size_t>(width));
}

GifWriter::~GifWriter() = default;

void GifWriter::add_frame(const std::uint8_t* indices, int delay) {
  Impl& m = *impl_;
  const int w = m.width, h = m.height;
  // After the first frame, only the rectangle that differs from the last one: the frame
  // is drawn over the last (disposal method 1, "do not dispose", GIF89a section 23).
  int x0 = 0, y0 = 0, x1 = w, y1 = h;  // [x0, x1) x [y0, y1)
  if (!m.previous.empty()) {
    x0 = w;
    y0 = h;
    x1 = 0;
    y1 = 0;
    for (int y = 0; y < h; ++y) {
      const std::uint8_t* a = indices + static_cast<std::size_t>(y) * w;
      const std::uint8_t* b = m.previous.data() + static_cast<std::size_t>(y) * w;
      if (std::memcmp(a, b, static_cast<std::size_t>(w)) == 0) continue;
      int l = 0, r = w - 1;
      while (a[l] == b[l]) ++l;
      while (a[r] == b[r]) --r;
      x0 = std::min(x0, l);
      x1 = std::max(x1, r + 1);
      y0 = std::min(y0, y);
      y1 = y + 1;
    }
    if (x1 <= x0) {  // the same picture: one unchanged pixel keeps the frame and its delay
      x0 = 0;
      y0 = 0;
      x1 = 1;
      y1 = 1;
    }
  }
  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.UserInputFlag = false;
  gcb.DelayTime = std::clamp(delay, 0, 65535);
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType extension[4];
  const std::size_t length = EGifGCBToExtension(&gcb, extension);
  if (EGifPutExtension(m.gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) ==
      GIF_ERROR) {
    m.fail("graphic control extension");
  }
  if (EGifPutImageDesc(m.gif, x0, y0, x1 - x0, y1 - y0, false, nullptr) == GIF_ERROR) {
    m.fail("image descriptor");
  }
  for (int y = y0; y < y1; ++y) {
    const std::uint8_t* src = indices + static_cast<std::size_t>(y) * w + x0;
    std::copy(src, src + (x1 - x0), m.row.begin());
    if (EGifPutLine(m.gif, m.row.data(), x1 - x0) == GIF_ERROR) m.fail("image data");
  }
  m.previous.assign(indices, indices + static_cast<std::size_t>(w) * h);
  ++frames_;
}

void GifWriter::finish() {
  Impl& m = *impl_;
  int error = 0;
  GifFileType* gif = m.gif;
  m.gif = nullptr;
  // Writes the trailer (0x3B, GIF89a section 27) and frees giflib's state.
  if (EGifCloseFile(gif, &error) == GIF_ERROR) {
    if (!m.error.empty()) throw WriteError(m.error);
    throw WriteError("cannot finish the GIF '" + m.file.path() + "': " + GifErrorString(error));
  }
  if (!m.error.empty()) throw WriteError(m.error);
  m.file.commit();
}

}  // namespace peviz
