// Deterministic token embeddings for the attention playground: each distinct word
// gets a vector of d independent N(0, 1) entries drawn from a generator seeded by
// the word's bytes (FNV-1a hash), so "dog" is the same vector wherever it appears,
// in every run and on every machine, and its first d entries do not depend on d.
// Rows are tokens, columns dimensions (n x d).
#pragma once

#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

namespace peviz {

Eigen::VectorXd word_embedding(std::string_view word, int d);
Eigen::MatrixXd embed_tokens(const std::vector<std::string>& tokens, int d);

}  // namespace peviz
