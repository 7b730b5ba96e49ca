#include "png_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "atomic_file.hpp"

namespace peviz {
namespace {

// PNG, ISO/IEC 15948 (W3C PNG spec, 2nd edition): signature, IHDR, IDAT (a zlib
// stream of filtered scanlines), IEND; every chunk is length, type, data, CRC-32.
void put_u32(std::string& out, std::uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 4);
}

void write_chunk(AtomicFile& file, const char type[4], const std::string& data) {
  std::string head;
  put_u32(head, static_cast<std::uint32_t>(data.size()));
  head.append(type, 4);
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(type), 4);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  std::string tail;
  put_u32(tail, static_cast<std::uint32_t>(crc));
  file.write(head);
  file.write(data);
  file.write(tail);
}

}  // namespace

void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba) {
  if (width < 1 || height < 1 || rgba.size() != static_cast<std::size_t>(width) * height * 4) {
    throw WriteError("cannot write '" + path + "': bad image size");
  }
  // Opaque pictures (all of peviz's) are written as RGB: a quarter less to compress.
  bool opaque = true;
  for (std::size_t i = 3; i < rgba.size() && opaque; i += 4) opaque = rgba[i] == 255;
  const int channels = opaque ? 3 : 4;
  const std::size_t row = static_cast<std::size_t>(width) * channels;

  // Every scanline with the "Up" filter (byte minus the byte above): plots are mostly
  // flat areas and vertical structure, which Up turns into runs of zeros. zlib level 3
  // balances size and time (stb's own deflate took most of an export's time).
  z_stream z{};
  if (deflateInit(&z, 3) != Z_OK) throw WriteError("cannot write '" + path + "': zlib failed");
  std::string idat;
  std::vector<std::uint8_t> line(row + 1), above(row, 0), current(row);
  std::array<std::uint8_t, 1 << 16> buffer{};
  const auto pump = [&](int flush) {
    do {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, flush);
      idat.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
  };
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* src = &rgba[static_cast<std::size_t>(y) * width * 4];
    if (opaque) {
      for (int x = 0; x < width; ++x)
        std::memcpy(&current[static_cast<std::size_t>(x) * 3], src + x * 4, 3);
    } else {
      std::memcpy(current.data(), src, row);
    }
    line[0] = 2;  // Up
    for (std::size_t i = 0; i < row; ++i)
      line[i + 1] = static_cast<std::uint8_t>(current[i] - above[i]);
    std::swap(above, current);
    z.next_in = line.data();
    z.avail_in = static_cast<uInt>(line.size());
    pump(Z_NO_FLUSH);
  }
  pump(Z_FINISH);
  deflateEnd(&z);

  AtomicFile file(path);
  file.write("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_u32(ihdr, static_cast<std::uint32_t>(width));
  put_u32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += static_cast<char>(8);               // bit depth
  ihdr += static_cast<char>(opaque ? 2 : 6);  // colour type: RGB or RGBA
  ihdr.append("\0\0\0", 3);                   // deflate, adaptive filtering, no interlace
  write_chunk(file, "IHDR", ihdr);
  write_chunk(file, "IDAT", idat);
  write_chunk(file, "IEND", "");
  file.commit();
}

}  // namespace peviz
