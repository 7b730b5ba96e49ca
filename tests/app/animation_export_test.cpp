// Animations (issue 15): `--animate param=from:to` values, GIFs decoded by giflib's reader
// and counted by ffprobe, each frame compared with the PNG `peviz export` writes at that
// value, MP4s counted by ffprobe, refusals that leave no file, ffmpeg missing or failing.
#include <gif_lib.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/animation_export.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/gif_writer.hpp"
#include "app/export/video_pipe.hpp"
#include "app/render/soft_renderer.hpp"
#include "app/state/state.hpp"
#include "core/validate.hpp"
#include "png_image.hpp"
#include "run_process.hpp"

namespace peviz {
namespace {

namespace fs = std::filesystem;

fs::path scratch_dir() {
  const fs::path dir =
      fs::temp_directory_path() / ("peviz_animation_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

fs::path scratch(const std::string& name) {
  return scratch_dir() / name;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

PictureOptions picture(int width, int height) {
  PictureOptions p;
  p.width = width;
  p.height = height;
  return p;
}

// A GIF decoded by giflib's reader, every frame composited as a viewer shows it.
struct DecodedGif {
  bool ok = false;
  int width = 0, height = 0;
  int colours = 0;  // global colour table entries
  bool local_tables = false;
  std::vector<int> delays;                      // 1/100 s
  std::vector<std::vector<unsigned char>> rgb;  // width * height * 3 per frame
};

DecodedGif decode_gif(const fs::path& path) {
  DecodedGif d;
  int error = 0;
  GifFileType* gif = DGifOpenFileName(path.c_str(), &error);
  if (gif == nullptr) return d;
  if (DGifSlurp(gif) != GIF_OK || gif->SColorMap == nullptr) {
    DGifCloseFile(gif, &error);
    return d;
  }
  d.width = gif->SWidth;
  d.height = gif->SHeight;
  d.colours = gif->SColorMap->ColorCount;
  std::vector<unsigned char> canvas(static_cast<std::size_t>(d.width) * d.height * 3, 0);
  for (int i = 0; i < gif->ImageCount; ++i) {
    const SavedImage& img = gif->SavedImages[i];
    const ColorMapObject* map =
        img.ImageDesc.ColorMap != nullptr ? img.ImageDesc.ColorMap : gif->SColorMap;
    d.local_tables = d.local_tables || img.ImageDesc.ColorMap != nullptr;
    GraphicsControlBlock gcb{};
    DGifSavedExtensionToGCB(gif, i, &gcb);
    d.delays.push_back(gcb.DelayTime);
    const GifImageDesc& r = img.ImageDesc;
    for (int y = 0; y < r.Height; ++y) {
      for (int x = 0; x < r.Width; ++x) {
        const GifColorType c = map->Colors[img.RasterBits[y * r.Width + x]];
        unsigned char* px =
            &canvas[(static_cast<std::size_t>(r.Top + y) * d.width + (r.Left + x)) * 3];
        px[0] = c.Red;
        px[1] = c.Green;
        px[2] = c.Blue;
      }
    }
    d.rgb.push_back(canvas);
  }
  d.ok = true;
  DGifCloseFile(gif, &error);
  return d;
}

// ffprobe's "key=value" lines for the first video stream.
std::map<std::string, std::string> probe(const fs::path& path) {
  std::string out;
  const int code = testing_process::tool(
      {"/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
       "-show_entries", "stream=nb_read_frames,width,height,r_frame_rate", "-of",
       "default=noprint_wrappers=1", path.string()},
      &out);
  std::map<std::string, std::string> fields;
  if (code != 0) {
    ADD_FAILURE() << "ffprobe " << path << ": " << out;
    return fields;
  }
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t eq = line.find('=');
    if (eq != std::string::npos) fields[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return fields;
}

// The message of the InvalidArgument `f` throws ("" when it throws nothing).
template <typename F>
std::string refusal_of(F&& f) {
  try {
    f();
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

bool folder_has_temporaries(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  }
  return false;
}

// --- The values ----------------------------------------------------------------------------

TEST(AnimationSpec, ParsesParamFromTo) {
  AnimationSpec spec;
  parse_animate("base=10:100000", spec);
  EXPECT_EQ(spec.param, "base");
  EXPECT_EQ(spec.from, 10.0);
  EXPECT_EQ(spec.to, 100000.0);
  parse_animate("offset=-5:2.5e1", spec);
  EXPECT_EQ(spec.from, -5.0);
  EXPECT_EQ(spec.to, 25.0);
  for (const char* bad :
       {"base=a:b", "base", "base=1", "=1:2", "base=1:inf", "base=1:2:3", "base= 1:2", "base=:2"}) {
    const std::string why = refusal_of([&] { parse_animate(bad, spec); });
    EXPECT_NE(why, "") << bad;
    EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    EXPECT_NE(why.find("--animate"), std::string::npos) << why;
  }
  EXPECT_NE(refusal_of([&] { parse_animate("base=a:b", spec); }).find("'a' is not a number"),
            std::string::npos);
  EXPECT_EQ(animation_format("x.GIF"), "gif");
  EXPECT_EQ(animation_format("dir/x.mp4"), "mp4");
  EXPECT_EQ(animation_format("x.png"), "");
}

TEST(AnimationSpec, ValuesAreEvenlySpacedOrGeometricAndRounded) {
  State s = State::of_view("encoding");
  AnimationSpec spec;
  spec.frames = 5;
  spec.param = "base";
  spec.from = 10;
  spec.to = 100000;
  spec.log = true;
  const OptionInfo base = *s.option("base");
  for (int k = 0; k < 5; ++k) {
    EXPECT_NEAR(std::stod(animation_value(spec, k, base)), std::pow(10.0, k + 1),
                1e-9 * std::pow(10.0, k + 1));
  }
  EXPECT_EQ(animation_value(spec, 0, base), "10");
  EXPECT_EQ(animation_value(spec, 4, base), "100000");  // the end exactly
  spec.log = false;
  spec.from = 0;
  spec.to = 1;
  EXPECT_EQ(animation_value(spec, 2, base), "0.5");
  // An integer option is rounded; d (even integers only) rounded to even.
  const OptionInfo positions = *s.option("positions");
  spec.param = "positions";
  spec.from = 10;
  spec.to = 20;
  spec.frames = 4;  // 10, 13.33, 16.67, 20
  EXPECT_EQ(animation_value(spec, 1, positions), "13");
  EXPECT_EQ(animation_value(spec, 2, positions), "17");
  const OptionInfo d = *s.option("d");
  ASSERT_TRUE(d.info.even);
  spec.param = "d";
  spec.from = 16;
  spec.to = 30;
  spec.frames = 3;  // 16, 23, 30 -> 16, 24, 30
  EXPECT_EQ(animation_value(spec, 1, d), "24");
  for (int k = 0; k < 3; ++k) EXPECT_EQ(std::stoi(animation_value(spec, k, d)) % 2, 0);
}

TEST(GifDelays, RoundWithoutDriftAndStayPlayable) {
  // 12 fps: 100/12 = 8.33 hundredths; the rounding errors do not add up.
  const std::vector<int> d = gif_delays(12, 12.0);
  int sum = 0;
  for (int x : d) {
    EXPECT_TRUE(x == 8 || x == 9) << x;
    sum += x;
  }
  EXPECT_EQ(sum, 100);
  EXPECT_EQ(gif_delays(3, 10.0), (std::vector<int>{10, 10, 10}));
  // 60 fps would need 1.67: browsers play delays under 2 as 10, so 2 is the floor.
  for (int x : gif_delays(10, 60.0)) EXPECT_EQ(x, 2);
}

TEST(GifPalette, KeepsFewColoursExactlyAndCutsManyToTheLimit) {
  GifPaletteBuilder few;
  const std::vector<std::uint8_t> px = {10, 20, 30, 255, 10, 20, 30, 255, 200, 0, 0, 255};
  few.add(px.data(), 3, 1);
  const std::vector<Rgb8> p = few.build(256);
  ASSERT_EQ(p.size(), 2u);
  GifColourMapper mapper(p);
  std::uint8_t idx[3];
  mapper.map(px.data(), 3, idx);
  EXPECT_EQ(p[idx[0]], (Rgb8{10, 20, 30}));
  EXPECT_EQ(p[idx[2]], (Rgb8{200, 0, 0}));
  // A smooth ramp of 4096 colours: 256 entries follow it within a few levels.
  std::vector<std::uint8_t> ramp;
  for (int i = 0; i < 4096; ++i) {
    const int t = i * 255 / 4095;
    ramp.insert(ramp.end(), {static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(255 - t),
                             static_cast<std::uint8_t>((i * 7) & 255), 255});
  }
  GifPaletteBuilder many;
  many.add(ramp.data(), 4096, 1);
  const std::vector<Rgb8> q = many.build(256);
  EXPECT_EQ(q.size(), 256u);
  GifColourMapper m2(q);
  std::vector<std::uint8_t> out(4096);
  m2.map(ramp.data(), 4096, out.data());
  double worst = 0;
  for (int i = 0; i < 4096; ++i) {
    for (int c = 0; c < 3; ++c) {
      worst = std::max(worst, std::abs(double(q[out[i]][c]) - ramp[4 * i + c]));
    }
  }
  EXPECT_LE(worst, 24.0);
}

// --- GIF ------------------------------------------------------------------------------------

// Frame k of the GIF is the PNG `peviz export` writes at frame k's value, to within the
// palette's error; giflib and ffprobe agree on the frames, the size and the delays.
TEST(AnimationExport, GifFramesAreThePngsAtEachValue) {
  const fs::path gif = scratch("base.gif");
  const State s = State::of_view("encoding");
  AnimationSpec spec;
  parse_animate("base=10:100000", spec);
  spec.frames = 6;
  spec.fps = 12;
  spec.log = true;
  int calls = 0;
  write_animation(s, spec, picture(400, 250), gif.string(), [&](int done, int total) {
    EXPECT_EQ(done, ++calls);
    EXPECT_EQ(total, 6);
  });
  EXPECT_EQ(calls, 6);
  const DecodedGif d = decode_gif(gif);
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.width, 400);
  EXPECT_EQ(d.height, 250);
  EXPECT_LE(d.colours, 256);
  EXPECT_FALSE(d.local_tables);  // one global palette
  ASSERT_EQ(d.rgb.size(), 6u);
  EXPECT_EQ(d.delays, (std::vector<int>{8, 9, 8, 8, 9, 8}));
  // Loops forever: the NETSCAPE2.0 extension with a count of 0.
  const std::string bytes = read(gif);
  EXPECT_EQ(bytes.substr(0, 6), "GIF89a");
  const std::size_t app = bytes.find("NETSCAPE2.0");
  ASSERT_NE(app, std::string::npos);
  EXPECT_EQ(bytes.substr(app + 11, 4), std::string("\x03\x01\x00\x00", 4));
  // ffprobe (ffmpeg's GIF demuxer) counts the same frames.
  auto fields = probe(gif);
  EXPECT_EQ(fields["nb_read_frames"], "6");
  EXPECT_EQ(fields["width"], "400");
  EXPECT_EQ(fields["height"], "250");

  const OptionInfo base = *State::of_view("encoding").option("base");
  for (int k = 0; k < 6; ++k) {
    const fs::path png = scratch("base_" + std::to_string(k) + ".png");
    const auto o = testing_process::run({PEVIZ_EXE, "export", "encoding", "--base",
                                         animation_value(spec, k, base), "--width", "400",
                                         "--height", "250", "--out", png.string()});
    ASSERT_TRUE(o.exited(0)) << testing_process::describe(o) << o.err;
    const testing_png::Image img = testing_png::load(png);
    ASSERT_EQ(img.width, 400);
    ASSERT_EQ(img.height, 250);
    double sum = 0, worst = 0;
    for (std::size_t i = 0; i < img.rgb.size(); ++i) {
      const double e = std::abs(double(img.rgb[i]) - d.rgb[k][i]);
      sum += e;
      worst = std::max(worst, e);
    }
    const double mean = sum / static_cast<double>(img.rgb.size());
    // The palette's error: measured 0.13 to 0.19 levels of 255 on average and 11 to 17 at
    // worst (antialiased edges between saturated colours); bounded at 0.5 and 24.
    EXPECT_LT(mean, 0.5) << "frame " << k;
    EXPECT_LE(worst, 24.0) << "frame " << k;
    if (k > 0) {
      EXPECT_NE(d.rgb[k], d.rgb[k - 1]) << "frame " << k << " repeats the one before";
    }
  }
}

TEST(AnimationExport, WavesGifOfAnEvenOption) {
  const fs::path gif = scratch("waves.gif");
  const State s = State::of_view("waves");
  AnimationSpec spec;
  parse_animate("d=16:64", spec);
  spec.frames = 4;
  spec.fps = 10;
  write_animation(s, spec, picture(320, 200), gif.string());
  const DecodedGif d = decode_gif(gif);
  ASSERT_TRUE(d.ok);
  ASSERT_EQ(d.rgb.size(), 4u);
  EXPECT_EQ(d.delays, (std::vector<int>{10, 10, 10, 10}));
  for (int k = 1; k < 4; ++k) EXPECT_NE(d.rgb[k], d.rgb[k - 1]);
}

// Whichever thread maps a frame to the palette, and however the work is shared, the file
// is the same, byte for byte.
TEST(AnimationExport, GifBytesDoNotDependOnHowTheWorkIsShared) {
  AnimationSpec spec;
  parse_animate("base=10:100000", spec);
  spec.frames = 20;
  spec.log = true;
  const fs::path a = scratch("shared_a.gif"), b = scratch("shared_b.gif");
  write_animation(State::of_view("encoding"), spec, picture(320, 200), a.string(), {},
                  AnimationTuning{true, 2, 2, 16});
  write_animation(State::of_view("encoding"), spec, picture(320, 200), b.string(), {},
                  AnimationTuning{false, 1, 1, 16});
  EXPECT_EQ(read(a), read(b));
}

// --- MP4 ------------------------------------------------------------------------------------

TEST(VideoExport, Mp4HasEveryFrameAtAnEvenSize) {
  const fs::path mp4 = scratch("base.mp4");
  AnimationSpec spec;
  parse_animate("base=100:10000", spec);
  spec.frames = 7;
  spec.fps = 14;
  // Odd sizes: yuv420p needs even ones, so the last column and row are repeated.
  write_animation(State::of_view("encoding"), spec, picture(401, 251), mp4.string());
  auto fields = probe(mp4);
  EXPECT_EQ(fields["nb_read_frames"], "7");
  EXPECT_EQ(fields["width"], "402");
  EXPECT_EQ(fields["height"], "252");
  EXPECT_EQ(fields["r_frame_rate"], "14/1");
  EXPECT_FALSE(folder_has_temporaries(scratch_dir()));
}

// PATH without ffmpeg: MP4 says what to install, GIF still works.
TEST(VideoExport, MissingFfmpegIsOneClearLine) {
  const fs::path empty = scratch_dir() / "empty_bin";
  fs::create_directories(empty);
  const std::string old_path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  ::setenv("PATH", empty.c_str(), 1);
  AnimationSpec spec;
  parse_animate("base=100:1000", spec);
  spec.frames = 2;
  const fs::path mp4 = scratch("missing.mp4"), gif = scratch("missing.gif");
  const std::string why = refusal_of(
      [&] { write_animation(State::of_view("encoding"), spec, picture(200, 120), mp4.string()); });
  EXPECT_NO_THROW(
      write_animation(State::of_view("encoding"), spec, picture(200, 120), gif.string()));
  ::setenv("PATH", old_path.c_str(), 1);
  EXPECT_EQ(why, "MP4 needs the ffmpeg program (Debian package ffmpeg); GIF works without it");
  EXPECT_FALSE(fs::exists(mp4));
  EXPECT_TRUE(fs::exists(gif));
}

// An ffmpeg that fails: its last line is quoted, and no file is left.
TEST(VideoExport, FfmpegFailureQuotesItsLastLine) {
  const fs::path bin = scratch_dir() / "fake_bin";
  fs::create_directories(bin);
  {
    std::ofstream script(bin / "ffmpeg");
    script << "#!/bin/sh\ncat > /dev/null\necho 'first line' >&2\necho 'Unknown encoder "
              "libx264' >&2\nexit 1\n";
  }
  fs::permissions(bin / "ffmpeg", fs::perms::owner_all);
  const std::string old_path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  ::setenv("PATH", (bin.string() + ":" + old_path).c_str(), 1);
  AnimationSpec spec;
  parse_animate("base=100:1000", spec);
  spec.frames = 3;
  const fs::path mp4 = scratch("fails.mp4");
  std::string why;
  try {
    write_animation(State::of_view("encoding"), spec, picture(200, 120), mp4.string());
  } catch (const WriteError& e) {
    why = e.what();
  }
  ::setenv("PATH", old_path.c_str(), 1);
  EXPECT_NE(why.find("Unknown encoder libx264"), std::string::npos) << why;
  EXPECT_EQ(why.find('\n'), std::string::npos) << why;
  EXPECT_FALSE(fs::exists(mp4));
  EXPECT_FALSE(folder_has_temporaries(scratch_dir()));
}

// --- Refusals -------------------------------------------------------------------------------

TEST(AnimationExport, RefusalsNameTheProblemAndLeaveNoFile) {
  const State s = State::of_view("encoding");
  const fs::path gif = scratch("refused.gif");
  struct Case {
    std::string animate;
    int frames;
    double fps;
    bool log;
    std::string path;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"bse=10:100", 4, 12, false, gif.string(), "has no option 'bse'"},
      {"layout=1:2", 4, 12, false, gif.string(), "'layout' is not a number"},
      {"heads=1:4", 4, 12, false, gif.string(), "does not use 'heads'"},
      {"base=10:10", 4, 12, false, gif.string(), "nothing would move"},
      {"positions=0:50", 4, 12, true, gif.string(), "above 0"},
      {"base=0:100", 4, 12, true, gif.string(), "above 0"},
      {"base=10:100", 1, 12, false, gif.string(), "--frames wants 2 to 1000"},
      {"base=10:100", 1001, 12, false, gif.string(), "--frames wants 2 to 1000"},
      {"base=10:100", 4, 0, false, gif.string(), "--fps wants 1 to 60"},
      {"base=10:100", 4, 61, false, gif.string(), "--fps wants 1 to 60"},
      {"base=10:100", 4, 12, false, scratch("refused.png").string(), "must end in .gif or .mp4"},
      {"d=64:100000", 4, 12, false, gif.string(), "frame 2 of 4"},
  };
  for (const Case& c : cases) {
    AnimationSpec spec;
    parse_animate(c.animate, spec);
    spec.frames = c.frames;
    spec.fps = c.fps;
    spec.log = c.log;
    const std::string why =
        refusal_of([&] { write_animation(s, spec, picture(200, 120), c.path); });
    EXPECT_NE(why.find(c.says), std::string::npos) << c.animate << ": " << why;
    EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    EXPECT_FALSE(fs::exists(c.path)) << c.animate;
  }
  // Too small a picture, and --transparent.
  AnimationSpec spec;
  parse_animate("base=10:100", spec);
  EXPECT_NE(refusal_of([&] {
              write_animation(s, spec, picture(8, 120), gif.string());
            }).find("16 to 4096"),
            std::string::npos);
  EXPECT_NE(refusal_of([&] {
              write_animation(s, spec, picture(5000, 120), gif.string());
            }).find("16 to 4096"),
            std::string::npos);
  // 1000 frames of 4096 x 4096 would take minutes and gigabytes: refused at once.
  AnimationSpec many = spec;
  many.frames = 1000;
  const std::string huge =
      refusal_of([&] { write_animation(s, many, picture(4096, 4096), gif.string()); });
  EXPECT_NE(huge.find("1.7e+10 pixels"), std::string::npos) << huge;
  PictureOptions clear = picture(200, 120);
  clear.transparent = true;
  EXPECT_NE(refusal_of([&] { write_animation(s, spec, clear, gif.string()); }).find("opaque"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(gif));
  EXPECT_FALSE(folder_has_temporaries(scratch_dir()));
}

// --- Through the program --------------------------------------------------------------------

TEST(AnimationExport, ThroughTheCommandLine) {
  const fs::path gif = scratch("cli.gif");
  const auto o = testing_process::run({PEVIZ_EXE, "export", "encoding", "--animate",
                                       "base=10:100000", "--log", "--frames", "5", "--fps", "10",
                                       "--width", "300", "--height", "200", "--out", gif.string()});
  ASSERT_TRUE(o.exited(0)) << testing_process::describe(o) << o.err;
  const DecodedGif d = decode_gif(gif);
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.rgb.size(), 5u);
  EXPECT_EQ(d.width, 300);
  // A refusal: one line, exit 2, no file.
  const fs::path bad = scratch("cli_bad.gif");
  const auto r = testing_process::run({PEVIZ_EXE, "export", "encoding", "--animate", "base=a:b",
                                       "--frames", "5", "--out", bad.string()});
  EXPECT_TRUE(r.exited(2)) << testing_process::describe(r);
  EXPECT_NE(r.err.find("'a' is not a number"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(bad));
  // ffmpeg missing.
  const fs::path empty = scratch_dir() / "empty_bin";
  fs::create_directories(empty);
  const fs::path mp4 = scratch("cli.mp4");
  const auto m = testing_process::run({PEVIZ_EXE, "export", "encoding", "--animate", "base=10:100",
                                       "--frames", "3", "--out", mp4.string()},
                                      {60.0, 4096, {}, {"PATH=" + empty.string()}});
  EXPECT_TRUE(m.exited(2)) << testing_process::describe(m);
  EXPECT_NE(m.err.find("MP4 needs the ffmpeg program"), std::string::npos) << m.err;
  EXPECT_FALSE(fs::exists(mp4));
}

}  // namespace
}  // namespace peviz
