// Presentation mode and the window's menus: F5 (or View > Present) shows only the
// active view and the lesson text, full screen, with fonts and lines sized for a
// projector (+ and - rebuild the fonts at the new size, for plots as well as
// widgets), in a theme for the room (light, dark, high contrast). Esc leaves, ?
// shows the keys. The lesson itself is a LessonPlayer.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app/plot/backend/fonts.hpp"
#include "app/plot/style.hpp"
#include "lesson_player.hpp"
#include "settings.hpp"

struct GLFWwindow;

namespace peviz {

class Explorer;

// What the window should change before the next frame (fonts and the full-screen
// state cannot change in the middle of one).
struct PresentationRequest {
  bool rebuild_fonts = false;
  bool toggle_fullscreen = false;
  bool quit = false;
};

class Presentation {
 public:
  bool presenting() const { return presenting_; }
  void set_presenting(bool on);
  plot::Theme theme() const { return theme_; }
  void set_theme(plot::Theme theme) {
    theme_ = theme;
    theme_changed_ = true;
  }
  float font_scale() const { return font_scale_; }
  void set_font_scale(float scale);
  bool help_open() const { return help_; }
  // Whether the lesson column is shown (L hides it so that a wide view gets the width).
  bool lesson_text() const { return lesson_text_; }
  // Presenting: whether the controls (the sidebar) are asked for (S).
  bool controls() const { return controls_; }
  // The welcome card of a first start: leads to the built-in course and the keys.
  bool welcome_open() const { return welcome_; }
  void set_welcome(bool open) { welcome_ = open; }
  void set_help(bool open) {
    if (open && !help_)
      help_frame_ = ImGui::GetCurrentContext() != nullptr ? ImGui::GetFrameCount() : 0;
    help_ = open;
  }
  LessonPlayer& player() { return player_; }

  // Opens a lesson file, or shows its problems (the program keeps running).
  bool open_lesson(const std::filesystem::path& path, Explorer& explorer);
  // Opens a scene file (app/state/scene.hpp): its view, options, panels and zoom in the
  // explorer, its theme in the window (the window keeps its size). False, with
  // scene_message() saying why in one line, when it is refused.
  bool open_scene(const std::string& path, Explorer& explorer);
  // Writes the scene on screen (File > Save scene, Ctrl+S) into `path`.
  bool save_scene(const std::string& path, Explorer& explorer);
  const std::string& scene_message() const { return scene_message_; }
  bool scene_failed() const { return scene_failed_; }
  // A file opened by any way (menu, dialog, drop, command line) joins File > Recent.
  void remember(RecentKind kind, const std::string& path) { add_recent(recent_, kind, path); }
  const std::vector<RecentFile>& recent() const { return recent_; }
  void set_recent(std::vector<RecentFile> list) { recent_ = std::move(list); }
  // Opens a dropped or recent file as its kind (.lesson, .scene, else a model file). A
  // scene that is refused opens the Open scene dialog, which says why.
  bool open_file(const std::string& path, Explorer& explorer);

  // The keys: F5 present, Esc leave (or close the help), F full screen, + and -
  // font size, T theme, ? (or F1) help; then the lesson's keys. Call before the
  // explorer's frame; returns true when the lesson used a key the explorer must not
  // see (PageUp/PageDown step through a lesson instead of the views).
  bool keyboard(Explorer& explorer);

  // The menu bar (File, Edit, View, Help) when not presenting; returns its height.
  float menu_bar(Explorer& explorer);
  // The help overlay and the Open-lesson popup, over everything.
  void overlays(const Fonts& fonts, const plot::Style& style, Explorer& explorer);

  // Consumes what the window must do before the next frame.
  PresentationRequest take_request();
  // True once after the theme changed (the window re-applies the widget colours).
  bool take_theme_change();

 private:
  bool presenting_ = false;
  bool help_ = false;
  bool welcome_ = false;
  int help_frame_ = 0;  // ImGui's frame count when the keys overlay was opened
  bool lesson_text_ = true;
  bool controls_ = false;
  bool open_popup_ = false;
  plot::Theme theme_ = plot::Theme::Light;
  bool theme_changed_ = false;
  float font_scale_ = 1.0f;
  PresentationRequest request_;
  LessonPlayer player_;
  std::string path_field_;
  // File > Save scene and Open scene: their dialogs, path fields and last outcome.
  bool save_scene_popup_ = false;
  bool open_scene_popup_ = false;
  std::string scene_path_;
  std::string scene_message_;
  bool scene_failed_ = false;
  std::vector<RecentFile> recent_;
  void scene_dialogs(const plot::Style& style, Explorer& explorer);
  void recent_menu(Explorer& explorer);
};

// The keyboard reference shown by ? and in the README.
std::vector<std::pair<std::string, std::string>> presentation_keys();

}  // namespace peviz
