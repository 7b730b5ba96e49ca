// The permutation test: self-attention without position is permutation-equivariant,
// so shuffling the tokens only shuffles the outputs. Shuffle, attend, un-shuffle and
// compare: the largest difference is ~1e-16 without position (and without the
// causal mask) and large with any positional scheme.
// Convention: shuffled[i] = original[perm[i]].
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "attention.hpp"

namespace peviz {

struct PermutationTest {
  AttentionResult original;
  AttentionResult shuffled;
  std::vector<int> permutation;  // shuffled[i] = original[permutation[i]]
  double max_difference = 0.0;   // max |shuffled.outputs[i] - original.outputs[perm[i]]|
};

PermutationTest permutation_test(const Eigen::MatrixXd& embeddings,
                                 const std::vector<int>& permutation,
                                 const AttentionParams& params);

// The permutation that turns `from` into `to` (to[i] = from[perm[i]], repeated
// words matched in order), or nothing if `to` is not a reordering of `from`.
std::optional<std::vector<int>> find_permutation(const std::vector<std::string>& from,
                                                 const std::vector<std::string>& to);

// The sequence reversed: perm[i] = n-1-i.
std::vector<int> reversal(int n);

}  // namespace peviz
