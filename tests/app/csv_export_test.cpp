// `peviz export VIEW --out FILE.csv`: the CSV agrees with values derived independently
// of the code under test (direct formulas, published numbers, a python
// re-implementation of the reference code), and bad input fails cleanly. The options
// are the window's parameters with the window's defaults (SharedParams, each view's own).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/export_command.hpp"
#include "app/views/wavelengths_view.hpp"
#include "core/learned.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  double num(std::size_t r, std::size_t c) const { return std::stod(rows.at(r).at(c)); }
};

Csv parse_csv(const fs::path& path) {
  std::ifstream in(path);
  Csv csv;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string f;
    while (std::getline(s, f, ',')) fields.push_back(f);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    if (first) {
      csv.header = fields;
      first = false;
    } else {
      csv.rows.push_back(fields);
    }
  }
  return csv;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peviz_export_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `peviz export` in-process; returns the exit code.
  int run(std::vector<std::string> args) {
    args.insert(args.begin(), "export");
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const int code = run_export(static_cast<int>(argv.size()), argv.data(), out, err);
    stdout_ = out.str();
    stderr_ = err.str();
    return code;
  }
  Csv export_csv(const std::string& view, std::vector<std::string> options) {
    const fs::path file = dir_ / (view + ".csv");
    options.insert(options.begin(), {view, "--out", file.string()});
    const int code = run(options);
    EXPECT_EQ(code, 0) << stderr_;
    return parse_csv(file);
  }
  // Expects exit code 2, exactly one line on stderr that contains `needle`, and no file.
  void expect_rejected(std::vector<std::string> args, const std::string& needle) {
    const fs::path file = dir_ / "out.csv";
    bool has_out = false;
    for (const std::string& a : args) has_out = has_out || a == "--out";
    if (!has_out) args.insert(args.end(), {"--out", file.string()});
    EXPECT_EQ(run(args), 2) << "args accepted: " << ::testing::PrintToString(args);
    EXPECT_NE(stderr_.find(needle), std::string::npos) << "stderr: " << stderr_;
    EXPECT_EQ(std::count(stderr_.begin(), stderr_.end(), '\n'), 1) << "stderr: " << stderr_;
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0)
        << "a file was left behind";
  }

  fs::path dir_;
  std::string stdout_, stderr_;
};

TEST_F(ExportTest, SinusoidalEncodingMatchesThePaperFormula) {
  const Csv csv = export_csv("encoding", {"--d", "16", "--positions", "10", "--start", "5"});
  ASSERT_EQ(csv.header.size(), 17u);
  EXPECT_EQ(csv.header[0], "position");
  EXPECT_EQ(csv.header[16], "dim_15");
  ASSERT_EQ(csv.rows.size(), 10u);
  for (int r = 0; r < 10; ++r) {
    const int p = 5 + r;
    EXPECT_EQ(std::stoi(csv.rows[r][0]), p);
    for (int i = 0; i < 8; ++i) {
      // Vaswani et al. Sec. 3.5 written out: PE(p, 2i) = sin(p / 10000^(2i/d)).
      const double angle = p / std::pow(10000.0, 2.0 * i / 16.0);
      EXPECT_NEAR(csv.num(r, 1 + 2 * i), std::sin(angle), 1e-15);
      EXPECT_NEAR(csv.num(r, 2 + 2 * i), std::cos(angle), 1e-15);
    }
  }
}

TEST_F(ExportTest, ConcatLayoutPutsSinesFirstAndCosinesSecond) {
  const Csv csv = export_csv("encoding", {"--d", "8", "--positions", "3", "--layout", "concat"});
  // Position 1, pair 0: sin(1) in column 0, cos(1) in column 4 (d/2).
  EXPECT_NEAR(csv.num(1, 1), 0.8414709848078965, 1e-16);
  EXPECT_NEAR(csv.num(1, 5), 0.5403023058681398, 1e-16);
  // Pair 1 of position 2: w_1 = 10000^(-2/8) = 0.1.
  EXPECT_NEAR(csv.num(2, 2), std::sin(0.2), 1e-16);
  EXPECT_NEAR(csv.num(2, 6), std::cos(0.2), 1e-16);
}

TEST_F(ExportTest, NumbersRoundTripAtFullPrecision) {
  const Csv csv = export_csv("encoding", {"--d", "4", "--positions", "2"});
  // %.17g: sin(1) reads back as exactly the double the library computed.
  EXPECT_EQ(csv.num(1, 1), std::sin(1.0));
  EXPECT_EQ(csv.rows[1][1], "0.8414709848078965");
}

TEST_F(ExportTest, LearnedTableIsTheSameRowsInEveryWindow) {
  const Csv a = export_csv("encoding", {"--scheme", "learned", "--positions", "20", "--seed", "7"});
  const Csv b =
      export_csv("similarity", {"--scheme", "learned", "--positions", "2", "--seed", "7"});
  const Csv c = export_csv(
      "encoding", {"--scheme", "learned", "--positions", "5", "--start", "15", "--seed", "7"});
  for (int r = 0; r < 5; ++r) {
    for (int j = 1; j <= 64; ++j) EXPECT_EQ(c.rows[r][j], a.rows[15 + r][j]);
  }
  double sum2 = 0.0;
  for (const auto& row : a.rows) {
    for (int j = 1; j <= 64; ++j) sum2 += std::pow(std::stod(row[j]), 2);
  }
  EXPECT_NEAR(std::sqrt(sum2 / (20 * 64)), 0.02, 0.002);  // GPT-2's init std
  EXPECT_NEAR(b.num(0, 1), 1.0, 1e-15);
}

TEST_F(ExportTest, WavelengthsWithoutScalingMatchThePaper) {
  const Csv csv = export_csv("wavelengths", {"--d", "64"});
  ASSERT_EQ(csv.header,
            (std::vector<std::string>{"pair", "frequency", "wavelength", "angle_range"}));
  ASSERT_EQ(csv.rows.size(), 32u);
  EXPECT_NEAR(csv.num(0, 2), 2.0 * std::numbers::pi, 1e-12);
  // docs/formulas.md Sec. 1: the largest wavelength for d = 64 is 2 pi 10000^(62/64) = 47117.2428.
  EXPECT_NEAR(csv.num(31, 2), 47117.24278016739, 1e-8);
  // The angle over the view's positions (100 by default), whose turns its lower chart counts.
  EXPECT_NEAR(csv.num(0, 3), 100.0, 1e-12);
  EXPECT_NEAR(csv.num(31, 3), 100.0 * std::pow(10000.0, -62.0 / 64.0), 1e-15);
}

TEST_F(ExportTest, GptNeox20bRotatesAQuarterOfItsHeadDimension) {
  // GPT-NeoX-20B: head dim 96, rotary_pct 0.25: 24 rotary dimensions, 12 pairs, and the
  // frequencies of those 24 dimensions (HF: base^(-arange(0, 24, 2) / 24)).
  const Csv csv =
      export_csv("wavelengths", {"--scheme", "rope", "--d", "96", "--partial-rotary", "0.25"});
  ASSERT_EQ(csv.header,
            (std::vector<std::string>{"pair", "frequency", "wavelength", "angle_range"}));
  ASSERT_EQ(csv.rows.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    const double expected = std::pow(10000.0, -2.0 * i / 24.0);
    EXPECT_EQ(std::stoi(csv.rows[i][0]), i);
    EXPECT_NEAR(csv.num(i, 1), expected, 1e-15 * expected) << "pair " << i;
    EXPECT_NEAR(csv.num(i, 2), 2.0 * std::numbers::pi / expected, 1e-12 / expected) << "pair " << i;
    EXPECT_NEAR(csv.num(i, 3), 100.0 * expected, 1e-13 * expected) << "pair " << i;
  }
  // The figure draws the same 12 pairs (not the 48 of the whole head).
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.d = 96;
  s.partial_rotary = 0.25;
  const plot::Figure f = wavelengths_figure(s, {}, {1600, 1000, {}});
  ASSERT_TRUE(f.refusal().empty()) << f.refusal();
  ASSERT_EQ(f.panels.size(), 2u);
  for (const plot::Panel& p : f.panels) {
    ASSERT_EQ(p.lines.size(), 1u) << p.id;
    ASSERT_EQ(p.lines[0].x.size(), 12u) << p.id;
  }
  for (int i = 0; i < 12; ++i) EXPECT_DOUBLE_EQ(f.panels[0].lines[0].y[i], csv.num(i, 2));
}

TEST_F(ExportTest, TheRopeWavelengthFigureDrawsTheScaledTable) {
  const Csv csv = export_csv("wavelengths", {"--scheme", "rope", "--d", "128", "--scaling", "yarn",
                                             "--factor", "16", "--positions", "5000"});
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.d = 128;
  s.scaling = Scaling::Yarn;
  s.factor = 16;
  s.positions = 5000;
  const plot::Figure f = wavelengths_figure(s, {}, {1600, 1000, {}});
  ASSERT_EQ(csv.rows.size(), 64u);
  ASSERT_EQ(f.panels[0].lines[0].y.size(), 64u);
  for (int i = 0; i < 64; ++i) {
    EXPECT_EQ(f.panels[0].lines[0].y[i], csv.num(i, 2)) << "pair " << i;
    EXPECT_NEAR(f.panels[1].lines[0].y[i], csv.num(i, 3) / (2.0 * std::numbers::pi),
                1e-12 * csv.num(i, 3))
        << "pair " << i;
  }
}

TEST_F(ExportTest, NtkDividesTheLowestFrequencyByTheFactor) {
  const Csv plain = export_csv("wavelengths", {"--scheme", "rope", "--d", "64"});
  const Csv ntk = export_csv(
      "wavelengths", {"--scheme", "rope", "--d", "64", "--scaling", "ntk", "--factor", "4"});
  EXPECT_NEAR(ntk.num(31, 1), plain.num(31, 1) / 4.0, 1e-18);
  EXPECT_EQ(ntk.num(0, 1), 1.0);
  // base' = 10000 * 4^(64/62) = 41829.366 (YaRN paper Eq. 16), so pair 1 is base'^(-2/64).
  EXPECT_NEAR(ntk.num(1, 1), std::pow(41829.36592889948, -2.0 / 64.0), 1e-15);
}

TEST_F(ExportTest, YarnMatchesTheReferenceImplementation) {
  const Csv csv = export_csv("wavelengths", {"--scheme", "rope", "--d", "128", "--scaling", "yarn",
                                             "--factor", "4", "--original-context", "4096"});
  // From a python re-implementation of HF _compute_yarn_parameters (low = 20, high = 46):
  EXPECT_NEAR(csv.num(0, 1), 1.0, 1e-15);
  EXPECT_NEAR(csv.num(10, 1), 0.23713737056616555, 1e-15);
  EXPECT_NEAR(csv.num(30, 1), 0.009488517882700576, 1e-15);
  EXPECT_NEAR(csv.num(40, 1), 0.0013378867023789293, 1e-16);  // docs/formulas.md: 1.3379e-3
  EXPECT_NEAR(csv.num(63, 1), 2.8869549617236455e-05, 1e-19);
}

TEST_F(ExportTest, Llama3MatchesMetasApplyScaling) {
  const Csv csv =
      export_csv("wavelengths", {"--scheme", "rope", "--d", "128", "--base", "500000", "--scaling",
                                 "llama3", "--factor", "8", "--original-context", "8192"});
  // From a python re-implementation of meta-llama/llama-models apply_scaling.
  EXPECT_EQ(csv.num(0, 1), 1.0);
  EXPECT_NEAR(csv.num(29, 1), 0.002166570763503359, 1e-17);
  EXPECT_NEAR(csv.num(32, 1), 0.0005248461609929547, 1e-17);
  EXPECT_NEAR(csv.num(34, 1), 0.00017850781276799638, 1e-18);
  EXPECT_NEAR(csv.num(63, 1), 3.068925988914511e-07, 1e-21);
}

TEST_F(ExportTest, SinusoidalSimilarityIsTheSumOfCosines) {
  const Csv csv = export_csv("similarity", {"--d", "32", "--positions", "12", "--start", "100"});
  ASSERT_EQ(csv.header[1], "pos_100");
  ASSERT_EQ(csv.rows.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    for (int j = 0; j < 12; ++j) {
      // docs/formulas.md Sec. 3: cos-sim = (2/d) sum_i cos((p - q) w_i).
      double s = 0.0;
      for (int k = 0; k < 16; ++k) s += std::cos((i - j) * std::pow(10000.0, -2.0 * k / 32));
      EXPECT_NEAR(csv.num(i, 1 + j), s / 16.0, 1e-14);
    }
  }
  const Csv dot = export_csv("similarity", {"--d", "32", "--positions", "3", "--metric", "dot"});
  EXPECT_NEAR(dot.num(1, 2), 16.0, 1e-13);  // |PE|^2 = d/2
}

TEST_F(ExportTest, ShiftErrorIsRoundingOnly) {
  const Csv csv = export_csv("shift", {"--offset", "5", "--positions", "100"});
  ASSERT_EQ(csv.rows.size(), 100u);
  for (std::size_t r = 0; r < csv.rows.size(); ++r) EXPECT_LT(csv.num(r, 1), 1e-13);
}

TEST_F(ExportTest, RopeDecayBoundMatchesRoFormer) {
  const Csv csv = export_csv("rope-decay", {"--d", "64", "--max-distance", "100"});
  ASSERT_EQ(csv.rows.size(), 101u);
  EXPECT_NEAR(csv.num(0, 1), 16.5, 1e-12);  // (d/2 + 1) / 2
  // docs/formulas.md Sec. 4: B(50) = 5.73 < B(100) = 7.47 for d = 64 (not monotone).
  EXPECT_NEAR(csv.num(50, 1), 5.7330770907398385, 1e-12);
  EXPECT_NEAR(csv.num(100, 1), 7.465276599942443, 1e-12);
}

TEST_F(ExportTest, RopeDecayWithOverlaidBasesHasAColumnPerBase) {
  const Csv one = export_csv("rope-decay", {"--d", "64", "--max-distance", "100"});
  const Csv csv = export_csv(
      "rope-decay", {"--d", "64", "--max-distance", "100", "--bases", "500, 10000,500000"});
  // The shared base first, then the overlays that differ from it, as the legend lists them.
  ASSERT_EQ(csv.header,
            (std::vector<std::string>{"distance", "bound_10000", "bound_500", "bound_500000"}));
  ASSERT_EQ(csv.rows.size(), 101u);
  for (std::size_t r = 0; r < 101; ++r) {
    EXPECT_EQ(csv.rows[r][0], one.rows[r][0]);
    EXPECT_EQ(csv.rows[r][1], one.rows[r][1]);  // the same numbers as the one-base table
    for (std::size_t c = 1; c <= 3; ++c) EXPECT_LE(csv.num(r, c), 16.5 + 1e-12);
  }
  EXPECT_NEAR(csv.num(0, 2), 16.5, 1e-12);  // B(0) = (d/2 + 1) / 2 whatever the base
  EXPECT_NEAR(csv.num(0, 3), 16.5, 1e-12);
  // A larger base keeps the bound high for longer (RoFormer Sec. 3.4.3).
  EXPECT_LT(csv.num(100, 2), csv.num(100, 1));
  EXPECT_LT(csv.num(100, 1), csv.num(100, 3));
}

TEST_F(ExportTest, AlibiSlopesMatchThePaper) {
  const Csv eight = export_csv("alibi", {"--heads", "8"});
  ASSERT_EQ(eight.rows.size(), 8u);
  for (int h = 0; h < 8; ++h) EXPECT_DOUBLE_EQ(eight.num(h, 1), std::pow(2.0, -(h + 1)));
  const Csv twelve = export_csv("alibi", {"--heads", "12"});
  const double expected[12] = {0.5,
                               0.25,
                               0.125,
                               0.0625,
                               1.0 / 32,
                               1.0 / 64,
                               1.0 / 128,
                               1.0 / 256,
                               std::pow(2.0, -0.5),
                               std::pow(2.0, -1.5),
                               std::pow(2.0, -2.5),
                               std::pow(2.0, -3.5)};
  for (int h = 0; h < 12; ++h) EXPECT_NEAR(twelve.num(h, 1), expected[h], 1e-15) << "head " << h;
}

TEST_F(ExportTest, T5BucketsAtTheFloatBoundaries) {
  const Csv csv = export_csv("t5", {});
  ASSERT_EQ(csv.header,
            (std::vector<std::string>{"relative_position", "encoder_bucket", "decoder_bucket"}));
  ASSERT_EQ(csv.rows.size(), 513u);  // -256..256: twice the max distance 128
  const auto bucket = [&](int rel) { return std::stoi(csv.rows.at(rel + 256).at(1)); };
  EXPECT_EQ(bucket(0), 0);
  EXPECT_EQ(bucket(-7), 7);
  EXPECT_EQ(bucket(7), 23);
  EXPECT_EQ(bucket(-63), 13);
  EXPECT_EQ(bucket(-64), 14);  // 8 ln(8)/ln(16) = 6 exactly in HF's order
  EXPECT_EQ(bucket(64), 30);
  EXPECT_EQ(bucket(-128), 15);
  EXPECT_EQ(bucket(256), 31);
  // The decoder's column, the same whichever mask is shown (the chart draws both).
  const Csv causal = export_csv("t5", {"--mask", "causal", "--max-relative", "70"});
  const Csv none = export_csv("t5", {"--mask", "none", "--max-relative", "70"});
  ASSERT_EQ(causal.rows.size(), 141u);
  EXPECT_EQ(causal.rows, none.rows);
  const auto cb = [&](int rel) { return std::stoi(causal.rows.at(rel + 70).at(2)); };
  EXPECT_EQ(cb(5), 0);  // future keys all in bucket 0
  EXPECT_EQ(cb(-15), 15);
  // 16 + trunc(ln(64/16) / ln(128/16) * 16) = 16 + trunc(10.67) = 26.
  EXPECT_EQ(cb(-64), 26);
  // Three buckets are enough for the decoder, not for the encoder (two per direction at
  // least): the decoder's table has empty encoder cells, the encoder's is refused.
  const Csv three = export_csv("t5", {"--num-buckets", "3", "--max-distance", "8"});
  for (const auto& row : three.rows) {
    ASSERT_EQ(row.size(), 3u);
    EXPECT_EQ(row[1], "");
    EXPECT_NE(row[2], "");
  }
}

TEST_F(ExportTest, AttentionWeightsAreCausalSoftmaxRows) {
  const Csv csv = export_csv("attention", {"--text", "Dog bites man!", "--scheme", "nope"});
  ASSERT_EQ(csv.header, (std::vector<std::string>{"query", "key_0", "key_1", "key_2"}));
  ASSERT_EQ(csv.rows.size(), 3u);
  EXPECT_EQ(csv.rows[0][0], "dog");
  EXPECT_EQ(csv.rows[2][0], "man");
  for (int i = 0; i < 3; ++i) {
    double sum = 0.0;
    for (int j = 0; j < 3; ++j) {
      sum += csv.num(i, 1 + j);
      if (j > i) {
        EXPECT_EQ(csv.num(i, 1 + j), 0.0);
      }
    }
    EXPECT_NEAR(sum, 1.0, 1e-15);
  }
  EXPECT_EQ(csv.num(0, 1), 1.0);  // the first token sees only itself
}

TEST_F(ExportTest, AttentionWithoutPositionIgnoresWordOrder) {
  const Csv a =
      export_csv("attention", {"--text", "dog bites man", "--scheme", "nope", "--mask", "none"});
  const Csv b =
      export_csv("attention", {"--text", "man bites dog", "--scheme", "nope", "--mask", "none"});
  // Row "dog" of a vs row "dog" of b: the same weights, keys reordered (dog<->man).
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(a.num(0, 1 + j), b.num(2, 3 - j), 1e-15);
  const Csv c = export_csv("attention",
                           {"--text", "man bites dog", "--scheme", "sinusoidal", "--mask", "none"});
  const Csv d = export_csv("attention",
                           {"--text", "dog bites man", "--scheme", "sinusoidal", "--mask", "none"});
  double diff = 0.0;
  for (int j = 0; j < 3; ++j) diff = std::max(diff, std::abs(d.num(0, 1 + j) - c.num(2, 3 - j)));
  EXPECT_GT(diff, 1e-3);
}

TEST_F(ExportTest, EveryOtherSchemeExports) {
  for (const char* scheme : {"learned", "rope", "alibi", "t5"}) {
    const Csv csv = export_csv("attention", {"--scheme", scheme, "--text", "the cat saw the dog"});
    ASSERT_EQ(csv.rows.size(), 5u) << scheme;
    for (int i = 0; i < 5; ++i) {
      double sum = 0.0;
      for (int j = 0; j < 5; ++j) sum += csv.num(i, 1 + j);
      EXPECT_NEAR(sum, 1.0, 1e-14) << scheme;
    }
  }
}

TEST_F(ExportTest, HelpListsViewsAndOptions) {
  EXPECT_EQ(run({"--help"}), 0);
  for (const char* word : {"encoding", "wavelengths", "similarity", "shift", "rope-decay", "alibi",
                           "t5", "attention", "--scaling", "--original-context", "--beta-fast"}) {
    EXPECT_NE(stdout_.find(word), std::string::npos) << word;
  }
}

TEST_F(ExportTest, BadInputIsRejectedWithOneLineAndNoFile) {
  expect_rejected({"encoding", "--d", "63"}, "--d '63': must be even");
  expect_rejected({"encoding", "--d", "0"}, "--d '0': must be between 2 and 4096");
  expect_rejected({"encoding", "--base", "1"}, "--base '1': must be between 2");
  expect_rejected({"encoding", "--base", "0.5"}, "--base '0.5'");
  expect_rejected({"encoding", "--positions", "-3"}, "--positions");
  expect_rejected({"encoding", "--d", "abc"}, "--d");
  expect_rejected({"encoding", "--scheme", "rope"}, "sinusoidal");
  expect_rejected({"encoding", "--layout", "diagonal"},
                  "--layout 'diagonal': choose interleaved, concat");
  expect_rejected({"wavelengths", "--scheme", "rope", "--scaling", "yarn", "--factor", "0.5"},
                  "--factor '0.5': must be between 1 and 512");
  expect_rejected({"wavelengths", "--scheme", "rope", "--scaling", "magic"},
                  "--scaling 'magic': choose none");
  expect_rejected(
      {"wavelengths", "--scheme", "rope", "--scaling", "llama3", "--low-freq-factor", "4"},
      "high-frequency factor");
  expect_rejected({"wavelengths", "--scheme", "rope", "--partial-rotary", "0.77"},
                  "49 rotary dimensions");
  expect_rejected({"alibi", "--heads", "0"}, "between 1 and 256");
  expect_rejected({"t5", "--num-buckets", "2", "--mask", "none"},
                  "T5 needs at least 4 buckets (bidirectional) (got 2)");
  expect_rejected({"t5", "--num-buckets", "67", "--max-distance", "2"},
                  "max distance (2) must be greater");
  expect_rejected({"attention", "--text", "?!"}, "no words");
  expect_rejected({"attention", "--scheme", "alibi", "--head", "8"},
                  "head 8 does not exist: heads are 0..7");
  expect_rejected({"encoding", "--positions", "1000000", "--d", "4096"}, "cells");
  expect_rejected({"similarity", "--positions", "100000"}, "lower --positions");
  expect_rejected({"teapot"}, "unknown view 'teapot'");
  // The window's ranges hold here too (the CSV path once took what the window refused).
  expect_rejected({"alibi", "--heads", "300"}, "--heads '300': must be between 1 and 256");
  expect_rejected({"encoding", "--base", "1e12"}, "--base '1e12': must be between 2 and 1e+08");
  expect_rejected({"encoding", "--start", "-5"}, "--start '-5': must be between 0");
  expect_rejected({"encoding", "--start", "9223372036854775807", "--positions", "2"}, "--start");
  expect_rejected({"wavelengths", "--factor", "1e308"}, "--factor '1e308'");
  expect_rejected({"encoding", "--positions", "10000000"}, "--positions '10000000'");
  expect_rejected({"attention", "--text", "caf\xE9 au lait"}, "not UTF-8 (byte 0xE9 at 3)");
  expect_rejected({"encoding", "--out", (dir_ / "x.txt").string()}, ".csv");
  // attention is CSV only; its picture is the playground's.
  expect_rejected({"attention", "--out", (dir_ / "a.png").string()},
                  "peviz export playground --out FILE.png");
}

TEST_F(ExportTest, AnOptionTheViewDoesNotUseIsRefused) {
  expect_rejected({"wavelengths", "--seed", "3"},
                  "peviz export: view 'wavelengths' does not use 'seed' (it uses d, base, "
                  "positions");
  // What the view uses follows the scheme: RoPE's rotary fraction, a scaling's own fields.
  expect_rejected({"wavelengths", "--partial-rotary", "0.5"}, "does not use 'partial-rotary'");
  expect_rejected({"wavelengths", "--scheme", "rope", "--beta-fast", "16"},
                  "does not use 'beta-fast'");
  expect_rejected({"encoding", "--seed", "3"}, "view 'encoding' does not use 'seed'");
  expect_rejected({"alibi", "--d", "32"}, "view 'alibi' does not use 'd'");
  expect_rejected({"attention", "--scheme", "nope", "--base", "500"},
                  "view 'playground' does not use 'base'");
  // Used with the right scheme, wherever the scheme comes.
  EXPECT_EQ(
      export_csv("wavelengths", {"--scheme", "rope", "--scaling", "yarn", "--beta-fast", "16"})
          .rows.size(),
      32u);
  EXPECT_EQ(export_csv("encoding", {"--seed", "3", "--scheme", "learned"}).rows.size(), 100u);
  // The scheme and the picture's options are taken by every view (a CSV ignores the latter).
  EXPECT_EQ(export_csv("alibi",
                       {"--scheme", "alibi", "--width", "800", "--theme", "dark", "--transparent"})
                .rows.size(),
            8u);
}

TEST_F(ExportTest, ExportAllRefusesOnlyWhatNoViewUses) {
  // --values is the encoding view's alone, --offset the shift view's: the others ignore them.
  EXPECT_EQ(run({"all", "--format", "csv", "--out-dir", (dir_ / "all").string(), "--d", "16",
                 "--positions", "12", "--values", "false", "--offset", "3"}),
            0)
      << stderr_;
  const Csv shift = parse_csv(dir_ / "all" / "shift.csv");
  EXPECT_EQ(shift.header, (std::vector<std::string>{"position", "error"}));
  EXPECT_EQ(shift.rows.size(), 12u);
  const Csv alibi = parse_csv(dir_ / "all" / "alibi.csv");
  EXPECT_EQ(alibi.rows.size(), 8u);
  EXPECT_EQ(run({"all", "--format", "csv", "--out-dir", (dir_ / "none").string(), "--bogus", "1"}),
            2);
  EXPECT_NE(stderr_.find("no view has an option 'bogus'"), std::string::npos) << stderr_;
  EXPECT_FALSE(fs::exists(dir_ / "none"));
}

TEST_F(ExportTest, MissingOutIsRejected) {
  EXPECT_EQ(run({"encoding"}), 2);
  EXPECT_NE(stderr_.find("--out"), std::string::npos) << stderr_;
}

TEST_F(ExportTest, UnwritablePathIsRejected) {
  // A path under a regular file cannot be created, even by root.
  expect_rejected({"encoding", "--out", "/etc/hostname/pe.csv"},
                  "cannot write '/etc/hostname/pe.csv'");
  expect_rejected({"encoding", "--out", (dir_ / "missing" / "pe.csv").string()},
                  "No such file or directory");
}

// The real program in a child process: exit codes, stderr, DISPLAY unset, full disk.
class ProcessTest : public ExportTest {
 protected:
  int shell(const std::string& command) {
    const std::string err = (dir_ / "stderr.txt").string();
    const int status = std::system(("env -u DISPLAY " + command + " 2> " + err).c_str());
    std::ifstream in(err);
    std::stringstream s;
    s << in.rdbuf();
    stderr_ = s.str();
    fs::remove(err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

TEST_F(ProcessTest, ExportsWithoutADisplay) {
  const fs::path out = dir_ / "pe.csv";
  EXPECT_EQ(
      shell(std::string(PEVIZ_EXE) + " export encoding --d 8 --positions 4 --out " + out.string()),
      0)
      << stderr_;
  EXPECT_EQ(parse_csv(out).rows.size(), 4u);
}

TEST_F(ProcessTest, BadInputExitsWithTwo) {
  const fs::path out = dir_ / "pe.csv";
  EXPECT_EQ(shell(std::string(PEVIZ_EXE) + " export encoding --d 7 --out " + out.string()), 2);
  EXPECT_NE(stderr_.find("must be even"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(ProcessTest, FullDiskLeavesNoPartialFile) {
  // ulimit -f caps the file size: the write fails with EFBIG like a full disk does
  // (SIGXFSZ ignored so that the write returns an error instead of killing the process).
  const fs::path out = dir_ / "big.csv";
  const std::string cmd = "sh -c \"trap '' XFSZ; ulimit -f 16; exec " + std::string(PEVIZ_EXE) +
                          " export encoding --positions 2000 --d 256 --out " + out.string() + "\"";
  EXPECT_EQ(shell(cmd), 2);
  EXPECT_NE(stderr_.find("cannot write"), std::string::npos) << stderr_;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0);
}

}  // namespace
}  // namespace peviz
