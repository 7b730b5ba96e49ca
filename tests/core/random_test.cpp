// Tests for core/random: SplitMix64 (Steele, Lea, Flood 2014; Vigna's splitmix64.c),
// Box-Muller normals, FNV-1a 64.
#include "core/random.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <set>
#include <vector>

namespace peviz {
namespace {

TEST(Random, SplitMix64ReferenceSequence) {
  // Published vectors: rust-random/rand, rand_xoshiro/src/splitmix64.rs, test `reference`
  // ("produced with the reference implementation http://xoshiro.di.unimi.it/splitmix64.c"),
  // seed 1477776061723855037, first 8 of its 50 values.
  Rng rng(1477776061723855037ULL);
  const std::uint64_t expected[] = {1985237415132408290ULL,  2979275885539914483ULL,
                                    13511426838097143398ULL, 8488337342461049707ULL,
                                    15141737807933549159ULL, 17093170987380407015ULL,
                                    16389528042912955399ULL, 13177319091862933652ULL};
  for (std::uint64_t e : expected) EXPECT_EQ(rng.next_u64(), e);
}

TEST(Random, SplitMix64SeedZero) {
  // python3 transcription of splitmix64.c (x += 0x9e3779b97f4a7c15; xor-shift-multiply).
  Rng rng(0);
  EXPECT_EQ(rng.next_u64(), 16294208416658607535ULL);
  EXPECT_EQ(rng.next_u64(), 7960286522194355700ULL);
  EXPECT_EQ(rng.next_u64(), 487617019471545679ULL);
}

TEST(Random, SameSeedSameSequenceDifferentSeedDifferentSequence) {
  Rng a(42), b(42), c(43);
  bool any_difference = false;
  for (int i = 0; i < 1000; ++i) {
    const double x = a.normal();
    EXPECT_EQ(x, b.normal()) << i;
    if (x != c.normal()) any_difference = true;
  }
  EXPECT_TRUE(any_difference);
  Rng d(7), e(7);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.next_u64(), e.next_u64());
}

TEST(Random, UniformIsTheTop53BitsInTheOpenInterval) {
  Rng u(99), raw(99);
  for (int i = 0; i < 10000; ++i) {
    const double x = u.uniform();
    const double top = static_cast<double>(raw.next_u64() >> 11) * 0x1.0p-53;
    EXPECT_GT(x, 0.0);
    EXPECT_LT(x, 1.0);
    EXPECT_NEAR(x, top, 0x1.0p-53);
  }
}

TEST(Random, NormalIsBoxMullerOfTwoUniforms) {
  // Box & Muller: from u1, u2 the pair has squared radius -2 ln u1.
  Rng g(5), u(5);
  for (int i = 0; i < 1000; ++i) {
    const double n1 = g.normal();
    const double n2 = g.normal();
    const double u1 = u.uniform();
    (void)u.uniform();
    EXPECT_NEAR(n1 * n1 + n2 * n2, -2.0 * std::log(u1), 1e-12 * (1.0 - 2.0 * std::log(u1)));
  }
}

TEST(Random, NormalMomentsOverOneHundredThousandDraws) {
  Rng rng(2024);
  const int n = 100000;
  double s1 = 0, s2 = 0, s4 = 0;
  int within_one = 0, within_two = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    s1 += x;
    s2 += x * x;
    s4 += x * x * x * x;
    within_one += std::abs(x) < 1.0;
    within_two += std::abs(x) < 2.0;
  }
  const double mean = s1 / n;
  const double var = s2 / n - mean * mean;
  // Standard errors: mean 0.0032, variance 0.0045, kurtosis ~0.025, fractions ~0.0015.
  EXPECT_NEAR(mean, 0.0, 0.015);
  EXPECT_NEAR(var, 1.0, 0.025);
  EXPECT_NEAR(s4 / n, 3.0, 0.15);
  EXPECT_NEAR(within_one / static_cast<double>(n), 0.682689, 0.008);
  EXPECT_NEAR(within_two / static_cast<double>(n), 0.954500, 0.005);
}

TEST(Random, Fnv1aPublishedValues) {
  // FNV-1a 64-bit test values (Fowler/Noll/Vo test suite): "" -> offset basis,
  // "a" -> 0xaf63dc4c8601ec8c, "foobar" -> 0x85944171f73967e8 (checked with python3).
  EXPECT_EQ(hash_text(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(hash_text("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(hash_text("foobar"), 0x85944171f73967e8ULL);
}

TEST(Random, MixSeedSpreadsNearbyInputs) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t p = 0; p < 10000; ++p) seen.insert(mix_seed(0, p));
  for (std::uint64_t s = 1; s < 100; ++s) seen.insert(mix_seed(s, 0));
  EXPECT_EQ(seen.size(), 10000u + 99u);
  EXPECT_EQ(mix_seed(3, 4), mix_seed(3, 4));
  EXPECT_NE(mix_seed(3, 4), mix_seed(4, 3));
  // Neighbouring inputs flip about half of the 64 bits.
  int bits = 0;
  for (std::uint64_t p = 0; p < 1000; ++p) {
    bits += std::popcount(mix_seed(1, p) ^ mix_seed(1, p + 1));
  }
  EXPECT_NEAR(bits / 1000.0, 32.0, 1.0);
}

TEST(NormalVector, IsTheGeneratorsNormalStream) {
  Rng rng(42);
  const Eigen::VectorXd v = normal_vector(42, 5);
  for (int j = 0; j < 5; ++j) EXPECT_EQ(v[j], rng.normal());
  EXPECT_EQ(normal_vector(42, 0).size(), 0);
}

}  // namespace
}  // namespace peviz
