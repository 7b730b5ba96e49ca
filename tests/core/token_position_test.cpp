// Tests for core/token_position: norms and angle of e, p and e + p against a 3-4-5
// triangle worked by hand, the zero-vector convention, and the first repeated word.
#include "core/token_position.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace peviz {
namespace {

TEST(TokenPosition, ThreeFourFiveTriangle) {
  Eigen::VectorXd e(2), p(2);
  e << 3.0, 0.0;
  p << 0.0, 4.0;
  const TokenPositionSplit s = split_token_position(e, p);
  EXPECT_DOUBLE_EQ(s.token_norm, 3.0);
  EXPECT_DOUBLE_EQ(s.position_norm, 4.0);
  EXPECT_DOUBLE_EQ(s.sum_norm, 5.0);
  EXPECT_DOUBLE_EQ(s.cosine, 0.6);
  EXPECT_NEAR(s.angle_degrees, std::atan2(4.0, 3.0) * 180.0 / M_PI, 1e-12);  // 53.13 degrees
}

TEST(TokenPosition, NoPositionLeavesTheTokenAlone) {
  Eigen::VectorXd e(3);
  e << 1.0, -2.0, 2.0;
  const TokenPositionSplit s = split_token_position(e, Eigen::VectorXd::Zero(3));
  EXPECT_DOUBLE_EQ(s.token_norm, 3.0);
  EXPECT_DOUBLE_EQ(s.position_norm, 0.0);
  EXPECT_DOUBLE_EQ(s.sum_norm, 3.0);
  EXPECT_NEAR(s.cosine, 1.0, 1e-15);
  EXPECT_NEAR(s.angle_degrees, 0.0, 1e-6);
}

TEST(TokenPosition, CosineConventions) {
  Eigen::VectorXd a(2), b(2);
  a << 1.0, 1.0;
  b << -2.0, -2.0;
  EXPECT_DOUBLE_EQ(cosine_of(a, b), -1.0);
  EXPECT_DOUBLE_EQ(cosine_of(a, Eigen::VectorXd::Zero(2)), 0.0);
  EXPECT_DOUBLE_EQ(cosine_of(a, a), 1.0);
}

TEST(TokenPosition, FirstRepeatedWord) {
  auto r = first_repeated({"the", "cat", "saw", "the", "dog"});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, std::make_pair(0, 3));
  r = first_repeated({"a", "b", "b", "a"});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, std::make_pair(1, 2));  // "b" repeats first (at index 2)
  EXPECT_FALSE(first_repeated({"dog", "bites", "man"}).has_value());
  EXPECT_FALSE(first_repeated({}).has_value());
}

}  // namespace
}  // namespace peviz
