// `peviz check rope` end to end: the built program on .npy files written here (the writer
// below follows numpy/lib/format.py, version 1.0), with the presets as models. Their numbers
// are computed here from the reference with one mistake planted; the program must exit 1 and
// name it, exit 0 on the right numbers and exit 2 with one line on bad input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/model/model_frequencies.hpp"
#include "app/model/presets.hpp"
#include "run_process.hpp"

namespace peviz {
namespace {

namespace fs = std::filesystem;

// IEEE 754 binary16 bits of v (|v| < 65504), rounded to nearest.
std::uint16_t to_half(double v) {
  const std::uint16_t sign = v < 0 ? 0x8000 : 0;
  v = std::fabs(v);
  if (v < std::ldexp(1.0, -14)) {  // subnormal: a multiple of 2^-24
    return static_cast<std::uint16_t>(sign | std::lround(std::ldexp(v, 24)));
  }
  int e = 0;
  const double f = std::frexp(v, &e);  // v = f 2^e, f in [0.5, 1)
  long mantissa = std::lround((2.0 * f - 1.0) * 1024.0);
  long exponent = e - 1 + 15;
  if (mantissa == 1024) {
    mantissa = 0;
    ++exponent;
  }
  return static_cast<std::uint16_t>(sign | (exponent << 10) | mantissa);
}

// A little-endian .npy v1.0 file of rows x cols values ('<f8', '<f4' or '<f2'); cols 0: 1-D.
void write_npy(const fs::path& file, const std::vector<double>& values, long rows, long cols,
               bool f32, bool f16 = false) {
  std::string header = std::string("{'descr': '") +
                       (f16   ? "<f2"
                        : f32 ? "<f4"
                              : "<f8") +
                       "', 'fortran_order': False, 'shape': (" + std::to_string(rows) +
                       (cols > 0 ? ", " + std::to_string(cols) + ")" : ",)") + ", }";
  // magic (6) + version (2) + length (2) + header + '\n', padded to a multiple of 64.
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream out(file, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  const char len_bytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
  out.write(len_bytes, 2);
  out << header;
  for (double v : values) {
    if (f16) {
      const std::uint16_t h = to_half(v);
      const char bytes[2] = {static_cast<char>(h & 0xff), static_cast<char>(h >> 8)};
      out.write(bytes, 2);
    } else if (f32) {
      const float f = static_cast<float>(v);
      out.write(reinterpret_cast<const char*>(&f), sizeof f);
    } else {
      out.write(reinterpret_cast<const char*>(&v), sizeof v);
    }
  }
}

std::vector<double> to_vector(const Eigen::VectorXd& v) {
  return std::vector<double>(v.data(), v.data() + v.size());
}

enum class Layout { HalfSplit, Interleaved };

class CheckRopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_check_rope_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // amp * cos / sin(m * inv) at m = 0..n-1 as two .npy files, laid out as asked.
  void write_cache(const std::string& name, const Eigen::VectorXd& inv, double amp, long n,
                   Layout layout, bool f32, bool f16 = false) {
    const long p = static_cast<long>(inv.size());
    std::vector<double> c, s;
    for (long m = 0; m < n; ++m) {
      for (long j = 0; j < 2 * p; ++j) {
        const long k = layout == Layout::HalfSplit ? j % p : j / 2;
        c.push_back(amp * std::cos(static_cast<double>(m) * inv[k]));
        s.push_back(amp * std::sin(static_cast<double>(m) * inv[k]));
      }
    }
    write_npy(dir_ / (name + "_cos.npy"), c, n, 2 * p, f32, f16);
    write_npy(dir_ / (name + "_sin.npy"), s, n, 2 * p, f32, f16);
  }

  testing_process::Outcome check(const std::vector<std::string>& args) {
    std::vector<std::string> argv{PEVIZ_EXE, "check", "rope"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing_process::run(argv);
  }

  // Bad input: exit 2, nothing on stdout, one line on stderr that says `what`.
  void expect_bad(const std::vector<std::string>& args, const std::string& what) {
    const testing_process::Outcome o = check(args);
    EXPECT_TRUE(o.exited(2)) << testing_process::describe(o) << " " << o.err;
    EXPECT_EQ(o.out, "");
    EXPECT_EQ(o.err.rfind("peviz check: ", 0), 0u) << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
    EXPECT_NE(o.err.find(what), std::string::npos) << o.err;
  }

  fs::path dir_;
};

TEST_F(CheckRopeTest, Llama32RightMatchesAndFactor8IsNamed) {
  ModelRope m = load_preset("llama-3.2-1b");
  write_npy(dir_ / "ok.npy", to_vector(model_frequencies(m).scaled.inv_freq), 32, 0, false);
  const testing_process::Outcome ok =
      check({"--preset", "llama-3.2-1b", "--inv-freq", path("ok.npy")});
  EXPECT_TRUE(ok.exited(0)) << testing_process::describe(ok) << ok.err;
  EXPECT_EQ(ok.out,
            "reference: llama3, theta 500000, rotary_dim 64 of head_dim 64, factor 32, original "
            "context 8192, context 131072, attention factor 1, pairing either (no model_type)\n"
            "theirs: ok.npy (F64, 32)\n"
            "max absolute error 0, max relative error 0\n"
            "match\n");
  // The Llama 3.2 bug: Llama 3.1's factor 8 hard-coded.
  m.factor = 8.0;
  write_npy(dir_ / "f8.npy", to_vector(model_frequencies(m).scaled.inv_freq), 32, 0, false);
  const testing_process::Outcome bad =
      check({"--preset", "llama-3.2-1b", "--inv-freq", path("f8.npy")});
  EXPECT_TRUE(bad.exited(1)) << testing_process::describe(bad) << bad.err;
  EXPECT_NE(bad.out.find("max relative error 3\nMISMATCH\n"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("likely cause: factor: factor 8 fits; the config says 32 (residual 0)\n"),
            std::string::npos)
      << bad.out;
}

TEST_F(CheckRopeTest, Phi2OverHeadDimIsPartialRotary) {
  // 16 float32 values theta^(-2i/80): the exponent over head_dim 80, not rotary_dim 32.
  std::vector<double> wrong;
  for (int i = 0; i < 16; ++i) wrong.push_back(std::pow(10000.0, -2.0 * i / 80.0));
  write_npy(dir_ / "phi.npy", wrong, 16, 0, true);
  const testing_process::Outcome o = check({"--preset", "phi-2", "--inv-freq", path("phi.npy")});
  EXPECT_TRUE(o.exited(1)) << testing_process::describe(o) << o.err;
  EXPECT_NE(o.out.find("theirs: phi.npy (F32, 16)\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("likely cause: partial rotary: the exponent over head_dim: "
                       "theta^(-2i/80) instead of theta^(-2i/32) (rotary_dim 32 of head_dim 80)"),
            std::string::npos)
      << o.out;
}

TEST_F(CheckRopeTest, DeepSeekV3MscaleNotDividedShowsInTheAmplitude) {
  const ModelRope m = load_preset("deepseek-v3");
  const Eigen::VectorXd inv = model_frequencies(m).scaled.inv_freq;
  write_cache("ds", inv, 0.1 * std::log(40.0) + 1.0, 1024, Layout::HalfSplit, true);
  const testing_process::Outcome o =
      check({"--preset", "deepseek-v3", "--cos", path("ds_cos.npy"), "--sin", path("ds_sin.npy")});
  EXPECT_TRUE(o.exited(1)) << testing_process::describe(o) << o.err;
  EXPECT_NE(o.out.find("max absolute error 0.368888, max relative error 0.368888\n"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("likely cause: attention factor: attention factor 1.36889 fits: "
                       "get_mscale(40, mscale 1) not divided by get_mscale(40, mscale_all_dim 1); "
                       "the config implies 1"),
            std::string::npos)
      << o.out;
  // The right cache, float32, matches with a precision note.
  write_cache("ok", inv, 1.0, 1024, Layout::HalfSplit, true);
  const testing_process::Outcome ok =
      check({"--preset", "deepseek-v3", "--cos", path("ok_cos.npy"), "--sin", path("ok_sin.npy")});
  EXPECT_TRUE(ok.exited(0)) << testing_process::describe(ok) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("layout: half-split (cat(freqs, freqs))\n"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("precision: their cache holds float32"), std::string::npos) << ok.out;
}

TEST_F(CheckRopeTest, Float16CacheGetsItsOwnRoundingAsTolerance) {
  const Eigen::VectorXd inv = model_frequencies(load_preset("deepseek-v3")).scaled.inv_freq;
  write_cache("h", inv, 1.0, 512, Layout::HalfSplit, false, true);
  std::vector<std::string> args{"--preset",        "deepseek-v3", "--cos",
                                path("h_cos.npy"), "--sin",       path("h_sin.npy")};
  const testing_process::Outcome o = check(args);
  EXPECT_TRUE(o.exited(0)) << testing_process::describe(o) << o.out << o.err;
  EXPECT_NE(o.out.find("theirs: h_cos.npy (F16, 512 x 64) and h_sin.npy (F16, 512 x 64)\n"
                       "tolerance 0.000976562: their numbers are F16 (--tolerance sets another)\n"),
            std::string::npos)
      << o.out;
  // float16 rounds to 2^-11 of 1: more than 1e-5.
  args.insert(args.end(), {"--tolerance", "1e-5"});
  const testing_process::Outcome strict = check(args);
  EXPECT_TRUE(strict.exited(1)) << testing_process::describe(strict) << strict.err;
  EXPECT_EQ(strict.out.find("tolerance 0.000976562"), std::string::npos) << strict.out;
}

TEST_F(CheckRopeTest, GptJPairsInterleaved) {
  // The GPT-J preset's model_type gptj: rotate_every_two, an interleaved cache.
  const Eigen::VectorXd inv = model_frequencies(load_preset("gpt-j-6b")).scaled.inv_freq;
  ASSERT_EQ(inv.size(), 32);
  write_cache("half", inv, 1.0, 256, Layout::HalfSplit, false);
  write_cache("inter", inv, 1.0, 256, Layout::Interleaved, false);
  const auto args = [&](const std::string& n) {
    return std::vector<std::string>{"--preset",           "gpt-j-6b", "--cos",
                                    path(n + "_cos.npy"), "--sin",    path(n + "_sin.npy")};
  };
  const testing_process::Outcome bad = check(args("half"));
  EXPECT_TRUE(bad.exited(1)) << testing_process::describe(bad) << bad.err;
  EXPECT_NE(bad.out.find("likely cause: pairing: their cache is half-split (cat(freqs, freqs)); "
                         "the model pairs interleaved (repeat_interleave(freqs, 2)) (residual 0)"),
            std::string::npos)
      << bad.out;
  const testing_process::Outcome ok = check(args("inter"));
  EXPECT_TRUE(ok.exited(0)) << testing_process::describe(ok) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("layout: interleaved (repeat_interleave(freqs, 2))\n"), std::string::npos)
      << ok.out;
  // --pairing overrides the model_type.
  std::vector<std::string> a = args("half");
  a.insert(a.end(), {"--pairing", "half-split"});
  EXPECT_TRUE(check(a).exited(0));
}

TEST_F(CheckRopeTest, StaleDynamicNtkAndFloat32Tolerance) {
  // A dynamic-NTK config (factor 2 over 4096 positions) checked at 16384; theirs for 8192.
  std::ofstream(dir_ / "config.json") << R"({"hidden_size": 4096, "num_attention_heads": 32,
    "max_position_embeddings": 4096, "rope_theta": 10000,
    "rope_scaling": {"type": "dynamic", "factor": 2.0}})";
  const ModelRope m = load_hf_config(dir_ / "config.json");
  write_npy(dir_ / "stale.npy", to_vector(model_frequencies(m, 8192).scaled.inv_freq), 64, 0,
            false);
  const testing_process::Outcome o = check(
      {"--config", path("config.json"), "--context", "16384", "--inv-freq", path("stale.npy")});
  EXPECT_TRUE(o.exited(1)) << testing_process::describe(o) << o.err;
  EXPECT_NE(o.out.find("likely cause: context: frequencies for 8192 positions fit (a dynamic-NTK "
                       "cache computed for another length); the reference is at 16384"),
            std::string::npos)
      << o.out;
  // float32 values: a note by default, the cause under a tighter tolerance.
  write_npy(dir_ / "f32.npy", to_vector(model_frequencies(m, 16384).scaled.inv_freq), 64, 0, true);
  const std::vector<std::string> args{"--config", path("config.json"), "--context",
                                      "16384",    "--inv-freq",        path("f32.npy")};
  const testing_process::Outcome note = check(args);
  EXPECT_TRUE(note.exited(0)) << testing_process::describe(note) << note.out << note.err;
  EXPECT_NE(note.out.find("precision: their inv_freq holds float32"), std::string::npos)
      << note.out;
  std::vector<std::string> strict = args;
  strict.insert(strict.end(), {"--tolerance", "1e-9"});
  const testing_process::Outcome tight = check(strict);
  EXPECT_TRUE(tight.exited(1)) << testing_process::describe(tight) << tight.err;
  EXPECT_NE(tight.out.find("likely cause: float32: "), std::string::npos) << tight.out;
}

TEST_F(CheckRopeTest, OneSafetensorsFileWithCosAndSin) {
  // huggingface/safetensors "Format": an 8-byte little-endian header length, the JSON header,
  // the data. Two F64 tensors, cos_cached and sin_cached, 8 positions x 128 (Llama 3 8B).
  const Eigen::VectorXd inv = model_frequencies(load_preset("llama-3-8b")).scaled.inv_freq;
  std::vector<double> c, s;
  for (int m = 0; m < 8; ++m) {
    for (int j = 0; j < 128; ++j) {
      c.push_back(std::cos(m * inv[j % 64]));
      s.push_back(std::sin(m * inv[j % 64]));
    }
  }
  const std::size_t bytes = c.size() * sizeof(double);
  std::string header = R"({"cos_cached":{"dtype":"F64","shape":[8,128],"data_offsets":[0,)" +
                       std::to_string(bytes) +
                       R"(]},"sin_cached":{"dtype":"F64","shape":[8,128],"data_offsets":[)" +
                       std::to_string(bytes) + "," + std::to_string(2 * bytes) + "]}}";
  while (header.size() % 8 != 0) header += ' ';
  std::ofstream out(dir_ / "cache.safetensors", std::ios::binary);
  const std::uint64_t n = header.size();
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>((n >> (8 * i)) & 0xff));
  out << header;
  out.write(reinterpret_cast<const char*>(c.data()), static_cast<std::streamsize>(bytes));
  out.write(reinterpret_cast<const char*>(s.data()), static_cast<std::streamsize>(bytes));
  out.close();
  const std::string file = path("cache.safetensors");
  const testing_process::Outcome o =
      check({"--preset", "llama-3-8b", "--cos", file, "--sin", file});
  EXPECT_TRUE(o.exited(0)) << testing_process::describe(o) << o.out << o.err;
  EXPECT_NE(o.out.find("theirs: cache.safetensors (F64, 8 x 128) and cache.safetensors (F64, 8 x "
                       "128)\nlayout: half-split (cat(freqs, freqs))\n"),
            std::string::npos)
      << o.out;
  // Asked for an inv_freq, the file has none to offer.
  expect_bad({"--preset", "llama-3-8b", "--inv-freq", file},
             "2 tensors and not one named like 'inv_freq' (cos_cached, sin_cached)");
}

TEST_F(CheckRopeTest, BadInputIsOneLineAndExit2) {
  write_npy(dir_ / "short.npy", std::vector<double>(50, 0.1), 50, 0, false);
  write_npy(dir_ / "ok.npy", std::vector<double>(32, 0.1), 32, 0, false);
  std::ofstream(dir_ / "junk.npy") << "not a numpy file at all";
  const std::string llama = "llama-3.2-1b";
  expect_bad({"--preset", llama, "--inv-freq", path("missing.npy")}, "missing.npy");
  expect_bad({"--preset", llama, "--inv-freq", path("junk.npy")}, "junk.npy");
  expect_bad({"--preset", llama, "--inv-freq", path("short.npy")}, "has 50 values");
  expect_bad({"--preset", llama, "--cos", path("ok.npy")}, "--sin");
  expect_bad({"--preset", llama, "--cos", path("ok.npy"), "--sin", path("ok.npy")},
             "cos/sin cache is 32 x 1");
  expect_bad({"--preset", llama, "--inv-freq", path("ok.npy"), "--cos", path("ok.npy")},
             "--inv-freq FILE, or --cos FILE and --sin FILE");
  expect_bad({"--preset", "llama-9", "--inv-freq", path("ok.npy")}, "llama-9");
  expect_bad({"--inv-freq", path("ok.npy")}, "--config FILE");
  expect_bad({"--preset", llama, "--inv-freq", path("ok.npy"), "--tolerance", "-1"}, "--tolerance");
  expect_bad({"--preset", llama, "--inv-freq", path("ok.npy"), "--pairing", "zigzag"}, "--pairing");
  expect_bad({"--preset", llama, "--inv-freq", path("ok.npy"), "--colour", "red"}, "colour");
  const testing_process::Outcome usage =
      testing_process::run({PEVIZ_EXE, "check", "alibi", "--preset", llama});
  EXPECT_TRUE(usage.exited(2));
  EXPECT_NE(usage.err.find("usage: peviz check rope"), std::string::npos) << usage.err;
}

}  // namespace
}  // namespace peviz
