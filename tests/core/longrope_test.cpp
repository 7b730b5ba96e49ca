// Tests for core/longrope: LongRoPE as Phi-3 / Phi-3.5 128k use it (docs/formulas.md Sec. 7).
//
// Reference: HF transformers modeling_rope_utils.py _compute_longrope_parameters
// (inv_freq = 1 / (ext_factors * base^(2i/d)); attention factor sqrt(1 + ln s / ln L0) for
// s = max_position_embeddings / original_max_position_embeddings > 1) and
// dynamic_rope_update's longrope_frequency_update (long factors when seq_len > L0).
// Expected numbers: mpmath (30 digits) where quoted, else a long double loop written here.
#include "core/longrope.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/rope.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

// Phi-3.5-mini-instruct config.json (hidden_size 3072, 32 heads: rotary dim 96, 48 pairs;
// rope_theta 10000; original_max_position_embeddings 4096, max_position_embeddings 131072):
// its rope_scaling.long_factor, float32 numbers as the file writes them.
const std::vector<double> kPhiLong = {
    1.0800000429153442, 1.1100000143051147, 1.1399999856948853, 1.340000033378601,
    1.5899999141693115, 1.600000023841858,  1.6200000047683716, 2.620000123977661,
    3.2300000190734863, 3.2300000190734863, 4.789999961853027,  7.400000095367432,
    7.700000286102295,  9.09000015258789,   12.199999809265137, 17.670000076293945,
    24.46000099182129,  28.57000160217285,  30.420001983642578, 30.840002059936523,
    32.590003967285156, 32.93000411987305,  42.320003509521484, 44.96000289916992,
    50.340003967285156, 50.45000457763672,  57.55000305175781,  57.93000411987305,
    58.21000289916992,  60.1400032043457,   62.61000442504883,  62.62000274658203,
    62.71000289916992,  63.1400032043457,   63.1400032043457,   63.77000427246094,
    63.93000411987305,  63.96000289916992,  63.970001220703125, 64.02999877929688,
    64.06999969482422,  64.08000183105469,  64.12000274658203,  64.41000366210938,
    64.4800033569336,   64.51000213623047,  64.52999877929688,  64.83999633789062};

// A made-up short list (1 + i/100), so that short and long differ at every pair.
std::vector<double> short_list(int pairs) {
  std::vector<double> s;
  for (int i = 0; i < pairs; ++i) s.push_back(1.0 + i / 100.0);
  return s;
}

::testing::AssertionResult near_rel(double a, double b, double tol) {
  if (std::abs(a - b) <= tol * std::abs(b)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << b << " (relative "
                                       << std::abs(a - b) / std::abs(b) << " > " << tol << ")";
}

// 1 / (ext_i base^(2i/d)) in long double, one pair at a time.
void expect_longrope(const Eigen::VectorXd& inv, const std::vector<double>& ext, int d,
                     long double base) {
  ASSERT_EQ(inv.size(), d / 2);
  for (int i = 0; i < d / 2; ++i) {
    const long double denom =
        static_cast<long double>(ext[i]) * std::pow(base, static_cast<long double>(2 * i) / d);
    EXPECT_TRUE(near_rel(inv[i], static_cast<double>(1.0L / denom), 1e-15)) << i;
  }
}

constexpr long kL0 = 4096;
constexpr long kMax = 131072;

TEST(LongRope, Phi35LongFactorsBeyondTheOriginalContext) {
  const std::vector<double> shorts = short_list(48);
  const ScaledFrequencies f =
      longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kMax, 131072);
  expect_longrope(f.inv_freq, kPhiLong, 96, 10000.0L);
  // mpmath: pair 0 = 1/1.0800000429153442 = 0.92592588913293678585, pair 1 =
  // 0.74360736453209887388, pair 24 = 1.9864916988283863771e-4, pair 47 =
  // 1.8684881663397112225e-6.
  EXPECT_TRUE(near_rel(f.inv_freq[0], 0.92592588913293678585, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[1], 0.74360736453209887388, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[24], 1.9864916988283863771e-4, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[47], 1.8684881663397112225e-6, 1e-15));
  EXPECT_EQ(f.effective_base, 10000.0);
  EXPECT_EQ(f.softmax_scale_factor, 1.0);
  EXPECT_TRUE(f.warnings.empty());
}

TEST(LongRope, ShortFactorsUpToTheOriginalContextLongBeyond) {
  const std::vector<double> shorts = short_list(48);
  // seq_len = largest position + 1; HF switches when seq_len > original (strictly).
  for (long n : {0L, 1L, 4095L, 4096L}) {
    const ScaledFrequencies f = longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kMax, n);
    expect_longrope(f.inv_freq, shorts, 96, 10000.0L);
    EXPECT_FALSE(longrope_uses_long(n, kL0)) << n;
  }
  for (long n : {4097L, 8192L, 131072L, 1000000L}) {
    const ScaledFrequencies f = longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kMax, n);
    expect_longrope(f.inv_freq, kPhiLong, 96, 10000.0L);
    EXPECT_TRUE(longrope_uses_long(n, kL0)) << n;
  }
  // Short pair 24: 1 / (1.24 * 10000^(1/2)) = 1/124 (mpmath 8.0645161290322580645e-3).
  const ScaledFrequencies s = longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kMax, 4096);
  EXPECT_TRUE(near_rel(s.inv_freq[24], 1.0 / 124.0, 1e-15));
  // All-ones factors are the plain RoPE (to rounding: 1/base^x here, base^-x there).
  const std::vector<double> ones(48, 1.0);
  const Eigen::VectorXd plain = rope_inv_freq(96, 10000.0);
  const Eigen::VectorXd unit =
      longrope_frequencies(96, 10000.0, ones, kPhiLong, kL0, kMax, 10).inv_freq;
  for (int i = 0; i < 48; ++i) EXPECT_TRUE(near_rel(unit[i], plain[i], 1e-15)) << i;
}

TEST(LongRope, Phi3AttentionFactor) {
  // Phi-3-mini-128k: s = 131072 / 4096 = 32, sqrt(1 + ln 32 / ln 4096) = sqrt(1 + 5/12) =
  // sqrt(17/12) = 1.1902380714238083330 (mpmath); the same at every length (it is fixed).
  const std::vector<double> shorts = short_list(48);
  for (long n : {1L, 4096L, 4097L}) {
    const ScaledFrequencies f = longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kMax, n);
    EXPECT_TRUE(near_rel(f.attention_factor, 1.1902380714238083330, 1e-15)) << n;
  }
  EXPECT_TRUE(near_rel(longrope_attention_factor(32.0, 4096), std::sqrt(17.0 / 12.0), 1e-15));
  // s <= 1 (no extension): 1.
  EXPECT_EQ(longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kL0, 10).attention_factor,
            1.0);
  EXPECT_EQ(longrope_attention_factor(0.5, 4096), 1.0);
  // L0 = 8192, L = 131072: s = 16, sqrt(1 + ln 16 / ln 8192) = sqrt(1 + 4/13) = sqrt(17/13)
  // = 1.1435437497937311940 (mpmath).
  EXPECT_TRUE(
      near_rel(longrope_frequencies(96, 10000.0, shorts, kPhiLong, 8192, kMax, 10).attention_factor,
               1.1435437497937311940, 1e-15));
  // A config's attention_factor is used as is.
  EXPECT_EQ(
      longrope_frequencies(96, 10000.0, shorts, kPhiLong, kL0, kMax, 10, 1.5).attention_factor,
      1.5);
}

TEST(LongRopeErrors, RefusesBadInput) {
  const std::vector<double> good = short_list(48);
  std::vector<double> bad = good;
  bad.pop_back();
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, bad, kPhiLong, kL0, kMax, 10),
                          "short_factor has 47 entries");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, bad, kL0, kMax, 10),
                          "long_factor has 47 entries");
  bad = good;
  bad[3] = 0.0;
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, bad, kL0, kMax, 10),
                          "long_factor[3]");
  bad[3] = -1.0;
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, bad, good, kL0, kMax, 10),
                          "short_factor[3]");
  bad[3] = std::nan("");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, bad, kL0, kMax, 10),
                          "long_factor[3]");
  bad[3] = std::numeric_limits<double>::infinity();
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, bad, good, kL0, kMax, 10),
                          "short_factor[3]");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, good, 0, kMax, 10),
                          "original_max_position_embeddings");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, good, kL0, 0, 10),
                          "max_position_embeddings");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, good, kL0, kMax, -1),
                          "sequence length");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 10000.0, good, good, kL0, kMax, 10, 0.0),
                          "attention_factor");
  EXPECT_INVALID_ARGUMENT(
      longrope_frequencies(96, 10000.0, good, good, kL0, kMax, 10, std::nan("")),
      "attention_factor");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(95, 10000.0, good, good, kL0, kMax, 10),
                          "rotary dimension");
  EXPECT_INVALID_ARGUMENT(longrope_frequencies(96, 1.0, good, good, kL0, kMax, 10), "base");
  EXPECT_INVALID_ARGUMENT(longrope_attention_factor(-2.0, 4096), "factor");
  EXPECT_INVALID_ARGUMENT(longrope_attention_factor(32.0, 0), "original_max_position_embeddings");
}

}  // namespace
}  // namespace peviz
