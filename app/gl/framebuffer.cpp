#include "framebuffer.hpp"

#include <cstring>
#include <stdexcept>

namespace peviz::gl {

Framebuffer::~Framebuffer() {
  if (id_ != 0) glDeleteFramebuffers(1, &id_);
}

void Framebuffer::resize(int width, int height) {
  if (width < 1 || height < 1) throw std::runtime_error("framebuffer size must be positive");
  if (id_ == 0) glGenFramebuffers(1, &id_);
  if (width == color_.width() && height == color_.height()) return;
  color_.allocate_rgba8(width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, id_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.id(), 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE) throw std::runtime_error("framebuffer incomplete");
}

void Framebuffer::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, id_);
  glViewport(0, 0, width(), height());
}

void Framebuffer::unbind() {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::vector<std::uint8_t> Framebuffer::read_rgba() const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, id_);
  std::vector<std::uint8_t> pixels = read_pixels_top_down(width(), height());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  return pixels;
}

std::vector<std::uint8_t> read_pixels_top_down(int width, int height) {
  // One buffer, flipped in place: a second picture-sized buffer costs a memset and
  // a page fault per 4 KiB, which is a noticeable part of a one-shot export.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<std::uint8_t> pixels(row * height);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  std::vector<std::uint8_t> swap(row);
  for (int y = 0; y < height / 2; ++y) {
    std::uint8_t* a = &pixels[y * row];
    std::uint8_t* b = &pixels[(height - 1 - y) * row];
    std::memcpy(swap.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, swap.data(), row);
  }
  return pixels;
}

}  // namespace peviz::gl
