#include "png_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>

#include "app/render/page_buffer.hpp"
#include "atomic_file.hpp"

namespace peviz {
namespace {

// PNG, ISO/IEC 15948 (W3C PNG spec, 2nd edition): signature, IHDR, IDAT (a zlib
// stream of filtered scanlines), IEND; every chunk is length, type, data, CRC-32.
void put_u32(unsigned char* out, std::uint32_t v) {
  out[0] = static_cast<unsigned char>(v >> 24);
  out[1] = static_cast<unsigned char>(v >> 16);
  out[2] = static_cast<unsigned char>(v >> 8);
  out[3] = static_cast<unsigned char>(v);
}

void write_chunk(AtomicFile& file, const char type[4], const unsigned char* data,
                 std::size_t size) {
  unsigned char head[8], tail[4];
  put_u32(head, static_cast<std::uint32_t>(size));
  std::memcpy(head + 4, type, 4);
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(type), 4);
  // Not with no data: zlib's crc32(crc, NULL, 0) is its initial value 0, not `crc`, which
  // made every IEND's CRC 00000000 (libpng and pngcheck reject such a file).
  if (size > 0) crc = crc32(crc, data, static_cast<uInt>(size));
  put_u32(tail, static_cast<std::uint32_t>(crc));
  file.write(head, 8);
  file.write(data, size);
  file.write(tail, 4);
}

// One horizontal band of the picture, filtered and deflated on its own: a raw deflate
// stream that ends on a byte boundary (Z_SYNC_FLUSH) so that the bands, one after the
// other, are one deflate stream (pigz's way). Its Adler-32 (of the filtered bytes) and
// CRC-32 (of the compressed ones) are combined afterwards.
struct Band {
  PageBuffer filtered;
  PageBuffer out;
  std::size_t size = 0;
  uLong adler = 1;  // adler32 of nothing
  uLong crc = 0;    // crc32 of nothing
  std::size_t raw = 0;
  bool ok = true;
};

// How a band is compressed depends on what it holds (bench/README.md has the numbers):
//  - plots (lines, text, flat areas, small heatmaps): every row with the Up filter (byte
//    minus the byte above), which turns flat areas and vertical structure into zeros,
//    and zlib level 3, whose matches find the repeated glyphs and patterns;
//  - dense heatmaps (a cell or two per pixel: filtered bytes are mostly non-zero noise):
//    each row with Up or Sub (minus the pixel to the left), whichever gives the smaller
//    bytes as signed numbers (the PNG spec's heuristic), and Z_RLE: matches at distance
//    1 only, Huffman for the rest. Hash chains find nothing in noise; RLE takes 40% of
//    level 3's time for 3% more bytes there (and twice the bytes on plots).
// A band whose Up-filtered bytes are less than 60% zeros counts as dense (measured:
// 40-45% for the 8192 x 1024 encoding, 80-98% for every view's plots).
void compress_band(const std::uint8_t* rgba, int width, int y0, int y1, int channels, bool last,
                   Band& band) {
  const std::size_t row = static_cast<std::size_t>(width) * channels;
  const int rows = y1 - y0;
  band.raw = (row + 1) * static_cast<std::size_t>(rows);
  std::uint8_t* const data = band.filtered.reserve(band.raw);
  std::vector<std::uint8_t> lines(2 * row, 0);
  std::uint8_t* above = lines.data();   // the previous row (zeros above the first)
  std::uint8_t* current = above + row;  // this row, unfiltered
  const auto convert = [&](int y, std::uint8_t* into) {
    const std::uint8_t* src = rgba + static_cast<std::size_t>(y) * width * 4;
    if (channels == 4) {
      std::memcpy(into, src, row);
    } else {
      for (int x = 0; x < width; ++x) std::memcpy(into + 3 * x, src + 4 * x, 3);
    }
  };
  const auto sub_row = [&](const std::uint8_t* pixels, std::uint8_t* line) {
    line[0] = 1;
    for (std::size_t i = 0; i < row; ++i) {
      line[i + 1] = static_cast<std::uint8_t>(
          pixels[i] - (i >= static_cast<std::size_t>(channels) ? pixels[i - channels] : 0));
    }
  };
  if (y0 > 0) convert(y0 - 1, above);
  // Up for every row, counting its zeros and whether Sub would be smaller.
  std::size_t zeros = 0;
  std::vector<bool> sub_smaller(static_cast<std::size_t>(rows));
  for (int y = y0; y < y1; ++y) {
    convert(y, current);
    std::uint8_t* line = data + (row + 1) * static_cast<std::size_t>(y - y0);
    line[0] = 2;
    unsigned long up_sum = 0, sub_sum = 0;
    for (std::size_t i = 0; i < row; ++i) {
      const auto u = static_cast<std::uint8_t>(current[i] - above[i]);
      const auto s = static_cast<std::uint8_t>(
          current[i] - (i >= static_cast<std::size_t>(channels) ? current[i - channels] : 0));
      line[i + 1] = u;
      zeros += u == 0 ? 1 : 0;
      up_sum += static_cast<unsigned long>(std::abs(static_cast<std::int8_t>(u)));
      sub_sum += static_cast<unsigned long>(std::abs(static_cast<std::int8_t>(s)));
    }
    sub_smaller[static_cast<std::size_t>(y - y0)] = sub_sum < up_sum;
    std::swap(above, current);
  }
  const bool dense = zeros * 10 < row * static_cast<std::size_t>(rows) * 6;
  if (dense) {
    for (int y = y0; y < y1; ++y) {
      if (!sub_smaller[static_cast<std::size_t>(y - y0)]) continue;
      convert(y, current);
      sub_row(current, data + (row + 1) * static_cast<std::size_t>(y - y0));
    }
  }
  band.adler = adler32_z(band.adler, data, band.raw);

  z_stream z{};
  if (deflateInit2(&z, dense ? 1 : 3, Z_DEFLATED, -15, 8, dense ? Z_RLE : Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    band.ok = false;
    return;
  }
  band.out.reserve(deflateBound(&z, static_cast<uLong>(band.raw)) + 64);
  z.next_in = data;
  z.avail_in = static_cast<uInt>(band.raw);
  const int flush = last ? Z_FINISH : Z_SYNC_FLUSH;
  int status = Z_OK;
  do {
    if (band.size == band.out.capacity())
      band.out.grow(2 * band.size, band.size);  // beyond deflateBound
    z.next_out = band.out.data() + band.size;
    z.avail_out = static_cast<uInt>(band.out.capacity() - band.size);
    status = deflate(&z, flush);
    band.size = band.out.capacity() - z.avail_out;
  } while (status == Z_OK && (z.avail_out == 0 || z.avail_in > 0));
  deflateEnd(&z);
  if (status != (last ? Z_STREAM_END : Z_OK) && status != Z_BUF_ERROR) band.ok = false;
  band.crc = crc32_z(0L, band.out.data(), band.size);
}

}  // namespace

void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba) {
  if (width < 1 || height < 1 || rgba.size() != static_cast<std::size_t>(width) * height * 4) {
    throw WriteError("cannot write '" + path + "': bad image size");
  }
  write_png(path, width, height, rgba.data());
}

void write_png(const std::string& path, int width, int height, const std::uint8_t* rgba) {
  if (width < 1 || height < 1 || rgba == nullptr) {
    throw WriteError("cannot write '" + path + "': bad image size");
  }
  AtomicFile file(path);  // first, so that an unwritable path fails before the work
  const std::size_t size = static_cast<std::size_t>(width) * height * 4;
  // Opaque pictures are written as RGB: a quarter less to compress.
  bool opaque = true;
  for (std::size_t i = 3; i < size && opaque; i += 4) opaque = rgba[i] == 255;
  const int channels = opaque ? 3 : 4;

  // Bands of at least 128 rows, one per core (two on the machines peviz is built on).
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int bands = std::clamp(height / 128, 1, std::min(cores, 8));
  std::vector<Band> parts(static_cast<std::size_t>(bands));
  std::vector<std::thread> workers;
  for (int b = 1; b < bands; ++b) {
    workers.emplace_back([&, b] {
      compress_band(rgba, width, height * b / bands, height * (b + 1) / bands, channels,
                    b == bands - 1, parts[b]);
    });
  }
  compress_band(rgba, width, 0, height / bands, channels, bands == 1, parts[0]);
  for (std::thread& t : workers) t.join();

  // The zlib stream: header (deflate, 32K window, fastest), the bands, Adler-32 of all.
  const unsigned char zlib_head[2] = {0x78, 0x01};
  uLong adler = parts[0].adler;
  uLong crc = crc32(crc32(0L, reinterpret_cast<const Bytef*>("IDAT"), 4), zlib_head, 2);
  std::size_t idat = 2 + 4;
  for (std::size_t b = 0; b < parts.size(); ++b) {
    if (!parts[b].ok) throw WriteError("cannot write '" + path + "': zlib failed");
    if (b > 0) adler = adler32_combine(adler, parts[b].adler, static_cast<z_off_t>(parts[b].raw));
    crc = crc32_combine(crc, parts[b].crc, static_cast<z_off_t>(parts[b].size));
    idat += parts[b].size;
  }
  unsigned char zlib_tail[4];
  put_u32(zlib_tail, static_cast<std::uint32_t>(adler));
  crc = crc32(crc, zlib_tail, 4);

  file.write("\x89PNG\r\n\x1a\n", 8);
  unsigned char ihdr[13];
  put_u32(ihdr, static_cast<std::uint32_t>(width));
  put_u32(ihdr + 4, static_cast<std::uint32_t>(height));
  ihdr[8] = 8;                         // bit depth
  ihdr[9] = opaque ? 2 : 6;            // colour type: RGB or RGBA
  ihdr[10] = ihdr[11] = ihdr[12] = 0;  // deflate, adaptive filtering, no interlace
  write_chunk(file, "IHDR", ihdr, sizeof ihdr);
  // IDAT written in pieces, its CRC from the pieces' CRCs.
  unsigned char head[8], tail[4];
  put_u32(head, static_cast<std::uint32_t>(idat));
  std::memcpy(head + 4, "IDAT", 4);
  file.write(head, 8);
  file.write(zlib_head, 2);
  for (const Band& b : parts) file.write(b.out.data(), b.size);
  file.write(zlib_tail, 4);
  put_u32(tail, static_cast<std::uint32_t>(crc));
  file.write(tail, 4);
  write_chunk(file, "IEND", nullptr, 0);
  file.commit();
}

}  // namespace peviz
