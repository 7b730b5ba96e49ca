#include "figure_command.hpp"

#include <ostream>
#include <string>
#include <vector>

#include "app/figures/paper_figure.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {

void require_figure_name(const std::string& name) {
  if (figures::paper_figure_index(name) >= 0) return;
  std::vector<std::string> names;
  for (const char* n : figures::paper_figure_names()) names.emplace_back(n);
  const std::string near = closest(name, names);
  if (!near.empty()) {
    throw InvalidArgument("unknown figure '" + name + "' (did you mean '" + near +
                          "'? peviz figure list shows them all)");
  }
  std::string all;
  for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
  throw InvalidArgument("unknown figure '" + name + "' (choose " + all + ")");
}

int run_figure(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const std::string what = argc >= 2 ? argv[1] : "";
  if (what == "--help" || what == "-h" || what == "help") {
    out << "peviz figure list     the paper figures: name, caption, parameters, source\n"
           "peviz --figure NAME   opens the window on one of them\n"
           "peviz export figure NAME --out F.png|F.svg|F.csv [--width W --height H --theme T]\n";
    return 0;
  }
  if (what != "list" || argc > 2) {
    err << "peviz figure: "
        << (what.empty() ? std::string("say what: peviz figure list")
                         : "unknown command '" +
                               std::string(argc > 2 && what == "list" ? argv[2] : what.c_str()) +
                               "' (peviz figure list shows the paper figures)")
        << "\n";
    return 2;
  }
  for (const figures::PaperFigure& f : figures::paper_figures()) {
    out << f.name << "\n"
        << "  " << f.title << "\n"
        << "  " << f.caption << "\n"
        << "  parameters: " << f.parameters << "\n"
        << "  source: " << f.source << "\n"
        << "  peviz --figure " << f.name << "    peviz export figure " << f.name << " --out "
        << f.name << ".png\n\n";
  }
  return 0;
}

}  // namespace peviz
