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
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<std::uint8_t> bottom_up(row * height);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  std::vector<std::uint8_t> top_down(bottom_up.size());
  for (int y = 0; y < height; ++y) {
    std::memcpy(&top_down[y * row], &bottom_up[(height - 1 - y) * row], row);
  }
  return top_down;
}

}  // namespace peviz::gl
