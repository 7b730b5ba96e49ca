#include "permutation_rows.hpp"

#include <algorithm>
#include <string>

#include "attention_identity.hpp"
#include "validate.hpp"

namespace peviz {

Eigen::VectorXd permutation_row_differences(const PermutationTest& t) {
  const auto n = static_cast<Eigen::Index>(t.permutation.size());
  Eigen::VectorXd diff = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    diff[i] = (t.shuffled.outputs.row(i) - t.original.outputs.row(t.permutation[i]))
                  .cwiseAbs()
                  .maxCoeff();
  }
  return diff;
}

PermutationTest permutation_test_identity(const Eigen::MatrixXd& embeddings,
                                          const std::vector<int>& permutation,
                                          const AttentionParams& params) {
  const auto n = static_cast<int>(embeddings.rows());
  if (static_cast<int>(permutation.size()) != n) {
    throw InvalidArgument("the permutation has " + std::to_string(permutation.size()) +
                          " entries for " + std::to_string(n) + " tokens");
  }
  std::vector<bool> seen(n, false);
  for (int v : permutation) {
    if (v < 0 || v >= n || seen[v]) {
      throw InvalidArgument("not a permutation of 0.." + std::to_string(n - 1));
    }
    seen[v] = true;
  }
  Eigen::MatrixXd shuffled(n, embeddings.cols());
  for (int i = 0; i < n; ++i) shuffled.row(i) = embeddings.row(permutation[i]);
  PermutationTest t;
  t.permutation = permutation;
  t.original = attend_identity(embeddings, params);
  t.shuffled = attend_identity(shuffled, params);
  const Eigen::VectorXd diff = permutation_row_differences(t);
  t.max_difference = n > 0 ? diff.maxCoeff() : 0.0;
  return t;
}

}  // namespace peviz
