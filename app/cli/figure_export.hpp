// `peviz export VIEW --out FILE.png|FILE.svg [options]`: renders any view of the
// explorer headless (PNG: EGL surfaceless, no DISPLAY; SVG: vector elements), through the same
// builder and the same canvas the window uses, so the picture is what the window shows. Options are
// the window's parameter names (`peviz --help` lists them), plus the picture's
// --width, --height (default 1600 x 1000) and --scale (2 for high-DPI slides).
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"

namespace peviz {

// "--name value" and "--name=value" pairs, in order (throws InvalidArgument).
std::vector<std::pair<std::string, std::string>> option_pairs(const std::vector<std::string>& args);

// The SVG document of `figure` at width x height, laid out as the screen lays it out.
std::string figure_svg(const plot::Figure& figure, int width, int height, const plot::Style& style,
                       float font_scale);

// True when the arguments after "export" ask for pictures (--out ends in .png or .svg,
// or the view is `all`: every view into --out-dir DIR as --format png|svg).
bool wants_figure(int argc, const char* const* argv);

// argv[0] is "export". Returns the exit code: 0, or 2 with one line on `err`.
int run_figure_export(int argc, const char* const* argv, std::ostream& err);

}  // namespace peviz
