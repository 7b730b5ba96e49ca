#include "window_app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

#include "app/cli/scene_file.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/png_writer.hpp"
#include "app/gl/framebuffer.hpp"
#include "app/gl/gl.hpp"
#include "app/plot/backend/fonts.hpp"
#include "core/validate.hpp"
#include "explorer.hpp"
#include "export_dialog.hpp"
#include "presentation.hpp"
#include "presenter_window.hpp"
#include "settings.hpp"
#include "ui_theme.hpp"
#include "window_events.hpp"

namespace peviz {
namespace {

void glfw_error(int code, const char* message) {
  std::cerr << "peviz: GLFW error " << code << ": " << message << "\n";
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
    window_ = glfwCreateWindow(options.width, options.height, "peviz", nullptr, nullptr);
    if (window_ == nullptr) {
      glfwTerminate();
      throw std::runtime_error("cannot open an OpenGL 3.3 window");
    }
    glfwMakeContextCurrent(window_);
    gl::keep_driver_loaded();
    glfwSwapInterval(options.screenshot.empty() ? 1 : 0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed
    apply_ui_theme(plot::Theme::Light, 1.0f);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    events_.install(window_);  // after ImGui's callbacks, which it wraps
    // A blinking text cursor would need frames while nothing else moves.
    ImGui::GetIO().ConfigInputTextCursorBlink = false;
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
  WindowEvents& events() { return events_; }

 private:
  GLFWwindow* window_ = nullptr;
  WindowEvents events_;
};

void configure(Explorer& explorer, const WindowOptions& options) {
  if (!options.view.empty()) explorer.select_view(options.view);
  for (const auto& [name, value] : options.params) explorer.set_param(name, value);
}

}  // namespace

void check_window_options(const WindowOptions& options) {
  Explorer explorer;
  configure(explorer, options);
  if (!options.scene.empty()) explorer.open_scene(read_scene(options.scene));
  if (!options.export_on_start.empty() && figure_format(options.export_on_start).empty()) {
    throw InvalidArgument("--export-on-start wants a .png, .svg, .pdf or .csv file (got '" +
                          options.export_on_start + "')");
  }
}

std::string window_options_help() {
  Explorer explorer;
  std::string names;
  for (const std::string& n : explorer.view_names()) names += (names.empty() ? "" : ", ") + n;
  return "Views: " + names + "\n\n" + explorer.options_help();
}

namespace {

// Full screen on the window's monitor and back to the window as it was.
class FullScreen {
 public:
  void toggle(GLFWwindow* window) {
    if (glfwGetWindowMonitor(window) != nullptr) {
      glfwSetWindowMonitor(window, nullptr, x_, y_, w_, h_, 0);
      return;
    }
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
    if (mode == nullptr) return;  // no monitor to fill (a virtual display): stay windowed
    glfwGetWindowPos(window, &x_, &y_);
    glfwGetWindowSize(window, &w_, &h_);
    glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  }

 private:
  int x_ = 0, y_ = 0, w_ = 1600, h_ = 1000;
};

// The fonts at `scale` with the `extra` characters of other scripts, uploaded again
// (between frames only).
Fonts rebuild_fonts(float scale, const std::vector<ImWchar>& extra) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts = load_fonts(scale, extra);
  add_lesson_fonts(fonts, scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return fonts;
}

// One frame of the window's content: the menu bar (unless presenting), the explorer
// and, with a lesson open, the lesson column at the right.
void draw_frame(Explorer& explorer, Presentation& presentation, const Fonts& fonts,
                const plot::Style& style, double dt) {
  presentation.keyboard(explorer);
  const bool presenting = presentation.presenting();
  if (!presenting) presentation.menu_bar(explorer);
  presentation.player().tick(dt, explorer);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImVec2 pos = vp->WorkPos, size = vp->WorkSize;
  const bool lesson = presentation.lesson_text() && (presentation.player().has_lesson() ||
                                                     !presentation.player().problems().empty());
  float column = 0.0f;
  // Larger text takes a wider column (the figure still gets most of the width).
  const float share = std::clamp(0.30f + 0.08f * (presentation.font_scale() - 1.0f), 0.30f, 0.42f);
  if (lesson) column = std::clamp(size.x * share, 320.0f, 1100.0f);
  explorer.frame(fonts, style, dt, pos, ImVec2(size.x - column, size.y),
                 !presenting || presentation.controls(), !presentation.player().has_lesson());
  if (lesson) {
    presentation.player().draw(fonts, style, ImVec2(pos.x + size.x - column, pos.y),
                               ImVec2(column, size.y), explorer);
  }
  presentation.overlays(fonts, style, explorer);
  // The frame's parameter changes, for undo (a lesson's animation is one step at its end).
  explorer.record_history(presentation.player().playing());
  if (const std::string model = explorer.take_opened_model(); !model.empty())
    presentation.remember(RecentKind::Model, model);
}

// HiDPI: the monitor's content scale (2 on a "Retina" screen) as the text scale.
float monitor_text_scale(GLFWwindow* window) {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window, &x, &y);
  return content_text_scale(std::max(x, y));
}

// The export dialog on the view, offering an animation where there is one to export (the
// lesson step's, or the view's Play).
void open_export(ExportDialog& dialog, Explorer& explorer, Presentation& presentation) {
  const LessonPlayer& player = presentation.player();
  const Lesson* lesson = player.lesson();
  const LessonStep* step = lesson != nullptr && player.step() < player.step_count()
                               ? &lesson->steps[static_cast<std::size_t>(player.step())]
                               : nullptr;
  State state = explorer.state();
  dialog.offer_animation(explorer.comparing() ? std::nullopt : suggest_animation(state, step));
  dialog.open(explorer);
}

// What the window shows, for its title bar, task switchers and screen recorders:
// "peviz: RoPE: rotary position embedding, step 3 of 5 (07-rope.lesson)" or
// "peviz: encoding, sinusoidal".
std::string title_of(const Explorer& explorer, Presentation& presentation) {
  const LessonPlayer& player = presentation.player();
  if (const Lesson* lesson = player.lesson(); lesson != nullptr) {
    return "peviz: " + lesson->title + ", step " + std::to_string(player.step() + 1) + " of " +
           std::to_string(player.step_count()) + " (" + player.path().filename().string() + ")";
  }
  std::string title = std::string("peviz: ") + explorer.active().name() + ", " +
                      scheme_name(explorer.shared().scheme);
  if (!explorer.shared().model.empty()) title += " (" + explorer.shared().model + ")";
  if (explorer.comparing())
    title += ", " + std::to_string(explorer.compare_count()) + " panels compared";
  return title;
}

// The text on screen: the figure, a comparison, the lesson (every step, so that stepping
// through it needs no new atlas). Its characters beyond the fonts' ranges are merged in.
std::string screen_text(const Explorer& explorer, Presentation& presentation) {
  std::string text;
  if (explorer.comparing()) {
    text = figure_text(explorer.compare_figure());
  } else if (explorer.figure()) {
    text = figure_text(*explorer.figure());
  }
  if (const Lesson* lesson = presentation.player().lesson(); lesson != nullptr) {
    text += "\n" + lesson->title + "\n" + lesson->about;
    const auto spans = [&](const std::vector<TextSpan>& list) {
      for (const TextSpan& s : list) text += s.text;
    };
    for (const LessonStep& step : lesson->steps) {
      text += "\n" + step.title;
      for (const TextBlock& b : step.text) spans(b.spans);
      if (step.question) {
        spans(step.question->ask);
        spans(step.question->answer);
      }
    }
  }
  for (const std::string& p : presentation.player().problems()) text += "\n" + p;
  return text;
}

}  // namespace

int run_window(const WindowOptions& options) {
  try {
    Session session(options);  // first: the explorer's GL objects die before the context
    Explorer explorer;
    ExportDialog dialog;  // after the explorer: its builds hold copies of the views' parameters
    const bool settings = options.use_settings && options.screenshot.empty() && !options.tour;
    const std::string path = settings ? settings_path() : "";
    nlohmann::json remembered;
    // A first start (no settings yet, nothing asked for on the command line) says welcome.
    const bool first_start = settings && !std::filesystem::exists(path) && options.view.empty() &&
                             options.lesson.empty() && options.params.empty();
    if (settings) {
      remembered = load_settings(path);
      explorer.load(remembered);
      if (remembered.contains("export")) dialog.load(remembered["export"]);
    }
    configure(explorer, options);
    Presentation presentation;
    PresenterWindow presenter;      // the teacher's second window (presenter_window.hpp)
    bool presenter_wanted = false;  // opened when the wish starts, not again once closed
    if (remembered.contains("recent"))
      presentation.set_recent(recent_from_json(remembered["recent"]));
    if (!options.theme.empty()) {
      presentation.set_theme(plot::theme_by_name(options.theme));
    } else if (remembered.is_object() && remembered.contains("theme") &&
               remembered["theme"].is_string()) {
      try {
        presentation.set_theme(plot::theme_by_name(remembered["theme"].get<std::string>()));
      } catch (const std::exception&) {
        // an old or edited settings file: keep the light theme
      }
    }
    if (options.present || options.tour) presentation.set_presenting(true);
    if (options.show_keys) presentation.set_help(true);
    if (first_start || options.welcome) presentation.set_welcome(true);
    if (options.font_scale > 0.0f) {
      presentation.set_font_scale(options.font_scale);
    } else {
      // HiDPI: the monitor's scale, unless presenting asked for larger text already.
      const float monitor = monitor_text_scale(session.window());
      if (monitor > presentation.font_scale() || !(options.present || options.tour))
        presentation.set_font_scale(monitor);
    }
    // A scene: its view, parameters, panels, zoom and theme (--theme wins); the window
    // keeps its size.
    if (!options.scene.empty()) {
      if (!presentation.open_scene(options.scene, explorer)) {
        std::cerr << "peviz: " << presentation.scene_message() << "\n";
        if (!options.screenshot.empty()) return 1;
      } else if (!options.theme.empty()) {
        presentation.set_theme(plot::theme_by_name(options.theme));
      }
    }
    if (!options.lesson.empty()) {
      if (!presentation.open_lesson(options.lesson, explorer)) {
        for (const std::string& p : presentation.player().problems()) std::cerr << p << "\n";
        if (options.tour) return 1;
      } else if (options.step > 1) {
        presentation.player().go(options.step - 1, explorer);
      }
    }
    std::vector<ImWchar> glyphs;  // characters of other scripts in the atlas
    Fonts fonts = rebuild_fonts(presentation.font_scale(), glyphs);
    bool new_glyphs = false;
    FullScreen full_screen;
    auto last = std::chrono::steady_clock::now();
    auto started = last;
    // --tour: (theme, step) pairs still to show; a step counts once it has settled.
    std::vector<std::pair<plot::Theme, int>> tour;
    if (options.tour) {
      // Text lays out the same in every theme (only colours differ): --theme picks one.
      for (plot::Theme t : plot::kAllThemes) {
        if (!options.theme.empty() && t != plot::theme_by_name(options.theme)) continue;
        for (int k = 0; k < presentation.player().step_count(); ++k) tour.emplace_back(t, k);
      }
    }
    int tour_failures = 0;
    int tour_frame = 0;
    const auto start_tour_item = [&] {
      presentation.set_theme(tour.front().first);
      presentation.player().go(tour.front().second, explorer);
      tour_frame = 0;
      started = std::chrono::steady_clock::now();
    };
    if (!tour.empty()) start_tour_item();
    bool export_hook = options.export_dialog || !options.export_on_start.empty();
    auto last_activity = std::chrono::steady_clock::now();  // the last input or work
    std::string shown_title;                                // the title bar's text
    for (int frame = 0; !glfwWindowShouldClose(session.window()); ++frame) {
      // Between frames: what presentation mode asked for.
      const PresentationRequest request = presentation.take_request();
      if (request.quit) glfwSetWindowShouldClose(session.window(), GLFW_TRUE);
      if (request.toggle_fullscreen && options.screenshot.empty() && !options.tour)
        full_screen.toggle(session.window());
      if (request.rebuild_fonts || frame == 0 || new_glyphs) {
        fonts = rebuild_fonts(presentation.font_scale(), glyphs);
        new_glyphs = false;
      }
      if (presentation.take_theme_change() || request.rebuild_fonts || frame == 0)
        apply_ui_theme(presentation.theme(), presentation.font_scale());
      const plot::Style style = window_style(presentation.theme(), presentation.font_scale());
      // Sleep while nothing moves: frames only after input, while a build, an animation, an
      // export or queued keys need them, and for a moment after. Every half second the
      // lesson file is looked at (a teacher's save reloads it). Screenshots and tours
      // never wait.
      WindowEvents& events = session.events();
      const bool unattended = !options.screenshot.empty() || options.tour;
      const bool busy = unattended || !explorer.settled() || explorer.animating() ||
                        presentation.player().playing() || dialog.busy() || events.pending() ||
                        explorer.history_pending() || request.rebuild_fonts ||
                        request.toggle_fullscreen;
      // After input or work, frames keep coming for a moment: ImGui fades a modal's dimming
      // in over about 0.2 s and settles hover and popups over a frame or two.
      const bool settling =
          std::chrono::steady_clock::now() - last_activity < std::chrono::milliseconds(400);
      if (busy || settling) {
        glfwPollEvents();
        if (!unattended && !events.pending()) {
          // About 60 frames a second (no vsync under a virtual display).
          const double spent =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - last).count();
          if (spent < 1.0 / 60.0) glfwWaitEventsTimeout(1.0 / 60.0 - spent);
        }
        if (busy) last_activity = std::chrono::steady_clock::now();
      } else {
        for (;;) {
          glfwWaitEventsTimeout(0.5);
          if (events.take_activity() || glfwWindowShouldClose(session.window())) break;
          if (presentation.player().file_changed()) break;
          if (presenter.is_open()) {  // its timer goes on while the main window sleeps
            presenter.frame(
                presenter_content(presentation.player(), explorer, presenter.elapsed()));
          }
        }
        last_activity = std::chrono::steady_clock::now();
      }
      if (events.take_activity()) last_activity = std::chrono::steady_clock::now();
      events.deliver();
      // A dropped lesson opens as a lesson, a .scene as a scene; any other file is a model
      // (a config.json or a table). A refusal shows where that kind's dialog or panel shows it.
      for (const std::string& dropped : events.take_dropped())
        presentation.open_file(dropped, explorer);
      const std::string title = title_of(explorer, presentation);
      if (title != shown_title) {
        glfwSetWindowTitle(session.window(), title.c_str());
        shown_title = title;
      }
      const auto now = std::chrono::steady_clock::now();
      const double dt = std::chrono::duration<double>(now - last).count();
      last = now;
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      if (!options.screenshot.empty() || options.tour) {
        ImGui::GetIO().MousePos = options.mouse
                                      ? ImVec2(options.mouse->first, options.mouse->second)
                                      : ImVec2(-FLT_MAX, -FLT_MAX);
      }
      ImGui::NewFrame();
      draw_frame(explorer, presentation, fonts, style,
                 options.screenshot.empty() && !options.tour ? dt : 0.0);
      if (explorer.take_export_request()) open_export(dialog, explorer, presentation);
      if (export_hook && explorer.settled()) {
        export_hook = false;
        if (options.export_on_start.empty()) {
          open_export(dialog, explorer, presentation);
        } else {
          dialog.export_to(explorer, options.export_on_start);
        }
      }
      dialog.frame(explorer, fonts, style);
      ImGui::Render();
      // Characters of other scripts that came on screen: in the atlas from the next frame.
      for (ImWchar c : extra_glyphs(screen_text(explorer, presentation))) {
        if (!std::binary_search(glyphs.begin(), glyphs.end(), c)) {
          glyphs.insert(std::upper_bound(glyphs.begin(), glyphs.end(), c), c);
          new_glyphs = true;
        }
      }
      if (new_glyphs) events.touch();  // draw again with them
      int fb_w = 0, fb_h = 0;
      glfwGetFramebufferSize(session.window(), &fb_w, &fb_h);
      glViewport(0, 0, fb_w, fb_h);
      glClearColor(style.background.r, style.background.g, style.background.b, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (options.tour) {
        const double waited = std::chrono::duration<double>(now - started).count();
        if (++tour_frame >= options.min_frames &&
            (explorer.settled() || waited > options.timeout)) {
          const std::string errors = gl::take_errors();
          std::string problem = !explorer.settled() ? "did not settle in time" : explorer.error();
          // A lecture hall sees every word: no text cut, shortened or drawn over other text.
          std::vector<plot::TextProblem> texts = explorer.text_problems();
          for (const plot::TextProblem& t : presentation.player().text_problems())
            texts.push_back(t);
          for (std::size_t k = 0; k < texts.size() && k < 6; ++k) {
            problem += (problem.empty() ? "" : "; ") + texts[k].describe();
          }
          if (texts.size() > 6) problem += "; and " + std::to_string(texts.size() - 6) + " more";
          if (!errors.empty()) problem += (problem.empty() ? "" : "; ") + ("OpenGL: " + errors);
          for (const std::string& p : presentation.player().problems()) problem += "; " + p;
          const int page = presentation.player().page(), pages = presentation.player().page_count();
          bool continue_tour = false;
          if (!problem.empty()) {
            std::cerr << "peviz: " << options.lesson << " step " << tour.front().second + 1
                      << (pages > 1 ? " page " + std::to_string(page + 1) : std::string()) << " ("
                      << plot::theme_name(tour.front().first) << "): " << problem << "\n";
            ++tour_failures;
          }
          if (page + 1 < pages) {  // every page of a long step is seen too
            presentation.player().next(explorer);
            tour_frame = 0;
            started = std::chrono::steady_clock::now();
            continue_tour = true;
          }
          if (!continue_tour) {
            tour.erase(tour.begin());
            if (tour.empty()) return tour_failures == 0 ? 0 : 1;
            start_tour_item();
          }
        }
      }
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
      // The presenter view: with a lesson, on the other monitor while presenting, or
      // anywhere with --presenter; never in screenshots and tours.
      {
        GLFWmonitor* other = PresenterWindow::other_monitor(session.window());
        const bool wanted = presentation.player().has_lesson() && !unattended &&
                            (options.presenter || (presentation.presenting() && other != nullptr));
        if (wanted && !presenter_wanted) presenter.open(session.window(), other);
        if (!wanted && presenter.is_open()) presenter.close();
        presenter_wanted = wanted;
        if (presenter.is_open()) {
          presenter.frame(presenter_content(presentation.player(), explorer, presenter.elapsed()));
        }
      }
    }
    if (settings) {
      nlohmann::json saved = explorer.save();
      saved["theme"] = plot::theme_name(presentation.theme());
      saved["export"] = dialog.save();
      saved["recent"] = recent_json(presentation.recent());
      save_settings(path, saved);
    }
  } catch (const std::exception& e) {
    std::cerr << "peviz: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace peviz
