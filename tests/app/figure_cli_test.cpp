// The paper figures from the command line: `peviz figure list`, `peviz export figure NAME`
// into PNG, SVG and CSV (the same options as any export), and an unknown name refused with
// one line, a "did you mean", exit 2 and no file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/figures/paper_figure.hpp"
#include "run_process.hpp"

namespace peviz {
namespace {

namespace fs = std::filesystem;
using testing_process::run;

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("peviz_figure_cli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FigureCli, ListNamesEveryFigureWithItsSource) {
  const auto o = run({PEVIZ_EXE, "figure", "list"});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o);
  for (const figures::PaperFigure& f : figures::paper_figures()) {
    EXPECT_NE(o.out.find(std::string(f.name) + "\n"), std::string::npos) << f.name;
    EXPECT_NE(o.out.find(f.source), std::string::npos) << f.name;
    EXPECT_NE(o.out.find(std::string("peviz export figure ") + f.name), std::string::npos);
  }
}

TEST(FigureCli, ExportsPngSvgAndCsv) {
  const fs::path png = scratch("decay.png"), svg = scratch("alibi.svg"), csv = scratch("pi.csv");
  auto o = run({PEVIZ_EXE, "export", "figure", "rope-decay", "--out", png.string(), "--width",
                "800", "--height", "500", "--theme", "dark"});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o);
  const std::string p = read(png);
  ASSERT_GT(p.size(), 24u);
  EXPECT_EQ(p.substr(1, 3), "PNG");
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  const auto be = [&](std::size_t at) {
    return (static_cast<unsigned char>(p[at]) << 24) |
           (static_cast<unsigned char>(p[at + 1]) << 16) |
           (static_cast<unsigned char>(p[at + 2]) << 8) | static_cast<unsigned char>(p[at + 3]);
  };
  EXPECT_EQ(be(16), 800u);
  EXPECT_EQ(be(20), 500u);

  o = run({PEVIZ_EXE, "export", "figure", "alibi-bias", "--out", svg.string()});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o);
  EXPECT_NE(read(svg).find("<svg"), std::string::npos);

  o = run({PEVIZ_EXE, "export", "figure", "pi-bounds", "--out", csv.string()});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o);
  const std::string c = read(csv);
  EXPECT_EQ(c.rfind("panel,layer,label,x,y,value\n", 0), 0u);
  EXPECT_NE(c.find("32 ln c,,,294.73089190323"), std::string::npos);
  // The long form works too.
  o = run({PEVIZ_EXE, "export", "figure", "--name", "nope-visible", "--out", csv.string()});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o);
  EXPECT_NE(read(csv).find("keys seen by query 7 (causal),,,8"), std::string::npos);
}

TEST(FigureCli, UnknownNameIsOneLineExitTwoAndNoFile) {
  const fs::path out = scratch("none.png");
  fs::remove(out);
  auto o = run({PEVIZ_EXE, "export", "figure", "rope-decy", "--out", out.string()});
  EXPECT_TRUE(o.exited(2)) << testing_process::describe(o);
  EXPECT_EQ(o.err,
            "peviz export: unknown figure 'rope-decy' (did you mean 'rope-decay'? peviz figure "
            "list shows them all)\n");
  EXPECT_FALSE(fs::exists(out));
  o = run({PEVIZ_EXE, "export", "figure", "zzz", "--out", out.string()});
  EXPECT_TRUE(o.exited(2));
  EXPECT_NE(o.err.find("(choose sinusoidal-dot, rope-decay"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(out));
  // The window refuses it the same way, before opening.
  o = run({PEVIZ_EXE, "--figure", "alibi-bais", "--no-settings"});
  EXPECT_TRUE(o.exited(2)) << testing_process::describe(o);
  EXPECT_NE(o.err.find("did you mean"), std::string::npos) << o.err;
  o = run({PEVIZ_EXE, "figure", "show"});
  EXPECT_TRUE(o.exited(2));
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1);
}

}  // namespace
}  // namespace peviz
