// Tests for core/alternative_bound: the largest |value| over the rows, where it is, and
// whether the formula stays bounded however long the sequence: raw integers and tan do
// not (tan grows near the multiples of pi/2 that integers approach), the others do.
#include "core/alternative_bound.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.hpp"

namespace peviz {
namespace {

AltEncodingParams params(AltEncoding kind, int d, long n, long start = 0) {
  AltEncodingParams p;
  p.kind = kind;
  p.d = d;
  p.positions = n;
  p.start = start;
  return p;
}

TEST(AlternativeBound, IntegersGrowWithTheLastPosition) {
  const AltBound b = alternative_bound(params(AltEncoding::Integer, 8, 5, 10));
  EXPECT_EQ(b.max_abs, 14.0);
  EXPECT_EQ(b.max_position, 14);
  EXPECT_FALSE(b.bounded);
  EXPECT_TRUE(std::isinf(b.supremum));
  EXPECT_EQ(alternative_bound(params(AltEncoding::Integer, 8, 5000)).max_abs, 4999.0);
}

TEST(AlternativeBound, NormalisedBinarySinAndSinCosStayWithinOne) {
  for (AltEncoding kind :
       {AltEncoding::Normalised, AltEncoding::Binary, AltEncoding::SinOnly, AltEncoding::SinCos}) {
    for (long n : {10L, 1000L, 20000L}) {
      const AltBound b = alternative_bound(params(kind, 16, n));
      EXPECT_TRUE(b.bounded) << alt_encoding_name(kind);
      EXPECT_EQ(b.supremum, 1.0);
      EXPECT_LE(b.max_abs, 1.0) << alt_encoding_name(kind) << " N " << n;
    }
  }
  // Normalised reaches 1 at the last position; cos(0) = 1 is column 1 of row 0.
  const AltBound norm = alternative_bound(params(AltEncoding::Normalised, 3, 50));
  EXPECT_DOUBLE_EQ(norm.max_abs, 1.0);
  EXPECT_EQ(norm.max_position, 49);
  // The last rows of a longer sequence stay within 1 too.
  AltEncodingParams tail = params(AltEncoding::Normalised, 3, 50, 1000);
  EXPECT_DOUBLE_EQ(alternative_bound(tail).max_abs, 1.0);
  const AltBound sc = alternative_bound(params(AltEncoding::SinCos, 16, 50));
  EXPECT_EQ(sc.max_abs, 1.0);
  EXPECT_EQ(sc.max_position, 0);
  EXPECT_EQ(sc.max_column, 1);
  // sin(11) = -cos(11 - 7 pi/2)... |sin(11)| = cos(0.0044257) = 0.99999: column 0 nearly touches 1.
  EXPECT_GT(alternative_bound(params(AltEncoding::SinOnly, 1, 12)).max_abs, 0.99999);
}

TEST(AlternativeBound, TanGrowsWithoutLimitNearOddMultiplesOfHalfPi) {
  // d = 1: the single column is tan(p). Integers come close to (2m+1) pi/2 where the
  // numerator 2p over the odd denominator 2m+1 approximates pi: 22/7 (p = 11) and
  // 104348/33215 (p = 52174). There tan(p) = -cot(p - (2m+1) pi/2) = -1/tan(delta).
  const auto pole = [](long p, long m) {
    const double delta = static_cast<double>(p) - (2.0 * m + 1.0) * M_PI / 2.0;
    return std::abs(1.0 / std::tan(delta));
  };
  const AltBound small = alternative_bound(params(AltEncoding::Tan, 1, 100));
  EXPECT_EQ(small.max_position, 11);
  EXPECT_NEAR(small.max_abs, pole(11, 3), 1e-6 * pole(11, 3));  // 225.95
  const AltBound large = alternative_bound(params(AltEncoding::Tan, 1, 100000));
  EXPECT_EQ(large.max_position, 52174);
  EXPECT_NEAR(large.max_abs, pole(52174, 33215 / 2), 1e-4 * large.max_abs);  // 181570
  EXPECT_GT(large.max_abs, 500.0 * small.max_abs);
  EXPECT_FALSE(large.bounded);
  EXPECT_TRUE(std::isinf(alt_supremum(AltEncoding::Tan)));
}

TEST(AlternativeBound, NoRowsAndBadInput) {
  const AltBound none = alternative_bound(params(AltEncoding::Integer, 4, 0));
  EXPECT_EQ(none.positions, 0);
  EXPECT_EQ(none.max_abs, 0.0);
  EXPECT_INVALID_ARGUMENT(alternative_bound(params(AltEncoding::SinCos, 5, 10)), "even");
  EXPECT_INVALID_ARGUMENT(alternative_bound(params(AltEncoding::Binary, 4, 10, -1)), "binary");
}

}  // namespace
}  // namespace peviz
