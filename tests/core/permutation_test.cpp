// Tests for core/permutation: without position (and without the causal mask) self-attention is
// permutation-equivariant; any positional scheme breaks that (docs/formulas.md Sec. 9).
#include "core/permutation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/embedding.hpp"
#include "core/tokens.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

using Words = std::vector<std::string>;

Eigen::MatrixXd dog_bites_man(int d = 64) {
  return embed_tokens(tokenize("dog bites man"), d);
}

TEST(Permutation, FindPermutationDogBitesMan) {
  const auto perm = find_permutation(tokenize("dog bites man"), tokenize("man bites dog"));
  ASSERT_TRUE(perm.has_value());
  EXPECT_EQ(*perm, (std::vector<int>{2, 1, 0}));
}

TEST(Permutation, FindPermutationRepeatedWordsInOrder) {
  const Words from{"the", "dog", "saw", "the", "cat"};
  const Words to{"the", "cat", "saw", "the", "dog"};
  const auto perm = find_permutation(from, to);
  ASSERT_TRUE(perm.has_value());
  EXPECT_EQ(*perm, (std::vector<int>{0, 4, 2, 3, 1}));
  // to[i] = from[perm[i]].
  for (std::size_t i = 0; i < to.size(); ++i) EXPECT_EQ(to[i], from[(*perm)[i]]);
  EXPECT_EQ(*find_permutation(from, from), (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(Permutation, FindPermutationRejectsNonReorderings) {
  EXPECT_FALSE(find_permutation({"a", "b"}, {"a", "c"}).has_value());
  EXPECT_FALSE(find_permutation({"a", "b"}, {"a", "b", "b"}).has_value());
  EXPECT_FALSE(find_permutation({"a", "a", "b"}, {"a", "b", "b"}).has_value());
  const auto empty = find_permutation({}, {});
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

TEST(Permutation, Reversal) {
  EXPECT_EQ(reversal(3), (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(reversal(1), (std::vector<int>{0}));
  EXPECT_TRUE(reversal(0).empty());
  EXPECT_TRUE(reversal(-2).empty());
}

TEST(Permutation, NopeWithoutMaskIsEquivariant) {
  AttentionParams p;
  p.scheme = Scheme::Nope;
  p.mask = Mask::None;
  const PermutationTest t = permutation_test(dog_bites_man(), reversal(3), p);
  EXPECT_LT(t.max_difference, 1e-12);
  EXPECT_EQ(t.permutation, (std::vector<int>{2, 1, 0}));
  // Also for a longer sentence and another permutation.
  const Eigen::MatrixXd x = embed_tokens(tokenize("the quick brown fox jumps over a lazy dog"), 64);
  const PermutationTest u = permutation_test(x, {3, 0, 8, 1, 7, 2, 6, 4, 5}, p);
  EXPECT_LT(u.max_difference, 1e-12);
}

TEST(Permutation, PositionalSchemesBreakEquivariance) {
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Rope, Scheme::Learned, Scheme::T5}) {
    for (Mask mask : {Mask::Causal, Mask::None}) {
      AttentionParams p;  // default parameters otherwise
      p.scheme = scheme;
      p.mask = mask;
      const PermutationTest t = permutation_test(dog_bites_man(), reversal(3), p);
      EXPECT_GT(t.max_difference, 1e-3) << scheme_name(scheme) << " mask " << (mask == Mask::None);
    }
  }
  // The default parameters exactly (sinusoidal, causal) and RoPE with its defaults.
  EXPECT_GT(permutation_test(dog_bites_man(), reversal(3), AttentionParams{}).max_difference, 1e-3);
  AttentionParams rope;
  rope.scheme = Scheme::Rope;
  EXPECT_GT(permutation_test(dog_bites_man(), reversal(3), rope).max_difference, 1e-3);
}

TEST(Permutation, CausalMaskAloneBreaksEquivariance) {
  AttentionParams p;
  p.scheme = Scheme::Nope;
  p.mask = Mask::Causal;
  EXPECT_GT(permutation_test(dog_bites_man(), reversal(3), p).max_difference, 1e-3);
}

TEST(Permutation, SymmetricAlibiIsBlindToReversalOnly) {
  // -m |i - j| is unchanged by i -> n-1-i, so reversing the sentence only reverses the outputs,
  // but a swap of the first two tokens changes the distances.
  AttentionParams p;
  p.scheme = Scheme::Alibi;
  p.mask = Mask::None;
  EXPECT_LT(permutation_test(dog_bites_man(), reversal(3), p).max_difference, 1e-12);
  EXPECT_GT(permutation_test(dog_bites_man(), {1, 0, 2}, p).max_difference, 1e-3);
  p.mask = Mask::Causal;
  EXPECT_GT(permutation_test(dog_bites_man(), reversal(3), p).max_difference, 1e-3);
}

TEST(Permutation, MaxDifferenceIsRecomputable) {
  AttentionParams p;
  p.scheme = Scheme::Rope;
  const Eigen::MatrixXd x = dog_bites_man();
  const std::vector<int> perm{2, 0, 1};
  const PermutationTest t = permutation_test(x, perm, p);
  Eigen::MatrixXd shuffled(3, 64);
  for (int i = 0; i < 3; ++i) shuffled.row(i) = x.row(perm[i]);
  const AttentionResult o = attend(x, p);
  const AttentionResult s = attend(shuffled, p);
  EXPECT_MATRIX_NEAR(t.original.outputs, o.outputs, 0.0);
  EXPECT_MATRIX_NEAR(t.shuffled.outputs, s.outputs, 0.0);
  EXPECT_MATRIX_NEAR(t.shuffled.inputs, shuffled, 0.0);
  double worst = 0.0;
  for (int i = 0; i < 3; ++i) {
    worst = std::max(worst, (s.outputs.row(i) - o.outputs.row(perm[i])).cwiseAbs().maxCoeff());
  }
  EXPECT_EQ(t.max_difference, worst);
  EXPECT_GT(worst, 0.0);
}

TEST(PermutationErrors, BadPermutations) {
  const Eigen::MatrixXd x = dog_bites_man();
  const AttentionParams p;
  EXPECT_INVALID_ARGUMENT(permutation_test(x, {0, 1}, p), "2 entries for 3 tokens");
  EXPECT_INVALID_ARGUMENT(permutation_test(x, {0, 1, 2, 3}, p), "4");
  EXPECT_INVALID_ARGUMENT(permutation_test(x, {0, 0, 1}, p), "not a permutation");
  EXPECT_INVALID_ARGUMENT(permutation_test(x, {0, 1, 3}, p), "0..2");
  EXPECT_INVALID_ARGUMENT(permutation_test(x, {-1, 1, 2}, p), "not a permutation");
}

}  // namespace
}  // namespace peviz
