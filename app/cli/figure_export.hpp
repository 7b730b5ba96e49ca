// `peviz export VIEW --out FILE.png|FILE.svg|FILE.csv [options]`: any view of the explorer
// headless (PNG: on the CPU or EGL surfaceless, no DISPLAY; SVG: vector elements; CSV: the
// view's own table, View::table, else the numbers its figure draws), through the same
// builder and the same canvas the window uses, so the file is what the window shows.
// Options are the window's parameter names (`peviz --help` lists them), set with ParamSetter
// on the view's own parameters, then the shared ones; one the view does not use is refused.
// The picture's --width, --height (default 1600 x 1000), --scale (2 for high-DPI slides),
// --theme, --transparent and --renderer are taken for every format. `attention` is the
// playground's attention weights (PlaygroundView::weights_table), CSV only.
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

// argv[0] is "export". Returns the exit code: 0, or 2 with one line on `err`.
int run_figure_export(int argc, const char* const* argv, std::ostream& err);

}  // namespace peviz
