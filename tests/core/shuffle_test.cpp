// Tests for core/shuffle: shuffled_order is a permutation, never the identity for n >= 2,
// the same for the same seed, and Fisher-Yates as written out independently here.
#include "core/shuffle.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <vector>

#include "core/random.hpp"

namespace peviz {
namespace {

bool is_identity(const std::vector<int>& order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] != static_cast<int>(i)) return false;
  return true;
}

TEST(ShuffleTest, IsAPermutationAndNeverTheIdentity) {
  for (int n = 2; n <= 40; ++n) {
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
      std::vector<int> order = shuffled_order(n, seed);
      ASSERT_EQ(static_cast<int>(order.size()), n);
      EXPECT_FALSE(is_identity(order)) << "n = " << n << " seed = " << seed;
      std::sort(order.begin(), order.end());
      std::vector<int> expected(static_cast<std::size_t>(n));
      std::iota(expected.begin(), expected.end(), 0);
      EXPECT_EQ(order, expected) << "n = " << n << " seed = " << seed;
    }
  }
}

TEST(ShuffleTest, EdgeSizes) {
  EXPECT_TRUE(shuffled_order(0, 3).empty());
  EXPECT_TRUE(shuffled_order(-2, 3).empty());
  EXPECT_EQ(shuffled_order(1, 3), std::vector<int>{0});
  // n = 2: the only non-identity order, whatever the seed.
  for (std::uint64_t seed = 0; seed < 10; ++seed)
    EXPECT_EQ(shuffled_order(2, seed), (std::vector<int>{1, 0}));
}

TEST(ShuffleTest, DeterministicAndSeedDependent) {
  EXPECT_EQ(shuffled_order(10, 7), shuffled_order(10, 7));
  std::set<std::vector<int>> distinct;
  for (std::uint64_t seed = 0; seed < 20; ++seed) distinct.insert(shuffled_order(10, seed));
  EXPECT_GT(distinct.size(), 15u);  // 10! orders: collisions among 20 draws are rare
}

TEST(ShuffleTest, MatchesFisherYatesWrittenOutOnTheSameStream) {
  // The same draws j_i = u_i mod (i + 1), i = n-1..1, applied as swaps to 0..n-1, written
  // here as a sequence of explicit swaps on a copy (Durstenfeld 1964).
  const int n = 7;
  for (std::uint64_t seed = 100; seed < 120; ++seed) {
    Rng rng(seed);
    std::vector<int> expected = {0, 1, 2, 3, 4, 5, 6};
    for (int i = n - 1; i >= 1; --i) {
      const int j = static_cast<int>(rng.next_u64() % static_cast<std::uint64_t>(i + 1));
      const int t = expected[static_cast<std::size_t>(i)];
      expected[static_cast<std::size_t>(i)] = expected[static_cast<std::size_t>(j)];
      expected[static_cast<std::size_t>(j)] = t;
    }
    if (is_identity(expected)) std::swap(expected[5], expected[6]);
    EXPECT_EQ(shuffled_order(n, seed), expected) << "seed " << seed;
  }
}

TEST(ShuffleTest, RoughlyUniformOverTheNonIdentityOrders) {
  // n = 3: 6 orders; the identity's share (1/6) goes to the order with the last two
  // swapped, {0, 2, 1}, so that one gets ~2/6 and the other four ~1/6 each.
  std::map<std::vector<int>, int> count;
  const int draws = 60000;
  for (int s = 0; s < draws; ++s) ++count[shuffled_order(3, static_cast<std::uint64_t>(s))];
  EXPECT_EQ(count.size(), 5u);
  for (const auto& [order, c] : count) {
    const double expected = order == std::vector<int>{0, 2, 1} ? draws / 3.0 : draws / 6.0;
    EXPECT_NEAR(c, expected, 0.05 * expected);
  }
}

}  // namespace
}  // namespace peviz
