// Tests for core/rope_precision: RoPE's angle, cache and relative score in fp32, bf16 and fp16,
// against values derived by hand and against the compiler's own arithmetic in float and GCC's
// _Float16 (each IEEE round-to-nearest-even), and the first position past 0.1 rad against a
// scan of every position.
#include "core/rope_precision.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "test_util.hpp"

namespace peviz {
namespace {

TEST(RopePrecision, HandDerivedAngleErrors) {
  // Pair 0 turns at theta = 1 rad per position, exact in every format.
  EXPECT_EQ(rope_precision_at(4097, 0, 64, 10000, FloatFormat::Fp16).angle_error, -1.0);
  EXPECT_EQ(rope_precision_at(4096, 0, 64, 10000, FloatFormat::Fp16).angle_error, 0.0);
  EXPECT_EQ(rope_precision_at(257, 0, 64, 10000, FloatFormat::Bf16).angle_error, -1.0);
  EXPECT_EQ(rope_precision_at(259, 0, 64, 10000, FloatFormat::Bf16).angle_error, 1.0);
  EXPECT_EQ(rope_precision_at(16777217, 0, 64, 10000, FloatFormat::Fp32).angle_error, -1.0);
  EXPECT_EQ(rope_precision_at(16777216, 0, 64, 10000, FloatFormat::Fp32).angle_error, 0.0);
  // fp16 holds no position past 65504 (65520 rounds to infinity).
  EXPECT_FALSE(rope_precision_at(65504, 0, 64, 10000, FloatFormat::Fp16).overflow);
  EXPECT_TRUE(rope_precision_at(65520, 0, 64, 10000, FloatFormat::Fp16).overflow);
  EXPECT_TRUE(std::isnan(rope_precision_at(65520, 0, 64, 10000, FloatFormat::Fp16).angle_error));
  const PrecisionPoint edge = rope_precision_at(65519, 0, 64, 10000, FloatFormat::Fp16);
  EXPECT_FALSE(edge.overflow);
  EXPECT_EQ(edge.angle_error, -15.0);  // 65519 -> 65504
  EXPECT_TRUE(edge.score_overflow);    // the key at 65520 does not fit
  // Position 0 is exact everywhere, and so is the score at delta 0... up to the cache's rounding.
  for (const FloatFormat f : kFloatFormats) {
    EXPECT_EQ(rope_precision_at(0, 5, 64, 10000, f).angle_error, 0.0);
    EXPECT_EQ(rope_precision_at(0, 5, 64, 10000, f).cos_error, 0.0);
  }
}

double bf16(double x) {
  // Through float (exact for the values used here: floats, or products of two bf16 values).
  const float f = static_cast<float>(x);
  std::uint32_t b;
  std::memcpy(&b, &f, 4);
  b += 0x7FFFu + ((b >> 16) & 1u);
  b &= 0xFFFF0000u;
  float y;
  std::memcpy(&y, &b, 4);
  return y;
}

TEST(RopePrecision, MatchesTheCompilersArithmetic) {
  const int d = 64;
  const double base = 10000.0;
  for (int pair = 0; pair < d / 2; pair += 3) {
    const double theta = std::pow(base, -2.0 * pair / d);
    for (long m = 0; m < 60000; m += 997) {
      const long double exact = static_cast<long double>(m) * theta;
      // fp32: float * float, one rounding.
      const float a32 = static_cast<float>(m) * static_cast<float>(theta);
      const PrecisionPoint p32 = rope_precision_at(m, pair, d, base, FloatFormat::Fp32);
      ASSERT_EQ(p32.angle_error, static_cast<double>(a32 - exact)) << pair << " " << m;
      const float c32 = static_cast<float>(std::cos(static_cast<double>(a32)));
      ASSERT_EQ(p32.cos_error, static_cast<double>(c32 - std::cos(exact))) << pair << " " << m;
      // The score at (m, m + 1) in float: products and sum each rounded to float.
      const float b32 = static_cast<float>(m + 1) * static_cast<float>(theta);
      const float s32 = static_cast<float>(std::sin(static_cast<double>(a32)));
      const float cb = static_cast<float>(std::cos(static_cast<double>(b32)));
      const float sb = static_cast<float>(std::sin(static_cast<double>(b32)));
      const float prod1 = c32 * cb, prod2 = s32 * sb;
      const float score = prod1 + prod2;
      ASSERT_EQ(p32.score_error,
                static_cast<double>(score - std::cos(static_cast<long double>(theta))))
          << pair << " " << m;
      // fp16: GCC's _Float16 (the product of two 11-bit values is exact before its rounding).
      const _Float16 a16 =
          static_cast<_Float16>(static_cast<_Float16>(m) * static_cast<_Float16>(theta));
      const PrecisionPoint p16 = rope_precision_at(m, pair, d, base, FloatFormat::Fp16);
      ASSERT_EQ(p16.angle_error, static_cast<double>(static_cast<double>(a16) - exact))
          << pair << " " << m;
      // bf16: the bit trick on float.
      const double a_bf = bf16(bf16(static_cast<double>(m)) * bf16(theta));
      ASSERT_EQ(rope_precision_at(m, pair, d, base, FloatFormat::Bf16).angle_error,
                static_cast<double>(a_bf - exact))
          << pair << " " << m;
    }
  }
}

TEST(RopePrecision, FirstPositionPastTheLimitIsTheScansFirst) {
  struct Case {
    int pair;
    FloatFormat f;
    long last;
  };
  for (const Case c : {Case{0, FloatFormat::Fp16, 70000}, Case{9, FloatFormat::Fp16, 70000},
                       Case{0, FloatFormat::Bf16, 100000}, Case{12, FloatFormat::Bf16, 300000},
                       Case{1, FloatFormat::Fp32, 8000000}}) {
    // Every position from 0: the format's angle, round(round(m) round(theta)), against m theta.
    const double theta = std::pow(10000.0, -2.0 * c.pair / 64);
    const double t = round_to(theta, c.f);
    long brute = -1;
    for (long m = 0; m <= c.last && brute < 0; ++m) {
      const double a = round_to(round_to(static_cast<double>(m), c.f) * t, c.f);
      if (!std::isfinite(a) ||
          std::abs(static_cast<long double>(a) - static_cast<long double>(m) * theta) > 0.1L)
        brute = m;
    }
    const std::optional<long> fast = first_angle_error_past(0, c.last, c.pair, 64, 10000, c.f);
    ASSERT_GE(brute, 0) << c.pair << " " << float_format_name(c.f);
    // Well past the bound below which the scan skips: the skip is tested, not idle.
    EXPECT_GT(brute, 10) << c.pair << " " << float_format_name(c.f);
    ASSERT_TRUE(fast.has_value());
    EXPECT_EQ(*fast, brute) << c.pair << " " << float_format_name(c.f);
  }
  // fp32's slowest pair never gets there within a million positions.
  long scanned = 0;
  EXPECT_FALSE(first_angle_error_past(0, 1000000, 31, 64, 10000, FloatFormat::Fp32, 0.1, 1L << 24,
                                      &scanned));
  EXPECT_EQ(scanned, 1000000);
}

TEST(RopePrecision, BadInput) {
  EXPECT_INVALID_ARGUMENT(rope_precision_at(1, 0, 63, 10000, FloatFormat::Fp32), "even");
  EXPECT_INVALID_ARGUMENT(rope_precision_at(1, 32, 64, 10000, FloatFormat::Fp32), "pair");
  EXPECT_INVALID_ARGUMENT(rope_precision_at(-1, 0, 64, 10000, FloatFormat::Fp32), "position");
  EXPECT_INVALID_ARGUMENT(rope_precision_at(1, 0, 64, 1.0, FloatFormat::Fp32), "base");
}

}  // namespace
}  // namespace peviz
