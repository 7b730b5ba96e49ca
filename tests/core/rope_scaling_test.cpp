// Tests for core/rope_scaling: long-context RoPE scalings (docs/formulas.md Sec. 7).
//
// Reference numbers come from python3 transcriptions (double precision) of:
//  * HF transformers modeling_rope_utils.py _compute_yarn_parameters (get_mscale,
//    find_correction_dim, find_correction_range with truncate=True, linear_ramp_factor,
//    inv_freq = interp * (1 - extrap_factor) + extrap * extrap_factor), written as
//      pos_freqs = [base ** (i / dim) for i in range(0, dim, 2)]
//      low, high = max(floor(cd(beta_fast)), 0), min(ceil(cd(beta_slow)), dim - 1)
//      ramp = [min(max((i - low) / (high - low), 0), 1) for i in range(dim // 2)]
//  * Meta llama-models models/llama3/model.py apply_scaling (the loop over freqs with
//    wavelen = 2*pi/freq, kept below L0/high, /factor above L0/low, smooth blend between);
//  * HF _compute_dynamic_ntk_parameters: base * ((factor*seq_len/max_pos) - (factor-1))
//    ** (dim/(dim-2)).
#include "core/rope_scaling.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "core/rope.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

Eigen::VectorXd theta(int d, double base) {
  Eigen::VectorXd t(d / 2);
  for (int i = 0; i < d / 2; ++i) t[i] = std::pow(base, -2.0 * i / d);
  return t;
}

ScalingParams with_kind(Scaling kind) {
  ScalingParams p;
  p.kind = kind;
  return p;
}

TEST(RopeScaling, NoneIsThePlainRope) {
  for (int d : {2, 64, 128}) {
    const ScaledFrequencies f = scale_frequencies(d, 10000.0, with_kind(Scaling::None));
    EXPECT_MATRIX_NEAR(f.inv_freq, theta(d, 10000.0), 1e-16);
    EXPECT_EQ(f.attention_factor, 1.0);
    EXPECT_EQ(f.effective_base, 10000.0);
  }
}

TEST(RopeScaling, LinearDividesEveryFrequencyByTheFactor) {
  for (double s : {1.0, 2.0, 4.0, 8.5}) {
    ScalingParams p = with_kind(Scaling::Linear);
    p.factor = s;
    const ScaledFrequencies f = scale_frequencies(128, 10000.0, p);
    EXPECT_MATRIX_NEAR(f.inv_freq, theta(128, 10000.0) / s, 1e-16) << s;
    EXPECT_EQ(f.attention_factor, 1.0);
  }
}

TEST(RopeScaling, NtkLowestFrequencyIsThetaLastOverS) {
  // YaRN paper Eq. 16 / App. A.1: b' = b s^(d/(d-2)) makes the lowest frequency theta_last / s.
  for (int d : {4, 64, 128}) {
    for (double s : {2.0, 4.0, 16.0}) {
      ScalingParams p = with_kind(Scaling::Ntk);
      p.factor = s;
      const ScaledFrequencies f = scale_frequencies(d, 10000.0, p);
      const Eigen::VectorXd t = theta(d, 10000.0);
      EXPECT_NEAR(f.inv_freq[d / 2 - 1] / (t[d / 2 - 1] / s), 1.0, 1e-13) << d << " " << s;
      EXPECT_NEAR(f.inv_freq[0], 1.0, 1e-16);  // the highest frequency is untouched
      EXPECT_NEAR(f.effective_base / (10000.0 * std::pow(s, d / (d - 2.0))), 1.0, 1e-14);
      // In between, every pair is slowed by less than s and more than 1.
      for (int i = 1; i < d / 2 - 1; ++i) {
        EXPECT_LT(f.inv_freq[i], t[i]);
        EXPECT_GT(f.inv_freq[i], t[i] / s);
      }
    }
  }
  // python3: 10000 * 4 ** (128/126) = 40889.94243248622; lowest = 2.8869549617236455e-05.
  ScalingParams p = with_kind(Scaling::Ntk);
  p.factor = 4.0;
  const ScaledFrequencies f = scale_frequencies(128, 10000.0, p);
  EXPECT_NEAR(f.effective_base, 40889.94243248622, 1e-8);
  EXPECT_NEAR(f.inv_freq[63], 2.8869549617236455e-05, 1e-18);
}

TEST(RopeScaling, NtkWithTwoDimensionsKeepsTheOnlyFrequency) {
  ScalingParams p = with_kind(Scaling::Ntk);
  p.factor = 8.0;
  EXPECT_NEAR(scale_frequencies(2, 10000.0, p).inv_freq[0], 1.0, 0.0);
  p.kind = Scaling::DynamicNtk;
  p.context = 100000;
  EXPECT_NEAR(scale_frequencies(2, 10000.0, p).inv_freq[0], 1.0, 0.0);
}

TEST(RopeScaling, DynamicNtkIsTheIdentityWithinTheOriginalContext) {
  for (long context : {1L, 100L, 4095L, 4096L}) {
    for (double s : {1.0, 2.0, 4.0, 2.7}) {
      ScalingParams p = with_kind(Scaling::DynamicNtk);
      p.factor = s;
      p.original_context = 4096;
      p.context = context;
      const ScaledFrequencies f = scale_frequencies(128, 10000.0, p);
      EXPECT_NEAR(f.effective_base, 10000.0, 1e-9) << context << " " << s;
      EXPECT_MATRIX_NEAR(f.inv_freq, theta(128, 10000.0), 1e-15);
    }
  }
}

TEST(RopeScaling, DynamicNtkBeyondTheOriginalContext) {
  // HF _compute_dynamic_ntk_parameters with dim=128, base=10000, factor=4, max_pos=4096,
  // seq_len=16384: base' = 10000 * 13 ** (128/126) = 135401.97304176545 (python3);
  // inv_freq[1] = 0.831415964685271, inv_freq[63] = 8.882938343765066e-06.
  ScalingParams p = with_kind(Scaling::DynamicNtk);
  p.factor = 4.0;
  p.original_context = 4096;
  p.context = 16384;
  const ScaledFrequencies f = scale_frequencies(128, 10000.0, p);
  EXPECT_NEAR(f.effective_base, 135401.97304176545, 1e-8);
  EXPECT_NEAR(f.inv_freq[0], 1.0, 0.0);
  EXPECT_NEAR(f.inv_freq[1], 0.831415964685271, 1e-15);
  EXPECT_NEAR(f.inv_freq[63], 8.882938343765066e-06, 1e-19);
  // At context = s * L0 the growth is s^2 - (s - 1) = 13, and it grows with the context.
  p.context = 32768;
  EXPECT_GT(scale_frequencies(128, 10000.0, p).effective_base, f.effective_base);
}

TEST(RopeScaling, YarnCorrectionDims) {
  // find_correction_dim(rot) = d ln(L0 / (rot 2 pi)) / (2 ln base); python3 for d=128,
  // base=10000, L0=4096: rot=32 -> 20.94448162063605, rot=1 -> 45.02688127375455.
  EXPECT_NEAR(yarn_correction_dim(32.0, 128, 10000.0, 4096), 20.94448162063605, 1e-12);
  EXPECT_NEAR(yarn_correction_dim(1.0, 128, 10000.0, 4096), 45.02688127375455, 1e-12);
  // Meaning: the wavelength of that (fractional) index fits `rot` times into L0.
  const double cd = yarn_correction_dim(32.0, 128, 10000.0, 4096);
  const double wavelength = kTwoPi * std::pow(10000.0, 2.0 * cd / 128.0);
  EXPECT_NEAR(4096.0 / wavelength, 32.0, 1e-10);
}

TEST(RopeScaling, YarnPair40AndRampBounds) {
  // d = 128, s = 4, L0 = 4096, base 10000, beta_fast 32, beta_slow 1 (HF defaults).
  // HF transcription (python3): low = 20, high = 46; pair 40 has ramp (40-20)/26 = 10/13, so
  // scaled/orig = 1 - (1 - 1/4) * 10/13 = 11/26 = 0.4230769...; the scaled inverse frequency
  // is 0.0013378867023789293 (the 1.3379e-3 of docs/formulas.md Sec. 7 pitfall 1: the code
  // formula's scaled theta_40, in rad/position). The paper-literal ramp in r = L/lambda would give
  // 8.717801120310218e-4 (r = 2.0615, gamma = (r-1)/31); the implementations' ramp is used.
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 4.0;
  p.original_context = 4096;
  const ScaledFrequencies f = scale_frequencies(128, 10000.0, p);
  const Eigen::VectorXd t = theta(128, 10000.0);
  EXPECT_EQ(f.yarn_low, 20.0);
  EXPECT_EQ(f.yarn_high, 46.0);
  EXPECT_NEAR(f.inv_freq[40], 0.0013378867023789293, 1e-17);
  EXPECT_NEAR(f.inv_freq[40], 1.3379e-3, 5e-8);
  EXPECT_NEAR(f.inv_freq[40] / t[40], 11.0 / 26.0, 1e-14);
  EXPECT_GT(std::abs(f.inv_freq[40] - 8.717801120310218e-4), 4e-4);  // not the paper ramp
  // More pairs from the same script.
  EXPECT_NEAR(f.inv_freq[19], 0.06493816315762113, 1e-16);     // ratio 1 (kept)
  EXPECT_NEAR(f.inv_freq[20], 0.056234132519034905, 1e-16);    // ratio 1 (ramp = 0)
  EXPECT_NEAR(f.inv_freq[21], 0.047292038501684786, 1e-16);    // ratio 0.97115... = 1 - .75/26
  EXPECT_NEAR(f.inv_freq[30], 0.009488517882700576, 1e-17);    // ratio 0.71153...
  EXPECT_NEAR(f.inv_freq[45], 0.0004294025889973582, 1e-18);   // ratio 0.27884...
  EXPECT_NEAR(f.inv_freq[46], 0.000333380358040831, 1e-18);    // ratio 1/4
  EXPECT_NEAR(f.inv_freq[63], 2.8869549617236455e-05, 1e-19);  // ratio 1/4
  // Attention factor 0.1 ln 4 + 1 = 1.138629436111989 (YaRN Eq. 22, HF get_mscale).
  EXPECT_NEAR(f.attention_factor, 1.138629436111989, 1e-15);
}

TEST(RopeScaling, YarnKeepsFastPairsAndInterpolatesSlowPairs) {
  for (int d : {64, 128}) {
    for (double s : {2.0, 4.0, 16.0}) {
      for (long L0 : {2048L, 4096L, 8192L}) {
        ScalingParams p = with_kind(Scaling::Yarn);
        p.factor = s;
        p.original_context = L0;
        const ScaledFrequencies f = scale_frequencies(d, 10000.0, p);
        const Eigen::VectorXd t = theta(d, 10000.0);
        const double low = std::max(std::floor(yarn_correction_dim(32.0, d, 10000.0, L0)), 0.0);
        const double high = std::min(std::ceil(yarn_correction_dim(1.0, d, 10000.0, L0)), d - 1.0);
        EXPECT_EQ(f.yarn_low, low);
        EXPECT_EQ(f.yarn_high, high);
        for (int i = 0; i < d / 2; ++i) {
          if (i <= low) {
            EXPECT_NEAR(f.inv_freq[i], t[i], 1e-16 * t[i] + 1e-300) << d << " " << s << " " << i;
          } else if (i >= high) {
            EXPECT_NEAR(f.inv_freq[i] / t[i], 1.0 / s, 1e-14) << d << " " << s << " " << i;
          } else {
            // Linear in the pair index between them: ratio 1 - (1 - 1/s) (i - low)/(high - low).
            const double ramp = (i - low) / (high - low);
            EXPECT_NEAR(f.inv_freq[i] / t[i], 1.0 - (1.0 - 1.0 / s) * ramp, 1e-14)
                << d << " " << s << " " << i;
          }
        }
        // Frequencies never exceed the original ones and never drop below theta / s.
        for (int i = 0; i < d / 2; ++i) {
          EXPECT_LE(f.inv_freq[i], t[i] * (1 + 1e-15));
          EXPECT_GE(f.inv_freq[i], t[i] / s * (1 - 1e-15));
        }
      }
    }
  }
}

TEST(RopeScaling, YarnAttentionFactor) {
  // 0.1 ln s + 1 for s > 1, 1 for s = 1 (python3 values).
  const double expected[][2] = {{1.0, 1.0},
                                {2.0, 1.0693147180559945},
                                {8.0, 1.2079441541679836},
                                {16.0, 1.2772588722239782},
                                {32.0, 1.3465735902799727}};
  for (const auto& e : expected) {
    ScalingParams p = with_kind(Scaling::Yarn);
    p.factor = e[0];
    EXPECT_NEAR(scale_frequencies(64, 10000.0, p).attention_factor, e[1], 1e-15) << e[0];
    EXPECT_NEAR(scale_frequencies(64, 10000.0, p).attention_factor, 0.1 * std::log(e[0]) + 1.0,
                1e-15);
  }
  // s = 1: no interpolation at all.
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 1.0;
  EXPECT_MATRIX_NEAR(scale_frequencies(64, 10000.0, p).inv_freq, theta(64, 10000.0), 1e-16);
}

TEST(RopeScaling, Llama31Defaults) {
  // Meta apply_scaling with factor 8, low 1, high 4, L0 8192, theta 500000, d = 128
  // (python3 transcription): pairs 0..28 kept (wavelength < 2048), pairs 35..63 divided by 8
  // (wavelength > 8192), pairs 29..34 blended.
  ScalingParams p = with_kind(Scaling::Llama3);
  p.factor = 8.0;
  p.low_freq_factor = 1.0;
  p.high_freq_factor = 4.0;
  p.original_context = 8192;
  const ScaledFrequencies f = scale_frequencies(128, 500000.0, p);
  const Eigen::VectorXd t = theta(128, 500000.0);
  ASSERT_EQ(f.inv_freq.size(), 64);
  for (int i = 0; i <= 28; ++i) EXPECT_NEAR(f.inv_freq[i], t[i], 1e-16 * t[i]) << i;
  for (int i = 35; i < 64; ++i) EXPECT_NEAR(f.inv_freq[i] / t[i], 0.125, 1e-15) << i;
  const double blended[] = {0.002166570763503359,  0.0013718935677611381,  0.0008567514129196321,
                            0.0005248461609929547, 0.00031269375038406517, 0.00017850781276799638};
  for (int i = 29; i <= 34; ++i) {
    EXPECT_NEAR(f.inv_freq[i] / blended[i - 29], 1.0, 1e-13) << i;
  }
  EXPECT_NEAR(f.inv_freq[1], 0.8146172338565447, 1e-15);
  EXPECT_NEAR(f.inv_freq[40], 3.428102195952591e-05, 1e-19);
  EXPECT_NEAR(f.inv_freq[63], 3.068925988914511e-07, 1e-21);
  EXPECT_EQ(f.attention_factor, 1.0);
  // The blend follows smooth = (L0 / wavelength - 1) / 3 (same formula, by hand).
  for (int i = 29; i <= 34; ++i) {
    const double smooth = (8192.0 / (kTwoPi / t[i]) - 1.0) / 3.0;
    EXPECT_GT(smooth, 0.0);
    EXPECT_LT(smooth, 1.0);
    EXPECT_NEAR(f.inv_freq[i], (1.0 - smooth) * t[i] / 8.0 + smooth * t[i], 1e-16) << i;
  }
}

TEST(RopeScaling, Llama3KeepsHighAndDividesLowFrequenciesForOtherSettings) {
  for (double s : {2.0, 8.0, 32.0}) {
    for (long L0 : {2048L, 8192L}) {
      ScalingParams p = with_kind(Scaling::Llama3);
      p.factor = s;
      p.original_context = L0;
      p.low_freq_factor = 1.0;
      p.high_freq_factor = 4.0;
      const ScaledFrequencies f = scale_frequencies(64, 10000.0, p);
      const Eigen::VectorXd t = theta(64, 10000.0);
      int kept = 0, divided = 0;
      for (int i = 0; i < 32; ++i) {
        const double wavelength = kTwoPi / t[i];
        if (wavelength < L0 / 4.0) {
          EXPECT_NEAR(f.inv_freq[i], t[i], 1e-16 * t[i]);
          ++kept;
        } else if (wavelength > static_cast<double>(L0)) {
          EXPECT_NEAR(f.inv_freq[i] / t[i], 1.0 / s, 1e-15);
          ++divided;
        } else {
          EXPECT_LT(f.inv_freq[i], t[i]);
          EXPECT_GT(f.inv_freq[i], t[i] / s);
        }
      }
      EXPECT_GT(kept, 0);
      EXPECT_GT(divided, 0);
    }
  }
}

TEST(RopeScaling, WavelengthsAndAngleRanges) {
  Eigen::Vector3d t(1.0, 0.5, 1e-3);
  EXPECT_MATRIX_NEAR(wavelengths_of(t), Eigen::Vector3d(kTwoPi, 2 * kTwoPi, 1000 * kTwoPi), 1e-12);
  EXPECT_MATRIX_NEAR(angle_ranges(t, 100), Eigen::Vector3d(100.0, 50.0, 0.1), 1e-15);
  EXPECT_MATRIX_NEAR(angle_ranges(t, 0), Eigen::Vector3d::Zero(), 0.0);
}

TEST(RopeScaling, Names) {
  EXPECT_STREQ(scaling_name(Scaling::None), "none");
  EXPECT_STREQ(scaling_name(Scaling::Linear), "linear");
  EXPECT_STREQ(scaling_name(Scaling::Ntk), "ntk");
  EXPECT_STREQ(scaling_name(Scaling::DynamicNtk), "dynamic-ntk");
  EXPECT_STREQ(scaling_name(Scaling::Yarn), "yarn");
  EXPECT_STREQ(scaling_name(Scaling::Llama3), "llama3");
}

TEST(RopeScalingErrors, FactorBelowOne) {
  for (Scaling kind :
       {Scaling::Linear, Scaling::Ntk, Scaling::DynamicNtk, Scaling::Yarn, Scaling::Llama3}) {
    ScalingParams p = with_kind(kind);
    p.factor = 0.5;
    EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "0.5") << scaling_name(kind);
    p.factor = std::nan("");
    EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "factor") << scaling_name(kind);
    p.factor = std::numeric_limits<double>::infinity();
    EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "factor") << scaling_name(kind);
    p.factor = 2.0;
    p.original_context = 0;
    EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "original context");
  }
}

TEST(RopeScalingErrors, DimensionAndBase) {
  for (Scaling kind : {Scaling::None, Scaling::Yarn}) {
    EXPECT_INVALID_ARGUMENT(scale_frequencies(63, 10000.0, with_kind(kind)), "63");
    EXPECT_INVALID_ARGUMENT(scale_frequencies(0, 10000.0, with_kind(kind)), "");
    EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 1.0, with_kind(kind)), "base");
    EXPECT_INVALID_ARGUMENT(scale_frequencies(64, std::nan(""), with_kind(kind)), "base");
  }
}

TEST(RopeScalingErrors, DynamicNtkContext) {
  ScalingParams p = with_kind(Scaling::DynamicNtk);
  p.context = 0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "context");
  EXPECT_INVALID_ARGUMENT(angle_ranges(Eigen::Vector2d(1.0, 0.1), -1), "-1");
}

TEST(RopeScalingErrors, Llama3FrequencyFactors) {
  ScalingParams p = with_kind(Scaling::Llama3);
  p.low_freq_factor = 4.0;
  p.high_freq_factor = 4.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "high-frequency factor");
  p.low_freq_factor = 5.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "5");
  p.low_freq_factor = 0.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "low-frequency factor");
  p.low_freq_factor = 1.0;
  p.high_freq_factor = -4.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "high-frequency factor");
}

// Kimi-K2's config.json: qk_rope_head_dim 64, rope_theta 50000, rope_scaling {type yarn,
// factor 32, original_max_position_embeddings 4096, beta_fast 1.0, beta_slow 1.0}. Values
// from a float64 transcription of HF _compute_yarn_parameters (python3): cd(1) =
// 19.1645748886269, so low = 19, high = 20.
TEST(RopeScaling, YarnAcceptsEqualBetasAsTransformersDoes) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 32.0;
  p.original_context = 4096;
  p.beta_fast = 1.0;
  p.beta_slow = 1.0;
  const ScaledFrequencies f = scale_frequencies(64, 50000.0, p);
  EXPECT_TRUE(f.warnings.empty());
  EXPECT_EQ(f.yarn_low, 19.0);
  EXPECT_EQ(f.yarn_high, 20.0);
  EXPECT_NEAR(f.inv_freq[0], 1.0, 1e-16);
  EXPECT_NEAR(f.inv_freq[19], 0.0016217599081159522, 1e-18);   // kept
  EXPECT_NEAR(f.inv_freq[20], 3.6140467735726306e-05, 1e-20);  // divided by 32
  EXPECT_NEAR(f.inv_freq[31], 8.764412911589874e-07, 1e-21);
}

TEST(RopeScaling, YarnWarnsWhereTransformersWarns) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.beta_fast = 0.5;
  p.beta_slow = 1.0;
  const ScaledFrequencies f = scale_frequencies(64, 10000.0, p);
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_NE(f.warnings[0].find("beta_fast (0.5) should be greater than beta_slow (1)"),
            std::string::npos);
  EXPECT_EQ(f.inv_freq.size(), 32);
}

TEST(RopeScalingErrors, YarnBetas) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.beta_fast = 32.0;
  p.beta_slow = 0.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "beta_slow");
  p.beta_slow = 1.0;
  p.beta_fast = -3.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "beta_fast");
}

// Relative closeness: |a - b| <= tol |b|.
::testing::AssertionResult near_rel(double a, double b, double tol) {
  if (std::abs(a - b) <= tol * std::abs(b)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << b << " (relative "
                                       << std::abs(a - b) / std::abs(b) << " > " << tol << ")";
}

// A long double transcription of HF _compute_yarn_parameters, written apart from the
// implementation: theta_i = 1 / base^(2i/d), ramp_i = clamp((i - low)/(high - low), 0, 1),
// inv_i = theta_i (1 - ramp_i) + (theta_i / s) ramp_i.
std::vector<long double> yarn_reference(int d, long double base, long double s, long double low,
                                        long double high) {
  std::vector<long double> inv;
  for (int i = 0; i < d / 2; ++i) {
    const long double t = 1.0L / std::pow(base, static_cast<long double>(2 * i) / d);
    long double ramp = (i - low) / (high - low);
    if (ramp < 0) ramp = 0;
    if (ramp > 1) ramp = 1;
    inv.push_back(t * (1 - ramp) + t / s * ramp);
  }
  return inv;
}

// DeepSeek-V3 config.json: rope_theta 10000, qk_rope_head_dim 64, rope_scaling {type yarn,
// factor 40, original_max_position_embeddings 4096, beta_fast 32, beta_slow 1, mscale 1.0,
// mscale_all_dim 1.0}. HF: attention factor get_mscale(40, 1) / get_mscale(40, 1) = 1 exactly;
// DeepseekV3Attention: scaling *= get_mscale(40, 1)^2 = (0.1 ln 40 + 1)^2 =
// 1.873854207092626587... (mpmath, 40 digits). Correction dims (mpmath): cd(32) =
// 10.4722408103180265, cd(1) = 22.5134406368772743, so low = 10, high = 23.
TEST(RopeScaling, YarnDeepSeekV3) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 40.0;
  p.original_context = 4096;
  p.mscale = 1.0;
  p.mscale_all_dim = 1.0;
  const ScaledFrequencies f = scale_frequencies(64, 10000.0, p);
  EXPECT_EQ(f.attention_factor, 1.0);
  EXPECT_TRUE(near_rel(f.softmax_scale_factor, 1.873854207092626587, 1e-15));
  EXPECT_TRUE(near_rel(std::sqrt(f.softmax_scale_factor), 1.368887945411393630, 1e-15));
  EXPECT_EQ(f.yarn_low, 10.0);
  EXPECT_EQ(f.yarn_high, 23.0);
  // mpmath: pair 11 = 0.039006926567143857993, pair 20 = 7.9056941504209483300e-4,
  // pair 23 = theta_23 / 40 = 3.3338035804083100642e-5.
  EXPECT_TRUE(near_rel(f.inv_freq[11], 0.039006926567143857993, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[20], 7.9056941504209483300e-4, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[23], 3.3338035804083100642e-5, 1e-15));
  const std::vector<long double> ref = yarn_reference(64, 10000.0L, 40.0L, 10.0L, 23.0L);
  for (int i = 0; i < 32; ++i) {
    EXPECT_TRUE(near_rel(f.inv_freq[i], static_cast<double>(ref[i]), 1e-15)) << i;
  }
  // The frequencies do not depend on the mscales: the same as plain YaRN, only the
  // attention factor (1.3688... without the mscales) differs.
  ScalingParams plain = p;
  plain.mscale = 0.0;
  plain.mscale_all_dim = 0.0;
  const ScaledFrequencies g = scale_frequencies(64, 10000.0, plain);
  EXPECT_MATRIX_NEAR(g.inv_freq, f.inv_freq, 0.0);
  EXPECT_TRUE(near_rel(g.attention_factor, 1.368887945411393630, 1e-15));
  EXPECT_EQ(g.softmax_scale_factor, 1.0);
}

// DeepSeek-V2 ships mscale = mscale_all_dim = 0.707 (factor 40): ratio 1, softmax multiplier
// (0.0707 ln 40 + 1)^2 = 1.5896261651208735109 (mpmath). A config with mscale 0.707 and no
// mscale_all_dim gets HF's plain 0.1 ln 40 + 1 = 1.3688879454113936303 (`if mscale and
// mscale_all_dim`: a lone mscale is ignored) and no softmax multiplier. mscale 1 over
// mscale_all_dim 0.707: (0.1 ln 40 + 1) / (0.0707 ln 40 + 1) = 1.0857263992561356520.
TEST(RopeScaling, YarnMscaleRules) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 40.0;
  p.mscale = 0.707;
  p.mscale_all_dim = 0.707;
  ScaledFrequencies f = scale_frequencies(64, 10000.0, p);
  EXPECT_EQ(f.attention_factor, 1.0);
  EXPECT_TRUE(near_rel(f.softmax_scale_factor, 1.5896261651208735109, 1e-15));

  p.mscale_all_dim = 0.0;
  f = scale_frequencies(64, 10000.0, p);
  EXPECT_TRUE(near_rel(f.attention_factor, 1.3688879454113936303, 1e-15));
  EXPECT_EQ(f.softmax_scale_factor, 1.0);

  p.mscale = 1.0;
  p.mscale_all_dim = 0.707;
  f = scale_frequencies(64, 10000.0, p);
  EXPECT_TRUE(near_rel(f.attention_factor, 1.0857263992561356520, 1e-15));
  EXPECT_TRUE(near_rel(f.softmax_scale_factor, 1.5896261651208735109, 1e-15));

  // mscale_all_dim alone: ratio not taken (plain factor), the softmax multiplier applies.
  p.mscale = 0.0;
  f = scale_frequencies(64, 10000.0, p);
  EXPECT_TRUE(near_rel(f.attention_factor, 1.3688879454113936303, 1e-15));
  EXPECT_TRUE(near_rel(f.softmax_scale_factor, 1.5896261651208735109, 1e-15));

  // factor 1: get_mscale is 1 whatever m is.
  p.factor = 1.0;
  p.mscale = 0.707;
  f = scale_frequencies(64, 10000.0, p);
  EXPECT_EQ(f.attention_factor, 1.0);
  EXPECT_EQ(f.softmax_scale_factor, 1.0);
  EXPECT_EQ(yarn_mscale(1.0, 5.0), 1.0);
  EXPECT_EQ(yarn_mscale(0.5, 5.0), 1.0);
  EXPECT_TRUE(near_rel(yarn_mscale(40.0), 1.3688879454113936303, 1e-15));
}

TEST(RopeScaling, YarnExplicitAttentionFactorIsUsedAsIs) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 4.0;
  p.attention_factor = 1.25;
  ScaledFrequencies f = scale_frequencies(128, 10000.0, p);
  EXPECT_EQ(f.attention_factor, 1.25);
  EXPECT_EQ(f.softmax_scale_factor, 1.0);
  // It wins over the mscale ratio too; the softmax multiplier still follows mscale_all_dim.
  p.mscale = 1.0;
  p.mscale_all_dim = 0.5;
  f = scale_frequencies(128, 10000.0, p);
  EXPECT_EQ(f.attention_factor, 1.25);
  // (0.05 ln 4 + 1)^2 = 1.0693147180559945309^2 = 1.1434339662511710761 (mpmath).
  EXPECT_TRUE(near_rel(f.softmax_scale_factor, 1.1434339662511710761, 1e-15));
  // The frequencies are those of YaRN without it (YarnPair40AndRampBounds).
  EXPECT_NEAR(f.inv_freq[40], 0.0013378867023789293, 1e-17);
}

// gpt-oss config.json: rope_theta 150000, head_dim 64, rope_scaling {rope_type yarn, factor 32,
// original_max_position_embeddings 4096, beta_fast 32, beta_slow 1, truncate false}. mpmath:
// cd(32) = 8.0927791155124010051, cd(1) = 17.398024501588555505 (not rounded), so pair 8
// is kept, pair 9 has ramp 0.097495643247099455, pair 17 ramp 0.95722579200499785, pair 18
// on is t/32.
// Truncated (the default) they would be 8 and 18. Attention factor 0.1 ln 32 + 1 =
// 1.3465735902799726547.
TEST(RopeScaling, YarnWithoutTruncationGptOss) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.factor = 32.0;
  p.original_context = 4096;
  p.truncate = false;
  const ScaledFrequencies f = scale_frequencies(64, 150000.0, p);
  EXPECT_TRUE(near_rel(f.yarn_low, 8.0927791155124010051, 1e-15));
  EXPECT_TRUE(near_rel(f.yarn_high, 17.398024501588555505, 1e-15));
  EXPECT_TRUE(near_rel(f.attention_factor, 1.3465735902799726547, 1e-15));
  EXPECT_EQ(f.softmax_scale_factor, 1.0);
  // mpmath values of pairs 9, 10, 15 (in the ramp) and 20 (t_20 / 32).
  EXPECT_TRUE(near_rel(f.inv_freq[9], 0.031705696184663765988, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[10], 0.019335001126540357535, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[15], 0.0010526021013863348554, 1e-15));
  EXPECT_TRUE(near_rel(f.inv_freq[20], 1.8188336681689559293e-5, 1e-15));
  // Near the ramp's end (pairs 16, 17) t (1 - ramp) + (t/s) ramp cancels: a rounding of the
  // ends (about 1e-15) shows up as a few 1e-15 in the result, so the loop reference takes the
  // ends as computed (checked just above) and checks the ramp formula itself.
  const std::vector<long double> ref =
      yarn_reference(64, 150000.0L, 32.0L, f.yarn_low, f.yarn_high);
  for (int i = 0; i < 32; ++i) {
    EXPECT_TRUE(near_rel(f.inv_freq[i], static_cast<double>(ref[i]), 1e-15)) << i;
  }
  // The default truncates: 8 and 18, and pair 9 then has ramp 1/10.
  p.truncate = true;
  const ScaledFrequencies g = scale_frequencies(64, 150000.0, p);
  EXPECT_EQ(g.yarn_low, 8.0);
  EXPECT_EQ(g.yarn_high, 18.0);
  const std::vector<long double> truncated = yarn_reference(64, 150000.0L, 32.0L, 8.0L, 18.0L);
  EXPECT_TRUE(near_rel(g.inv_freq[9], static_cast<double>(truncated[9]), 1e-15));
  EXPECT_FALSE(near_rel(g.inv_freq[9], f.inv_freq[9], 1e-3));  // 0.1 vs 0.0975 of the way
}

TEST(RopeScalingErrors, YarnMscaleAndAttentionFactor) {
  ScalingParams p = with_kind(Scaling::Yarn);
  p.mscale = -1.0;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "mscale");
  p.mscale = std::nan("");
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "mscale");
  p.mscale = 1.0;
  p.mscale_all_dim = std::numeric_limits<double>::infinity();
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "mscale_all_dim");
  p.mscale_all_dim = 1.0;
  p.attention_factor = -0.5;
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "attention_factor");
  p.attention_factor = std::nan("");
  EXPECT_INVALID_ARGUMENT(scale_frequencies(64, 10000.0, p), "attention_factor");
}

// Every kind but YaRN with mscale_all_dim leaves the softmax scale alone; the defaults of the
// new fields change nothing.
TEST(RopeScaling, SoftmaxScaleFactorIsOneElsewhere) {
  for (Scaling kind : {Scaling::None, Scaling::Linear, Scaling::Ntk, Scaling::DynamicNtk,
                       Scaling::Yarn, Scaling::Llama3}) {
    EXPECT_EQ(scale_frequencies(64, 10000.0, with_kind(kind)).softmax_scale_factor, 1.0)
        << scaling_name(kind);
  }
  const ScalingParams defaults;
  EXPECT_EQ(defaults.mscale, 0.0);
  EXPECT_EQ(defaults.mscale_all_dim, 0.0);
  EXPECT_EQ(defaults.attention_factor, 0.0);
  EXPECT_TRUE(defaults.truncate);
}

}  // namespace
}  // namespace peviz
