// A PNG read back as RGB (stb_image from Debian's libstb), for tests that look at
// what the program wrote. stb forgives a bad CRC (so did PIL): every PNG a test loads is
// first judged by pngcheck, a strict reader, and a failure of it fails the test.
#pragma once

#include <gtest/gtest.h>
#include <stb_image.h>

#include "run_process.hpp"

#include <cstddef>
#include <filesystem>
#include <vector>

namespace peviz::testing_png {

struct Image {
  int width = 0, height = 0;  // 0 x 0 when the file is not a readable PNG
  std::vector<unsigned char> rgb;
  const unsigned char* at(int x, int y) const {
    return &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
  }
};

inline Image load(const std::filesystem::path& path) {
  Image img;
  if (std::filesystem::exists(path)) {
    std::string out;
    if (testing_process::tool({"/usr/bin/pngcheck", "-q", path.string()}, &out) != 0) {
      ADD_FAILURE() << "pngcheck rejects " << path << ": " << out;
    }
  }
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &channels, 3);
  if (data != nullptr) {
    img.rgb.assign(data, data + static_cast<std::size_t>(img.width) * img.height * 3);
    stbi_image_free(data);
  }
  return img;
}

}  // namespace peviz::testing_png
