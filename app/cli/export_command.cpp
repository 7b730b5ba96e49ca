#include "export_command.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <ostream>
#include <string>

#include "app/cli/figure_export.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/csv_views.hpp"
#include "app/export/csv_writer.hpp"
#include "app/export/export_options.hpp"
#include "app/params/param_io.hpp"
#include "app/views/registry.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

std::string views_help() {
  std::string text = "Views (CSV columns):\n";
  for (const CsvView& v : csv_views()) {
    text += "  " + std::string(v.name) +
            std::string(14 - std::min<std::size_t>(13, std::string(v.name).size()), ' ') +
            v.description + "\n" + std::string(16, ' ') + v.columns + "\n";
  }
  text +=
      "\nPictures: --out FILE.png renders any view of the window (peviz --help lists them and\n"
      "their options), headless, at --width x --height (1600 x 1000) times --scale, in\n"
      "--theme light | dark | contrast (light). --out FILE.svg writes vector graphics.\n"
      "--transparent leaves out the background (RGBA PNG, SVG without a background);\n"
      "--renderer cpu | gl picks who draws a PNG (cpu: no GPU, no display; gl: OpenGL via EGL).\n"
      "\nExamples:\n"
      "  peviz export encoding --d 128 --positions 50 --out pe.csv\n"
      "  peviz export wavelengths --scaling yarn --factor 32 --original-context 4096 --d 128 --out "
      "w.csv\n"
      "  peviz export attention --text \"dog bites man\" --scheme nope --mask none --out a.csv\n"
      "  peviz export long-context --d 128 --base 500000 --factor 8 --original-context 8192 --out "
      "lc.png\n";
  return text;
}

void add_options(CLI::App& app, ExportOptions& o) {
  app.add_option("view", o.view, "which view's numbers to write (listed below)")->required();
  app.add_option("--out", o.out, "output file: .csv writes the view's numbers, .png its picture")
      ->required();
  app.add_option("--scheme", o.scheme,
                 "sinusoidal | learned | rope | alibi | nope | t5 (default: sinusoidal)");
  app.add_option("--layout", o.layout, "sinusoidal columns: interleaved | concat")
      ->capture_default_str();
  app.add_option("--positions", o.positions, "number of positions N")->capture_default_str();
  app.add_option("--start", o.start, "first position p0")->capture_default_str();
  app.add_option("--d", o.d, "d_model (the head dimension for RoPE); even except for learned")
      ->capture_default_str();
  app.add_option("--base", o.base, "frequency base, > 1")->capture_default_str();
  app.add_option("--seed", o.seed, "seed of the learned table and the attention weights")
      ->capture_default_str();
  app.add_option("--metric", o.metric, "similarity: cosine | dot")->capture_default_str();
  app.add_option("--offset", o.offset, "shift: the offset k")->capture_default_str();
  app.add_option("--max-distance", o.max_distance,
                 "largest distance: rope-decay's last r (default 256), T5's bucket max_distance "
                 "(default 128)");
  app.add_option("--max-relative", o.max_relative,
                 "t5: relative positions -R..R (default 2 * max-distance)");
  app.add_option("--num-buckets", o.num_buckets, "t5: number of buckets")->capture_default_str();
  app.add_option("--heads", o.heads, "ALiBi: number of heads")->capture_default_str();
  app.add_option("--head", o.head, "attention under ALiBi: which head")->capture_default_str();
  app.add_option("--mask", o.mask, "causal | none (attention default causal; t5 default none)");
  app.add_option("--text", o.text, "attention: the sentence")->capture_default_str();
  app.add_option("--pairing", o.pairing, "RoPE pairs: interleaved | half-split")
      ->capture_default_str();
  app.add_option("--partial-rotary", o.partial_rotary, "RoPE: fraction of dimensions rotated")
      ->capture_default_str();
  app.add_option("--position-scale", o.position_scale,
                 "attention: strength of the positional signal, 0 = none")
      ->capture_default_str();
  app.add_option("--scaling", o.scaling, "none | linear | ntk | dynamic-ntk | yarn | llama3")
      ->capture_default_str();
  app.add_option("--factor", o.factor, "context extension factor s >= 1")->capture_default_str();
  app.add_option("--original-context", o.original_context, "trained context L0")
      ->capture_default_str();
  app.add_option("--context", o.context,
                 "current context (dynamic NTK, angle ranges); default factor * original-context");
  app.add_option("--low-freq-factor", o.low_freq_factor, "llama3")->capture_default_str();
  app.add_option("--high-freq-factor", o.high_freq_factor, "llama3")->capture_default_str();
  app.add_option("--beta-fast", o.beta_fast, "yarn")->capture_default_str();
  app.add_option("--beta-slow", o.beta_slow, "yarn")->capture_default_str();
}

std::string extension_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The window's parameter model judges every option first (its ranges, whole numbers,
// an even d, text that is UTF-8), so that a CSV export accepts what the window and the
// picture export accept and nothing more: the view's own parameters, then the shared ones.
void check_like_the_window(int argc, const char* const* argv) {
  if (argc < 2) return;
  const std::string csv_view = argv[1];
  const std::string name = csv_view == "attention" ? "playground" : csv_view;
  std::vector<std::pair<std::string, std::string>> options;
  try {
    options = option_pairs(std::vector<std::string>(argv + 2, argv + argc));
  } catch (const InvalidArgument&) {
    return;  // not name-value pairs: CLI11 says what is wrong
  }
  std::vector<std::unique_ptr<View>> views = make_views();
  View* view = nullptr;
  for (auto& v : views) {
    if (name == v->name()) view = v.get();
  }
  if (view == nullptr) return;
  SharedParams shared;
  for (const auto& [key, value] : options) {
    if (key == "out") continue;
    ParamSetter own(key, value);
    view->visit(own);
    if (own.found()) continue;
    ParamSetter common(key, value);
    shared.visit(common);
  }
}

}  // namespace

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

int run_export(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  if (wants_figure(argc, argv)) return run_figure_export(argc, argv, err);
  // A file name that picks no format is said before the options are read, which would
  // otherwise report the picture's options (--width) as unexpected.
  if (const std::string path = out_option(argc, argv); !path.empty() && extension_of(path) != ".csv") {
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(path, ec) || path.back() == '/';
    err << "peviz export: "
        << (folder ? "--out '" + path + "' is a folder: name a file ending in .png, .svg or .csv (or "
                                        "write every view into a folder with: peviz export all "
                                        "--out-dir " + path + ")"
                   : "cannot tell the format of '" + path +
                         "': use .csv (the numbers behind the view), .png or .svg (the picture)")
        << "\n";
    return 2;
  }
  ExportOptions o;
  CLI::App app{"Write the numbers behind a peviz view, with no window and no display.",
               "peviz export"};
  app.footer(views_help());
  add_options(app, o);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "peviz export: " << e.what() << " (see peviz export --help)\n";
    return 2;
  }

  try {
    check_like_the_window(argc, argv);
    if (!is_csv_view(o.view)) {
      std::string names;
      for (const CsvView& v : csv_views())
        names += (names.empty() ? "" : ", ") + std::string(v.name);
      throw InvalidArgument("unknown view '" + o.view + "' (choose " + names + ")");
    }
    const std::string ext = extension_of(o.out);
    if (ext != ".csv") {
      throw InvalidArgument(
          "cannot tell the format of '" + o.out +
          "': use .csv (the numbers behind the view), .png or .svg (the picture)");
    }
    AtomicFile file(o.out);
    CsvWriter csv(file);
    write_csv_view(o, csv);
    csv.flush();
    file.commit();
  } catch (const InvalidArgument& e) {
    err << "peviz export: " << e.what() << "\n";
    return 2;
  } catch (const WriteError& e) {
    err << "peviz export: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    err << "peviz export: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace peviz
