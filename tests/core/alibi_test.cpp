// Tests for core/alibi: Press, Smith, Lewis, arXiv:2108.12409 (docs/formulas.md Sec. 5).
#include "core/alibi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/attention.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// HF BLOOM build_alibi_tensor's slope structure (a different algorithm from the official
// get_slopes; docs/formulas.md Sec. 5 says they agree for n = 1..64):
//   closest = 2^floor(log2 n); base = 2^(-8/closest); slopes = base^(1..closest);
//   extra_base = 2^(-8/(2 closest)); extra = extra_base^(1, 3, 5, ...) for the remaining heads.
std::vector<double> bloom_slopes(int n) {
  int closest = 1;
  while (2 * closest <= n) closest *= 2;
  const double base = std::pow(2.0, -8.0 / closest);
  std::vector<double> s;
  for (int k = 1; k <= closest; ++k) s.push_back(std::pow(base, k));
  const double extra_base = std::pow(2.0, -8.0 / (2 * closest));
  for (int k = 1; static_cast<int>(s.size()) < n; k += 2) s.push_back(std::pow(extra_base, k));
  return s;
}

TEST(Alibi, PaperEightHeadSlopes) {
  // Paper: "for our models with 8 heads, the slopes ... are 1/2^1, 1/2^2, ..., 1/2^8".
  const Eigen::VectorXd s = alibi_slopes(8);
  ASSERT_EQ(s.size(), 8);
  for (int h = 0; h < 8; ++h) EXPECT_DOUBLE_EQ(s[h], std::ldexp(1.0, -(h + 1))) << h;
  EXPECT_EQ(s[0], 0.5);
  EXPECT_EQ(s[7], 1.0 / 256.0);
}

TEST(Alibi, PaperSixteenHeadSlopes) {
  // Paper: for 16 heads the sequence "starts at 1/sqrt(2) and has the ratio of 1/sqrt(2)".
  const Eigen::VectorXd s = alibi_slopes(16);
  ASSERT_EQ(s.size(), 16);
  EXPECT_NEAR(s[0], 1.0 / std::sqrt(2.0), 1e-15);
  for (int h = 0; h + 1 < 16; ++h) EXPECT_NEAR(s[h + 1] / s[h], 1.0 / std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(s[15], 1.0 / 256.0, 1e-17);
}

TEST(Alibi, TwelveHeadsAreNotSorted) {
  // Official get_slopes(12) (python3): 2^-1 .. 2^-8, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
  const Eigen::VectorXd s = alibi_slopes(12);
  ASSERT_EQ(s.size(), 12);
  const double expected_log2[] = {-1, -2, -3, -4, -5, -6, -7, -8, -0.5, -1.5, -2.5, -3.5};
  for (int h = 0; h < 12; ++h) {
    EXPECT_NEAR(std::log2(s[h]), expected_log2[h], 1e-14) << "head " << h;
  }
  EXPECT_NEAR(s[8], 0.7071067811865476, 1e-16);
  EXPECT_NEAR(s[11], 0.08838834764831849, 1e-16);
}

TEST(Alibi, OtherCountsFromTheOfficialCode) {
  // python3, official get_slopes: n=1 -> [1/256]; n=2 -> [1/16, 1/256];
  // n=3 -> [1/16, 1/256, 1/4]; n=6 -> [1/4, 1/16, 1/64, 1/256, 1/2, 1/8];
  // n=20 -> 16-head slopes then 0.8408964152537145, 0.5946035575013604, 0.42044820762685714,
  // 0.2973017787506802 (2^-0.25, 2^-0.75, 2^-1.25, 2^-1.75).
  EXPECT_MATRIX_NEAR(alibi_slopes(1), Eigen::VectorXd::Constant(1, 1.0 / 256), 1e-18);
  EXPECT_MATRIX_NEAR(alibi_slopes(2), Eigen::Vector2d(1.0 / 16, 1.0 / 256), 1e-18);
  EXPECT_MATRIX_NEAR(alibi_slopes(3), Eigen::Vector3d(1.0 / 16, 1.0 / 256, 0.25), 1e-18);
  Eigen::VectorXd six(6);
  six << 0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125;
  EXPECT_MATRIX_NEAR(alibi_slopes(6), six, 1e-17);
  const Eigen::VectorXd twenty = alibi_slopes(20);
  EXPECT_MATRIX_NEAR(twenty.head(16), alibi_slopes(16), 0.0);
  EXPECT_MATRIX_NEAR(twenty.tail(4),
                     Eigen::Vector4d(0.8408964152537145, 0.5946035575013604, 0.42044820762685714,
                                     0.2973017787506802),
                     1e-15);
}

TEST(Alibi, PowersOfTwoAreGeometricWithStartEqualToRatio) {
  // "the geometric sequence that starts at 2^(-8/n) and uses that same value as its ratio".
  for (int n : {1, 2, 4, 8, 16, 32, 64}) {
    const Eigen::VectorXd s = alibi_slopes(n);
    const double start = std::pow(2.0, -8.0 / n);
    EXPECT_NEAR(s[0], start, 1e-15) << n;
    for (int h = 0; h + 1 < n; ++h) EXPECT_NEAR(s[h + 1] / s[h], start, 1e-13) << n << " " << h;
    EXPECT_NEAR(s[n - 1], 1.0 / 256.0, 1e-15) << n;
  }
}

TEST(Alibi, AgreesWithBloomStructureForOneToSixtyFour) {
  for (int n = 1; n <= 64; ++n) {
    const Eigen::VectorXd s = alibi_slopes(n);
    const std::vector<double> b = bloom_slopes(n);
    ASSERT_EQ(s.size(), static_cast<Eigen::Index>(b.size())) << n;
    for (int h = 0; h < n; ++h) EXPECT_NEAR(s[h] / b[h], 1.0, 1e-14) << "n=" << n << " h=" << h;
  }
}

TEST(Alibi, CausalBiasMatchesThePaper) {
  // b[i][j] = -m (i - j) for j <= i, masked above the diagonal.
  const Eigen::MatrixXd b = alibi_bias(4, 0.5, AlibiMode::Causal);
  Eigen::Matrix4d expected;
  expected << 0, -kInf, -kInf, -kInf,  //
      -0.5, 0, -kInf, -kInf,           //
      -1.0, -0.5, 0, -kInf,            //
      -1.5, -1.0, -0.5, 0;
  EXPECT_MATRIX_NEAR(b, expected, 0.0);
}

TEST(Alibi, SymmetricBias) {
  // ALiBi repo issue #5: b[i][j] = -m |i - j|, no mask.
  const Eigen::MatrixXd b = alibi_bias(3, 0.25, AlibiMode::Symmetric);
  Eigen::Matrix3d expected;
  expected << 0, -0.25, -0.5, -0.25, 0, -0.25, -0.5, -0.25, 0;
  EXPECT_MATRIX_NEAR(b, expected, 0.0);
  EXPECT_MATRIX_NEAR(b, b.transpose(), 0.0);
}

TEST(Alibi, CausalSoftmaxEqualsTheOfficialKeyOnlyConvention) {
  // The official fairseq code adds m * j (key index only) plus the causal mask; it differs from
  // -m (i - j) by a per-row constant, so the softmax must be the same.
  for (double m : {0.5, 1.0 / 256, 0.0884}) {
    const long n = 12;
    Eigen::MatrixXd official(n, n);
    for (long i = 0; i < n; ++i) {
      for (long j = 0; j < n; ++j) official(i, j) = j <= i ? m * j : -kInf;
    }
    EXPECT_MATRIX_NEAR(softmax_rows(alibi_bias(n, m, AlibiMode::Causal)), softmax_rows(official),
                       1e-15);
  }
}

TEST(Alibi, EmptyBias) {
  EXPECT_EQ(alibi_bias(0, 0.5, AlibiMode::Causal).size(), 0);
}

TEST(AlibiErrors, BadArguments) {
  EXPECT_INVALID_ARGUMENT(alibi_slopes(0), "0");
  EXPECT_INVALID_ARGUMENT(alibi_slopes(-3), "-3");
  EXPECT_INVALID_ARGUMENT(alibi_bias(-1, 0.5, AlibiMode::Causal), "-1");
  EXPECT_INVALID_ARGUMENT(alibi_bias(4, std::nan(""), AlibiMode::Symmetric), "slope");
  EXPECT_INVALID_ARGUMENT(alibi_bias(4, kInf, AlibiMode::Causal), "slope");
}

TEST(AlibiSlopes, AbsurdHeadCountsAreRejectedNotOverflowed) {
  EXPECT_INVALID_ARGUMENT(alibi_slopes(std::numeric_limits<int>::max()), "at most");
}

TEST(AlibiBiasAt, IsABlockOfTheMatrix) {
  for (AlibiMode mode : {AlibiMode::Causal, AlibiMode::Symmetric}) {
    const Eigen::MatrixXd full = alibi_bias(12, 0.25, mode);
    Eigen::VectorXd q(3), k(4);
    q << 0, 5, 11;
    k << 11, 0, 4, 5;
    const Eigen::MatrixXd at = alibi_bias_at(q, k, 0.25, mode);
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 4; ++j)
        EXPECT_EQ(at(i, j), full(static_cast<int>(q[i]), static_cast<int>(k[j])));
    }
  }
}

TEST(AlibiHorizon, IsTheDistanceWhereTheBiasDividesTheWeightByTheFactor) {
  // ln(100) / (1/2) = 9.2103; ln(100) / (1/256) = 1178.9 (python3: math.log(100)*256).
  EXPECT_NEAR(alibi_horizon(0.5), 9.210340371976184, 1e-12);
  EXPECT_NEAR(alibi_horizon(1.0 / 256), 1178.9235676129515, 1e-9);
  // exp(-m * horizon) is exactly 1/factor.
  EXPECT_NEAR(std::exp(-0.125 * alibi_horizon(0.125, 20.0)), 0.05, 1e-15);
  EXPECT_INVALID_ARGUMENT(alibi_horizon(0.0), "slope");
  EXPECT_INVALID_ARGUMENT(alibi_horizon(0.5, 1.0), "greater than 1");
}

}  // namespace
}  // namespace peviz
