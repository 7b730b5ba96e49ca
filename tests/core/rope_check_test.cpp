// core/rope_check: each usual mistake planted in "their" numbers (computed here under the
// mistake), and the check must name it with the fitted parameter; the correct numbers match.
#include "core/rope_check.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/longrope.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

// A model as app/model would hand it over, with core's scalings as the reference.
struct Spec {
  Scaling kind = Scaling::None;
  std::string rope_type = "default";
  int head_dim = 128;
  RopeVariant config;
  long original = 4096;
  long max_position = 4096;
  double mscale = 0, mscale_all_dim = 0;
  std::optional<RopePairing> pairing;
  std::vector<double> short_factor, long_factor;  // LongRoPE (rope_type "longrope")
};

RopeCheckModel model(const Spec& s) {
  RopeCheckModel m;
  m.rope_type = s.rope_type;
  m.head_dim = s.head_dim;
  m.max_position = s.max_position;
  m.config = s.config;
  m.mscale = s.mscale;
  m.mscale_all_dim = s.mscale_all_dim;
  m.pairing = s.pairing;
  m.original = s.original;
  m.frequencies = [s](const RopeVariant& v) {
    if (s.rope_type == "longrope") {
      return longrope_frequencies(v.rotary_dim, v.theta, s.short_factor, s.long_factor, s.original,
                                  s.max_position, v.context);
    }
    ScalingParams p;
    p.kind = s.kind;
    p.factor = v.factor;
    p.context = v.context;
    // HF _compute_dynamic_ntk_parameters starts from max_position_embeddings.
    p.original_context = s.kind == Scaling::DynamicNtk ? s.max_position : s.original;
    p.mscale = s.mscale;
    p.mscale_all_dim = s.mscale_all_dim;
    return scale_frequencies(v.rotary_dim, v.theta, p);
  };
  return m;
}

// meta-llama/Llama-3.2-1B: llama3, factor 32, original 8192, theta 500000, head_dim 64.
Spec llama32() {
  Spec s;
  s.kind = Scaling::Llama3;
  s.rope_type = "llama3";
  s.head_dim = 64;
  s.config = {500000.0, 32.0, 64, 131072};
  s.original = 8192;
  s.max_position = 131072;
  return s;
}

// microsoft/phi-2: head_dim 80, partial_rotary_factor 0.4 -> rotary_dim 32.
Spec phi2() {
  Spec s;
  s.head_dim = 80;
  s.config = {10000.0, 1.0, 32, 2048};
  s.max_position = 2048;
  return s;
}

// deepseek-ai/DeepSeek-V3: yarn, factor 40, original 4096, mscale = mscale_all_dim = 1,
// qk_rope_head_dim 64.
Spec deepseek_v3() {
  Spec s;
  s.kind = Scaling::Yarn;
  s.rope_type = "yarn";
  s.head_dim = 64;
  s.config = {10000.0, 40.0, 64, 163840};
  s.original = 4096;
  s.max_position = 163840;
  s.mscale = 1.0;
  s.mscale_all_dim = 1.0;
  return s;
}

// A Llama-style model with dynamic NTK: factor 2 over max_position_embeddings 4096, checked
// at 16384 positions.
Spec dynamic() {
  Spec s;
  s.kind = Scaling::DynamicNtk;
  s.rope_type = "dynamic";
  s.head_dim = 128;
  s.config = {10000.0, 2.0, 128, 16384};
  s.max_position = 4096;
  return s;
}

// meta-llama/Meta-Llama-3-8B: plain RoPE, theta 500000, head_dim 128, half-split in HF.
Spec llama3() {
  Spec s;
  s.head_dim = 128;
  s.config = {500000.0, 1.0, 128, 8192};
  s.max_position = 8192;
  s.pairing = RopePairing::HalfSplit;
  return s;
}

Eigen::VectorXd reference(const Spec& s, RopeVariant v) {
  return model(s).frequencies(v).inv_freq;
}

enum class Layout { PerPair, HalfSplit, Interleaved };

// amp * cos(m * inv_freq) at m = 0..n-1, laid out as asked, padded with cos 1 / sin 0 to width.
std::pair<Eigen::MatrixXd, Eigen::MatrixXd> cache(const Eigen::VectorXd& inv, double amp, long n,
                                                  Layout layout, long width = 0) {
  const long p = static_cast<long>(inv.size());
  const long rotated = layout == Layout::PerPair ? p : 2 * p;
  if (width == 0) width = rotated;
  Eigen::MatrixXd c = Eigen::MatrixXd::Ones(n, width), s = Eigen::MatrixXd::Zero(n, width);
  for (long m = 0; m < n; ++m) {
    for (long j = 0; j < rotated; ++j) {
      const long k = layout == Layout::Interleaved ? j / 2 : j % p;
      c(m, j) = amp * std::cos(static_cast<double>(m) * inv[k]);
      s(m, j) = amp * std::sin(static_cast<double>(m) * inv[k]);
    }
  }
  return {c, s};
}

TEST(RopeCheck, CorrectInvFreqMatches) {
  const Spec s = llama32();
  const RopeCheckResult r = check_rope_inv_freq(model(s), reference(s, s.config));
  EXPECT_TRUE(r.match);
  EXPECT_EQ(r.max_abs, 0.0);
  EXPECT_FALSE(r.cause.has_value());
  EXPECT_TRUE(r.tested.empty());
}

TEST(RopeCheck, Llama32WithFactor8IsTheFactor) {
  // The Llama 3.2 bug: factor 8 (Llama 3.1's) hard-coded where the config says 32.
  const Spec s = llama32();
  RopeVariant wrong = s.config;
  wrong.factor = 8.0;
  const RopeCheckResult r = check_rope_inv_freq(model(s), reference(s, wrong));
  EXPECT_FALSE(r.match);
  // The slow pairs are divided by 8 instead of 32: a relative error of 3.
  EXPECT_NEAR(r.max_rel, 3.0, 1e-12);
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "factor");
  EXPECT_DOUBLE_EQ(r.cause->value, 8.0);
  EXPECT_LT(r.cause->residual, 1e-12);
  EXPECT_EQ(r.cause->finding, "factor 8 fits; the config says 32");
}

TEST(RopeCheck, Phi2OverHeadDimIsPartialRotary) {
  // theta^(-2i/80) instead of theta^(-2i/32): 16 values, the exponent over head_dim.
  const Spec s = phi2();
  RopeVariant wrong = s.config;
  wrong.rotary_dim = 80;
  const Eigen::VectorXd full = reference(s, wrong);
  const RopeCheckResult first = check_rope_inv_freq(model(s), full.head(16));
  EXPECT_FALSE(first.match);
  ASSERT_TRUE(first.cause.has_value());
  EXPECT_EQ(first.cause->name, "partial rotary");
  EXPECT_EQ(first.cause->value, 80.0);
  EXPECT_LT(first.cause->residual, 1e-12);
  // A refit theta (10000^0.4) fits too, but the named mistake comes first.
  ASSERT_GE(first.tested.size(), 2u);
  // All 40 head_dim / 2 values: the same cause.
  const RopeCheckResult all = check_rope_inv_freq(model(s), full);
  EXPECT_FALSE(all.match);
  EXPECT_TRUE(std::isinf(all.max_abs));
  ASSERT_TRUE(all.cause.has_value());
  EXPECT_EQ(all.cause->name, "partial rotary");
  EXPECT_EQ(all.cause->residual, 0.0);
  // A cache with one column per pair of those 40: the same cause.
  const auto [c, sn] = cache(full, 1.0, 100, Layout::PerPair);
  const RopeCheckResult rc = check_rope_cos_sin(model(s), c, sn);
  EXPECT_FALSE(rc.match);
  ASSERT_TRUE(rc.cause.has_value());
  EXPECT_EQ(rc.cause->name, "partial rotary");
  EXPECT_EQ(rc.cause->residual, 0.0);
  EXPECT_EQ(rc.notes.back(), "their columns are not a layout of the model's 16 pairs");
  // 41 values are not a reading of the model at all.
  EXPECT_THROW(check_rope_inv_freq(model(s), Eigen::VectorXd::Ones(41)), InvalidArgument);
}

TEST(RopeCheck, GptNeoXCacheOverHeadDimIsPartialRotary) {
  // EleutherAI/gpt-neox-20b: head_dim 96, rotary_pct 0.25 -> 24 rotary dims. Their cos/sin
  // cache of the whole head_dim, half-split over 48 pairs.
  Spec s;
  s.head_dim = 96;
  s.config = {10000.0, 1.0, 24, 2048};
  RopeVariant wrong = s.config;
  wrong.rotary_dim = 96;
  const auto [c, sn] = cache(reference(s, wrong), 1.0, 300, Layout::HalfSplit);
  const RopeCheckResult r = check_rope_cos_sin(model(s), c, sn);
  EXPECT_FALSE(r.match);
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "partial rotary");
  EXPECT_LT(r.cause->residual, 1e-12);
  // The correct cache padded to head_dim with cos 1 and sin 0 matches.
  const auto [pc, ps] = cache(reference(s, s.config), 1.0, 300, Layout::HalfSplit, 96);
  const RopeCheckResult ok = check_rope_cos_sin(model(s), pc, ps);
  EXPECT_TRUE(ok.match);
  EXPECT_EQ(ok.layout, "half-split (cat(freqs, freqs)), then cos 1 and sin 0 up to head_dim");
}

TEST(RopeCheck, DeepSeekMscaleNotDividedIsTheAttentionFactor) {
  // DeepSeek-V3's cos and sin carry get_mscale(40, 1) / get_mscale(40, 1) = 1; without the
  // division they carry 0.1 ln 40 + 1 = 1.3689.
  const Spec s = deepseek_v3();
  const double undivided = 0.1 * std::log(40.0) + 1.0;
  const auto [c, sn] = cache(reference(s, s.config), undivided, 2000, Layout::HalfSplit);
  const RopeCheckResult r = check_rope_cos_sin(model(s), c, sn);
  EXPECT_FALSE(r.match);
  EXPECT_NEAR(r.max_rel, undivided - 1.0, 1e-12);  // at position 0: cos 1.3689 vs 1
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "attention factor");
  EXPECT_NEAR(r.cause->value, 1.36888794541139, 1e-13);
  EXPECT_LT(r.cause->residual, 1e-12);
  EXPECT_NE(r.cause->finding.find("not divided by get_mscale(40, mscale_all_dim 1)"),
            std::string::npos)
      << r.cause->finding;
  // An amplitude no formula gives is fitted: 1.25.
  const auto [fc, fs] = cache(reference(s, s.config), 1.25, 2000, Layout::HalfSplit);
  const RopeCheckResult rf = check_rope_cos_sin(model(s), fc, fs);
  ASSERT_TRUE(rf.cause.has_value());
  EXPECT_EQ(rf.cause->name, "attention factor");
  EXPECT_NEAR(rf.cause->value, 1.25, 1e-14);
  EXPECT_EQ(rf.cause->finding, "attention factor 1.25 fits; the config implies 1");
  // The correct cache, whichever pairing it uses, matches and says which.
  const auto [ic, is] = cache(reference(s, s.config), 1.0, 2000, Layout::Interleaved);
  const RopeCheckResult ok = check_rope_cos_sin(model(s), ic, is);
  EXPECT_TRUE(ok.match);
  EXPECT_EQ(ok.layout, "interleaved (repeat_interleave(freqs, 2))");
}

TEST(RopeCheck, StaleDynamicNtkFindsTheLength) {
  // Dynamic NTK computed at 8192 positions, checked at 16384.
  const Spec s = dynamic();
  RopeVariant stale = s.config;
  stale.context = 8192;
  const RopeCheckResult r = check_rope_inv_freq(model(s), reference(s, stale));
  EXPECT_FALSE(r.match);
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "context");
  EXPECT_EQ(r.cause->value, 8192.0);
  EXPECT_LT(r.cause->residual, 1e-12);
  // The same as a cache of 4096 positions (float64 values, per-pair columns).
  const auto [c, sn] = cache(reference(s, stale), 1.0, 4096, Layout::PerPair);
  const RopeCheckResult rc = check_rope_cos_sin(model(s), c, sn);
  EXPECT_FALSE(rc.match);
  ASSERT_TRUE(rc.cause.has_value());
  EXPECT_EQ(rc.cause->name, "context");
  EXPECT_EQ(rc.cause->value, 8192.0);
  EXPECT_EQ(rc.layout, "one column per pair");
  // A cache never rescaled: no dynamic scaling at all (at most max_position_embeddings).
  RopeVariant none = s.config;
  none.context = 100;
  const RopeCheckResult rn = check_rope_inv_freq(model(s), reference(s, none));
  ASSERT_TRUE(rn.cause.has_value());
  EXPECT_EQ(rn.cause->name, "context");
  EXPECT_EQ(rn.cause->value, 4096.0);
}

TEST(RopeCheck, LongRopeWithTheOtherListIsTheContext) {
  // Phi-3-mini-128k's shape (head_dim 96, original 4096, max 131072) with made-up lists:
  // short 1.5, long 3 per pair. Checked at 131072 positions, theirs uses the short list.
  Spec s;
  s.rope_type = "longrope";
  s.head_dim = 96;
  s.config = {10000.0, 32.0, 96, 131072};
  s.original = 4096;
  s.max_position = 131072;
  s.short_factor.assign(48, 1.5);
  s.long_factor.assign(48, 3.0);
  RopeVariant short_list = s.config;
  short_list.context = 4096;
  const RopeCheckResult r = check_rope_inv_freq(model(s), reference(s, short_list));
  EXPECT_FALSE(r.match);
  EXPECT_NEAR(r.max_rel, 1.0, 1e-12);  // divided by 1.5 instead of 3
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "context");
  EXPECT_EQ(r.cause->value, 4096.0);
  EXPECT_EQ(r.cause->finding,
            "short_factor fits (the list for at most 4096 positions); the reference at 131072 "
            "uses long_factor");
}

TEST(RopeCheck, Float32InvFreqIsAPrecisionNoteUnlessTheToleranceIsTighter) {
  const Spec s = llama32();
  const Eigen::VectorXd ref = reference(s, s.config);
  const Eigen::VectorXd f32 = ref.cast<float>().cast<double>();
  const RopeCheckResult r = check_rope_inv_freq(model(s), f32);
  EXPECT_TRUE(r.match);
  EXPECT_TRUE(r.float32);
  EXPECT_GT(r.max_rel, 1e-9);
  EXPECT_LE(r.max_rel, 5.97e-8);  // float32 rounds to half an ulp: 2^-24 relative
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].rfind("precision: their inv_freq holds float32", 0), 0u) << r.notes[0];
  const RopeCheckResult strict = check_rope_inv_freq(model(s), f32, {1e-9});
  EXPECT_FALSE(strict.match);
  ASSERT_TRUE(strict.cause.has_value());
  EXPECT_EQ(strict.cause->name, "float32");
  EXPECT_EQ(strict.cause->residual, 0.0);
}

TEST(RopeCheck, Float32CacheGetsFloat32AnglesAllowance) {
  // A float32 cache as torch computes it: inv_freq, the angle and cos all in float32. At
  // position 8191 the angle of pair 0 is off by ~1e-4, far above the tolerance, yet within
  // float32's own error of that angle.
  const Spec s = llama3();
  const Eigen::VectorXd ref = reference(s, s.config);
  const long n = 8192, p = 64;
  Eigen::MatrixXd c(n, 128), sn(n, 128);
  for (long m = 0; m < n; ++m) {
    for (long j = 0; j < 128; ++j) {
      const float angle = static_cast<float>(m) * static_cast<float>(ref[j % p]);
      c(m, j) = std::cos(angle);
      sn(m, j) = std::sin(angle);
    }
  }
  const RopeCheckResult r = check_rope_cos_sin(model(s), c, sn);
  EXPECT_TRUE(r.match);
  EXPECT_TRUE(r.float32);
  EXPECT_GT(r.max_abs, 1e-5);  // more than the tolerance: only the allowance lets it pass
  EXPECT_LT(r.max_abs, 1e-2);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].rfind("precision: their cache holds float32", 0), 0u) << r.notes[0];
  // The same numbers as float64 with a slightly wrong theta do not match.
  Spec off = s;
  off.config.theta = 500100.0;
  const auto [oc, os] = cache(reference(s, off.config), 1.0, n, Layout::HalfSplit);
  EXPECT_FALSE(check_rope_cos_sin(model(s), oc, os).match);
}

TEST(RopeCheck, TorchFloat32InvFreqMatchesAtTheDefaultTolerance) {
  // GPT-NeoX's 24 rotary dims: torch computes base ** (arange(0, 24, 2).float() / 24) in
  // float32, and 2i/24 is not a float32 number: up to ln(10000) float32 roundings off.
  Spec s;
  s.head_dim = 96;
  s.config = {10000.0, 1.0, 24, 2048};
  Eigen::VectorXd theirs(12);
  for (int i = 0; i < 12; ++i) {
    const float exponent = static_cast<float>(2 * i) / 24.0f;
    theirs[i] = static_cast<double>(1.0f / std::pow(10000.0f, exponent));
  }
  const RopeCheckResult r = check_rope_inv_freq(model(s), theirs);
  EXPECT_TRUE(r.match);
  EXPECT_TRUE(r.float32);
  EXPECT_GT(r.max_rel, 6e-8);  // more than one rounding
  EXPECT_LT(r.max_rel, 1e-6);
  // YaRN's attention factor is not in inv_freq: the match says to check the cache.
  const Spec d = deepseek_v3();
  Spec qwen = d;  // Qwen2.5 YaRN: factor 4, no mscale: cos and sin carry 0.1 ln 4 + 1
  qwen.config.factor = 4.0;
  qwen.mscale = qwen.mscale_all_dim = 0.0;
  const RopeCheckResult q = check_rope_inv_freq(model(qwen), reference(qwen, qwen.config));
  EXPECT_TRUE(q.match);
  ASSERT_EQ(q.notes.size(), 1u);
  EXPECT_EQ(q.notes[0],
            "inv_freq does not show the attention factor 1.13863 on cos and sin: check the "
            "cos/sin cache for it");
}

TEST(RopeCheck, InterleavedWhereTheModelIsHalfSplitIsThePairing) {
  const Spec s = llama3();
  const auto [c, sn] = cache(reference(s, s.config), 1.0, 512, Layout::Interleaved);
  const RopeCheckResult r = check_rope_cos_sin(model(s), c, sn);
  EXPECT_FALSE(r.match);
  EXPECT_GT(r.max_abs, 1.0);
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "pairing");
  EXPECT_EQ(r.cause->residual, 0.0);
  EXPECT_EQ(r.cause->finding,
            "their cache is interleaved (repeat_interleave(freqs, 2)); the model pairs "
            "half-split (cat(freqs, freqs))");
  // The right layout matches.
  const auto [hc, hs] = cache(reference(s, s.config), 1.0, 512, Layout::HalfSplit);
  const RopeCheckResult ok = check_rope_cos_sin(model(s), hc, hs);
  EXPECT_TRUE(ok.match);
  EXPECT_EQ(ok.layout, "half-split (cat(freqs, freqs))");
  EXPECT_EQ(ok.max_abs, 0.0);
}

TEST(RopeCheck, Theta10000WhereTheConfigSays500000) {
  const Spec s = llama3();
  RopeVariant wrong = s.config;
  wrong.theta = 10000.0;
  const RopeCheckResult r = check_rope_inv_freq(model(s), reference(s, wrong));
  EXPECT_FALSE(r.match);
  ASSERT_TRUE(r.cause.has_value());
  EXPECT_EQ(r.cause->name, "theta");
  EXPECT_EQ(r.cause->value, 10000.0);
  EXPECT_EQ(r.cause->finding, "theta 10000 fits; the config says 500000");
  // As a cache too.
  const auto [c, sn] = cache(reference(s, wrong), 1.0, 1000, Layout::HalfSplit);
  const RopeCheckResult rc = check_rope_cos_sin(model(s), c, sn);
  ASSERT_TRUE(rc.cause.has_value());
  EXPECT_EQ(rc.cause->name, "theta");
  EXPECT_EQ(rc.cause->value, 10000.0);
}

TEST(RopeCheck, TwoMistakesAtOnceNameNoSingleCause) {
  // Factor 8 and theta 10000 together: no single hypothesis fits much better.
  const Spec s = llama32();
  RopeVariant wrong = s.config;
  wrong.factor = 8.0;
  wrong.theta = 10000.0;
  const RopeCheckResult r = check_rope_inv_freq(model(s), reference(s, wrong));
  EXPECT_FALSE(r.match);
  EXPECT_FALSE(r.tested.empty());
  if (r.cause) {
    EXPECT_GT(r.cause->residual, 1e-6);  // at best a partial explanation
  }
}

TEST(RopeCheck, BadShapesAndNaN) {
  const Spec s = llama3();
  EXPECT_THROW(
      check_rope_cos_sin(model(s), Eigen::MatrixXd::Ones(4, 128), Eigen::MatrixXd::Ones(4, 64)),
      InvalidArgument);
  EXPECT_THROW(
      check_rope_cos_sin(model(s), Eigen::MatrixXd::Ones(4, 100), Eigen::MatrixXd::Ones(4, 100)),
      InvalidArgument);
  EXPECT_THROW(check_rope_inv_freq(model(s), Eigen::VectorXd::Ones(63)), InvalidArgument);
  Eigen::VectorXd nan = reference(s, s.config);
  nan[3] = std::nan("");
  const RopeCheckResult r = check_rope_inv_freq(model(s), nan);
  EXPECT_FALSE(r.match);
  EXPECT_TRUE(std::isinf(r.max_rel));
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes[0], "their numbers include NaN or infinity");
  EXPECT_THROW(check_rope_inv_freq(model(s), reference(s, s.config), {-1.0}), InvalidArgument);
}

}  // namespace
}  // namespace peviz
