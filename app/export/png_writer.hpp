// PNG files from RGBA8 pixels, written all-or-nothing through AtomicFile: RGB when
// every pixel is opaque, RGBA otherwise (straight alpha, as PNG stores it). Rows are
// filtered and deflated with zlib in bands, one per core (png_writer.cpp says how).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peviz {

// `rgba` holds width*height*4 bytes, top row first. Throws WriteError on failure.
void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba);
void write_png(const std::string& path, int width, int height, const std::uint8_t* rgba);

}  // namespace peviz
