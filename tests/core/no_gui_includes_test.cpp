// core/ links only Eigen: no source there may include OpenGL, GLFW, libepoxy, EGL or ImGui
// (one concept per file, no GUI in core: README, Layout). PEVIZ_CORE_DIR is set by
// tests/core/CMakeLists.txt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#ifndef PEVIZ_CORE_DIR
#error "PEVIZ_CORE_DIR must name the core/ source directory"
#endif

namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Path pieces (split on '/', '\\' and '.') of an include name, lower-cased.
std::vector<std::string> pieces(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '/' || c == '\\' || c == '.') {
      if (!cur.empty()) out.push_back(lower(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(lower(cur));
  return out;
}

// True for GL/..., GLFW/..., epoxy/..., EGL/..., OpenGL/..., imgui*.h, backends/imgui_impl_*.
bool is_graphics_include(const std::string& path) {
  static const std::set<std::string> dirs = {"gl", "glfw", "epoxy", "egl", "opengl", "imgui"};
  const std::vector<std::string> p = pieces(path);
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (k + 1 < p.size() && dirs.count(p[k])) return true;  // a directory
    if (p[k].rfind("imgui", 0) == 0) return true;           // imgui.h, imgui_impl_glfw.h
    if (p[k].rfind("glfw", 0) == 0) return true;            // glfw3.h
  }
  return false;
}

// The names of every #include directive in a file (quoted or angled).
std::vector<std::string> includes_of(const fs::path& file) {
  static const std::regex directive(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::ifstream in(file);
  std::vector<std::string> out;
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, directive)) out.push_back(m[1].str());
  }
  return out;
}

TEST(NoGuiIncludes, ClassifierFlagsGraphicsHeadersOnly) {
  for (const char* bad : {"GL/gl.h", "GL/glext.h", "GLFW/glfw3.h", "epoxy/gl.h", "epoxy/egl.h",
                          "EGL/egl.h", "imgui.h", "imgui_internal.h", "backends/imgui_impl_glfw.h",
                          "backends/imgui_impl_opengl3.h", "OpenGL/gl3.h", "glfw3.h"}) {
    EXPECT_TRUE(is_graphics_include(bad)) << bad;
  }
  for (const char* good : {"Eigen/Core", "cmath", "vector", "rope.hpp", "global.hpp",
                           "core/validate.hpp", "algorithm", "eglise.hpp"}) {
    EXPECT_FALSE(is_graphics_include(good)) << good;
  }
}

TEST(NoGuiIncludes, ParserFindsDirectives) {
  const fs::path tmp = fs::temp_directory_path() / "peviz_no_gui_includes_probe.hpp";
  {
    std::ofstream out(tmp);
    out << "// #include <GL/gl.h> in a line comment does not count\n"
        << "#include <Eigen/Core>\n"
        << "  #  include \"GLFW/glfw3.h\"\n"
        << "#include<imgui.h>\n";
  }
  const std::vector<std::string> inc = includes_of(tmp);
  fs::remove(tmp);
  EXPECT_EQ(inc, (std::vector<std::string>{"Eigen/Core", "GLFW/glfw3.h", "imgui.h"}));
}

TEST(NoGuiIncludes, CoreHasNoGraphicsInclude) {
  const fs::path core = PEVIZ_CORE_DIR;
  ASSERT_TRUE(fs::is_directory(core)) << core;
  int files = 0, directives = 0;
  bool saw_eigen = false;
  for (const auto& entry : fs::recursive_directory_iterator(core)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    for (const std::string& inc : includes_of(entry.path())) {
      ++directives;
      if (inc.rfind("Eigen/", 0) == 0) saw_eigen = true;
      EXPECT_FALSE(is_graphics_include(inc)) << entry.path() << " includes <" << inc << ">";
    }
  }
  // Not vacuous: core/ has at least 17 header/source pairs and includes Eigen.
  EXPECT_GE(files, 34);
  EXPECT_GT(directives, 34);
  EXPECT_TRUE(saw_eigen);
}

}  // namespace
