// Tests for core/context_extension: every long-context scaling for one extension L0 -> s L0.
// Expected values are computed independently here (base^(-2i/d) written out, published
// YaRN attention factor 0.1 ln s + 1, NTK's design rule that the slowest frequency
// becomes t_last / s) rather than through scale_frequencies.
#include "core/context_extension.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
const std::vector<Scaling> kAll = {Scaling::None,       Scaling::Linear, Scaling::Ntk,
                                   Scaling::DynamicNtk, Scaling::Yarn,   Scaling::Llama3};

double wavelength(int i, int d, double base) {
  return kTwoPi * std::pow(base, 2.0 * i / d);
}

ScalingParams params(double s, long L0) {
  ScalingParams p;
  p.factor = s;
  p.original_context = L0;
  p.context = static_cast<long>(s * L0);
  return p;
}

TEST(ContextExtension, TargetIsFactorTimesTrained) {
  EXPECT_EQ(target_context(params(4, 4096)), 16384);
  EXPECT_EQ(target_context(params(32, 4096)), 131072);
  EXPECT_EQ(target_context(params(8, 8192)), 65536);
  EXPECT_EQ(target_context(params(1.5, 3)), 5);  // 4.5 rounds away from zero
}

TEST(ContextExtension, PairAtWavelengthInvertsTheWavelengths) {
  for (int d : {2, 64, 128}) {
    for (int i = 0; i < d / 2; ++i) {
      EXPECT_NEAR(pair_at_wavelength(wavelength(i, d, 10000.0), d, 10000.0), i, 1e-12);
    }
  }
  // Same as YaRN's correction dim: the wavelength that fits r times into L0 is L0 / r.
  EXPECT_NEAR(pair_at_wavelength(4096.0 / 32.0, 128, 10000.0),
              yarn_correction_dim(32, 128, 10000.0, 4096), 1e-12);
  EXPECT_INVALID_ARGUMENT(pair_at_wavelength(0.0, 64, 10000.0), "");
}

TEST(ContextExtension, LogitScaleIsTheSquare) {
  EXPECT_DOUBLE_EQ(logit_scale(1.5), 2.25);
}

TEST(ContextExtension, CurvesFollowTheirDefinitions) {
  const int d = 64;
  const double base = 10000.0, s = 4.0;
  const ContextExtension e = compare_scalings(d, base, params(s, 4096), kAll);
  ASSERT_EQ(e.curves.size(), kAll.size());
  EXPECT_EQ(e.trained, 4096);
  EXPECT_EQ(e.target, 16384);
  for (int i = 0; i < d / 2; ++i) {
    EXPECT_NEAR(e.wavelength[i], wavelength(i, d, base), 1e-9 * wavelength(i, d, base));
    EXPECT_NEAR(e.turns_trained[i], 4096.0 / wavelength(i, d, base), 1e-9);
  }
  for (const ScalingCurve& c : e.curves) {
    ASSERT_EQ(c.factor.size(), d / 2);
    for (int i = 0; i < d / 2; ++i) {
      // factor = scaled / unscaled frequency = unscaled / scaled wavelength.
      EXPECT_NEAR(c.factor[i], wavelength(i, d, base) / c.wavelength[i], 1e-12)
          << scaling_name(c.kind) << i;
      EXPECT_NEAR(c.turns_target[i], 16384.0 / c.wavelength[i], 1e-9) << scaling_name(c.kind) << i;
    }
  }
  // Linear PI: every wavelength is exactly s times longer.
  for (int i = 0; i < d / 2; ++i)
    EXPECT_NEAR(e.curves[1].wavelength[i], s * e.wavelength[i], 1e-9 * e.wavelength[i]);
  // NTK: the slowest pair's wavelength is s times longer, the fastest untouched.
  EXPECT_NEAR(e.curves[2].wavelength[d / 2 - 1], s * e.wavelength[d / 2 - 1],
              1e-9 * e.wavelength[d / 2 - 1]);
  EXPECT_NEAR(e.curves[2].factor[0], 1.0, 1e-15);
  // PI over L' sweeps exactly the angles the unscaled pairs swept over L0.
  EXPECT_MATRIX_NEAR(e.curves[1].turns_target, e.turns_trained, 1e-9);
}

TEST(ContextExtension, SlowPairsAndLlamaBand) {
  const ContextExtension e = compare_scalings(64, 10000.0, params(4, 4096), {});
  // First pair slower than 4096: 2 pi 10000^(2i/64) > 4096 <=> i > 32 ln(4096/2pi)/ln(10000)
  // = 22.5.
  EXPECT_EQ(e.first_slow_pair, 23);
  EXPECT_NEAR(e.llama_band_from, 32.0 * std::log(1024.0 / kTwoPi) / std::log(10000.0), 1e-12);
  EXPECT_NEAR(e.llama_band_to, 32.0 * std::log(4096.0 / kTwoPi) / std::log(10000.0), 1e-12);
  // d = 2: the only pair turns every 2 pi positions, so no pair is slow.
  EXPECT_EQ(compare_scalings(2, 10000.0, params(4, 4096), {}).first_slow_pair, 1);
}

TEST(ContextExtension, RejectsBadInput) {
  EXPECT_INVALID_ARGUMENT(compare_scalings(63, 10000.0, params(4, 4096), kAll), "");
  EXPECT_INVALID_ARGUMENT(compare_scalings(64, 10000.0, params(0.5, 4096), kAll), "");
  EXPECT_INVALID_ARGUMENT(compare_scalings(64, 10000.0, params(4, 0), kAll), "");
}

}  // namespace
}  // namespace peviz
