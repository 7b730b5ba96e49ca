// The model presets in assets/presets: every one is a config.json the reader takes without a
// warning and names its source; the values that make each model what it is are pinned.
#include "app/model/presets.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <set>

#include "app/model/model_frequencies.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

TEST(Presets, EveryPresetReadsCleanlyAndNamesItsSource) {
  const std::vector<Preset> presets = list_presets();
  ASSERT_GE(presets.size(), 15u);
  std::set<std::string> types;
  for (const Preset& p : presets) {
    SCOPED_TRACE(p.id);
    EXPECT_NE(p.name, p.id);  // a human name
    EXPECT_NE(p.source.find("config.json of "), std::string::npos) << p.source;
    const ModelRope m = load_preset(p.id);
    // Phi-3's configs have no rope_scaling.factor: the reader says it takes max / original.
    for (const std::string& w : m.ignored_warnings)
      EXPECT_NE(w.find("factor is absent"), std::string::npos) << w;
    types.insert(m.rope_type);
    if (m.learned) {
      EXPECT_GT(m.hidden_size, 0);
      EXPECT_THROW(model_frequencies(m), InvalidArgument);  // no RoPE to compute
      continue;
    }
    EXPECT_GT(m.rotary_dim, 0);
    EXPECT_EQ(m.rotary_dim % 2, 0);
    EXPECT_NO_THROW(model_frequencies(m));
  }
  EXPECT_EQ(types, (std::set<std::string>{"default", "llama3", "yarn", "longrope", "learned"}));
}

TEST(Presets, TheValuesThatMakeEachModel) {
  const ModelRope l32 = load_preset("llama-3.2-1b");
  EXPECT_EQ(l32.rope_type, "llama3");
  EXPECT_EQ(l32.factor, 32.0);  // not the 8 of Llama 3.1
  EXPECT_EQ(l32.rotary_dim, 64);
  EXPECT_EQ(load_preset("llama-3.1-8b").factor, 8.0);
  EXPECT_EQ(load_preset("llama-3-8b").theta, 500000.0);
  EXPECT_EQ(load_preset("codellama-7b").theta, 1e6);
  const ModelRope neox = load_preset("gpt-neox-20b");
  EXPECT_EQ(neox.head_dim, 96);
  EXPECT_EQ(neox.rotary_dim, 24);  // rotary_pct 0.25
  const ModelRope phi2 = load_preset("phi-2");
  EXPECT_EQ(phi2.head_dim, 80);
  EXPECT_EQ(phi2.rotary_dim, 32);  // partial_rotary_factor 0.4
  EXPECT_FALSE(load_preset("gpt-oss-20b").truncate);
  // DeepSeek-V2: mscale = mscale_all_dim = 0.707, so cos and sin are not scaled, and the
  // softmax scale is, by (0.1 * 0.707 * ln 40 + 1)^2.
  const ModelFrequencies v2 = model_frequencies(load_preset("deepseek-v2"));
  EXPECT_DOUBLE_EQ(v2.scaled.attention_factor, 1.0);
  const double m = 0.1 * 0.707 * std::log(40.0) + 1.0;
  EXPECT_NEAR(v2.scaled.softmax_scale_factor, m * m, 1e-15);
  // GPT-J rotates neighbours, 64 of its 256 head dimensions (rotary_dim, n_embd / n_head).
  const ModelRope gptj = load_preset("gpt-j-6b");
  EXPECT_EQ(gptj.pairing, RopePairing::Interleaved);
  EXPECT_EQ(gptj.head_dim, 256);
  EXPECT_EQ(gptj.rotary_dim, 64);
  EXPECT_EQ(gptj.max_position_embeddings, 2048);
  EXPECT_EQ(load_preset("llama-3-8b").pairing, RopePairing::HalfSplit);
  // Learned tables: GPT-2's wpe is 1024 x 768, BERT's position_embeddings 512 x 768.
  const ModelRope gpt2 = load_preset("gpt2");
  EXPECT_TRUE(gpt2.learned);
  EXPECT_EQ(gpt2.max_position_embeddings, 1024);
  EXPECT_EQ(gpt2.hidden_size, 768);
  EXPECT_EQ(load_preset("bert-base").max_position_embeddings, 512);
  // Phi-3 128k (the "su" name of its first release is LongRoPE) and Phi-3.5 mini: 48 factors
  // per list for head_dim 96, from 4096 trained positions to 131072; the first and last
  // entries as the configs give them.
  const ModelRope phi3 = load_preset("phi-3-vision-128k");
  EXPECT_EQ(phi3.rope_type, "longrope");
  ASSERT_EQ(phi3.long_factor.size(), 48u);
  EXPECT_EQ(phi3.long_factor.front(), 1.0299999713897705);
  EXPECT_EQ(phi3.long_factor.back(), 64.81001281738281);
  EXPECT_EQ(phi3.short_factor.front(), 1.05);
  EXPECT_EQ(phi3.original_max_position_embeddings, 4096);
  const ModelRope phi35 = load_preset("phi-3.5-mini");
  ASSERT_EQ(phi35.short_factor.size(), 48u);
  EXPECT_EQ(phi35.long_factor.back(), 64.83999633789062);
  // HF _compute_longrope_parameters: sqrt(1 + ln 32 / ln 4096) on cos and sin.
  EXPECT_NEAR(model_frequencies(phi35).scaled.attention_factor,
              std::sqrt(1.0 + std::log(32.0) / std::log(4096.0)), 1e-15);
  // Qwen2.5 with its YaRN block: 0.1 ln 4 + 1 on cos and sin.
  EXPECT_NEAR(model_frequencies(load_preset("qwen2.5-7b-yarn")).scaled.attention_factor,
              0.1 * std::log(4.0) + 1.0, 1e-15);
}

TEST(Presets, AnUnknownNameSuggestsTheClosest) {
  try {
    load_preset("llama-3.1-8");
    ADD_FAILURE() << "accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "unknown preset 'llama-3.1-8' (did you mean 'llama-3.1-8b'?)");
  }
  EXPECT_THROW(load_preset("teapot"), InvalidArgument);
}

TEST(Presets, TheCommandListsEveryPreset) {
  FILE* p = ::popen((std::string(PEVIZ_EXE) + " preset list").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string text;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, p)) text.append(buffer, n);
  EXPECT_EQ(::pclose(p), 0);
  for (const Preset& preset : list_presets()) {
    EXPECT_NE(text.find(preset.id + " "), std::string::npos) << preset.id;
    EXPECT_NE(text.find(preset.source), std::string::npos) << preset.id;
  }
  EXPECT_NE(text.find("Llama 3.1 8B (llama3, 128 of 128 dims rotate)"), std::string::npos) << text;
}

}  // namespace
}  // namespace peviz
