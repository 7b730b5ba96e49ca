// The permutation test row by row, and on identity-projection attention.
// Row i of the shuffled sentence holds the word original[perm[i]]; without position its
// output equals that word's output in the original sentence (Vaswani et al. 2017,
// Sec. 3.2: attention is a weighted sum over a set, so it is permutation-equivariant),
//   diff[i] = max_c |shuffled.outputs(i, c) - original.outputs(perm[i], c)|,
// and max_i diff[i] is PermutationTest::max_difference (core/permutation.hpp).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "permutation.hpp"

namespace peviz {

// diff[i] for every row i of the shuffled sentence.
Eigen::VectorXd permutation_row_differences(const PermutationTest& test);

// permutation_test() with attend_identity() (Wq = Wk = Wv = I, no d x d matrix): the
// same result as permutation_test() with identity_projections = true, fast at d = 4096.
PermutationTest permutation_test_identity(const Eigen::MatrixXd& embeddings,
                                          const std::vector<int>& permutation,
                                          const AttentionParams& params);

}  // namespace peviz
