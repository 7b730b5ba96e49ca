// Tests for core/float_format: round-to-nearest-even into fp32, bf16 and fp16, against the
// compiler's own conversions (float, and GCC's _Float16, both IEEE roundTiesToEven) over many
// values, and against values derived by hand for bf16 (8 significant bits).
#include "core/float_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

namespace peviz {
namespace {

TEST(FloatFormat, Fp32IsTheCompilersFloat) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mant(1.0, 2.0);
  std::uniform_int_distribution<int> ex(-160, 130);
  for (int k = 0; k < 200000; ++k) {
    const double x = std::ldexp(mant(rng), ex(rng)) * (k % 2 ? -1.0 : 1.0);
    ASSERT_EQ(round_to(x, FloatFormat::Fp32), static_cast<double>(static_cast<float>(x))) << x;
  }
  // Ties: 1 + 2^-24 is halfway between 1 and 1 + 2^-23 and goes to the even 1.
  EXPECT_EQ(round_to(1.0 + std::ldexp(1.0, -24), FloatFormat::Fp32), 1.0);
  EXPECT_EQ(round_to(1.0 + 3 * std::ldexp(1.0, -24), FloatFormat::Fp32),
            1.0 + std::ldexp(1.0, -22));
  EXPECT_EQ(round_to(16777217.0, FloatFormat::Fp32), 16777216.0);  // 2^24 + 1
}

TEST(FloatFormat, Fp16IsGccsFloat16) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> mant(1.0, 2.0);
  std::uniform_int_distribution<int> ex(-27, 17);
  for (int k = 0; k < 200000; ++k) {
    const double x = std::ldexp(mant(rng), ex(rng)) * (k % 2 ? -1.0 : 1.0);
    ASSERT_EQ(round_to(x, FloatFormat::Fp16), static_cast<double>(static_cast<_Float16>(x))) << x;
  }
  // Every integer position up to 65519 (above it fp16 overflows).
  for (int m = 0; m <= 65519; ++m)
    ASSERT_EQ(round_to(m, FloatFormat::Fp16), static_cast<double>(static_cast<_Float16>(m))) << m;
  EXPECT_EQ(round_to(4097.0, FloatFormat::Fp16), 4096.0);  // the example
  EXPECT_EQ(round_to(4099.0, FloatFormat::Fp16), 4100.0);  // a tie to the even 4100
  EXPECT_EQ(round_to(65504.0, FloatFormat::Fp16), 65504.0);
  EXPECT_EQ(round_to(65519.0, FloatFormat::Fp16), 65504.0);
  EXPECT_TRUE(std::isinf(round_to(65520.0, FloatFormat::Fp16)));  // halfway to 2^16: overflow
  EXPECT_EQ(largest_finite(FloatFormat::Fp16), 65504.0);
  // Subnormals: 2^-24 is the smallest; half of it is a tie to zero.
  EXPECT_EQ(round_to(std::ldexp(1.0, -24), FloatFormat::Fp16), std::ldexp(1.0, -24));
  EXPECT_EQ(round_to(std::ldexp(1.0, -25), FloatFormat::Fp16), 0.0);
  EXPECT_EQ(round_to(std::ldexp(1.5, -25), FloatFormat::Fp16), std::ldexp(1.0, -24));
}

// bfloat16 by hand: the top 16 bits of the float, rounded to nearest even on the 16 dropped.
double bf16_by_bits(float x) {
  std::uint32_t b;
  std::memcpy(&b, &x, 4);
  b += 0x7FFFu + ((b >> 16) & 1u);
  b &= 0xFFFF0000u;
  float y;
  std::memcpy(&y, &b, 4);
  return y;
}

TEST(FloatFormat, Bf16KeepsEightSignificantBits) {
  EXPECT_EQ(round_to(255.0, FloatFormat::Bf16), 255.0);
  EXPECT_EQ(round_to(256.0, FloatFormat::Bf16), 256.0);
  EXPECT_EQ(round_to(257.0, FloatFormat::Bf16), 256.0);  // tie: 256 = 128 x 2, even
  EXPECT_EQ(round_to(258.0, FloatFormat::Bf16), 258.0);
  EXPECT_EQ(round_to(259.0, FloatFormat::Bf16), 260.0);  // tie: 260 = 130 x 2, even
  EXPECT_EQ(round_to(1000.0, FloatFormat::Bf16), 1000.0);
  EXPECT_EQ(round_to(1001.0, FloatFormat::Bf16), 1000.0);
  EXPECT_EQ(round_to(1003.0, FloatFormat::Bf16), 1004.0);
  EXPECT_EQ(round_to(100000.0, FloatFormat::Bf16), 99840.0);  // 390 x 256
  EXPECT_EQ(largest_finite(FloatFormat::Bf16), 3.3895313892515355e38);
  // Floats (exact in a double) against the bit trick, which is the same rounding.
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> v(-1e6f, 1e6f);
  for (int k = 0; k < 200000; ++k) {
    const float x = v(rng);
    ASSERT_EQ(round_to(x, FloatFormat::Bf16), bf16_by_bits(x)) << x;
  }
}

TEST(FloatFormat, SpecialValuesAndNames) {
  const double inf = std::numeric_limits<double>::infinity();
  for (const FloatFormat f : kFloatFormats) {
    EXPECT_EQ(round_to(inf, f), inf);
    EXPECT_TRUE(std::isnan(round_to(std::nan(""), f)));
    EXPECT_TRUE(std::signbit(round_to(-0.0, f)));
    EXPECT_EQ(round_to(-largest_finite(f), f), -largest_finite(f));
  }
  EXPECT_STREQ(float_format_name(FloatFormat::Bf16), "bf16");
  EXPECT_EQ(significand_bits(FloatFormat::Fp16), 11);
  EXPECT_EQ(largest_finite(FloatFormat::Fp32),
            static_cast<double>(std::numeric_limits<float>::max()));
}

}  // namespace
}  // namespace peviz
