// peviz: explore, teach and export the positional encodings of transformers.
//   peviz [--view NAME] [--OPTION VALUE ...]      open the window
//   peviz --view NAME [...] --screenshot F.png    render the window once, save it, exit
//   peviz export VIEW --out FILE.csv [...]        the numbers behind a view, no display needed
//   peviz --scene F.scene                         open a saved scene (export --save-scene)
//   peviz figure list                             the paper figures (peviz --figure NAME)
//   peviz preset list                             the model presets (assets/presets)
//   peviz check rope --preset NAME --inv-freq F   an implementation's RoPE against the reference
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/cli/check_command.hpp"
#include "app/cli/export_command.hpp"
#include "app/cli/figure_command.hpp"
#include "app/cli/lesson_command.hpp"
#include "app/cli/preset_command.hpp"
#include "app/cli/scene_file.hpp"
#include "app/window/window_app.hpp"
#include "core/validate.hpp"

namespace {

// "--name value" and "--name=value" pairs left over after the window's own options.
std::vector<std::pair<std::string, std::string>> parse_pairs(const std::vector<std::string>& args) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a.size() < 3) {
      throw peviz::InvalidArgument("unexpected argument '" + a + "' (options look like --d 64)");
    }
    const std::size_t eq = a.find('=');
    if (eq != std::string::npos) {
      out.emplace_back(a.substr(2, eq - 2), a.substr(eq + 1));
    } else if (i + 1 < args.size()) {
      out.emplace_back(a.substr(2), args[++i]);
    } else {
      throw peviz::InvalidArgument("option " + a + " needs a value");
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "export") == 0) {
    return peviz::run_export(argc - 1, argv + 1, std::cout, std::cerr);
  }
  if (argc >= 2 && std::strcmp(argv[1], "preset") == 0) {
    return peviz::run_preset(argc - 1, argv + 1, std::cout, std::cerr);
  }
  if (argc >= 2 && std::strcmp(argv[1], "check") == 0) {
    return peviz::run_check(argc - 1, argv + 1, std::cout, std::cerr);
  }
  if (argc >= 2 && std::strcmp(argv[1], "figure") == 0) {
    return peviz::run_figure(argc - 1, argv + 1, std::cout, std::cerr);
  }
  if (argc >= 2 && std::strcmp(argv[1], "lesson") == 0) {
    return peviz::run_lesson(argc - 1, argv + 1, std::cout, std::cerr);
  }
  peviz::WindowOptions options;
  CLI::App app{
      "peviz: explore, teach and export the positional encodings of transformers.\n"
      "  peviz export --help   lists the headless exports\n"
      "  peviz preset list     the model presets (--preset NAME)\n"
      "  peviz figure list     the paper figures (--figure NAME)\n"
      "  peviz check rope      checks an implementation's RoPE against a config.json",
      "peviz"};
  app.allow_extras();
  app.set_help_flag();  // our own --help prints the view options too
  bool help = false;
  app.add_flag("-h,--help", help, "print this help and exit");
  app.add_option("--width", options.width, "window width in pixels")
      ->capture_default_str()
      ->check(CLI::Range(200, 16384));
  app.add_option("--height", options.height, "window height in pixels")
      ->capture_default_str()
      ->check(CLI::Range(200, 16384));
  app.add_option("--screenshot", options.screenshot,
                 "render the window until the view is computed, save it to this PNG file, exit");
  app.add_option("--view", options.view, "the view to open (default: the last one used)");
  std::string figure;
  app.add_option("--figure", figure,
                 "open the window on this paper figure (the view 'figure'; peviz figure list)");
  std::string mouse;
  app.add_option("--mouse", mouse,
                 "screenshots: put the mouse at X,Y (window pixels) to show a hover");
  app.add_flag("--export-dialog", options.export_dialog,
               "tests: open the export dialog (Ctrl+E) once the view is drawn");
  app.add_option(
      "--export-on-start", options.export_on_start,
      "tests: once the view is drawn, export it from the dialog into this .png, .svg, "
      ".pdf or .csv file (1600 x 1000); with --screenshot, the shot shows the dialog after it");
  app.add_option("--lesson", options.lesson, "open this lesson file (see docs/lessons.md)");
  app.add_flag("--present", options.present, "start in presentation mode (F5 toggles it)");
  app.add_flag("--presenter", options.presenter,
               "with --lesson: a second window with the next step, the answer and the notes");
  app.add_option("--scene", options.scene,
                 "open this scene (a .scene file: File > Save scene, or export --save-scene)");
  app.add_option("--step", options.step, "with --lesson: the step to show first (1-based)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--theme", options.theme, "light | dark | contrast (T cycles them)")
      ->check(CLI::IsMember({"light", "dark", "contrast"}));
  app.add_option("--font-scale", options.font_scale, "text size, 0.8 to 3 (+ and - change it)")
      ->check(CLI::Range(0.8, 3.0));
  app.add_flag("--keys", options.show_keys, "open the overlay that lists the keys (? toggles it)");
  app.add_flag("--welcome", options.welcome,
               "open the welcome card (the first start does: the course, the keys)");
  app.add_flag("--tour", options.tour,
               "tests: show every step of --lesson in every theme, presenting; exit 1 if one "
               "fails");
  bool fresh = false;
  app.add_flag("--no-settings", fresh, "neither read nor write the remembered view and parameters");
  try {
    app.parse(argc, argv);
    if (help) {
      std::cout << app.help() << "\n" << peviz::window_options_help();
      return 0;
    }
    options.use_settings = !fresh;
    if (!mouse.empty()) {
      float x = 0, y = 0;
      char extra = 0;
      if (std::sscanf(mouse.c_str(), "%f,%f%c", &x, &y, &extra) != 2) {
        throw peviz::InvalidArgument("--mouse wants X,Y in window pixels (got '" + mouse + "')");
      }
      options.mouse = std::make_pair(x, y);
    }
    options.params = parse_pairs(app.remaining());
    if (!figure.empty()) {
      peviz::require_figure_name(figure);
      if (!options.view.empty() && options.view != "figure") {
        throw peviz::InvalidArgument("--figure opens the view 'figure': leave out --view " +
                                     options.view);
      }
      options.view = "figure";
      options.params.emplace(options.params.begin(), "name", figure);
    }
    if (!options.scene.empty()) {
      // Said before a window opens: a scene that cannot be read, or whose values are refused.
      if (!options.view.empty()) {
        throw peviz::InvalidArgument("--scene names its view: leave out --view " + options.view);
      }
      const peviz::Scene scene = peviz::read_scene(options.scene);
      if (scene.compare.empty()) {
        peviz::state_of(scene);
      } else {
        peviz::panels_of(scene);
      }
    }
    peviz::check_window_options(options);
  } catch (const CLI::ParseError& e) {
    std::cerr << "peviz: " << e.what() << " (see peviz --help)\n";
    return 2;
  } catch (const peviz::InvalidArgument& e) {
    std::cerr << "peviz: " << e.what() << "\n";
    return 2;
  }
  return peviz::run_window(options);
}
