#include "offscreen.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <stdexcept>

#include "app/gl/framebuffer.hpp"
#include "app/gl/gl.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/backend/imgui_canvas.hpp"
#include "app/render/picture.hpp"
#include "app/render/soft_raster.hpp"

namespace peviz {

struct OffscreenRenderer::State {
  ImGuiContext* imgui = nullptr;
  ImGuiContext* previous = nullptr;
  Fonts fonts;
  plot::HeatmapCache cache;
  gl::Framebuffer target;
};

OffscreenRenderer::OffscreenRenderer(float font_scale, const std::vector<ImWchar>& extra_glyphs)
    : state_(std::make_unique<State>()) {
  state_->previous = ImGui::GetCurrentContext();
  state_->imgui = ImGui::CreateContext();
  ImGui::SetCurrentContext(state_->imgui);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  state_->fonts = load_fonts(font_scale, extra_glyphs);
  if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
    ImGui::DestroyContext(state_->imgui);
    ImGui::SetCurrentContext(state_->previous);
    throw std::runtime_error("cannot initialise ImGui's OpenGL renderer on the headless context");
  }
}

OffscreenRenderer::~OffscreenRenderer() {
  ImGui::SetCurrentContext(state_->imgui);
  state_->cache = plot::HeatmapCache();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext(state_->imgui);
  ImGui::SetCurrentContext(state_->previous);
}

std::vector<std::uint8_t> OffscreenRenderer::render(const plot::Figure& figure, int width,
                                                    int height, const plot::Style& style,
                                                    bool transparent) {
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw std::runtime_error("picture size must be between 16 and 16384 pixels a side");
  }
  ImGui::SetCurrentContext(state_->imgui);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  plot::ImGuiCanvas canvas(draw, state_->fonts.body, state_->fonts.title, state_->cache);
  draw_picture(figure, width, height, style, canvas, transparent);
  ImGui::Render();
  state_->cache.end_frame();

  state_->target.resize(width, height);
  state_->target.bind();
  const plot::Color background =
      transparent ? plot::Color{0, 0, 0, 0} : style.resolve(style.background);
  glClearColor(background.r, background.g, background.b, background.a);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  std::vector<std::uint8_t> pixels = state_->target.read_rgba();
  // Drawn from transparent black, colours are multiplied by their alpha.
  if (transparent) soft::unpremultiply(pixels.data(), pixels.size() / 4);
  gl::Framebuffer::unbind();
  const std::string errors = gl::take_errors();
  if (!errors.empty()) gl_errors_ += (gl_errors_.empty() ? "" : ", ") + errors;
  return pixels;
}

}  // namespace peviz
