#include "figure_export.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "app/cli/animation_export.hpp"
#include "app/cli/scene_file.hpp"
#include "app/compare/compare.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/csv_writer.hpp"
#include "app/export/figure_file.hpp"
#include "app/params/param_io.hpp"
#include "app/plot/style.hpp"
#include "app/plot/visible_range.hpp"
#include "app/render/page_buffer.hpp"
#include "app/state/scene.hpp"
#include "app/state/state.hpp"
#include "app/views/playground_view.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

double number(const std::string& name, const std::string& text, double lo, double hi) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v >= lo && v <= hi)) {
    char range[64];
    std::snprintf(range, sizeof range, "%g to %g", lo, hi);
    throw InvalidArgument("--" + name + " wants a number from " + range + " (got '" + text + "')");
  }
  return v;
}

// Options that may stand alone: `--transparent` is `--transparent true`.
bool is_flag(const std::string& key) {
  return key == "transparent";
}

bool boolean(const std::string& name, const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  throw InvalidArgument("--" + name + " is true or false (got '" + text + "')");
}

// The options that say how the picture is drawn rather than what it shows; false
// when `key` is not one of them.
bool picture_option(const std::string& key, const std::string& value, PictureOptions& picture) {
  if (key == "width") {
    picture.width = static_cast<int>(number(key, value, 16, 16384));
  } else if (key == "height") {
    picture.height = static_cast<int>(number(key, value, 16, 16384));
  } else if (key == "scale") {
    picture.scale = number(key, value, 0.25, 8);
  } else if (key == "theme") {
    picture.style = plot::theme_style(plot::theme_by_name(value));
  } else if (key == "transparent") {
    picture.transparent = boolean(key, value);
  } else if (key == "renderer") {
    if (value != "cpu" && value != "gl")
      throw InvalidArgument("--renderer is cpu or gl (got '" + value + "')");
    picture.renderer = value == "gl" ? PngRenderer::Gl : PngRenderer::Cpu;
  } else if (key == "svg-text") {
    // matplotlib's svg.fonttype: 'path' (the default) or 'none' (editable text).
    if (value != "outlines" && value != "editable")
      throw InvalidArgument("--svg-text is outlines or editable (got '" + value + "')");
    picture.editable_svg_text = value == "editable";
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> option_pairs(
    const std::vector<std::string>& args) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a.size() < 3) {
      throw InvalidArgument("unexpected argument '" + a + "' (options look like --d 64)");
    }
    const std::size_t eq = a.find('=');
    if (eq != std::string::npos) {
      out.emplace_back(a.substr(2, eq - 2), a.substr(eq + 1));
    } else if (a == "--log" && (i + 1 == args.size() || args[i + 1].rfind("--", 0) == 0)) {
      // --log alone is the animation's geometric steps (an empty value); --log true|false
      // is the wavelengths view's log scale.
      out.emplace_back("log", "");
    } else if (is_flag(a.substr(2))) {
      const bool valued = i + 1 < args.size() && (args[i + 1] == "true" || args[i + 1] == "false");
      out.emplace_back(a.substr(2), valued ? args[++i] : "true");
    } else if (i + 1 < args.size()) {
      out.emplace_back(a.substr(2), args[++i]);
    } else {
      throw InvalidArgument("option " + a + " needs a value");
    }
  }
  return out;
}

namespace {

// `attention` is no view: the CSV of the playground's attention weights.
constexpr const char* kAttention = "attention";

// The table a CSV of `job` holds: the view's own (View::table), for `attention` the
// playground's weights; empty when the CSV is the figure's numbers.
plot::TableWriter table_of(const State& job, bool attention) {
  if (!attention) return job.view().table(job.shared);
  return dynamic_cast<const PlaygroundView&>(job.view()).weights_table(job.shared);
}

// Refuses an option no job uses (`scheme` is always allowed): an option the window would
// not show for the view would change nothing in its file.
void refuse_unused(std::vector<State>& jobs, const std::vector<Setting>& options, bool all) {
  for (const auto& [key, value] : options) {
    if (key == "scheme") continue;
    bool used = false;
    for (State& job : jobs) used = used || job.uses(key);
    if (used) continue;
    if (all) throw InvalidArgument("no view uses '" + key + "' (see peviz export --help)");
    jobs.front().check_used({{key, value}});
  }
}

}  // namespace

int run_figure_export(int argc, const char* const* argv, std::ostream& err) {
  // A one-shot process that allocates tens of MiB once: fault them in 2 MiB at a time.
  prefer_huge_pages_for_heap();
  try {
    // `peviz export --scene F.scene --out x.png [options]`: the scene names the view.
    std::optional<Scene> scene;
    int first_option = 2;
    if (argc >= 2 && std::string(argv[1]).rfind("--scene", 0) == 0) {
      const std::string a = argv[1];
      std::string path;
      if (a.rfind("--scene=", 0) == 0) {
        path = a.substr(8);
      } else if (a == "--scene" && argc >= 3) {
        path = argv[2];
        first_option = 3;
      } else {
        throw InvalidArgument("--scene needs a file: peviz export --scene F.scene --out x.png");
      }
      scene = read_scene(path);
    }
    if (!scene && (argc < 2 || std::string(argv[1]).rfind("--", 0) == 0)) {
      throw InvalidArgument(
          "name the view first: peviz export VIEW --out FILE.png (or: all --out-dir DIR, or "
          "--scene F.scene)");
    }
    const std::string name = scene ? scene->view : std::string(argv[1]);
    const bool all = !scene && name == "all";
    const bool attention = !scene && name == kAttention;
    // One State per view written (`all`: every view), each at its view's first scheme.
    const State defaults;
    std::vector<State> jobs;
    std::vector<State> panels;  // a comparison's panels (from --compare or the scene)
    plot::FigureRequest zoom;   // the scene's zoomed windows
    if (scene) {
      jobs.push_back(state_of(*scene));
      panels = panels_of(*scene);
      zoom.windows = scene->zoom;
    }
    for (int i = 0; i < static_cast<int>(defaults.views().size()) && !scene; ++i) {
      const std::string own = defaults.views()[i]->name();
      if (!(all || name == own || (attention && own == "playground"))) continue;
      jobs.push_back(State::of_view(own));
    }
    if (jobs.empty()) {
      if (name == "compare") throw InvalidArgument(compare::kNotAView);
      throw InvalidArgument(
          refusal::unknown_view(name, defaults.view_names(), std::string(kAttention) + " or all"));
    }
    PictureOptions picture;
    if (scene) {
      picture.width = scene->width;
      picture.height = scene->height;
      picture.scale = scene->scale;
      picture.style = plot::theme_style(plot::theme_by_name(scene->theme));
      picture.transparent = scene->transparent;
    }
    std::string theme = scene ? scene->theme : "light";
    std::string out, out_dir, format = "png", spec, save_scene;
    std::optional<AnimationSpec> animation;
    AnimationSpec steps;  // --frames, --fps and --log, until --animate is seen
    bool stepped = false;
    std::vector<Setting> base;  // the view options, for --compare panels
    const std::vector<std::string> rest(argv + first_option, argv + argc);
    for (const auto& [key, value] : option_pairs(rest)) {
      if (key == "out" && !all) {
        out = value;
      } else if (key == "out-dir" && all) {
        out_dir = value;
      } else if (key == "format" && all) {
        if (value != "png" && value != "svg" && value != "pdf" && value != "csv")
          throw InvalidArgument("--format is png, svg, pdf or csv (got '" + value + "')");
        format = value;
      } else if (key == "save-scene" && !all) {
        save_scene = value;
      } else if (key == "animate" && !all) {
        if (!animation) animation = AnimationSpec{};
        parse_animate(value, *animation);
      } else if (key == "frames" || key == "fps" || (key == "log" && value.empty())) {
        stepped = true;
        if (key == "frames") {
          steps.frames = static_cast<int>(number(key, value, 2, kMaxAnimationFrames));
          if (steps.frames != std::stod(value))
            throw InvalidArgument("--frames wants a whole number (got '" + value + "')");
        } else if (key == "fps") {
          steps.fps = number(key, value, 1, 60);
        } else {
          steps.log = true;
        }
      } else if (picture_option(key, value, picture)) {
        if (key == "theme") theme = value;
        continue;
      } else if (key == "compare" && !all && !scene) {
        spec = value;
      } else {
        base.emplace_back(key, value);
        // As in the window: the view's own parameters first, then the shared ones.
        // With `all`, an option applies to every view that has it.
        bool found = false;
        for (State& job : jobs) found = job.try_set(key, value) || found;
        if (!found && all) throw InvalidArgument("no view has an option '" + key + "'");
        if (!found) jobs.front().set_option(key, value);           // refuses, naming the view
        for (State& panel : panels) panel.set_option(key, value);  // a scene's comparison
      }
    }
    if (animation) {
      animation->frames = steps.frames;
      animation->fps = steps.fps;
      animation->log = steps.log;
    } else if (stepped) {
      throw InvalidArgument("--frames, --fps and --log go with --animate \"name=from:to\"");
    }
    const bool moving = !all && !animation_format(out).empty();
    if (moving && !animation) {
      throw InvalidArgument("'" + out +
                            "' is an animation: add --animate \"name=from:to\" (e.g. "
                            "--animate \"base=10:100000\" --log)");
    }
    if (animation && !moving) {
      throw InvalidArgument("--animate writes a .gif or an .mp4 (got --out '" + out + "')");
    }
    if (animation && (!spec.empty() || !panels.empty())) {
      throw InvalidArgument("--animate draws one view: it cannot animate a comparison");
    }
    if (animation && !zoom.windows.empty()) {
      throw InvalidArgument("--animate draws the whole range: a zoomed scene cannot be animated");
    }
    if (animation && !save_scene.empty()) {
      throw InvalidArgument("--save-scene saves a picture; an animation has no single scene");
    }
    if (all && out_dir.empty()) throw InvalidArgument("--out-dir DIR is required with all");
    if (!all && out.empty()) {
      throw InvalidArgument(attention ? "--out FILE.csv is required"
                                      : "--out FILE.png, FILE.svg, FILE.pdf or FILE.csv is "
                                        "required");
    }
    if (!save_scene.empty() && attention) {
      throw InvalidArgument("--save-scene saves a picture's scene; 'attention' is a table");
    }
    if (attention && (figure_format(out) != "csv" || !spec.empty())) {
      throw InvalidArgument(
          "'attention' is the playground's attention weights as CSV (--out FILE.csv, no "
          "--compare); for its picture: peviz export playground --out FILE.png");
    }
    for (State& job : jobs) {
      if (!all) job.check_scheme();
      // all: each view at its own scheme
      if (!job.shows_scheme()) job.shared.scheme = job.view().schemes().front();
    }
    refuse_unused(jobs, base, all);
    if (animation) {
      write_animation(jobs.front(), *animation, picture, out);
      return 0;
    }
    {
      const int width = picture.pixel_width(), height = picture.pixel_height();
      if (width < 16 || height < 16 || width > 16384 || height > 16384) {
        throw InvalidArgument("the picture would be " + std::to_string(width) + " x " +
                              std::to_string(height) + " pixels; each side must be 16 to 16384");
      }
    }
    const bool csv = all ? format == "csv" : figure_format(out) == "csv";
    // A CSV of a view with a table of its own is that table (View::table), not its figure.
    std::vector<plot::TableWriter> tables;
    for (const State& job : jobs) {
      tables.push_back(csv && spec.empty() && panels.empty() ? table_of(job, attention)
                                                             : plot::TableWriter());
    }
    // The PNG renderer's fonts are made on the other core while the figures are built.
    FigureFileWriter writer;
    if (all ? format == "png" : figure_format(out) == "png") writer.prepare(picture);
    // Every figure first, so that bad parameters stop the export before any file is written.
    // The figure is laid out at the logical size; fonts and lines grow with --scale.
    const plot::FigureRequest request{picture.width, picture.height, zoom.windows};
    std::vector<plot::Figure> figures;
    if (!spec.empty()) panels = compare::apply_spec(jobs.front(), compare::parse_spec(spec));
    if (!panels.empty()) {
      const FigureBuilder compared =
          compare::comparison_builder(panels, picture.width, picture.height);
      figures.push_back(compared([](double) { return true; }));
      plot::show_windows(figures.back(), request);
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const State& job = jobs[i];
      if (!panels.empty()) break;  // the comparison stands for the view
      if (tables[i]) {
        figures.emplace_back();  // written from its table
        continue;
      }
      try {
        figures.push_back(job.builder(request)([](double) { return true; }));
        plot::show_windows(figures.back(), request);  // a scene's zoom: its visible range
      } catch (const std::exception& e) {
        throw InvalidArgument(all ? std::string(job.view().name()) + ": " + e.what()
                                  : std::string(e.what()));
      }
    }
    // A figure that shows a message instead of its panels is a request that cannot be
    // drawn: refused before any file is written (`all` writes all views or none).
    for (std::size_t i = 0; i < figures.size(); ++i) {
      const std::string& why = figures[i].refusal();
      if (why.empty()) continue;
      throw InvalidArgument(all ? std::string(jobs[i].view().name()) + ": " + why : why);
    }
    // What the reference accepts with a warning is said, and the file still written.
    for (std::size_t i = 0; i < figures.size(); ++i) {
      for (const std::string& w : figures[i].warnings) {
        err << "peviz export: warning: " << (all ? std::string(jobs[i].view().name()) + ": " : "")
            << w << "\n";
      }
    }
    if (all) {
      std::error_code ec;
      std::filesystem::create_directories(out_dir, ec);
      if (ec) throw WriteError("cannot create the folder '" + out_dir + "': " + ec.message());
    }
    // Tables first, each into its own temporary file, committed only when every table is
    // written: a table that cannot be made leaves no file of the export behind.
    std::vector<std::unique_ptr<AtomicFile>> pending;
    const auto path_of = [&](std::size_t i) {
      return all ? (std::filesystem::path(out_dir) /
                    (std::string(jobs[i].view().name()) + "." + format))
                       .string()
                 : out;
    };
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (!tables[i]) continue;
      auto file = std::make_unique<AtomicFile>(path_of(i));
      CsvWriter table(*file);
      try {
        tables[i](table);
      } catch (const InvalidArgument& e) {
        throw InvalidArgument(all ? std::string(jobs[i].view().name()) + ": " + e.what()
                                  : std::string(e.what()));
      }
      table.flush();
      pending.push_back(std::move(file));
    }
    // The scene's file is made before the picture's, so that a folder it cannot be written
    // to stops the export before any file is written.
    std::unique_ptr<AtomicFile> scene_file;
    if (!save_scene.empty()) {
      // The scene of what is written: the same command with --scene writes the same bytes.
      Scene saved = panels.empty() ? scene_of(jobs.front()) : scene_of(panels);
      saved.zoom = zoom.windows;
      saved.width = picture.width;
      saved.height = picture.height;
      saved.scale = picture.scale;
      saved.theme = theme;
      saved.transparent = picture.transparent;
      scene_file = std::make_unique<AtomicFile>(save_scene);
      scene_file->write(scene_text(saved));
    }
    for (std::size_t i = 0; i < figures.size(); ++i) {
      if (i < tables.size() && tables[i]) continue;
      writer.write(figures[i], path_of(i), picture);
    }
    for (auto& file : pending) file->commit();
    if (scene_file) scene_file->commit();
  } catch (const std::exception& e) {
    // One line, whatever the message quotes (a name with a line feed in it).
    err << "peviz export: " << one_line(e.what()) << "\n";
    return 2;
  }
  return 0;
}

}  // namespace peviz
