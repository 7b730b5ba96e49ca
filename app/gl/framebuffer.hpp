// An offscreen render target: a framebuffer object with one RGBA8 colour texture.
#pragma once

#include <cstdint>
#include <vector>

#include "gl.hpp"
#include "texture.hpp"

namespace peviz::gl {

class Framebuffer {
 public:
  Framebuffer() = default;
  ~Framebuffer();
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;

  // (Re)allocates the colour texture when the size changes.
  void resize(int width, int height);
  // Binds it as the draw target with a matching viewport.
  void bind() const;
  static void unbind();

  const Texture& color() const { return color_; }
  int width() const { return color_.width(); }
  int height() const { return color_.height(); }
  // Reads the pixels back, top row first, 4 bytes per pixel.
  std::vector<std::uint8_t> read_rgba() const;

 private:
  GLuint id_ = 0;
  Texture color_;
};

// Reads `width` x `height` RGBA pixels of the currently bound read framebuffer,
// flipped so that the top row comes first (as image files store them).
std::vector<std::uint8_t> read_pixels_top_down(int width, int height);

}  // namespace peviz::gl
