#include "heatmap_renderer.hpp"

#include <stdexcept>
#include <string>

namespace peviz::shaders {
extern const char* const heatmap_vert;
extern const char* const heatmap_frag;
}  // namespace peviz::shaders

namespace peviz::plot {

HeatmapRenderer::HeatmapRenderer() : program_(shaders::heatmap_vert, shaders::heatmap_frag) {
  glGenVertexArrays(1, &vao_);  // core profile: a VAO must be bound to draw
  set_colormap(colormap(ColormapId::RdBu));
}

HeatmapRenderer::~HeatmapRenderer() {
  if (vao_ != 0) glDeleteVertexArrays(1, &vao_);
}

void HeatmapRenderer::set_values(const float* data, int cols, int rows) {
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
  if (cols < 1 || rows < 1 || cols > max_size || rows > max_size) {
    throw std::runtime_error("heatmap of " + std::to_string(rows) + " x " + std::to_string(cols) +
                             " cells does not fit a " + std::to_string(max_size) + " texture");
  }
  values_.upload_r32f(cols, rows, data);
}

void HeatmapRenderer::set_colormap(const Colormap& map) {
  const std::vector<std::uint8_t> lut = colormap_rgba8(map, lut_size_);
  lut_.upload_rgba8(lut_size_, 1, lut.data());
}

const gl::Framebuffer& HeatmapRenderer::render(int width, int height, double lo, double hi,
                                               const CellWindow& window) {
  GLint previous_fbo = 0;
  GLint previous_viewport[4] = {};
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous_fbo);
  glGetIntegerv(GL_VIEWPORT, previous_viewport);

  target_.resize(width, height);
  target_.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glUseProgram(program_.id());
  const double w = std::max(values_.width(), 1);
  const double h = std::max(values_.height(), 1);
  glUniform2f(program_.uniform("uv_min"), static_cast<float>(window.x0 / w),
              static_cast<float>(window.y0 / h));
  glUniform2f(program_.uniform("uv_max"), static_cast<float>(window.x1 / w),
              static_cast<float>(window.y1 / h));
  glUniform1f(program_.uniform("value_lo"), static_cast<float>(lo));
  glUniform1f(program_.uniform("value_hi"), static_cast<float>(hi));
  glUniform1f(program_.uniform("lut_size"), static_cast<float>(lut_size_));
  glUniform1i(program_.uniform("values"), 0);
  glUniform1i(program_.uniform("colormap"), 1);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, values_.id());
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, lut_.id());
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray(0);
  glActiveTexture(GL_TEXTURE0);
  glUseProgram(0);

  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous_fbo));
  glViewport(previous_viewport[0], previous_viewport[1], previous_viewport[2],
             previous_viewport[3]);
  return target_;
}

}  // namespace peviz::plot
