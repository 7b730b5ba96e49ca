// peviz: explore, teach and export the positional encodings of transformers.
//   peviz                              open the window
//   peviz --screenshot FILE.png        render the window once, save it, exit
//   peviz export VIEW --out FILE.csv   the numbers behind a view, no display needed
#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>

#include "app/cli/export_command.hpp"
#include "app/window/window_app.hpp"

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "export") == 0) {
    return peviz::run_export(argc - 1, argv + 1, std::cout, std::cerr);
  }
  peviz::WindowOptions options;
  CLI::App app{
      "peviz: explore, teach and export the positional encodings of transformers.\n"
      "  peviz export --help   lists the headless exports",
      "peviz"};
  app.add_option("--width", options.width, "window width in pixels")
      ->capture_default_str()
      ->check(CLI::Range(200, 16384));
  app.add_option("--height", options.height, "window height in pixels")
      ->capture_default_str()
      ->check(CLI::Range(200, 16384));
  app.add_option("--screenshot", options.screenshot,
                 "render the window, save it to this PNG file and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "peviz: " << e.what() << " (see peviz --help)\n";
    return 2;
  }
  return peviz::run_window(options);
}
