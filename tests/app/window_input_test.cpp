// The real window driven as a person drives it: keys sent by xdotool (the X server's
// own input, not ImGui's), the window title read back through X, the screen captured by
// ffmpeg's x11grab, and the CPU time of the process read from /proc. Run under xvfb-run
// (ctest does).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/scene_file.hpp"
#include "png_image.hpp"
#include "run_process.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

using testing_process::tool;

// peviz in the background, with a window found through its process id.
class Program {
 public:
  // `config_dir` empty: --no-settings; else the settings live there (PEVIZ_CONFIG_DIR).
  explicit Program(const std::vector<std::string>& args, const std::string& config_dir = "") {
    std::vector<std::string> argv = {PEVIZ_EXE};
    if (config_dir.empty()) argv.push_back("--no-settings");
    argv.insert(argv.end(), args.begin(), args.end());
    err_file_ = fs::temp_directory_path() / ("peviz_input_err_" + std::to_string(::getpid()) + "_" +
                                             std::to_string(++count_) + ".txt");
    const std::string err_path = err_file_.string();
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) ::dup2(fd, 2);
      if (!config_dir.empty()) ::setenv("PEVIZ_CONFIG_DIR", config_dir.c_str(), 1);
      std::vector<char*> a;
      for (std::string& s : argv) a.push_back(s.data());
      a.push_back(nullptr);
      ::execv(a[0], a.data());
      ::_exit(127);
    }
    // The window exists once xdotool finds it; it has drawn once its title names a view.
    // The process may own more than one X window (a toolkit's hidden helper has no title):
    // the program's window is the one whose title is peviz's.
    for (int i = 0; i < 400 && window_.empty(); ++i) {
      std::string out;
      if (tool({"/usr/bin/xdotool", "search", "--pid", std::to_string(pid_)}, &out) == 0) {
        std::istringstream lines(out);
        for (std::string id; window_.empty() && std::getline(lines, id);) {
          std::string name;
          tool({"/usr/bin/xdotool", "getwindowname", id}, &name);
          if (name.rfind("peviz", 0) == 0) window_ = id;
        }
      }
      if (window_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (int i = 0; i < 200 && title().rfind("peviz: ", 0) != 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~Program() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  // Waits for the program to end by itself (Ctrl+Q); its exit code, or -1.
  int wait_exit(double seconds = 10.0) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  const std::string& window() const { return window_; }
  // What the program wrote on stderr so far.
  std::string err() const {
    std::ifstream in(err_file_);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  std::string title() const {
    if (window_.empty()) return "";
    std::string out;
    tool({"/usr/bin/xdotool", "getwindowname", window_}, &out);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }
  // Sends keys through the X server, `delay_ms` apart (press and release each).
  void keys(const std::vector<std::string>& names, int delay_ms = 8) const {
    std::vector<std::string> argv = {"/usr/bin/xdotool",      "key", "--window", window_, "--delay",
                                     std::to_string(delay_ms)};
    argv.insert(argv.end(), names.begin(), names.end());
    tool(argv);
  }
  // Waits until the title is `want`, up to `seconds`; returns the last title seen.
  std::string wait_title(const std::string& want, double seconds = 10.0) const {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::string t = title();
    while (t != want && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      t = title();
    }
    return t;
  }
  // CPU seconds the process has used (user + system, all threads), from /proc.
  double cpu_seconds() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string f;
    std::vector<std::string> v;
    while (fields >> f) v.push_back(f);
    if (v.size() < 13) return -1.0;
    return (std::stod(v[11]) + std::stod(v[12])) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }

 private:
  pid_t pid_ = -1;
  std::string window_;
  fs::path err_file_;
  static inline int count_ = 0;
};

// The screen as ffmpeg's x11grab reads it (an X client we did not write).
testing_png::Image grab(const fs::path& file) {
  const char* display = std::getenv("DISPLAY");
  fs::remove(file);
  tool({"/usr/bin/ffmpeg", "-loglevel", "error", "-y", "-f", "x11grab", "-video_size", "1600x1000",
        "-i", display != nullptr ? display : ":0", "-frames:v", "1", file.string()});
  return testing_png::load(file);
}

double mean_brightness(const testing_png::Image& img, int x0, int y0, int x1, int y1) {
  double sum = 0.0;
  long n = 0;
  for (int y = y0; y < y1 && y < img.height; ++y) {
    for (int x = x0; x < x1 && x < img.width; ++x) {
      const unsigned char* p = img.at(x, y);
      sum += (p[0] + p[1] + p[2]) / 3.0;
      ++n;
    }
  }
  return n > 0 ? sum / static_cast<double>(n) : -1.0;
}

fs::path lesson_of(int steps) {
  const fs::path file =
      fs::temp_directory_path() / ("peviz_taps_" + std::to_string(::getpid()) + ".lesson");
  std::ofstream out(file);
  out << "title: Taps\n";
  for (int i = 1; i <= steps; ++i) {
    out << "## Step " << i << "\nview: encoding\nset: d = " << 2 * i << "\nStep " << i << ".\n";
  }
  return file;
}

class WindowInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run (ctest does)";
  }
};

TEST_F(WindowInput, TheTitleNamesWhatIsOnScreen) {
  {
    Program p({});
    EXPECT_EQ(p.title(), "peviz: encoding, sinusoidal");
  }
  {
    Program p({"--view", "similarity", "--scheme", "learned"});
    EXPECT_EQ(p.title(), "peviz: similarity, learned");
  }
  const fs::path lesson = lesson_of(5);
  {
    Program p({"--lesson", lesson.string(), "--step", "3"});
    EXPECT_EQ(p.title(), "peviz: Taps, step 3 of 5 (" + lesson.filename().string() + ")");
  }
  fs::remove(lesson);
}

// A presenter's clicker sends a press and its release within a frame; ten quick presses
// once advanced two steps. Each press must count once. The taps are 8 ms apart, well
// inside one frame of 16 ms (at 0 ms xdotool gives every event the same X timestamp, and
// GLFW drops presses with the timestamp of the last one, as its IME filter does).
TEST_F(WindowInput, QuickTapsAreEachOneStep) {
  const fs::path lesson = lesson_of(12);
  const std::string name = lesson.filename().string();
  Program p({"--lesson", lesson.string()});
  ASSERT_EQ(p.title(), "peviz: Taps, step 1 of 12 (" + name + ")");
  p.keys(std::vector<std::string>(10, "Right"), 8);
  EXPECT_EQ(p.wait_title("peviz: Taps, step 11 of 12 (" + name + ")"),
            "peviz: Taps, step 11 of 12 (" + name + ")");
  p.keys({"Left", "Left", "Left"}, 8);
  EXPECT_EQ(p.wait_title("peviz: Taps, step 8 of 12 (" + name + ")"),
            "peviz: Taps, step 8 of 12 (" + name + ")");
  fs::remove(lesson);
}

// F1 and ? open the keys overlay (it once opened and closed in the same frame), which dims
// the window around it; the same key closes it again.
TEST_F(WindowInput, F1AndQuestionMarkOpenAndCloseTheKeys) {
  const fs::path shot =
      fs::temp_directory_path() / ("peviz_grab_" + std::to_string(::getpid()) + ".png");
  Program p({});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto corner = [&] {
    const testing_png::Image img = grab(shot);
    EXPECT_EQ(img.width, 1600);
    return mean_brightness(img, 0, 900, 300, 1000);  // the sidebar's foot, outside the overlay
  };
  const double open_before = corner();
  for (const char* key : {"F1", "question"}) {
    p.keys({key});
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const double open = corner();
    EXPECT_LT(open, open_before - 20.0) << key << " did not dim the window (no overlay)";
    p.keys({key});
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_NEAR(corner(), open_before, 2.0) << key << " did not close the overlay";
  }
  fs::remove(shot);
}

// A first start greets with the welcome card (the course, the keys): the window dims
// around it until Escape; the next start, with settings saved, does not.
TEST_F(WindowInput, AFirstStartSaysWelcomeOnce) {
  const fs::path config = fs::temp_directory_path() / ("peviz_first_" + std::to_string(::getpid()));
  fs::remove_all(config);
  fs::create_directories(config);
  const fs::path shot = config / "grab.png";
  const auto corner = [&] { return mean_brightness(grab(shot), 0, 900, 300, 1000); };
  // The corner's brightness once it meets `ok`, or the last one seen after 5 s.
  const auto wait_for = [&](const auto& ok) {
    double b = corner();
    for (int i = 0; i < 25 && !ok(b); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      b = corner();
    }
    return b;
  };
  double plain = 0.0;
  {
    // The plain window, for the undimmed corner: read once the window is on the screen
    // and two grabs agree (under load a fixed wait grabbed a black screen).
    Program p({"--view", "encoding"}, "");
    double last = -100.0;
    plain = wait_for([&](double b) {
      const bool settled = b > 20.0 && std::abs(b - last) <= 1.0;
      last = b;
      return settled;
    });
    ASSERT_GT(plain, 20.0) << "the plain window never showed";
  }
  {
    Program p({}, config.string());
    EXPECT_LT(wait_for([&](double b) { return b < plain - 20.0; }), plain - 20.0)
        << "no welcome card on the first start";
    p.keys({"Escape"});
    EXPECT_NEAR(wait_for([&](double b) { return std::abs(b - plain) <= 2.0; }), plain, 2.0)
        << "Escape did not close the welcome card; stderr: " << p.err();
    p.keys({"ctrl+q"});
    EXPECT_EQ(p.wait_exit(), 0) << p.err();
  }
  ASSERT_TRUE(fs::exists(config / "settings.json"));
  {
    Program p({}, config.string());
    // A card would be there from the first frame, so the corner never passes through plain.
    EXPECT_NEAR(wait_for([&](double b) { return std::abs(b - plain) <= 2.0; }), plain, 2.0)
        << "the welcome card came again";
  }
  fs::remove_all(config);
}

// An idle window once took a whole core (a frame every vblank): now it sleeps until
// something happens.
// A model opened as a person opens it: Ctrl+M, the path typed into the dialog (xdotool's
// typing, through the X server), Return. A config that does not read changes nothing and
// says why in red in the dialog; a good one turns the view to its RoPE and the title names
// the model.
TEST_F(WindowInput, CtrlMOpensAModelConfig) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_model_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path bad = dir / "bad.json";
  std::ofstream(bad) << R"({"hidden_size": 256, "num_attention_heads": 4})";
  const fs::path good = dir / "tiny.json";
  std::ofstream(good) << R"({"hidden_size": 256, "num_attention_heads": 4,
      "max_position_embeddings": 2048, "rope_theta": 500000})";
  const auto open_model = [](const Program& p, const fs::path& file) {
    p.keys({"ctrl+m"});
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the dialog appears
    tool({"/usr/bin/xdotool", "type", "--window", p.window(), "--delay", "10", file.string()});
    p.keys({"Return"});
  };
  // The error's red (explorer_sidebar.cpp kErrorInk: 0.86, 0.16, 0.16).
  const auto red_pixels = [](const testing_png::Image& img) {
    long n = 0;
    for (int y = 0; y < img.height; ++y) {
      for (int x = 0; x < img.width; ++x) {
        const unsigned char* c = img.at(x, y);
        n += c[0] > 180 && c[1] < 80 && c[2] < 80;
      }
    }
    return n;
  };
  const fs::path shot = dir / "shot.png";
  {
    Program p({"--view", "wavelengths"});
    ASSERT_EQ(p.title(), "peviz: wavelengths, sinusoidal");
    EXPECT_EQ(red_pixels(grab(shot)), 0);
    open_model(p, bad);
    long red = 0;
    for (int i = 0; i < 50 && red < 200; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      red = red_pixels(grab(shot));
    }
    EXPECT_GE(red, 200);  // "bad.json: max_position_embeddings is missing", in red
    EXPECT_EQ(p.title(), "peviz: wavelengths, sinusoidal");  // refused: nothing changed
  }
  {
    Program p({"--view", "wavelengths"});
    open_model(p, good);
    EXPECT_EQ(p.wait_title("peviz: wavelengths, rope (tiny.json)"),
              "peviz: wavelengths, rope (tiny.json)");
  }
  fs::remove_all(dir);
}

TEST_F(WindowInput, AnIdleWindowSleeps) {
  Program p({"--view", "similarity"});
  std::this_thread::sleep_for(std::chrono::seconds(2));  // settled
  const double before = p.cpu_seconds();
  std::this_thread::sleep_for(std::chrono::seconds(5));
  const double used = p.cpu_seconds() - before;
  RecordProperty("idle_cpu_fraction", std::to_string(used / 5.0));
  EXPECT_LT(used / 5.0, 0.02) << used << " CPU seconds in 5 idle seconds";
  // And it wakes on input: a key changes the view at once.
  p.keys({"Next"});
  EXPECT_EQ(p.wait_title("peviz: shift, sinusoidal", 5.0), "peviz: shift, sinusoidal");
}

// Ctrl+S, the path typed over the default name, Return: the scene file, once it exists. On a
// loaded machine the dialog may come late (the keys then miss it): Escape and try again.
bool save_scene_as(const Program& p, const fs::path& file) {
  for (int attempt = 0; attempt < 3 && !fs::exists(file); ++attempt) {
    p.keys({"ctrl+s"});
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    p.keys({"ctrl+a"});  // over the default name ("waves.scene")
    // Typed characters reach the field at once, keys a frame later: let Ctrl+A land first.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    tool({"/usr/bin/xdotool", "type", "--window", p.window(), "--delay", "10", file.string()});
    p.keys({"Return"});
    for (int i = 0; i < 30 && !fs::exists(file); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!fs::exists(file)) {
      p.keys({"Escape"});
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  }
  // The dialog closes a frame after it wrote the file, and keys do nothing while it is open:
  // the next key must not arrive before the window has drawn again.
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  return fs::exists(file);
}

// Undo and redo as a person uses them: each change made by a key (the next view, compare
// mode, a model opened through Ctrl+M) is one step; Ctrl+Z walks back through them,
// Ctrl+Y and Ctrl+Shift+Z forward again. The state reached is what Ctrl+S saves as a scene
// and what the settings remember at Ctrl+Q.
TEST_F(WindowInput, CtrlZUndoesKeyChangesAndCtrlYRedoesThem) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_undo_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "settings.json") << "{}";  // not a first start: no welcome card
  const fs::path model = dir / "tiny.json";
  std::ofstream(model) << R"({"hidden_size": 256, "num_attention_heads": 4,
      "max_position_embeddings": 2048, "rope_theta": 500000})";
  Program p({"--view", "encoding"}, dir.string());
  const std::string start = "peviz: encoding, sinusoidal";
  ASSERT_EQ(p.title(), start);
  // One step per change; a step is recorded once the keys have been quiet for half a second.
  const auto quiet = [] { std::this_thread::sleep_for(std::chrono::milliseconds(900)); };
  p.keys({"Next"});
  const std::string waves = "peviz: waves, sinusoidal";
  ASSERT_EQ(p.wait_title(waves), waves);
  quiet();
  p.keys({"c"});
  const std::string compared = waves + ", 2 panels compared";
  ASSERT_EQ(p.wait_title(compared), compared);
  quiet();
  p.keys({"c"});
  ASSERT_EQ(p.wait_title(waves), waves);
  quiet();
  p.keys({"ctrl+m"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the dialog appears
  tool({"/usr/bin/xdotool", "type", "--window", p.window(), "--delay", "10", model.string()});
  p.keys({"Return"});
  const std::string rope = "peviz: wavelengths, rope (tiny.json)";  // waves shows no RoPE
  ASSERT_EQ(p.wait_title(rope), rope);
  quiet();

  p.keys({"ctrl+z"});  // the model
  EXPECT_EQ(p.wait_title(waves), waves);
  p.keys({"ctrl+z"});  // compare off
  EXPECT_EQ(p.wait_title(compared), compared);
  p.keys({"ctrl+z"});  // compare on
  EXPECT_EQ(p.wait_title(waves), waves);
  p.keys({"ctrl+z"});  // the view
  EXPECT_EQ(p.wait_title(start), start);
  p.keys({"ctrl+z"});  // nothing more to undo
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(p.title(), start);
  p.keys({"ctrl+y"});
  EXPECT_EQ(p.wait_title(waves), waves);
  p.keys({"ctrl+shift+z"});
  EXPECT_EQ(p.wait_title(compared), compared);
  p.keys({"ctrl+y"});
  p.keys({"ctrl+y"});
  EXPECT_EQ(p.wait_title(rope), rope);
  p.keys({"ctrl+y"});  // nothing more to redo
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(p.title(), rope);
  p.keys({"ctrl+z"});
  EXPECT_EQ(p.wait_title(waves), waves);

  // Ctrl+S: the scene of what is on screen, into the path typed over the default name.
  const fs::path scene = dir / "undone.scene";
  ASSERT_TRUE(save_scene_as(p, scene)) << p.err();

  const Scene saved = read_scene(scene.string());
  EXPECT_EQ(saved.view, "waves");
  EXPECT_TRUE(saved.compare.empty());
  ASSERT_FALSE(saved.settings.empty());
  EXPECT_EQ(saved.settings.front(), Setting("scheme", "sinusoidal"));
  EXPECT_EQ(saved.theme, "light");

  p.keys({"ctrl+q"});
  EXPECT_EQ(p.wait_exit(), 0) << p.err();
  std::ifstream in(dir / "settings.json");
  const nlohmann::json settings = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(settings.is_object());
  EXPECT_EQ(settings.value("view", ""), "waves");
  EXPECT_FALSE(settings.contains("compare"));
  EXPECT_EQ(settings["shared"].value("config", "?"), "");
  // File > Recent remembers the model and the scene, newest first.
  ASSERT_TRUE(settings.contains("recent"));
  ASSERT_GE(settings["recent"].size(), 2u);
  EXPECT_EQ(settings["recent"][0]["kind"], "scene");
  EXPECT_EQ(settings["recent"][0]["path"], scene.string());
  EXPECT_EQ(settings["recent"][1]["kind"], "model");
  EXPECT_EQ(settings["recent"][1]["path"], model.string());
  fs::remove_all(dir);
}

// A scene opened by the command line shows its view, options, zoom and theme; one that
// cannot be read is one line on stderr.
TEST_F(WindowInput, ASceneOpensItsViewAndTheme) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_scene_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Scene s;
  s.view = "similarity";
  s.settings = {{"scheme", "learned"}, {"d", "32"}};
  s.theme = "dark";
  const fs::path file = dir / "dark.scene";
  write_scene(file.string(), s);
  const fs::path shot = dir / "grab.png";
  {
    Program p({"--scene", file.string()});
    EXPECT_EQ(p.title(), "peviz: similarity, learned");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    // The dark theme: the sidebar's foot is dark (the light theme's is near white).
    EXPECT_LT(mean_brightness(grab(shot), 0, 900, 300, 1000), 80.0);
  }
  fs::remove_all(dir);
}

// A slider dragged with the mouse through many values is one undo step: one Ctrl+Z brings
// back the value before the drag, Ctrl+Y the value it ended at. Read through Ctrl+S scenes.
TEST_F(WindowInput, ASliderDragIsOneUndoStep) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_drag_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  Program p({"--view", "encoding"});
  ASSERT_EQ(p.title(), "peviz: encoding, sinusoidal");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto d_of = [&](const std::string& scene) {
    const fs::path file = dir / scene;
    if (!save_scene_as(p, file)) return std::string("no scene");
    for (const auto& [name, value] : read_scene(file.string()).settings) {
      if (name == "d") return value;
    }
    return std::string("no d");
  };
  EXPECT_EQ(d_of("before.scene"), "64");
  // The d_model slider is the first of the sidebar's parameters (encoding view, 1600 x 1000).
  const std::string x0 = "123", y = "529";
  tool({"/usr/bin/xdotool", "mousemove", "--window", p.window(), x0, y});
  tool({"/usr/bin/xdotool", "mousedown", "1"});
  for (int dx = 4; dx <= 60; dx += 4) {
    tool({"/usr/bin/xdotool", "mousemove", "--window", p.window(), std::to_string(123 + dx), y});
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  tool({"/usr/bin/xdotool", "mouseup", "1"});
  tool({"/usr/bin/xdotool", "mousemove", "--window", p.window(), "800", "990"});
  std::this_thread::sleep_for(std::chrono::milliseconds(900));
  const std::string dragged = d_of("dragged.scene");
  ASSERT_NE(dragged, "64") << "the drag did not move the slider";
  ASSERT_NE(dragged, "no scene") << p.err();
  EXPECT_GT(std::stoi(dragged), 64);
  p.keys({"ctrl+z"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(d_of("undone.scene"), "64");  // one step took back the whole drag
  p.keys({"ctrl+y"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(d_of("redone.scene"), dragged);
  fs::remove_all(dir);
}

// The presenter view (--presenter): a second window that follows the lesson the main window
// shows, while keys stay with the main window. Read from the screen by x11grab.
TEST_F(WindowInput, ThePresenterWindowFollowsTheLesson) {
  const fs::path lesson =
      fs::temp_directory_path() / ("peviz_presenter_" + std::to_string(::getpid()) + ".lesson");
  std::ofstream(lesson) << "title: Notes\n"
                           "## One\nview: encoding\nnotes: Say hello first.\nStep one.\n"
                           "## Two\nview: waves\nnotes: A much longer note for the second step, "
                           "on two lines of the presenter view at least, surely.\nStep two.\n"
                           "## Three\nview: wavelengths\nStep three.\n";
  const auto presenter_windows = [] {
    std::string out;
    tool({"/usr/bin/xdotool", "search", "--name", "presenter view"}, &out);
    return std::count(out.begin(), out.end(), '\n');
  };
  {
    Program plain({"--width", "800", "--height", "600", "--lesson", lesson.string()});
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_EQ(presenter_windows(), 0);  // one monitor, not presenting: no presenter window
  }
  Program p({"--width", "800", "--height", "600", "--lesson", lesson.string(), "--presenter"});
  for (int i = 0; i < 100 && presenter_windows() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(presenter_windows(), 1) << p.err();
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const fs::path shot =
      fs::temp_directory_path() / ("peviz_presenter_" + std::to_string(::getpid()) + ".png");
  const testing_png::Image first = grab(shot);
  ASSERT_EQ(first.width, 1600);
  // Beside the 800-pixel main window: text (light ink) on the presenter's dark background.
  const auto ink = [](const testing_png::Image& img) {
    long n = 0;
    for (int y = 0; y < 600; ++y) {
      for (int x = 820; x < 1600; ++x) n += img.at(x, y)[0] > 160 ? 1 : 0;
    }
    return n;
  };
  EXPECT_LT(mean_brightness(first, 820, 300, 1600, 600), 80.0);
  EXPECT_GT(ink(first), 500);
  // Right goes to the main window; the presenter view follows to step two and its notes.
  p.keys({"Right"});
  EXPECT_EQ(p.wait_title("peviz: Notes, step 2 of 3 (" + lesson.filename().string() + ")"),
            "peviz: Notes, step 2 of 3 (" + lesson.filename().string() + ")");
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const testing_png::Image second = grab(shot);
  long changed = 0;
  for (int y = 0; y < 600; ++y) {
    for (int x = 820; x < 1600; ++x) {
      changed += std::abs(first.at(x, y)[0] - second.at(x, y)[0]) > 60 ? 1 : 0;
    }
  }
  EXPECT_GT(changed, 500);
  EXPECT_GT(ink(second), ink(first));  // the longer note
  fs::remove(shot);
  fs::remove(lesson);
}

}  // namespace
}  // namespace peviz
