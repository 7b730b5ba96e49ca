#include "export_command.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/figure_command.hpp"
#include "app/cli/figure_export.hpp"
#include "app/cli/rope_export.hpp"
#include "app/cli/xpos_export.hpp"
#include "app/params/param_io.hpp"
#include "app/views/playground_view.hpp"
#include "app/views/registry.hpp"
#include "app/views/shared_params.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

// "  name          what\n                columns\n", names padded to one column.
std::string view_line(const std::string& name, const std::string& what,
                      const std::string& columns) {
  std::string head = "  " + name;
  head.resize(std::max<std::size_t>(head.size() + 1, 18), ' ');
  return head + what + "\n" + std::string(18, ' ') + columns + "\n";
}

std::string export_help() {
  std::string text =
      "peviz export: a view of the window written with no window and no display.\n"
      "\n"
      "Usage:\n"
      "  peviz export VIEW --out FILE.csv [options]            the numbers behind the view\n"
      "  peviz export VIEW --out FILE.png|FILE.svg [options]   its picture\n"
      "  peviz export VIEW --compare \"a=1;a=2\" --out FILE     2 to 4 parameter sets, side by "
      "side\n"
      "  peviz export VIEW --out FILE.pdf [options]            vector PDF (heatmaps as images)\n"
      "  peviz export VIEW --animate \"name=from:to\" [--frames N] [--fps F] [--log]\n"
      "                   --out FILE.gif|FILE.mp4              one option moving, frame by frame\n"
      "  peviz export VIEW ... --save-scene F.scene            also save the picture's scene\n"
      "  peviz export --scene F.scene --out FILE [options]     the picture a scene describes\n"
      "  peviz export all --out-dir DIR [--format png|svg|pdf|csv] every view (all, or none)\n"
      "  peviz export attention --out FILE.csv [options]       the playground's attention "
      "weights\n"
      "  peviz export figure NAME --out FILE.png|svg|pdf|csv [options]\n"
      "                                     a paper's figure (peviz figure list names them)\n"
      "  peviz export rope --config config.json [--context N] --out FILE.json|FILE.csv\n"
      "                                     the RoPE a Hugging Face config implies, as "
      "transformers\n"
      "                                     computes it (inv_freq, both attention factors)\n"
      "  peviz export xpos [--d D] --out FILE.csv   xPos's per-pair scale zeta (pair,zeta)\n"
      "\n"
      "The options are the window's parameters, with the window's defaults, judged by the\n"
      "same rules. An option the view does not use is refused (with all: one no view uses).\n"
      "\n"
      "Views and their CSV columns (a header row, one record per line, %.17g numbers, empty\n"
      "fields for values that are not finite):\n";
  std::vector<std::unique_ptr<View>> views = make_views();
  for (const auto& v : views) {
    const TableColumns t = v->table_columns();
    if (t.names[0] != '\0') {
      text += view_line(v->name(), t.what, t.names);
    } else {
      text += view_line(v->name(), std::string(v->title()) + ": the numbers its figure draws",
                        "panel,layer,label,x,y,value");
    }
  }
  const TableColumns weights = PlaygroundView::weights_columns();
  text += view_line("attention", std::string(weights.what) + " (CSV only)", weights.names);
  text +=
      "\nPicture options (any format; a CSV ignores them):\n"
      "  --width, --height     the layout's size in pixels [16..16384; default 1600 x 1000]\n"
      "  --scale               draws every pixel, font and line this many times [0.25..8; "
      "default 1]\n"
      "  --theme               light|dark|contrast [default light]\n"
      "  --transparent         no background (RGBA PNG, SVG without a background rectangle)\n"
      "  --renderer            cpu|gl: who draws a PNG (cpu: no GPU, no display; gl: OpenGL via "
      "EGL)\n"
      "  --svg-text            outlines|editable: SVG text as glyph shapes that every renderer\n"
      "                        draws where the layout put them [default], or as <text> to edit\n"
      "                        (laid out right only where DejaVu Sans is installed)\n";
  SharedParams shared;
  ParamHelp model;
  shared.visit(model);
  text += "\nModel options (the views that use them; the window's sidebar):\n" + model.text();
  for (const auto& v : views) {
    ParamHelp own;
    v->visit(own);
    if (!own.text().empty()) text += std::string("\nView ") + v->name() + ":\n" + own.text();
  }
  text +=
      "\nExamples:\n"
      "  peviz export encoding --d 128 --positions 50 --out pe.csv\n"
      "  peviz export wavelengths --scheme rope --d 96 --partial-rotary 0.25 --out neox.csv\n"
      "  peviz export wavelengths --scheme rope --d 128 --scaling yarn --factor 32 --out w.csv\n"
      "  peviz export attention --text \"dog bites man\" --scheme nope --mask none --out a.csv\n"
      "  peviz export long-context --d 128 --base 500000 --factor 8 --original-context 8192 "
      "--out lc.png\n"
      "  peviz export encoding --animate \"base=10:100000\" --log --frames 48 --out base.gif\n"
      "  peviz export similarity --scheme rope --save-scene fig3.scene --out fig3.pdf\n"
      "  peviz export --scene fig3.scene --out fig3.png --scale 2\n";
  return text;
}

std::string extension_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The file --out names, if any ("" when there is none).
std::string out_option(int argc, const char* const* argv) {
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) path = argv[i + 1];
    if (a.rfind("--out=", 0) == 0) path = a.substr(6);
  }
  return path;
}

}  // namespace

int run_export(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      out << export_help();
      return 0;
    }
  }
  if (argc >= 2 && std::string(argv[1]) == "rope") return run_rope_export(argc, argv, err);
  if (argc >= 2 && std::string(argv[1]) == "xpos") return run_xpos_export(argc, argv, err);
  // `export figure NAME ...` is the figure view with --name NAME (`export figure --name NAME`
  // works as it is).
  if (argc == 2 && std::string(argv[1]) == "figure") {
    err << "peviz export: name the figure: peviz export figure NAME --out FILE.png (peviz figure "
           "list shows them)\n";
    return 2;
  }
  std::vector<std::string> translated;
  std::vector<const char*> pointers;
  if (argc >= 3 && std::string(argv[1]) == "figure" && std::string(argv[2]).rfind("--", 0) != 0) {
    try {
      require_figure_name(argv[2]);
    } catch (const InvalidArgument& e) {
      err << "peviz export: " << one_line(e.what()) << "\n";
      return 2;
    }
    translated = {argv[0], "figure", "--name", argv[2]};
    for (int i = 3; i < argc; ++i) translated.emplace_back(argv[i]);
    for (const std::string& a : translated) pointers.push_back(a.c_str());
    argc = static_cast<int>(pointers.size());
    argv = pointers.data();
  }
  // A file name that picks no format is said first, in words that say what would.
  const bool all = argc >= 2 && std::string(argv[1]) == "all";
  if (const std::string path = out_option(argc, argv); !all && !path.empty()) {
    const std::string ext = extension_of(path);
    if (ext != ".csv" && ext != ".png" && ext != ".svg" && ext != ".pdf" && ext != ".gif" &&
        ext != ".mp4") {
      std::error_code ec;
      const bool folder = std::filesystem::is_directory(path, ec) || path.back() == '/';
      err << "peviz export: "
          << one_line(
                 folder ? "--out '" + path +
                              "' is a folder: name a file ending in .png, .svg, .pdf or .csv (or "
                              "write "
                              "every view into a folder with: peviz export all --out-dir " +
                              path + ")"
                        : "cannot tell the format of '" + path +
                              "': use .csv (the numbers behind the view), .png, .svg or .pdf (the "
                              "picture), .gif or .mp4 (an animation, with --animate)")
          << "\n";
      return 2;
    }
  }
  return run_figure_export(argc, argv, err);
}

}  // namespace peviz
