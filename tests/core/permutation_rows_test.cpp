// Tests for core/permutation_rows: the per-row differences reach permutation_test()'s
// max_difference, the identity-projection test agrees with permutation_test() run through
// d x d identity matrices, and the rows match without position and differ with it.
#include "core/permutation_rows.hpp"

#include <gtest/gtest.h>

#include "core/embedding.hpp"
#include "core/tokens.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

TEST(PermutationRows, RowDifferencesReachTheMaxDifference) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("the cat saw the dog"), 16);
  const std::vector<int> perm =
      *find_permutation(tokenize("the cat saw the dog"), tokenize("the dog saw the cat"));
  AttentionParams p;
  p.d = 16;
  p.scheme = Scheme::Sinusoidal;
  const PermutationTest t = permutation_test(e, perm, p);
  const Eigen::VectorXd diff = permutation_row_differences(t);
  ASSERT_EQ(diff.size(), 5);
  EXPECT_EQ(diff.maxCoeff(), t.max_difference);
  // Row 1 ("dog") against the original's row 4, written out.
  EXPECT_EQ(diff[1], (t.shuffled.outputs.row(1) - t.original.outputs.row(4)).cwiseAbs().maxCoeff());
}

TEST(PermutationRows, IdentityTestMatchesPermutationTest) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("dog bites man"), 8);
  const std::vector<int> perm = {2, 1, 0};
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope, Scheme::Alibi,
                        Scheme::Nope, Scheme::T5}) {
    for (Mask mask : {Mask::Causal, Mask::None}) {
      SCOPED_TRACE(scheme_name(scheme));
      AttentionParams p;
      p.d = 8;
      p.scheme = scheme;
      p.mask = mask;
      p.identity_projections = true;
      const PermutationTest a = permutation_test(e, perm, p);
      const PermutationTest b = permutation_test_identity(e, perm, p);
      EXPECT_NEAR(b.max_difference, a.max_difference, 1e-13);
      EXPECT_MATRIX_NEAR(b.shuffled.outputs, a.shuffled.outputs, 1e-13);
      EXPECT_EQ(b.permutation, perm);
    }
  }
}

TEST(PermutationRows, NoPositionRowsMatchPositionRowsDiffer) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("dog bites man"), 64);
  AttentionParams p;
  p.d = 64;
  p.scheme = Scheme::Nope;
  p.mask = Mask::None;
  const Eigen::VectorXd same =
      permutation_row_differences(permutation_test_identity(e, {2, 1, 0}, p));
  for (int i = 0; i < 3; ++i) EXPECT_LT(same[i], 1e-12) << i;
  p.scheme = Scheme::Sinusoidal;
  const Eigen::VectorXd moved =
      permutation_row_differences(permutation_test_identity(e, {2, 1, 0}, p));
  EXPECT_GT(moved.maxCoeff(), 1e-3);
  EXPECT_INVALID_ARGUMENT(permutation_test_identity(e, {0, 0, 1}, p), "not a permutation");
}

}  // namespace
}  // namespace peviz
