// Rounding a double to the floating-point formats models store RoPE in: IEEE 754 binary32
// (fp32), binary16 (fp16) and bfloat16 (bf16), each by round-to-nearest, ties-to-even (IEEE
// 754-2019, Sec. 4.3.1), with their exponent ranges: gradual underflow to subnormals and
// overflow to infinity past the largest finite value.
//   format   significand bits (with the hidden one)   largest finite       smallest normal
//   fp32     24                                         (2 - 2^-23) 2^127    2^-126
//   bf16      8                                         (2 - 2^-7) 2^127     2^-126
//   fp16     11                                         65504                2^-14
// Sources: IEEE 754-2019, Table 3.5 (binary16, binary32); Google's bfloat16 ("BFloat16: the
// secret to high performance on Cloud TPUs", 2019: binary32's exponent, 7 stored fraction bits).
#pragma once

#include <array>

namespace peviz {

enum class FloatFormat { Fp32, Bf16, Fp16 };
inline constexpr std::array<FloatFormat, 3> kFloatFormats{FloatFormat::Fp32, FloatFormat::Bf16,
                                                          FloatFormat::Fp16};

// "fp32", "bf16", "fp16".
const char* float_format_name(FloatFormat f);
// Significand bits, the hidden one included: 24, 8, 11.
int significand_bits(FloatFormat f);
// The largest finite value: 3.4028234663852886e38, 3.3895313892515355e38, 65504.
double largest_finite(FloatFormat f);

// x rounded to the nearest value of format f (ties to the even significand), as a double;
// +-infinity past the largest finite value (IEEE: when the rounded magnitude would exceed it),
// NaN and infinities as they are, the sign of zero kept.
double round_to(double x, FloatFormat f);

}  // namespace peviz
