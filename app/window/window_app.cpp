#include "window_app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>

#include "app/export/atomic_file.hpp"
#include "app/export/png_writer.hpp"
#include "app/gl/framebuffer.hpp"
#include "app/gl/gl.hpp"
#include "core/validate.hpp"
#include "explorer.hpp"
#include "export_dialog.hpp"
#include "fonts.hpp"
#include "settings.hpp"

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
  style.WindowPadding = ImVec2(16, 12);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(10, 7);
  style.WindowBorderSize = 0.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  style.Colors[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1.0f);
}

// The GLFW window and the ImGui context, torn down in reverse order.
class Session {
 public:
  explicit Session(const WindowOptions& options) {
    glfwSetErrorCallback(glfw_error);
    if (glfwInit() == GLFW_FALSE)
      throw std::runtime_error(
          "cannot open a window (no display?); peviz export works without one");
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
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed
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

void configure(Explorer& explorer, const WindowOptions& options) {
  if (!options.view.empty()) explorer.select_view(options.view);
  for (const auto& [name, value] : options.params) explorer.set_param(name, value);
}

}  // namespace

void check_window_options(const WindowOptions& options) {
  Explorer explorer;
  configure(explorer, options);
  if (!options.export_on_start.empty() && figure_format(options.export_on_start).empty()) {
    throw InvalidArgument("--export-on-start wants a .png, .svg or .csv file (got '" +
                          options.export_on_start + "')");
  }
}

std::string window_options_help() {
  Explorer explorer;
  std::string names;
  for (const std::string& n : explorer.view_names()) names += (names.empty() ? "" : ", ") + n;
  return "Views: " + names + "\n\n" + explorer.options_help();
}

int run_window(const WindowOptions& options) {
  try {
    Session session(options);  // first: the explorer's GL objects die before the context
    Explorer explorer;
    ExportDialog dialog;  // after the explorer: its builds hold copies of the views' parameters
    const bool settings = options.use_settings && options.screenshot.empty();
    const std::string path = settings ? settings_path() : "";
    if (settings) {
      const nlohmann::json remembered = load_settings(path);
      explorer.load(remembered);
      if (remembered.contains("export")) dialog.load(remembered["export"]);
    }
    configure(explorer, options);
    const Fonts fonts = load_fonts(1.0f);
    const plot::Style style = plot::light_style(20.0f);
    auto last = std::chrono::steady_clock::now();
    const auto started = last;
    bool export_hook = options.export_dialog || !options.export_on_start.empty();
    for (int frame = 0; !glfwWindowShouldClose(session.window()); ++frame) {
      glfwPollEvents();
      const auto now = std::chrono::steady_clock::now();
      const double dt = std::chrono::duration<double>(now - last).count();
      last = now;
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      if (!options.screenshot.empty()) {
        ImGui::GetIO().MousePos = options.mouse
                                      ? ImVec2(options.mouse->first, options.mouse->second)
                                      : ImVec2(-FLT_MAX, -FLT_MAX);
      }
      ImGui::NewFrame();
      explorer.frame(fonts, style, options.screenshot.empty() ? dt : 0.0);
      if (explorer.take_export_request()) dialog.open(explorer);
      if (export_hook && explorer.settled()) {
        export_hook = false;
        if (options.export_on_start.empty()) {
          dialog.open(explorer);
        } else {
          dialog.export_to(explorer, options.export_on_start);
        }
      }
      dialog.frame(explorer, fonts, style);
      ImGui::Render();
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(session.window(), &fb_w, &fb_h);
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (!options.screenshot.empty() && frame + 1 >= options.min_frames) {
        const double waited = std::chrono::duration<double>(now - started).count();
        if ((explorer.settled() && !export_hook && dialog.settled()) || waited > options.timeout) {
          if (!explorer.settled()) std::cerr << "peviz: the view did not settle in time\n";
          const std::string errors = gl::take_errors();
          if (!errors.empty()) std::cerr << "peviz: OpenGL errors: " << errors << "\n";
          glReadBuffer(GL_BACK);
          write_png(options.screenshot, fb_w, fb_h, gl::read_pixels_top_down(fb_w, fb_h));
          if (!explorer.error().empty()) std::cerr << "peviz: " << explorer.error() << "\n";
          if (!dialog.error().empty()) std::cerr << "peviz: export: " << dialog.error() << "\n";
          return errors.empty() && explorer.error().empty() && dialog.error().empty() ? 0 : 1;
        }
      }
      glfwSwapBuffers(session.window());
      dialog.perform(session.window());  // between frames: files, clipboard
    }
    if (settings) {
      nlohmann::json saved = explorer.save();
      saved["export"] = dialog.save();
      save_settings(path, saved);
    }
  } catch (const std::exception& e) {
    std::cerr << "peviz: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace peviz
