#include "permutation.hpp"

#include <algorithm>
#include <string>

#include "validate.hpp"

namespace peviz {

PermutationTest permutation_test(const Eigen::MatrixXd& embeddings,
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
  t.original = attend(embeddings, params);
  t.shuffled = attend(shuffled, params);
  for (int i = 0; i < n; ++i) {
    const double diff =
        (t.shuffled.outputs.row(i) - t.original.outputs.row(permutation[i])).cwiseAbs().maxCoeff();
    t.max_difference = std::max(t.max_difference, diff);
  }
  return t;
}

std::optional<std::vector<int>> find_permutation(const std::vector<std::string>& from,
                                                 const std::vector<std::string>& to) {
  if (from.size() != to.size()) return std::nullopt;
  std::vector<bool> used(from.size(), false);
  std::vector<int> perm;
  perm.reserve(to.size());
  for (const std::string& word : to) {
    bool found = false;
    for (std::size_t j = 0; j < from.size(); ++j) {
      if (!used[j] && from[j] == word) {
        used[j] = true;
        perm.push_back(static_cast<int>(j));
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
  }
  return perm;
}

std::vector<int> reversal(int n) {
  std::vector<int> perm(n < 0 ? 0 : n);
  for (int i = 0; i < n; ++i) perm[i] = n - 1 - i;
  return perm;
}

}  // namespace peviz
