// `peviz export rope --config`: the RoPE a Hugging Face config.json implies, against
// transformers' formulas written out again here (modeling_rope_utils.py, one loop per
// rope_type in long double), and the command line end to end.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/rope_export.hpp"
#include "app/model/model_frequencies.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

namespace fs = std::filesystem;

ModelRope config(const char* text) {
  return read_hf_config(nlohmann::json::parse(text));
}

// meta-llama/Llama-3.1-8B config.json (the position fields).
constexpr const char* kLlama31 = R"({
  "hidden_size": 4096, "num_attention_heads": 32, "max_position_embeddings": 131072,
  "rope_theta": 500000.0,
  "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                   "original_max_position_embeddings": 8192, "rope_type": "llama3"}})";

// deepseek-ai/DeepSeek-V3 config.json (the position fields).
constexpr const char* kDeepSeekV3 = R"({
  "hidden_size": 7168, "num_attention_heads": 128, "qk_rope_head_dim": 64,
  "max_position_embeddings": 163840, "rope_theta": 10000,
  "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0,
                   "mscale_all_dim": 1.0, "original_max_position_embeddings": 4096,
                   "type": "yarn"}})";

// HF _compute_llama3_parameters, as a plain loop.
long double llama3_inv_freq(int i, int d, long double theta, long double s, long double l0,
                            long double low, long double high) {
  const long double f = 1.0L / std::pow(theta, 2.0L * i / d);
  const long double wavelen = 2.0L * 3.14159265358979323846264338327950288L / f;
  if (wavelen < l0 / high) return f;
  if (wavelen > l0 / low) return f / s;
  const long double smooth = (l0 / wavelen - low) / (high - low);
  return (1.0L - smooth) * f / s + smooth * f;
}

TEST(ModelFrequencies, Llama31IsTransformersLlama3AtEveryPair) {
  const ModelRope m = config(kLlama31);
  const ModelFrequencies f = model_frequencies(m);
  EXPECT_EQ(f.context, 131072);
  ASSERT_TRUE(f.original.has_value());
  EXPECT_EQ(*f.original, 8192);
  ASSERT_EQ(f.scaled.inv_freq.size(), 64);
  int kept = 0, divided = 0, blended = 0;
  for (int i = 0; i < 64; ++i) {
    const long double want = llama3_inv_freq(i, 128, 500000.0L, 8.0L, 8192.0L, 1.0L, 4.0L);
    EXPECT_NEAR(f.scaled.inv_freq[i], static_cast<double>(want), 2e-15 * static_cast<double>(want))
        << "pair " << i;
    const long double plain = 1.0L / std::pow(500000.0L, 2.0L * i / 128);
    kept += std::fabs(want - plain) < 1e-20L ? 1 : 0;
    divided += std::fabs(want - plain / 8) < 1e-20L ? 1 : 0;
  }
  blended = 64 - kept - divided;
  // All three bands are there: fast pairs kept, slow ones divided by 8, a blend between.
  EXPECT_GT(kept, 20);
  EXPECT_GT(divided, 10);
  EXPECT_GT(blended, 3);
  EXPECT_EQ(f.scaled.attention_factor, 1.0);
  EXPECT_EQ(f.scaled.softmax_scale_factor, 1.0);
}

TEST(ModelFrequencies, DeepSeekV3HasBothFactors) {
  const ModelFrequencies f = model_frequencies(config(kDeepSeekV3));
  ASSERT_EQ(f.scaled.inv_freq.size(), 32);  // qk_rope_head_dim 64
  EXPECT_EQ(*f.original, 4096);
  // mscale == mscale_all_dim: cos and sin are not scaled; the softmax scale is, by
  // (0.1 ln 40 + 1)^2 (DeepseekV3Attention).
  EXPECT_DOUBLE_EQ(f.scaled.attention_factor, 1.0);
  const double m = 0.1 * std::log(40.0) + 1.0;
  EXPECT_NEAR(f.scaled.softmax_scale_factor, m * m, 1e-15);
  // YaRN keeps the fastest pair and divides the slowest by the factor.
  EXPECT_DOUBLE_EQ(f.scaled.inv_freq[0], 1.0);
  EXPECT_NEAR(f.scaled.inv_freq[31], std::pow(10000.0, -62.0 / 64.0) / 40.0, 1e-22);
}

TEST(ModelFrequencies, DynamicNtkFollowsTheContext) {
  const ModelRope m = config(R"({"hidden_size": 1024, "num_attention_heads": 16,
    "max_position_embeddings": 4096, "rope_theta": 10000,
    "rope_scaling": {"type": "dynamic", "factor": 2.0}})");
  // Within the trained length nothing changes (HF: seq_len = max(seq_len, max_position)).
  const ModelFrequencies inside = model_frequencies(m, 1000);
  EXPECT_DOUBLE_EQ(inside.scaled.inv_freq[10], std::pow(10000.0, -20.0 / 64.0));
  // At 8192: base' = base (2 * 8192 / 4096 - 1)^(d / (d - 2)) = base 3^(64/62).
  const ModelFrequencies beyond = model_frequencies(m, 8192);
  const long double base = 10000.0L * std::pow(3.0L, 64.0L / 62.0L);
  for (int i : {1, 10, 31}) {
    const double want = static_cast<double>(std::pow(base, -2.0L * i / 64.0L));
    EXPECT_NEAR(beyond.scaled.inv_freq[i], want, 1e-15 * want) << i;
  }
  EXPECT_THROW(model_frequencies(m, -5), InvalidArgument);  // a context below 1 is refused
}

TEST(ModelFrequencies, LongRopeChoosesTheListByTheContext) {
  // microsoft/Phi-3-mini-128k-instruct's shape (head 96, original 4096, max 131072); the
  // factor lists are made up, 1.5 short and 3 long, so the choice is visible.
  std::string shorts, longs;
  for (int i = 0; i < 48; ++i) {
    shorts += std::string(i ? "," : "") + "1.5";
    longs += std::string(i ? "," : "") + "3.0";
  }
  const std::string text = R"({"hidden_size": 3072, "num_attention_heads": 32,
    "max_position_embeddings": 131072, "original_max_position_embeddings": 4096,
    "rope_theta": 10000.0, "model_type": "phi3",
    "rope_scaling": {"type": "longrope", "short_factor": [)" +
                           shorts + R"(], "long_factor": [)" + longs + "]}}";
  const ModelRope m = read_hf_config(nlohmann::json::parse(text));
  const double plain = std::pow(10000.0, -20.0 / 96.0);
  EXPECT_NEAR(model_frequencies(m, 4096).scaled.inv_freq[10], plain / 1.5, 1e-16);
  EXPECT_NEAR(model_frequencies(m, 4097).scaled.inv_freq[10], plain / 3.0, 1e-16);
  // sqrt(1 + ln 32 / ln 4096) at any length.
  EXPECT_NEAR(model_frequencies(m).scaled.attention_factor,
              std::sqrt(1.0 + std::log(32.0) / std::log(4096.0)), 1e-15);
}

class RopeExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_rope_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "llama31.json") << kLlama31;
    std::ofstream(dir_ / "bad.json") << R"({"rope_theta": "high", "max_position_embeddings": 8})";
  }
  void TearDown() override { fs::remove_all(dir_); }
  int run(const std::string& args) {
    const std::string err = (dir_ / "stderr.txt").string();
    const int status =
        std::system((std::string(PEVIZ_EXE) + " export rope " + args + " 2> " + err).c_str());
    std::ifstream in(err);
    std::stringstream s;
    s << in.rdbuf();
    stderr_ = s.str();
    fs::remove(err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::path dir_;
  std::string stderr_;
};

TEST_F(RopeExportTest, JsonHasExactlyTheKeysAndHfsNumbers) {
  const fs::path out = dir_ / "r.json";
  ASSERT_EQ(run("--config " + (dir_ / "llama31.json").string() + " --out " + out.string()), 0)
      << stderr_;
  std::ifstream in(out);
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(in);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"rope_type", "head_dim", "rotary_dim", "theta",
                                            "original_context", "context", "attention_factor",
                                            "softmax_scale_factor", "inv_freq"}));
  EXPECT_EQ(j["rope_type"], "llama3");
  EXPECT_EQ(j["head_dim"], 128);
  EXPECT_EQ(j["context"], 131072);
  EXPECT_EQ(j["original_context"], 8192);
  ASSERT_EQ(j["inv_freq"].size(), 64u);
  // Written with every digit: the file reads back to the same doubles.
  for (int i : {0, 30, 40, 63}) {
    const double want =
        static_cast<double>(llama3_inv_freq(i, 128, 500000.0L, 8.0L, 8192.0L, 1.0L, 4.0L));
    EXPECT_NEAR(j["inv_freq"][i].get<double>(), want, 2e-15 * want) << i;
  }
}

TEST_F(RopeExportTest, CsvHasOneRowPerPairAtTheContext) {
  const fs::path out = dir_ / "r.csv";
  ASSERT_EQ(
      run("--config " + (dir_ / "llama31.json").string() + " --context 4096 --out " + out.string()),
      0)
      << stderr_;
  std::ifstream in(out);
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header, "pair,frequency,wavelength,angle_range");
  int rows = 0;
  while (std::getline(in, row)) {
    if (rows == 0) {
      EXPECT_EQ(row, "0,1,6.2831853071795862,4096");
    }
    ++rows;
  }
  EXPECT_EQ(rows, 64);
}

TEST_F(RopeExportTest, BadInputIsOneLineAndNoFile) {
  const fs::path out = dir_ / "x.json";
  EXPECT_EQ(run("--config " + (dir_ / "bad.json").string() + " --out " + out.string()), 2);
  EXPECT_NE(stderr_.find("rope_theta"), std::string::npos) << stderr_;
  EXPECT_EQ(run("--config " + (dir_ / "missing.json").string() + " --out " + out.string()), 2);
  EXPECT_NE(stderr_.find("no such file"), std::string::npos) << stderr_;
  EXPECT_EQ(
      run("--config " + (dir_ / "llama31.json").string() + " --context 0 --out " + out.string()),
      2);
  EXPECT_NE(stderr_.find("--context"), std::string::npos) << stderr_;
  EXPECT_EQ(
      run("--config " + (dir_ / "llama31.json").string() + " --out " + (dir_ / "x.png").string()),
      2);
  EXPECT_EQ(run("--out " + out.string()), 2);
  EXPECT_NE(stderr_.find("--config"), std::string::npos) << stderr_;
  EXPECT_EQ(std::count(stderr_.begin(), stderr_.end(), '\n'), 1) << stderr_;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir_ / "x.png"));
}

}  // namespace
}  // namespace peviz
