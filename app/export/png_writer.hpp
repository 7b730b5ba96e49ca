// PNG files from RGBA8 pixels (stb_image_write from Debian's libstb), written
// all-or-nothing through AtomicFile.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peviz {

// `rgba` holds width*height*4 bytes, top row first. Throws WriteError on failure.
void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba);

}  // namespace peviz
