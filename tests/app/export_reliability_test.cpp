// The defects of a reliability audit, each as a test that failed before its fix:
// pictures wider than 2048 px (dashed lines stepped by a float epsilon looped forever),
// exit 0 with a picture of an error message, text that is not UTF-8, special files and
// killed writers. Every run is a child process with a time limit and a memory cap, and
// every file is judged by a reader we did not write (pngcheck, xmllint).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "app/export/csv_writer.hpp"
#include "app/export/svg_canvas.hpp"
#include "app/views/registry.hpp"
#include "file_checks.hpp"
#include "run_process.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

using testing_files::file_check;
using testing_process::Outcome;

std::vector<std::string> view_names() {
  std::vector<std::string> names;
  for (const auto& v : make_views()) names.emplace_back(v->name());
  return names;
}

// The width and height a PNG's IHDR says.
std::pair<int, int> png_size(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  unsigned char b[24] = {};
  in.read(reinterpret_cast<char*>(b), sizeof b);
  const auto u32 = [&](int at) {
    return static_cast<int>(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
  };
  return {u32(16), u32(20)};
}

class Reliability : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_reliability_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  Outcome peviz(std::vector<std::string> args, double seconds = 120.0) {
    args.insert(args.begin(), PEVIZ_EXE);
    return testing_process::run(args, {seconds, 4096, {}, {"DISPLAY="}});
  }
  long files() const {
    return std::distance(fs::directory_iterator(dir_), fs::directory_iterator());
  }
  // Exit 2, one line naming `words`, and nothing written.
  void expect_refused(const std::vector<std::string>& args, const std::string& words) {
    const Outcome o = peviz(args, 60.0);
    std::string line;
    for (const std::string& a : args) line += a + " ";
    EXPECT_TRUE(o.exited(2)) << line << ": " << testing_process::describe(o) << " " << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << line << ": " << o.err;
    EXPECT_NE(o.err.find(words), std::string::npos) << line << ": " << o.err;
    EXPECT_EQ(files(), 0) << line;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  fs::path dir_;
};

// Every view at 4K, 8K and 16384 px wide, as PNG and SVG, under a 4 GiB cap. Before the fix
// wavelengths at 2560 x 1080 grew to 19.8 GB in 60 s and died; at 2200 px the SVG hung.
TEST_F(Reliability, EveryViewAtHugeSizesFinishesUnderAMemoryCap) {
  const std::vector<std::pair<int, int>> sizes = {{3840, 2160}, {7680, 4320}, {16384, 1024}};
  for (const std::string& view : view_names()) {
    for (const auto& [w, h] : sizes) {
      for (const char* ext : {".png", ".svg"}) {
        const fs::path out = dir_ / (view + ext);
        const Outcome o = peviz({"export", view, "--width", std::to_string(w), "--height",
                                 std::to_string(h), "--out", out.string()});
        const std::string what = view + " " + std::to_string(w) + "x" + std::to_string(h) + ext;
        ASSERT_TRUE(o.exited(0)) << what << ": " << testing_process::describe(o) << " " << o.err;
        EXPECT_EQ(file_check(out), "") << what;
        if (std::string(ext) == ".png") {
          EXPECT_EQ(png_size(out), std::make_pair(w, h)) << what;
        }
        RecordProperty(what, std::to_string(o.max_rss_kb / 1024) + " MiB");
        fs::remove(out);
      }
    }
  }
}

// The real window at those sizes (the window froze full screen at 3840 x 2160 on
// wavelengths): a screenshot of every view, taken under an Xvfb screen of that size.
TEST_F(Reliability, TheWindowDrawsEveryViewAtHugeSizes) {
  struct Size {
    int w, h;
    bool every_view;
  };
  const std::vector<std::string> dashed = {"wavelengths", "rope-relative", "long-context",
                                           "similarity",  "properties",    "t5"};
  for (const Size s : {Size{3840, 2160, true}, Size{16384, 1024, true}, Size{7680, 4320, false}}) {
    for (const std::string& view : s.every_view ? view_names() : dashed) {
      const fs::path shot = dir_ / (view + ".png");
      const std::string screen =
          "-screen 0 " + std::to_string(s.w) + "x" + std::to_string(s.h) + "x24";
      const Outcome o =
          testing_process::run({"/usr/bin/xvfb-run", "-a", "-s", screen, PEVIZ_EXE, "--no-settings",
                                "--width", std::to_string(s.w), "--height", std::to_string(s.h),
                                "--view", view, "--screenshot", shot.string()},
                               {180.0, 6144, {}, {}});
      const std::string what =
          view + " in a " + std::to_string(s.w) + "x" + std::to_string(s.h) + " window";
      ASSERT_TRUE(o.exited(0)) << what << ": " << testing_process::describe(o) << " " << o.err;
      EXPECT_EQ(file_check(shot), "") << what;
      EXPECT_EQ(png_size(shot), std::make_pair(s.w, s.h)) << what;
      fs::remove(shot);
    }
  }
}

// A request the view cannot draw was written as a picture of the message, with exit 0.
TEST_F(Reliability, ARequestAViewCannotDrawIsExitTwoAndNoFile) {
  const std::string png = (dir_ / "x.png").string(), svg = (dir_ / "x.svg").string(),
                    csv = (dir_ / "x.csv").string();
  expect_refused({"export", "long-context", "--scalings", "bogus", "--out", png},
                 "unknown scaling 'bogus'");
  expect_refused({"export", "rope-decay", "--bases", "0,-1", "--out", svg},
                 "'0' is not a base > 1");
  expect_refused({"export", "t5", "--num-buckets", "67", "--max-distance", "2", "--out", png},
                 "max distance (2) must be greater");
  expect_refused({"export", "rope-relative", "--partial-rotary", "0.77", "--out", csv},
                 "49 rotary dimensions");
  expect_refused({"export", "playground", "--text", "?!", "--out", png},
                 "The sentence has no words");
  // export all writes every view or none.
  expect_refused({"export", "all", "--scalings", "bogus", "--out-dir", (dir_ / "all").string()},
                 "long-context: unknown scaling");
  expect_refused({"export", "all", "--format", "csv", "--scalings", "bogus", "--out-dir",
                  (dir_ / "all").string()},
                 "long-context: unknown scaling");
  // One panel of a comparison that cannot be drawn refuses the comparison.
  expect_refused({"export", "rope-decay", "--compare", "bases=0;bases=1000", "--out", png},
                 "panel A: bases: '0' is not a base");
}

// Text that is not UTF-8 made SVG files that were not XML and CSV with raw bytes: it is
// refused where it enters, for every text option and every format.
TEST_F(Reliability, TextThatIsNotUtf8IsRefusedWhereItEnters) {
  for (const char* opt : {"--text", "--second"}) {
    for (const char* ext : {".svg", ".png", ".csv"}) {
      expect_refused({"export", "playground", opt, "caf\xe9 au lait", "--out",
                      (dir_ / (std::string("p") + ext)).string()},
                     "not UTF-8 (byte 0xE9 at 3)");
    }
  }
  expect_refused({"export", "attention", "--text", "caf\xe9", "--out", (dir_ / "a.csv").string()},
                 "not UTF-8");
  expect_refused({"export", "rope-decay", "--bases", "a\x01", "--out", (dir_ / "d.svg").string()},
                 "control character (0x01 at 1)");
  // Valid text of any script is written, and stays valid.
  const fs::path svg = dir_ / "cjk.svg";
  const Outcome o = peviz({"export", "playground", "--text", "犬が 人を 噛む", "--second",
                           "人を 犬が 噛む", "--out", svg.string()});
  ASSERT_TRUE(o.exited(0)) << o.err;
  EXPECT_EQ(file_check(svg), "");
}

// Every writer makes its text valid on its own, whatever it is given.
TEST(WritersEscape, SvgAndCsvTextIsValidWhateverTheBytes) {
  const std::string bad = "caf\xe9 \x01<&>\"\x7f";
  const std::string fffd = "�";
  EXPECT_EQ(xml_escape(bad), "caf" + fffd + " " + fffd + "&lt;&amp;&gt;&quot;" + fffd);
  EXPECT_EQ(csv_field(bad), "\"caf" + fffd + " " + fffd + "<&>\"\"" + fffd + "\"");
  EXPECT_EQ(csv_field("plain"), "plain");
  // A well-formed document around it, as xmllint reads it.
  const fs::path file =
      fs::temp_directory_path() / ("peviz_escape_" + std::to_string(::getpid()) + ".svg");
  std::ofstream(file) << "<?xml version=\"1.0\" encoding=\"UTF-8\"?><svg "
                         "xmlns=\"http://www.w3.org/2000/svg\"><text>"
                      << xml_escape(bad) << "</text></svg>";
  EXPECT_EQ(testing_files::xmllint(file), "");
  fs::remove(file);
}

// A first position near LONG_MAX overflowed (UBSan) and labelled a row LONG_MIN.
TEST_F(Reliability, PositionsThatWouldOverflowAreRefusedOnEveryPath) {
  for (const char* ext : {".csv", ".png", ".svg"}) {
    expect_refused({"export", "encoding", "--start", "9223372036854775807", "--positions", "2",
                    "--out", (dir_ / (std::string("e") + ext)).string()},
                   "--start '9223372036854775807': must be between 0 and 1e+07");
  }
  expect_refused({"export", "shift", "--start", "-5", "--out", (dir_ / "s.csv").string()},
                 "--start '-5'");
  expect_refused({"export", "wavelengths", "--factor", "1e308", "--out", (dir_ / "w.csv").string()},
                 "--factor '1e308'");
}

// A FIFO named like the output was replaced by a regular file (and opening it to write
// would block): refused at once, left as it is.
TEST_F(Reliability, AFifoNamedLikeTheOutputIsRefusedWithoutBlocking) {
  const fs::path fifo = dir_ / "out.png";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const Outcome o = peviz({"export", "encoding", "--out", fifo.string()}, 30.0);
  EXPECT_TRUE(o.exited(2)) << testing_process::describe(o);
  EXPECT_NE(o.err.find("named pipe (FIFO)"), std::string::npos) << o.err;
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));
  EXPECT_EQ(files(), 1);
}

// Killed at any moment, an export leaves either no file or the whole old one, and no
// temporary (before: .NAME.tmp-XXXXXX after 18 of 22 kills).
TEST_F(Reliability, AnExportKilledAtAnyMomentLeavesNoTemporary) {
  const fs::path out = dir_ / "big.png";
  const std::vector<std::string> args = {
      PEVIZ_EXE, "export", "encoding", "--positions", "4000",  "--d",       "1024",
      "--width", "7680",   "--height", "4320",        "--out", out.string()};
  int killed_mid_run = 0;
  for (int delay_ms = 20; delay_ms <= 1000; delay_ms += 70) {
    // The runner kills the export (SIGKILL) when its time is up.
    const Outcome o = testing_process::run(args, {delay_ms / 1000.0, 4096, {}, {"DISPLAY="}});
    if (o.timed_out) ++killed_mid_run;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      EXPECT_EQ(entry.path().filename(), "big.png") << "left behind: " << entry.path();
    }
    if (fs::exists(out)) {
      EXPECT_EQ(file_check(out), "") << "a partial file after " << delay_ms << " ms";
    }
  }
  EXPECT_GT(killed_mid_run, 3) << "the export finished before most kills: make it bigger";
}

}  // namespace
}  // namespace peviz
