// Every #include of app/ and core/ runs downward through the layers that app/CMakeLists.txt
// declares (peviz_layer): a folder includes only its own layer, the layers below it, and the
// system headers its layer names. The table comes from the CMake calls (PEVIZ_LAYER_TABLE), so
// the link graph and this check cannot disagree. A second test runs the same check on a small
// fake tree (tests/app/layers_fixture, files named *.cpp.txt so that nothing compiles or
// formats them) and expects every violation planted there.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef PEVIZ_SOURCE_DIR
#error "PEVIZ_SOURCE_DIR must name the source root"
#endif
#ifndef PEVIZ_LAYER_TABLE
#error "PEVIZ_LAYER_TABLE must name the layer table written by app/CMakeLists.txt"
#endif

namespace {

namespace fs = std::filesystem;

struct Layer {
  std::string name;
  std::string dir;  // relative to the source root: "app/views", "core", "app" (main.cpp)
  std::vector<std::string> deps;
  std::vector<std::string> includes;  // header groups
};

struct LayerTable {
  std::map<std::string, std::vector<std::string>> groups;  // name -> header prefixes
  std::vector<std::string> everywhere;                     // groups every layer may include
  std::vector<Layer> layers;
};

// Lines: "group NAME PREFIX...", "everywhere GROUP...",
// "layer NAME DIR deps: LAYER... includes: GROUP...".
LayerTable read_layer_table(const fs::path& file) {
  LayerTable table;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, word;
    words >> kind;
    if (kind == "group") {
      std::string name;
      words >> name;
      while (words >> word) table.groups[name].push_back(word);
    } else if (kind == "everywhere") {
      while (words >> word) table.everywhere.push_back(word);
    } else if (kind == "layer") {
      Layer layer;
      words >> layer.name >> layer.dir;
      std::vector<std::string>* into = nullptr;
      while (words >> word) {
        if (word == "deps:") {
          into = &layer.deps;
        } else if (word == "includes:") {
          into = &layer.includes;
        } else if (into != nullptr) {
          into->push_back(word);
        }
      }
      table.layers.push_back(layer);
    }
  }
  return table;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& s) {
  return std::find(items.begin(), items.end(), s) != items.end();
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The layers `name` may include below itself, nearest first.
std::vector<std::string> reachable(const LayerTable& table, const std::string& name) {
  std::map<std::string, const Layer*> by_name;
  for (const Layer& l : table.layers) by_name[l.name] = &l;
  std::vector<std::string> out;
  std::vector<std::string> queue = {name};
  for (std::size_t k = 0; k < queue.size(); ++k) {
    const auto it = by_name.find(queue[k]);
    if (it == by_name.end()) continue;
    for (const std::string& dep : it->second->deps) {
      if (dep == name || contains(out, dep)) continue;
      out.push_back(dep);
      queue.push_back(dep);
    }
  }
  return out;
}

struct Directive {
  int line;
  bool angled;
  std::string name;
};

std::vector<Directive> includes_of(const fs::path& file) {
  static const std::regex directive(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::ifstream in(file);
  std::vector<Directive> out;
  std::string line;
  std::smatch m;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find("include") != std::string::npos && std::regex_search(line, m, directive))
      out.push_back({n, m[1].str() == "<", m[2].str()});
  }
  return out;
}

// Checks every source under root/app and root/core against the table and returns one line per
// violation. Sources are *.cpp, *.hpp and *.h followed by `suffix` (".txt" for the fixture);
// reports name them without the suffix.
std::vector<std::string> check_layers(const fs::path& root, const LayerTable& table,
                                      const std::string& suffix) {
  std::map<std::string, const Layer*> by_dir;
  for (const Layer& l : table.layers) by_dir[l.dir] = &l;
  const auto exists = [&](const std::string& rel) {
    return fs::is_regular_file(root / rel) || fs::is_regular_file(root / (rel + suffix));
  };

  std::vector<std::string> files;
  for (const char* top : {"app", "core"}) {
    if (!fs::is_directory(root / top)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      const std::string path = entry.path().generic_string();
      if (!entry.is_regular_file()) continue;
      for (const char* ext : {".cpp", ".hpp", ".h"}) {
        const std::string end = ext + suffix;
        if (path.size() > end.size() &&
            path.compare(path.size() - end.size(), end.size(), end) == 0) {
          files.push_back(fs::relative(entry.path(), root).generic_string());
        }
      }
    }
  }
  std::sort(files.begin(), files.end());

  std::vector<std::string> violations;
  for (const std::string& file : files) {
    const std::string shown = file.substr(0, file.size() - suffix.size());
    const std::string dir = fs::path(file).parent_path().generic_string();
    const auto own = by_dir.find(dir);
    if (own == by_dir.end()) {
      violations.push_back(shown + ": folder " + dir +
                           " is no layer (add a peviz_layer call to app/CMakeLists.txt)");
      continue;
    }
    const Layer& layer = *own->second;
    const std::vector<std::string> below = reachable(table, layer.name);
    for (const Directive& d : includes_of(root / file)) {
      const std::string where = shown + ":" + std::to_string(d.line) + " includes ";
      // A quoted name is a project file: from the root (app/, core/) or next to the includer.
      // One that is not there comes from the include path, like an angled one.
      std::string target;
      if (!d.angled) {
        if (starts_with(d.name, "app/") || starts_with(d.name, "core/")) {
          target = d.name;
        } else {
          const std::string near = (fs::path(dir) / d.name).lexically_normal().generic_string();
          if (exists(near)) target = near;
        }
      }
      if (!target.empty()) {
        const auto to = by_dir.find(fs::path(target).parent_path().generic_string());
        if (to == by_dir.end()) {
          violations.push_back(where + target + ", which is in no layer");
        } else if (to->second != &layer && !contains(below, to->second->name)) {
          violations.push_back(where + target + " (" + layer.name + " may include " +
                               (below.empty() ? "no other layer" : join(below)) + ")");
        }
        continue;
      }
      // Standard headers (<vector>, <cmath>) have neither a '.' nor a '/'.
      if (d.name.find_first_of("./") == std::string::npos) continue;
      const std::string written = d.angled ? "<" + d.name + ">" : "\"" + d.name + "\"";
      std::string group;
      for (const auto& [name, prefixes] : table.groups) {
        for (const std::string& p : prefixes) {
          if (starts_with(d.name, p)) group = name;
        }
      }
      if (group.empty()) {
        violations.push_back(where + written +
                             ", which no peviz_header_group in app/CMakeLists.txt names");
      } else if (!contains(layer.includes, group) && !contains(table.everywhere, group)) {
        std::vector<std::string> allowed = {"standard"};
        for (const std::string& g : table.everywhere) allowed.push_back(g);
        for (const std::string& g : layer.includes) allowed.push_back(g);
        violations.push_back(where + written + ", from header group " + group + " (" + layer.name +
                             " may include " + join(allowed) + " headers)");
      }
    }
  }
  return violations;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += s + "\n";
  return out;
}

const LayerTable& real_table() {
  static const LayerTable table = read_layer_table(PEVIZ_LAYER_TABLE);
  return table;
}

TEST(Layers, TableIsTheOneFromCMake) {
  const LayerTable& table = real_table();
  ASSERT_GE(table.layers.size(), 14u) << "no layer table at " << PEVIZ_LAYER_TABLE;
  std::set<std::string> names;
  for (const Layer& l : table.layers) names.insert(l.name);
  for (const char* name : {"core", "params", "plot", "views", "state", "compare", "jobs", "lesson",
                           "gl", "plot_backend", "render", "export", "cli", "window", "main"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
  for (const Layer& l : table.layers) {
    // Every layer's folder exists, every dependency is a layer, and none depends on itself
    // through others (the layers form a ladder, not a loop).
    EXPECT_TRUE(fs::is_directory(fs::path(PEVIZ_SOURCE_DIR) / l.dir)) << l.dir;
    for (const std::string& dep : l.deps) EXPECT_TRUE(names.count(dep)) << l.name << " -> " << dep;
    for (const std::string& g : l.includes)
      EXPECT_TRUE(table.groups.count(g)) << l.name << ": " << g;
    for (const std::string& dep : l.deps) {
      EXPECT_FALSE(contains(reachable(table, dep), l.name)) << l.name << " and " << dep;
    }
  }
  EXPECT_EQ(reachable(table, "views"),
            (std::vector<std::string>{"params", "plot", "figures", "core"}));
}

TEST(Layers, EveryIncludeOfTheTreeRunsDownward) {
  const std::vector<std::string> violations = check_layers(PEVIZ_SOURCE_DIR, real_table(), "");
  EXPECT_TRUE(violations.empty()) << violations.size() << " include(s) against the layers:\n"
                                  << lines(violations);
  // Not vacuous: the tree has well over a hundred sources.
  int sources = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(PEVIZ_SOURCE_DIR) / "app")) {
    sources += entry.path().extension() == ".cpp" || entry.path().extension() == ".hpp";
  }
  EXPECT_GT(sources, 100);
}

TEST(Layers, FixtureViolationsAreAllReported) {
  const fs::path fixture = fs::path(PEVIZ_SOURCE_DIR) / "tests/app/layers_fixture";
  ASSERT_TRUE(fs::is_directory(fixture)) << fixture;
  const std::vector<std::string> expected = {
      "app/nolayer/thing.cpp: folder app/nolayer is no layer (add a peviz_layer call to "
      "app/CMakeLists.txt)",
      "app/plot/uses_backend.cpp:3 includes app/plot/backend/fonts.hpp (plot may include core)",
      "app/views/bad_view.cpp:3 includes <imgui.h>, from header group imgui (views may include "
      "standard, eigen headers)",
      "app/views/bad_view.cpp:4 includes app/window/explorer.hpp (views may include params, plot, "
      "figures, core)",
      "app/views/bad_view.cpp:5 includes app/state/state.hpp (views may include params, plot, "
      "figures, core)",
      "app/views/bad_view.cpp:6 includes \"stb_truetype.h\", from header group stb (views may "
      "include standard, eigen headers)",
      "app/views/bad_view.cpp:7 includes <fmt/format.h>, which no peviz_header_group in "
      "app/CMakeLists.txt names",
      "app/views/bad_view.cpp:8 includes <GLFW/glfw3.h>, from header group glfw (views may include "
      "standard, eigen headers)",
      "core/bad_core.hpp:4 includes app/views/view.hpp (core may include no other layer)",
  };
  EXPECT_EQ(check_layers(fixture, real_table(), ".txt"), expected);
}

}  // namespace
