#include "window_app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <iostream>
#include <string>

#include "app/export/atomic_file.hpp"
#include "app/export/png_writer.hpp"
#include "app/gl/framebuffer.hpp"
#include "app/gl/gl.hpp"
#include "app/views/encoding_view.hpp"
#include "fonts.hpp"

namespace peviz {
namespace {

void glfw_error(int code, const char* message) {
  std::cerr << "peviz: GLFW error " << code << ": " << message << "\n";
}

void apply_style() {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(16, 14);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 9);
  style.WindowBorderSize = 0.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  style.Colors[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1.0f);
}

// The GLFW window and the ImGui context, torn down in reverse order.
class Session {
 public:
  Session(const WindowOptions& options) {
    glfwSetErrorCallback(glfw_error);
    if (glfwInit() == GLFW_FALSE) throw std::runtime_error("cannot initialise GLFW (no display?)");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    window_ = glfwCreateWindow(options.width, options.height, "peviz: positional encodings",
                               nullptr, nullptr);
    if (window_ == nullptr) {
      glfwTerminate();
      throw std::runtime_error("cannot open an OpenGL 3.3 window");
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(options.screenshot.empty() ? 1 : 0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember yet
    apply_style();
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
  }
  ~Session() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  GLFWwindow* window() const { return window_; }

 private:
  GLFWwindow* window_ = nullptr;
};

void draw_frame(EncodingView& view, const Fonts& fonts) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float sidebar = std::min(520.0f, vp->Size.x * 0.32f);
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings;

  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(ImVec2(sidebar, vp->Size.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.95f, 0.96f, 0.98f, 1.0f));
  ImGui::Begin("controls", nullptr, fixed);
  ImGui::PushItemWidth(sidebar * 0.55f);
  view.controls(fonts);
  ImGui::PopItemWidth();
  ImGui::End();
  ImGui::PopStyleColor();

  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + sidebar, vp->Pos.y));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x - sidebar, vp->Size.y));
  ImGui::Begin("view", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
  view.plot(fonts, ImGui::GetContentRegionAvail());
  ImGui::End();
}

}  // namespace

int run_window(const WindowOptions& options) {
  try {
    Session session(options);
    const Fonts fonts = load_fonts(1.0f);
    EncodingView view;
    for (int frame = 0; !glfwWindowShouldClose(session.window()); ++frame) {
      glfwPollEvents();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      draw_frame(view, fonts);
      ImGui::Render();
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(session.window(), &fb_w, &fb_h);
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (!options.screenshot.empty() && frame + 1 >= options.settle_frames) {
        const std::string errors = gl::take_errors();
        if (!errors.empty()) std::cerr << "peviz: OpenGL errors: " << errors << "\n";
        glReadBuffer(GL_BACK);
        write_png(options.screenshot, fb_w, fb_h, gl::read_pixels_top_down(fb_w, fb_h));
        return errors.empty() ? 0 : 1;
      }
      glfwSwapBuffers(session.window());
    }
  } catch (const WriteError& e) {
    std::cerr << "peviz: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "peviz: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace peviz
