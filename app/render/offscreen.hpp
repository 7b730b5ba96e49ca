// Draws a Figure into pixels with no window and no display: an EGL surfaceless
// context (Mesa llvmpipe on machines without a GPU), its own ImGui context with the
// same fonts, and the same ImGuiCanvas the screen uses, into a framebuffer object.
// Used by headless export (PNG) and by the tests.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <imgui.h>

#include "app/gl/egl_context.hpp"
#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"

struct ImGuiContext;

namespace peviz {

class OffscreenRenderer {
 public:
  // `font_scale` multiplies the UI font sizes (2 for --scale 2 pictures).
  explicit OffscreenRenderer(float font_scale = 1.0f,
                             const std::vector<ImWchar>& extra_glyphs = {});
  ~OffscreenRenderer();
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

  // RGBA pixels, top row first, of `figure` drawn at width x height; with
  // `transparent`, no background (straight alpha, 0 where nothing is drawn).
  std::vector<std::uint8_t> render(const plot::Figure& figure, int width, int height,
                                   const plot::Style& style, bool transparent = false);
  // OpenGL errors seen so far ("" if none).
  const std::string& gl_errors() const { return gl_errors_; }

 private:
  struct State;
  gl::HeadlessContext context_;
  std::unique_ptr<State> state_;
  std::string gl_errors_;
};

}  // namespace peviz
