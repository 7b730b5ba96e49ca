// Scenes (app/state/scene.hpp): a picture's view, parameters, compare panels, zoom and
// picture options in a small JSON file that reproduces it. Checked as a user relies on it:
// every view's state survives the file, `peviz export --scene` writes the same bytes as the
// export that saved the scene, a zoomed scene shows its window, and a bad scene is one line
// with no file written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/scene_file.hpp"
#include "app/plot/visible_range.hpp"
#include "app/state/scene.hpp"
#include "app/state/state.hpp"
#include "core/validate.hpp"
#include "png_image.hpp"
#include "run_process.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SceneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_scene_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // `peviz export ARGS...` with no display; its exit code, stderr in err_.
  int run(std::vector<std::string> args) {
    args.insert(args.begin(), {PEVIZ_EXE, "export"});
    const testing_process::Outcome o = testing_process::run(args, {120.0, 4096, {}, {"DISPLAY="}});
    err_ = o.err;
    return o.signal == 0 ? o.exit_code : -1;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  long files() const {
    return std::distance(fs::directory_iterator(dir_), fs::directory_iterator());
  }
  fs::path dir_;
  std::string err_;
};

TEST(Scene, EveryViewAndSchemeSurvivesTheFile) {
  State defaults;
  int checked = 0;
  for (const std::string& view : defaults.view_names()) {
    State probe;
    probe.select_view(view);
    for (Scheme scheme : probe.view().schemes()) {
      State state;
      state.select_view(view);
      state.select_scheme(scheme);
      state.set_option("d", "32");  // a value away from the default, where the view uses d
      const Scene scene = scene_of(state);
      const std::string text = scene_text(scene);
      const Scene read = parse_scene(text);
      EXPECT_EQ(read, scene) << view;
      EXPECT_EQ(scene_text(read), text) << view;  // the same bytes again
      State restored = state_of(read);
      EXPECT_EQ(restored.view().name(), std::string(view));
      EXPECT_EQ(scene_of(restored), scene) << view;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(Scene, ComparisonZoomAndPictureRoundTripExactly) {
  Scene scene;
  scene.view = "wavelengths";
  scene.settings = {{"scheme", "rope"}, {"base", "10000"}};
  scene.compare = {{{"scheme", "rope"}, {"base", "10000"}}, {{"scheme", "rope"}, {"base", "500"}}};
  // Doubles that need all 17 digits come back with the same bits.
  scene.zoom = {{"A/grid", {0.1, 1.0 / 3.0, 2.0 / 7.0, 1e300}}};
  scene.width = 1234;
  scene.height = 567;
  scene.scale = 1.5;
  scene.theme = "dark";
  scene.transparent = true;
  const Scene read = parse_scene(scene_text(scene));
  EXPECT_EQ(read, scene);
  EXPECT_EQ(read.zoom[0].second.x_hi, 1.0 / 3.0);
  const std::vector<State> panels = panels_of(read);
  ASSERT_EQ(panels.size(), 2u);
  EXPECT_EQ(panels[1].shared.base, 500.0);
  EXPECT_EQ(panels[0].shared.scheme, Scheme::Rope);
}

TEST(Scene, BadScenesAreOneLineNamingWhatIsWrong) {
  const auto refusal = [](const std::string& text) {
    try {
      Scene s = parse_scene(text);
      if (s.compare.empty()) {
        state_of(s);
      } else {
        panels_of(s);
      }
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(refusal("{").find("not JSON"), std::string::npos);
  EXPECT_NE(refusal("[]").find("peviz_scene"), std::string::npos);
  EXPECT_NE(refusal(R"({"peviz_scene": 2, "view": "encoding"})").find("newer peviz"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"peviz_scene": 1})").find("view"), std::string::npos);
  EXPECT_NE(refusal(R"({"peviz_scene": 1, "view": "encodign"})").find("did you mean 'encoding'"),
            std::string::npos);
  const std::string odd =
      refusal(R"({"peviz_scene": 1, "view": "encoding", "settings": {"d": 7}})");
  EXPECT_NE(odd.find("'d'"), std::string::npos) << odd;
  EXPECT_NE(odd.find("even"), std::string::npos) << odd;
  EXPECT_NE(refusal(R"({"peviz_scene": 1, "view": "encoding", "zoom": {"pe": [1, 0, 0, 1]}})")
                .find("x0 < x1"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"peviz_scene": 1, "view": "encoding", "picture": {"theme": "neon"}})")
                .find("unknown theme"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"peviz_scene": 1, "view": "encoding", "picture": {"width": 3}})")
                .find("16 to 16384"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"peviz_scene": 1, "view": "encoding", "compare": [{}]})").find("2 to 4"),
            std::string::npos);
  EXPECT_EQ(refusal(R"({"peviz_scene": 1, "view": "encoding", "settings": {"d": 64}})"),
            "accepted");
  for (const std::string& text : {std::string("{"), std::string(R"({"peviz_scene": 2})")}) {
    EXPECT_EQ(refusal(text).find('\n'), std::string::npos);
  }
}

TEST(Scene, ShowWindowsSetsTheZoomedPanelsAxes) {
  plot::Figure figure;
  figure.panels.resize(2);
  figure.panels[0].id = "pe";
  figure.panels[1].id = "other";
  figure.panels[1].x = {"x", 0.0, 10.0};
  plot::FigureRequest request{800, 600, {{"pe", {2.0, 5.0, 10.0, 20.0}}}};
  plot::show_windows(figure, request);
  EXPECT_EQ(figure.panels[0].x.lo, 2.0);
  EXPECT_EQ(figure.panels[0].x.hi, 5.0);
  EXPECT_EQ(figure.panels[0].y.lo, 10.0);
  EXPECT_EQ(figure.panels[0].y.hi, 20.0);
  EXPECT_EQ(figure.panels[1].x.hi, 10.0);  // not zoomed: untouched
}

TEST_F(SceneTest, AnExportsSceneReproducesItsBytes) {
  struct Case {
    std::vector<std::string> args;
    std::string ext;
  };
  const std::vector<Case> cases = {
      {{"encoding", "--d", "48", "--positions", "30", "--theme", "dark", "--width", "700",
        "--height", "420"},
       "png"},
      {{"wavelengths", "--scheme", "rope", "--base", "500", "--width", "640", "--height", "400"},
       "svg"},
      {{"waves", "--compare", "base=10000;base=100", "--width", "800", "--height", "500"}, "png"},
      {{"alibi", "--heads", "12", "--scale", "1.5", "--width", "500", "--height", "320"}, "png"},
  };
  int k = 0;
  for (const Case& c : cases) {
    const std::string first = path("first" + std::to_string(k) + "." + c.ext);
    const std::string again = path("again" + std::to_string(k) + "." + c.ext);
    const std::string scene = path("s" + std::to_string(k) + ".scene");
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--save-scene", scene, "--out", first});
    ASSERT_EQ(run(args), 0) << err_;
    ASSERT_TRUE(fs::exists(scene));
    ASSERT_EQ(run({"--scene", scene, "--out", again}), 0) << err_;
    const std::string a = slurp(first), b = slurp(again);
    EXPECT_GT(a.size(), 1000u);
    EXPECT_TRUE(a == b) << "case " << k << ": the scene's picture differs from the original";
    // Saving the scene again from the scene gives the same scene, byte for byte.
    const std::string scene2 = path("t" + std::to_string(k) + ".scene");
    ASSERT_EQ(run({"--scene", scene, "--save-scene", scene2, "--out", again}), 0) << err_;
    EXPECT_EQ(slurp(scene), slurp(scene2));
    ++k;
  }
  // The comparison's scene lists both panels.
  const Scene compared = read_scene(path("s2.scene"));
  ASSERT_EQ(compared.compare.size(), 2u);
  EXPECT_EQ(compared.view, "waves");
}

TEST_F(SceneTest, AZoomedSceneShowsItsWindow) {
  const std::string whole = path("whole.png"), zoomed = path("zoomed.png");
  ASSERT_EQ(run({"encoding", "--positions", "100", "--width", "600", "--height", "400",
                 "--save-scene", path("w.scene"), "--out", whole}),
            0)
      << err_;
  Scene scene = read_scene(path("w.scene"));
  ASSERT_TRUE(scene.zoom.empty());
  // The encoding heatmap's panel, zoomed to positions 0..10 of 100 (rows are positions).
  scene.zoom = {{"encoding", {-0.5, 63.5, -0.5, 9.5}}};  // positions 0..9 of 100
  write_scene(path("z.scene"), scene);
  ASSERT_EQ(run({"--scene", path("z.scene"), "--out", zoomed}), 0) << err_;
  const testing_png::Image a = testing_png::load(whole), b = testing_png::load(zoomed);
  ASSERT_EQ(a.width, b.width);
  ASSERT_EQ(a.height, b.height);
  // Ten rows fill the plot: each row is ten times taller, so far fewer colour changes
  // down a column in the middle of the heatmap.
  const auto changes = [](const testing_png::Image& img) {
    int n = 0;
    const int x = img.width / 3;
    for (int y = img.height / 5; y < img.height * 4 / 5; ++y) {
      const std::size_t i = (static_cast<std::size_t>(y) * img.width + x) * 3;
      const std::size_t j = i + static_cast<std::size_t>(img.width) * 3;
      n += std::abs(img.rgb[i] - img.rgb[j]) > 8 ? 1 : 0;
    }
    return n;
  };
  EXPECT_GT(changes(a), 3 * changes(b)) << changes(a) << " vs " << changes(b);
  EXPECT_GE(changes(b), 5);  // the zoomed rows are still drawn
}

TEST_F(SceneTest, BadScenesAndPathsWriteNothing) {
  std::ofstream(path("bad.scene")) << "{\"peviz_scene\": 1, \"view\": \"encoding\", "
                                      "\"settings\": {\"base\": \"0.5\"}}";
  EXPECT_EQ(run({"--scene", path("bad.scene"), "--out", path("x.png")}), 2);
  EXPECT_NE(err_.find("'base'"), std::string::npos) << err_;
  EXPECT_EQ(std::count(err_.begin(), err_.end(), '\n'), 1) << err_;
  EXPECT_EQ(run({"--scene", path("missing.scene"), "--out", path("x.png")}), 2);
  EXPECT_NE(err_.find("cannot read the scene"), std::string::npos) << err_;
  EXPECT_EQ(run({"--scene", dir_.string(), "--out", path("x.png")}), 2) << err_;
  // A scene that cannot be saved stops the export before the picture is written.
  EXPECT_EQ(run({"encoding", "--save-scene", "/proc/peviz/no.scene", "--out", path("y.png")}), 2);
  EXPECT_EQ(std::count(err_.begin(), err_.end(), '\n'), 1) << err_;
  EXPECT_EQ(files(), 1);  // bad.scene only
  EXPECT_EQ(run({"all", "--out-dir", path("d"), "--save-scene", path("a.scene")}), 2);
  EXPECT_EQ(files(), 1);
}

}  // namespace
}  // namespace peviz
