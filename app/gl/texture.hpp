// A 2-D GL texture that owns its name (move-only).
#pragma once

#include <cstdint>

#include "gl.hpp"

namespace peviz::gl {

class Texture {
 public:
  Texture() = default;
  ~Texture();
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;
  Texture(Texture&& other) noexcept;
  Texture& operator=(Texture&& other) noexcept;

  // Single-channel float texels (row-major, `width` floats per row), NEAREST sampling.
  void upload_r32f(int width, int height, const float* data);
  // RGBA8 texels, LINEAR sampling (colormap lookups, images).
  void upload_rgba8(int width, int height, const std::uint8_t* data);
  // Empty RGBA8 texels for a render target.
  void allocate_rgba8(int width, int height);

  GLuint id() const { return id_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  void ensure(GLint filter);
  GLuint id_ = 0;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace peviz::gl
