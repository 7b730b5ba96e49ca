// Tests for core/rope_clock: the hands of the RoPE clocks (RoFormer Eq. (14)-(15)).
#include "core/rope_clock.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "test_util.hpp"

namespace peviz {
namespace {

TEST(RopeClock, HandIsWhereTheRotationSendsTheFirstCoordinate) {
  // Law: R_m e_first has cos(m t_i) at `first` and sin(m t_i) at `second`, for both pairings.
  for (RopePairing pairing : {RopePairing::Interleaved, RopePairing::HalfSplit}) {
    const Eigen::VectorXd inv = rope_inv_freq(16, 10000.0);
    const std::vector<RopeHand> hands = rope_hands(37.0, inv, pairing, {0, 3, 7});
    ASSERT_EQ(hands.size(), 3u);
    for (const RopeHand& h : hands) {
      Eigen::VectorXd e = Eigen::VectorXd::Zero(16);
      e[h.first] = 1.0;
      const Eigen::VectorXd moved = rope_rotate(e, 37.0, inv, pairing);
      EXPECT_NEAR(h.x, moved[h.first], 1e-12) << h.pair;
      EXPECT_NEAR(h.y, moved[h.second], 1e-12) << h.pair;
      EXPECT_NEAR(moved.norm(), 1.0, 1e-12);
    }
  }
}

TEST(RopeClock, PairsFollowThePairing) {
  const Eigen::VectorXd inv = rope_inv_freq(8, 10000.0);
  const std::vector<RopeHand> a = rope_hands(0.0, inv, RopePairing::Interleaved, {1, 3});
  EXPECT_EQ(a[0].first, 2);
  EXPECT_EQ(a[0].second, 3);
  EXPECT_EQ(a[1].first, 6);
  EXPECT_EQ(a[1].second, 7);
  const std::vector<RopeHand> b = rope_hands(0.0, inv, RopePairing::HalfSplit, {1, 3});
  EXPECT_EQ(b[0].first, 1);
  EXPECT_EQ(b[0].second, 5);
  EXPECT_EQ(b[1].first, 3);
  EXPECT_EQ(b[1].second, 7);
}

TEST(RopeClock, FrequencyWavelengthAngleAndTurns) {
  // d = 4, base 100: t_0 = 1, t_1 = 100^(-1/2) = 0.1; wavelengths 2 pi and 20 pi.
  const Eigen::VectorXd inv = rope_inv_freq(4, 100.0);
  const std::vector<RopeHand> h = rope_hands(10.0, inv, RopePairing::Interleaved, {0, 1});
  EXPECT_NEAR(h[0].inv_freq, 1.0, 1e-15);
  EXPECT_NEAR(h[1].inv_freq, 0.1, 1e-15);
  EXPECT_NEAR(h[0].wavelength, 2 * std::numbers::pi, 1e-12);
  EXPECT_NEAR(h[1].wavelength, 20 * std::numbers::pi, 1e-12);
  // Position 10: pair 0 has turned 10 rad = 1.5915... turns, showing 10 - 2 pi.
  EXPECT_NEAR(h[0].turns, 10.0 / (2 * std::numbers::pi), 1e-14);
  EXPECT_NEAR(h[0].angle, 10.0 - 2 * std::numbers::pi, 1e-14);
  EXPECT_NEAR(h[1].angle, 1.0, 1e-14);
  EXPECT_NEAR(h[1].degrees, 57.29577951308232, 1e-12);  // one radian
  EXPECT_NEAR(h[1].x, std::cos(1.0), 1e-14);
  EXPECT_NEAR(h[1].y, std::sin(1.0), 1e-14);
  // A position before 0 turns backwards, still shown in [0, 2 pi).
  const RopeHand back = rope_hands(-1.0, inv, RopePairing::Interleaved, {0})[0];
  EXPECT_NEAR(back.angle, 2 * std::numbers::pi - 1.0, 1e-14);
  EXPECT_NEAR(back.y, -std::sin(1.0), 1e-14);
}

TEST(RopeClock, RejectsPairsOutOfRange) {
  const Eigen::VectorXd inv = rope_inv_freq(4, 100.0);
  EXPECT_INVALID_ARGUMENT(rope_hands(1.0, inv, RopePairing::Interleaved, {2}), "pair 2");
  EXPECT_INVALID_ARGUMENT(rope_hands(1.0, inv, RopePairing::Interleaved, {-1}), "pair -1");
}

TEST(RopeClock, SpreadPairsKeepsBothEnds) {
  EXPECT_EQ(spread_pairs(32, 5), (std::vector<int>{0, 8, 16, 23, 31}));
  EXPECT_EQ(spread_pairs(3, 16), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(spread_pairs(1, 16), (std::vector<int>{0}));
  EXPECT_EQ(spread_pairs(2048, 1), (std::vector<int>{0}));
  EXPECT_TRUE(spread_pairs(0, 4).empty());
  const std::vector<int> many = spread_pairs(2048, 16);
  ASSERT_EQ(many.size(), 16u);
  EXPECT_EQ(many.front(), 0);
  EXPECT_EQ(many.back(), 2047);
  for (std::size_t k = 1; k < many.size(); ++k) EXPECT_GT(many[k], many[k - 1]);
}

}  // namespace
}  // namespace peviz
