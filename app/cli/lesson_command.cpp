#include "lesson_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/figure_export.hpp"  // option_pairs
#include "app/cli/lesson_deck.hpp"
#include "app/export/figure_file.hpp"
#include "app/lesson/lesson.hpp"
#include "core/text.hpp"  // one_line
#include "core/validate.hpp"

namespace peviz {
namespace {

constexpr const char* kHelp =
    "peviz lesson: lessons for the classroom (docs/lessons.md describes the format).\n"
    "\n"
    "Usage:\n"
    "  peviz lesson check FILE...   validate lesson files without opening a window: every\n"
    "                               step's view, parameters, animation and question,\n"
    "                               that the view can draw each step, and that every\n"
    "                               number the text quotes is shown by the step's figure\n"
    "                               ({{value:NAME}} fills one in, {{=TEXT}} is left alone)\n"
    "  peviz lesson export FILE --slides --out DECK.pdf [--width W] [--height H] [--theme T]\n"
    "                               the lesson as one PDF: a page per step (figure, text,\n"
    "                               question), the answer on the page after (docs/pdf.md)\n"
    "  peviz lesson export FILE --out-dir DIR [--format png|svg]\n"
    "                               every step's figure as a picture, headless (slides):\n"
    "                               DIR/step-01.png ..., and step-03-end.png for the end\n"
    "                               of a step's animation\n"
    "  peviz lesson list            the built-in course (assets/lessons/)\n"
    "  peviz lesson --help          this text\n"
    "\n"
    "check prints 'FILE: ok: 7 steps, 2 questions' for a valid file and every problem\n"
    "as 'FILE:LINE: message' on stderr. Exit code: 0 all valid, 1 a file has problems\n"
    "or cannot be read, 2 a usage error. export exits 1 when the lesson has problems\n"
    "(and writes nothing), 2 for a usage error or a file it cannot write.\n"
    "\n"
    "Examples:\n"
    "  peviz lesson check my-lesson.lesson\n"
    "  peviz lesson check assets/lessons/*.lesson\n";

bool is_help(const std::string& a) {
  return a == "--help" || a == "-h" || a == "help";
}

int check(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int code = 0;
  for (const std::string& file : files) {
    LessonParse parsed = load_lesson(file);
    // Parsing proves that every parameter is accepted; drawing proves the view can show it.
    // Both are reported together (the drawing on the steps that parsed).
    const std::vector<LessonProblem> problems = all_problems(parsed);
    if (problems.empty()) {
      out << file << ": ok: " << lesson_summary(*parsed.lesson) << "\n";
      continue;
    }
    code = 1;
    for (const LessonProblem& p : problems) err << format_problem(file, p) << "\n";
  }
  return code;
}

// Every step's Figure into DIR, all figures first so that a bad step writes nothing.
int export_steps(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string file, dir, format = "png";
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (is_help(a)) {
      out << kHelp;
      return 0;
    }
    if (a == "--out-dir" && has_value) {
      dir = args[++i];
    } else if (a == "--format" && has_value) {
      format = args[++i];
      if (format != "png" && format != "svg") {
        err << "peviz lesson export: --format is png or svg (got '" << format << "')\n";
        return 2;
      }
    } else if (a.rfind("-", 0) == 0 || !file.empty()) {
      err << "peviz lesson export: unexpected '" << a
          << "' (usage: peviz lesson export FILE --out-dir DIR [--format png|svg])\n";
      return 2;
    } else {
      file = a;
    }
  }
  if (file.empty() || dir.empty()) {
    err << "peviz lesson export: usage: peviz lesson export FILE --out-dir DIR [--format "
           "png|svg]\n";
    return 2;
  }
  const LessonParse parsed = load_lesson(file);
  if (!parsed.ok()) {
    for (const LessonProblem& p : parsed.problems) err << format_problem(file, p) << "\n";
    return 1;
  }
  PictureOptions options;
  const plot::FigureRequest request{options.width, options.height, {}};
  std::vector<std::pair<std::string, plot::Figure>> figures;
  int index = 0;
  for (const LessonStep& step : parsed.lesson->steps) {
    char name[32];
    std::snprintf(name, sizeof name, "step-%02d", ++index);
    try {
      figures.emplace_back(name, step_figure(step, request));
      if (step.animation)
        figures.emplace_back(std::string(name) + "-end", step_figure(step, request, true));
    } catch (const std::exception& e) {
      err << format_problem(file, {step.line, "step '" + step.title + "': " + e.what()}) << "\n";
      return 1;
    }
  }
  try {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw InvalidArgument("cannot create the folder '" + dir + "': " + ec.message());
    FigureFileWriter writer;
    for (const auto& [name, figure] : figures) {
      const std::string path = (std::filesystem::path(dir) / (name + "." + format)).string();
      writer.write(figure, path, options);
      out << path << "\n";
    }
  } catch (const std::exception& e) {
    err << "peviz lesson export: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int run_lesson(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    err << "peviz lesson: say what to do: peviz lesson check FILE... (see peviz lesson --help)\n";
    return 2;
  }
  if (is_help(args[0])) {
    out << kHelp;
    return 0;
  }
  if (args[0] == "list") {
    if (args.size() > 1) {
      err << "peviz lesson list: takes no arguments (got '" << args[1] << "')\n";
      return 2;
    }
    for (const auto& path : builtin_lessons()) out << path.string() << "\n";
    return 0;
  }
  if (args[0] == "export" && std::find(args.begin(), args.end(), "--slides") != args.end()) {
    // peviz lesson export FILE --slides --out DECK.pdf [...]: one PDF (lesson_deck.hpp).
    const std::string file = args.size() > 1 && args[1] != "--slides" ? args[1] : "";
    std::vector<std::string> rest;
    for (std::size_t i = 2; i < args.size(); ++i) {
      if (args[i] != "--slides") rest.push_back(args[i]);
    }
    try {
      if (file.empty() || file.rfind("-", 0) == 0) {
        throw InvalidArgument(
            "name the lesson file first: peviz lesson export FILE --slides --out DECK.pdf");
      }
      return run_lesson_deck(file, option_pairs(rest), out, err);
    } catch (const InvalidArgument& e) {
      err << "peviz lesson export: " << one_line(e.what()) << "\n";
      return 2;
    }
  }
  if (args[0] == "export") return export_steps(args, out, err);
  if (args[0] != "check") {
    err << "peviz lesson: unknown command '" << args[0]
        << "' (use: peviz lesson check FILE...; see peviz lesson --help)\n";
    return 2;
  }
  std::vector<std::string> files;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (is_help(args[i])) {
      out << kHelp;
      return 0;
    }
    if (args[i].rfind("-", 0) == 0) {
      err << "peviz lesson check: unknown option '" << args[i] << "' (see peviz lesson --help)\n";
      return 2;
    }
    files.push_back(args[i]);
  }
  if (files.empty()) {
    err << "peviz lesson check: name at least one lesson file: peviz lesson check FILE...\n";
    return 2;
  }
  return check(files, out, err);
}

}  // namespace peviz
