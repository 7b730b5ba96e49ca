// app/model: reading a Hugging Face config.json. Real configs (excerpts of the published
// files, the fields about positions) and malformed ones; each test pins the fields or the
// exact one-line message.
#include "app/model/hf_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "core/validate.hpp"

namespace peviz {
namespace {

using nlohmann::json;

// The message of the InvalidArgument `f` throws, or "" when it throws none.
template <typename F>
std::string refusal_of(F f) {
  try {
    f();
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

std::string refusal_of_text(const std::string& text) {
  return refusal_of([&] { read_hf_config(json::parse(text)); });
}

// "[1.0, 1.0, ...]" with n entries starting at `first`, step 0.01.
std::string list_of(int n, double first) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += (i ? ", " : "") + std::to_string(first + 0.01 * i);
  return s + "]";
}

// A file in the test's temporary folder, removed at the end of the test.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("peviz_hf_config_" + name)) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(HfConfig, Llama31_8B) {
  // meta-llama/Llama-3.1-8B config.json
  const ModelRope m = read_hf_config(json::parse(R"({
    "architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "num_attention_heads": 32,
    "num_key_value_heads": 8, "max_position_embeddings": 131072, "rope_theta": 500000.0,
    "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                     "original_max_position_embeddings": 8192, "rope_type": "llama3"},
    "torch_dtype": "bfloat16", "vocab_size": 128256})"));
  EXPECT_EQ(m.rope_type, "llama3");
  EXPECT_EQ(m.theta, 500000);
  EXPECT_EQ(m.head_dim, 128);
  EXPECT_EQ(m.rotary_dim, 128);
  EXPECT_EQ(m.max_position_embeddings, 131072);
  EXPECT_EQ(m.original_max_position_embeddings, 8192);
  EXPECT_EQ(m.factor, 8);
  EXPECT_EQ(m.low_freq_factor, 1);
  EXPECT_EQ(m.high_freq_factor, 4);
  EXPECT_FALSE(m.beta_fast);
  EXPECT_TRUE(m.short_factor.empty());
  EXPECT_TRUE(m.ignored_warnings.empty());
}

TEST(HfConfig, Llama2IsPlainRope) {
  // meta-llama/Llama-2-7b-hf config.json: no rope_theta, rope_scaling null
  const ModelRope m = read_hf_config(json::parse(R"({
    "hidden_size": 4096, "num_attention_heads": 32, "max_position_embeddings": 4096,
    "rope_scaling": null, "rms_norm_eps": 1e-05})"));
  EXPECT_EQ(m.rope_type, "default");
  EXPECT_EQ(m.theta, 10000);
  EXPECT_EQ(m.head_dim, 128);
  EXPECT_EQ(m.rotary_dim, 128);
  EXPECT_EQ(m.factor, 1);
  EXPECT_FALSE(m.original_max_position_embeddings);
  EXPECT_TRUE(m.ignored_warnings.empty());
  // The old spelling of plain RoPE and an empty block say the same.
  EXPECT_EQ(read_hf_config(json::parse(R"({"hidden_size": 4096, "num_attention_heads": 32,
    "max_position_embeddings": 4096, "rope_scaling": {"type": "default"}})"))
                .rope_type,
            "default");
  EXPECT_EQ(read_hf_config(json::parse(R"({"head_dim": 64, "max_position_embeddings": 4096,
    "rope_scaling": {}})"))
                .rope_type,
            "default");
}

TEST(HfConfig, Qwen25YarnWithTheOldTypeKey) {
  // Qwen/Qwen2.5-7B-Instruct config.json with the YaRN block its model card recommends
  const ModelRope m = read_hf_config(json::parse(R"({
    "hidden_size": 3584, "num_attention_heads": 28, "max_position_embeddings": 32768,
    "rope_theta": 1000000.0, "sliding_window": 131072,
    "rope_scaling": {"factor": 4.0, "original_max_position_embeddings": 32768, "type": "yarn"}})"));
  EXPECT_EQ(m.rope_type, "yarn");
  EXPECT_EQ(m.theta, 1e6);
  EXPECT_EQ(m.head_dim, 128);
  EXPECT_EQ(m.factor, 4);
  EXPECT_EQ(m.original_max_position_embeddings, 32768);
  EXPECT_FALSE(m.beta_fast);
  EXPECT_FALSE(m.attention_factor);
  EXPECT_TRUE(m.truncate);
  // max / original = 1: transformers does not warn about the explicit factor.
  EXPECT_TRUE(m.ignored_warnings.empty());
}

TEST(HfConfig, RopeTypeWinsOverType) {
  const ModelRope m = read_hf_config(json::parse(R"({"head_dim": 64,
    "max_position_embeddings": 4096, "rope_scaling": {"type": "yarn", "rope_type": "linear",
    "factor": 2.0}})"));
  EXPECT_EQ(m.rope_type, "linear");
  EXPECT_EQ(m.factor, 2);
  EXPECT_FALSE(m.original_max_position_embeddings);
}

TEST(HfConfig, DeepSeekV3) {
  // deepseek-ai/DeepSeek-V3 config.json
  const ModelRope m = read_hf_config(json::parse(R"({
    "hidden_size": 7168, "num_attention_heads": 128, "qk_nope_head_dim": 128,
    "qk_rope_head_dim": 64, "v_head_dim": 128, "max_position_embeddings": 163840,
    "rope_theta": 10000,
    "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0,
                     "mscale_all_dim": 1.0, "original_max_position_embeddings": 4096,
                     "type": "yarn"}})"));
  EXPECT_EQ(m.rope_type, "yarn");
  EXPECT_EQ(m.head_dim, 64);
  EXPECT_EQ(m.rotary_dim, 64);
  EXPECT_EQ(m.factor, 40);
  EXPECT_EQ(m.beta_fast, 32);
  EXPECT_EQ(m.beta_slow, 1);
  EXPECT_EQ(m.mscale, 1);
  EXPECT_EQ(m.mscale_all_dim, 1);
  EXPECT_EQ(m.original_max_position_embeddings, 4096);
  EXPECT_TRUE(m.ignored_warnings.empty());  // 163840 / 4096 = 40
}

TEST(HfConfig, Phi3Mini128kLongRope) {
  // microsoft/Phi-3-mini-128k-instruct config.json; the lists are stand-ins of the right
  // length (48 = 96 / 2), not the published numbers.
  const std::string config = R"({
    "hidden_size": 3072, "num_attention_heads": 32, "max_position_embeddings": 131072,
    "original_max_position_embeddings": 4096, "rope_theta": 10000.0,
    "rope_scaling": {"long_factor": )" +
                             list_of(48, 1.0) + R"(, "short_factor": )" + list_of(48, 1.5) +
                             R"(, "type": "longrope"}})";
  const ModelRope m = read_hf_config(json::parse(config));
  EXPECT_EQ(m.rope_type, "longrope");
  EXPECT_EQ(m.head_dim, 96);
  ASSERT_EQ(m.long_factor.size(), 48u);
  ASSERT_EQ(m.short_factor.size(), 48u);
  EXPECT_DOUBLE_EQ(m.long_factor[47], 1.47);
  EXPECT_DOUBLE_EQ(m.short_factor[0], 1.5);
  EXPECT_EQ(m.original_max_position_embeddings, 4096);  // the top level's
  EXPECT_EQ(m.factor, 32);                              // 131072 / 4096
  ASSERT_EQ(m.ignored_warnings.size(), 1u);
  EXPECT_EQ(m.ignored_warnings[0],
            "rope_scaling.factor is absent: max_position_embeddings / "
            "original_max_position_embeddings = 32 is used (transformers warns)");

  // The first Phi-3 configs said "su".
  std::string su = config;
  su.replace(su.find("\"longrope\""), 10, "\"su\"");
  EXPECT_EQ(read_hf_config(json::parse(su)).rope_type, "longrope");
  // Phi-3 configs that said "yarn" meant LongRoPE too (only for model_type phi3).
  std::string yarn = config;
  yarn.replace(yarn.find("\"longrope\""), 10, "\"yarn\"");
  yarn.insert(1, "\"model_type\": \"phi3\", ");
  EXPECT_EQ(read_hf_config(json::parse(yarn)).rope_type, "longrope");

  // 47 entries: one short of rotary_dim / 2.
  std::string short_list = config;
  short_list.replace(short_list.find("\"short_factor\": ") + 16, list_of(48, 1.5).size(),
                     list_of(47, 1.5));
  EXPECT_EQ(refusal_of_text(short_list),
            "config.json: rope_scaling.short_factor must have rotary_dim / 2 = 48 entries "
            "(got 47)");
}

TEST(HfConfig, GptNeoX20B) {
  // EleutherAI/gpt-neox-20b config.json
  const ModelRope m = read_hf_config(json::parse(R"({
    "architectures": ["GPTNeoXForCausalLM"], "hidden_size": 6144, "num_attention_heads": 64,
    "max_position_embeddings": 2048, "rotary_emb_base": 10000, "rotary_pct": 0.25,
    "use_parallel_residual": true})"));
  EXPECT_EQ(m.rope_type, "default");
  EXPECT_EQ(m.theta, 10000);
  EXPECT_EQ(m.head_dim, 96);
  EXPECT_EQ(m.rotary_dim, 24);
}

TEST(HfConfig, GptOssYarnWithoutTruncation) {
  // openai/gpt-oss-20b config.json
  const ModelRope m = read_hf_config(json::parse(R"({
    "hidden_size": 2880, "num_attention_heads": 64, "head_dim": 64,
    "max_position_embeddings": 131072, "rope_theta": 150000,
    "rope_scaling": {"beta_fast": 32.0, "beta_slow": 1.0, "factor": 32.0,
                     "original_max_position_embeddings": 4096, "rope_type": "yarn",
                     "truncate": false}})"));
  EXPECT_EQ(m.rope_type, "yarn");
  EXPECT_EQ(m.theta, 150000);
  EXPECT_EQ(m.head_dim, 64);
  EXPECT_EQ(m.factor, 32);
  EXPECT_FALSE(m.truncate);
  EXPECT_TRUE(m.ignored_warnings.empty());
}

TEST(HfConfig, V5RopeParametersBlock) {
  // transformers v5 writes rope_theta and partial_rotary_factor inside rope_parameters.
  const ModelRope m = read_hf_config(json::parse(R"({
    "hidden_size": 2048, "num_attention_heads": 16, "head_dim": null,
    "max_position_embeddings": 8192, "rope_theta": 1234,
    "rope_parameters": {"rope_type": "linear", "factor": 2.0, "rope_theta": 500000.0,
                        "partial_rotary_factor": 0.5}})"));
  EXPECT_EQ(m.rope_type, "linear");
  EXPECT_EQ(m.theta, 500000);  // rope_parameters' wins
  EXPECT_EQ(m.head_dim, 128);  // head_dim null: hidden_size / num_attention_heads
  EXPECT_EQ(m.rotary_dim, 64);
  EXPECT_EQ(m.factor, 2);
}

TEST(HfConfig, WarnsWhereTransformersWarns) {
  const ModelRope m = read_hf_config(json::parse(R"({"head_dim": 64,
    "max_position_embeddings": 8192, "rope_scaling": {"rope_type": "yarn", "factor": 2.0,
    "original_max_position_embeddings": 2048, "beta_fast": 1, "beta_slow": 4, "foo": 1}})"));
  ASSERT_EQ(m.ignored_warnings.size(), 3u);
  EXPECT_EQ(m.ignored_warnings[0],
            "rope_scaling.foo is not used by rope_type \"yarn\" (transformers: unrecognized key)");
  EXPECT_EQ(m.ignored_warnings[1],
            "rope_scaling.beta_fast (1) is below beta_slow (4) (transformers warns)");
  EXPECT_EQ(m.ignored_warnings[2],
            "rope_scaling.factor 2 differs from max_position_embeddings / "
            "original_max_position_embeddings = 4; the factor is used (transformers warns)");
}

TEST(HfConfig, RefusesMalformedFields) {
  const std::string head = R"({"hidden_size": 4096, "num_attention_heads": 32,
    "max_position_embeddings": 131072, )";
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": {"rope_type": "linear", "factor": "8"}})"),
            "config.json: rope_scaling.factor must be a number (got \"8\")");
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": {"rope_type": "linear", "factor": 0.5}})"),
            "config.json: rope_scaling.factor must be at least 1 (got 0.5)");
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": {"rope_type": "linear"}})"),
            "config.json: rope_scaling.factor is missing (rope_type \"linear\" needs it)");
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": {"type": "ntk-by-parts", "factor": 2}})"),
            "config.json: rope_scaling.type \"ntk-by-parts\" is unknown; known: default, linear, "
            "dynamic, yarn, longrope, llama3");
  EXPECT_EQ(refusal_of_text(head + R"("rope_theta": -5})"),
            "config.json: rope_theta must be greater than 1 (got -5)");
  EXPECT_EQ(refusal_of_text(head + R"("rope_theta": "NaN"})"),
            "config.json: rope_theta must be a number (got \"NaN\")");
  // JSON text has no infinity, but a json value built in code can.
  json infinite = json::parse(head + "\"rope_theta\": 1}");
  infinite["rope_theta"] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(refusal_of([&] { read_hf_config(infinite); }),
            "config.json: rope_theta must be a finite number (got inf)");
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": [1, 2]})"),
            "config.json: rope_scaling must be an object or null (got a list of 2)");
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": {"rope_type": "llama3", "factor": 8,
    "low_freq_factor": 4, "high_freq_factor": 4}})"),
            "config.json: rope_scaling.high_freq_factor (4) must be greater than "
            "low_freq_factor (4)");
  EXPECT_EQ(refusal_of_text(head + R"("rope_scaling": {"rope_type": "yarn", "factor": 4,
    "truncate": "no"}})"),
            "config.json: rope_scaling.truncate must be true or false (got \"no\")");
  EXPECT_EQ(refusal_of_text(R"({"hidden_size": 4097, "num_attention_heads": 32,
    "max_position_embeddings": 4096})"),
            "config.json: hidden_size (4097) is not a multiple of num_attention_heads (32), and "
            "there is no head_dim");
  EXPECT_EQ(refusal_of_text(R"({"head_dim": 100, "partial_rotary_factor": 0.25,
    "max_position_embeddings": 4096})"),
            "config.json: the rotary dimension int(head_dim * partial_rotary_factor) = "
            "int(100 * 0.25) = 25 must be a positive even number");
  EXPECT_EQ(refusal_of_text(R"({"head_dim": 64.5, "max_position_embeddings": 4096})"),
            "config.json: head_dim must be a whole number (got 64.5)");
  EXPECT_EQ(refusal_of_text(R"({"head_dim": 1e30, "max_position_embeddings": 4096})"),
            "config.json: head_dim must be between 1 and 65536 (got 1e+30)");
  EXPECT_EQ(refusal_of_text(R"({"head_dim": 64})"),
            "config.json: max_position_embeddings is missing");
  EXPECT_EQ(refusal_of_text(R"({"max_position_embeddings": 4096})"),
            "config.json: head_dim is missing, and so is hidden_size or num_attention_heads to "
            "work it out");
  EXPECT_EQ(refusal_of_text("[1, 2, 3]"),
            "config.json: the top level must be a JSON object (got a list of 3)");
  EXPECT_EQ(refusal_of_text("null"), "config.json: the top level must be a JSON object (got null)");
}

TEST(HfConfig, NoCrashOnDeepNesting) {
  // Deep nesting where a field is expected, and where nothing is read.
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_EQ(refusal_of_text(R"({"head_dim": 64, "max_position_embeddings": 4096,
    "rope_scaling": )" + deep +
                            "}"),
            "config.json: rope_scaling must be an object or null (got a list of 1)");
  EXPECT_EQ(read_hf_config(json::parse(R"({"head_dim": 64, "max_position_embeddings": 4096,
    "unrelated": )" + deep + "}"))
                .rotary_dim,
            64);
}

TEST(HfConfig, LoadsAFile) {
  const TempFile file("ok.json", R"({"head_dim": 64, "max_position_embeddings": 4096})");
  EXPECT_EQ(load_hf_config(file.path()).head_dim, 64);
}

TEST(HfConfig, LoadRefusesBadFiles) {
  const TempFile bad("bad.json", "{\n  \"head_dim\": 64,\n  \"rope_theta\": ,\n}\n");
  EXPECT_EQ(refusal_of([&] { load_hf_config(bad.path()); }),
            bad.path().string() + ": not valid JSON at line 3, column 17");
  const TempFile huge("huge.json", R"({"head_dim": 64, "rope_theta": 1e400})");
  EXPECT_EQ(refusal_of([&] { load_hf_config(huge.path()); }),
            huge.path().string() + ": not valid JSON: number overflow parsing '1e400'");
  // Field messages name the file.
  const TempFile field("field.json", R"({"head_dim": "64", "max_position_embeddings": 4096})");
  EXPECT_EQ(refusal_of([&] { load_hf_config(field.path()); }),
            field.path().string() + ": head_dim must be a number (got \"64\")");

  const auto missing = std::filesystem::temp_directory_path() / "peviz_hf_config_missing.json";
  EXPECT_EQ(refusal_of([&] { load_hf_config(missing); }), missing.string() + ": no such file");
  const auto folder = std::filesystem::temp_directory_path();
  EXPECT_EQ(refusal_of([&] { load_hf_config(folder); }),
            folder.string() + ": is a folder, not a config.json file");

  // The size limit, with a small one for the test (the real one is 100 MB).
  const TempFile big("big.json", std::string(200, ' ') + "{}");
  EXPECT_EQ(refusal_of([&] { load_hf_config(big.path(), 100); }),
            big.path().string() +
                ": the file has 202 bytes, over the limit of 100 for a "
                "config.json");
  EXPECT_EQ(kHfConfigMaxBytes, 100'000'000u);
}

}  // namespace
}  // namespace peviz
