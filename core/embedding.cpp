#include "embedding.hpp"

#include "random.hpp"
#include "validate.hpp"

namespace peviz {

Eigen::VectorXd word_embedding(std::string_view word, int d) {
  require_positive_dim(d);
  Rng rng(hash_text(word));
  Eigen::VectorXd v(d);
  for (int j = 0; j < d; ++j) v[j] = rng.normal();
  return v;
}

Eigen::MatrixXd embed_tokens(const std::vector<std::string>& tokens, int d) {
  require_positive_dim(d);
  Eigen::MatrixXd x(static_cast<Eigen::Index>(tokens.size()), d);
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    x.row(static_cast<Eigen::Index>(t)) = word_embedding(tokens[t], d).transpose();
  }
  return x;
}

}  // namespace peviz
