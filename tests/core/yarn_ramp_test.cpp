// Tests for core/yarn_ramp: YaRN's ramp gamma(r) and r = L / lambda (Peng et al.,
// arXiv:2309.00071, Sec. 3.2, Eqs. 17-18).
#include "core/yarn_ramp.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/rope_scaling.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

TEST(YarnRamp, GammaIsZeroThenLinearThenOne) {
  Eigen::VectorXd r(7);
  r << 0.01, 0.999, 1.0, 16.5, 32.0, 32.001, 1e6;
  const Eigen::VectorXd g = yarn_gamma(r, 1.0, 32.0);
  EXPECT_EQ(g[0], 0.0);
  EXPECT_EQ(g[1], 0.0);
  EXPECT_EQ(g[2], 0.0);           // (1 - 1) / 31
  EXPECT_NEAR(g[3], 0.5, 1e-15);  // (16.5 - 1) / 31
  EXPECT_NEAR(g[4], 1.0, 1e-15);  // (32 - 1) / 31
  EXPECT_EQ(g[5], 1.0);
  EXPECT_EQ(g[6], 1.0);
  EXPECT_THROW(yarn_gamma(r, 32.0, 1.0), InvalidArgument);
}

TEST(YarnRamp, RotationsAreContextOverWavelength) {
  // d 128, base 10000, L 4096: r_i = 4096 / (2 pi 10000^(2i/128)).
  const Eigen::VectorXd r = yarn_rotations(128, 10000.0, 4096.0);
  ASSERT_EQ(r.size(), 64);
  for (int i = 0; i < 64; ++i) {
    EXPECT_NEAR(r[i], 4096.0 / (2.0 * std::numbers::pi * std::pow(10000.0, 2.0 * i / 128.0)),
                1e-12 * r[i]);
  }
  EXPECT_NEAR(r[0], 651.898647, 1e-6);  // 4096 / 2 pi
}

// Outside the ramp the paper's gamma and the reference code's ramp in the pair index agree:
// gamma 0 pairs are divided by s, gamma 1 pairs are kept (docs/formulas.md Sec. 7).
TEST(YarnRamp, AgreesWithTheReferenceRampOutsideTheBand) {
  ScalingParams yarn;
  yarn.kind = Scaling::Yarn;
  yarn.factor = 8.0;
  yarn.original_context = 4096;
  const ScaledFrequencies scaled = scale_frequencies(128, 10000.0, yarn);
  const Eigen::VectorXd gamma = yarn_gamma(yarn_rotations(128, 10000.0, 4096.0), 1.0, 32.0);
  int checked = 0;
  for (int i = 0; i < 64; ++i) {
    const double theta = std::pow(10000.0, -2.0 * i / 128.0);
    if (gamma[i] == 1.0) {
      EXPECT_NEAR(scaled.inv_freq[i], theta, 1e-15) << i;
      ++checked;
    } else if (gamma[i] == 0.0) {
      EXPECT_NEAR(scaled.inv_freq[i], theta / 8.0, 1e-15) << i;
      ++checked;
    }
  }
  EXPECT_GE(checked, 35);  // 39 of the 64 pairs are outside the ramp
  // And the temperature: sqrt(1/t) = 0.1 ln s + 1 (Eq. 22).
  EXPECT_NEAR(yarn_mscale(8.0), 0.1 * std::log(8.0) + 1.0, 1e-15);
}

}  // namespace
}  // namespace peviz
