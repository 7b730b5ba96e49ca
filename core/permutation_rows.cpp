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
  AttentionParams identity = params;
  identity.identity_projections = true;  // attend() then uses no d x d matrix
  return permutation_test(embeddings, permutation, identity);
}

}  // namespace peviz
