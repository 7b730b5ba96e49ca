#include "attention_identity.hpp"

#include <string>

#include "learned.hpp"
#include "random.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// The seed stream of core/attention.cpp for the learned table (the tests compare
// with attend() to keep them in step).
constexpr std::uint64_t kLearnedStream = 1;

}  // namespace

bool adds_position_to_tokens(Scheme scheme) {
  return scheme == Scheme::Sinusoidal || scheme == Scheme::Learned;
}

Eigen::MatrixXd absolute_position_signal(const AttentionParams& p, long n) {
  require_positive_dim(p.d);
  if (p.scheme == Scheme::Sinusoidal) {
    require_even_dim(p.d);
    require_base(p.base);
    // Vaswani et al. 2017, Sec. 3.5: X = embeddings + PE.
    return p.position_scale * sinusoidal_encoding({p.d, p.base, n, 0, p.layout});
  }
  if (p.scheme == Scheme::Learned) {
    return p.position_scale * playground_learned_rows(p, n, mix_seed(p.seed, kLearnedStream));
  }
  return Eigen::MatrixXd::Zero(n, p.d);
}

AttentionResult attend_identity(const Eigen::MatrixXd& embeddings, const AttentionParams& params) {
  AttentionParams identity = params;
  identity.identity_projections = true;  // attend() then uses no d x d matrix
  return attend(embeddings, identity);
}

}  // namespace peviz
