#include "attention_identity.hpp"

#include <cmath>
#include <string>

#include "alibi.hpp"
#include "learned.hpp"
#include "nope.hpp"
#include "random.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// The seed streams of core/attention.cpp for the learned table and the T5 biases
// (the tests compare with attend() to keep them in step).
constexpr std::uint64_t kLearnedStream = 1;
constexpr std::uint64_t kT5Stream = 5;

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
    return p.position_scale *
           learned_encoding({p.d, n, 0, mix_seed(p.seed, kLearnedStream), p.learned_stddev});
  }
  return Eigen::MatrixXd::Zero(n, p.d);
}

AttentionResult attend_identity(const Eigen::MatrixXd& embeddings, const AttentionParams& p) {
  if (embeddings.cols() != p.d) {
    throw InvalidArgument("token vectors have " + std::to_string(embeddings.cols()) +
                          " dimensions but d_model is " + std::to_string(p.d));
  }
  require_positive_dim(p.d);
  if (!(p.position_scale >= 0.0 && std::isfinite(p.position_scale))) {
    throw InvalidArgument("the position scale must be a finite number >= 0");
  }
  if (p.scheme == Scheme::Rope) {
    require_even_dim(p.d);
    require_base(p.base);
  }
  if (p.scheme == Scheme::Alibi && (p.heads < 1 || p.head < 0 || p.head >= p.heads)) {
    throw InvalidArgument("head " + std::to_string(p.head) + " does not exist: heads are 0.." +
                          std::to_string(p.heads - 1));
  }
  const long n = embeddings.rows();
  const double scale = p.position_scale;
  AttentionResult r;
  r.inputs = embeddings;
  if (adds_position_to_tokens(p.scheme)) r.inputs += absolute_position_signal(p, n);

  Eigen::MatrixXd q = r.inputs, k = r.inputs;
  if (p.scheme == Scheme::Rope) {
    // Su et al. 2021, Eq. (14); HF applies YaRN's attention factor to both q and k.
    const int rot = rotary_dim(p.d, p.partial_rotary_factor);
    const ScaledFrequencies f = scale_frequencies(rot, p.base, p.scaling);
    const Eigen::VectorXd positions = Eigen::VectorXd::LinSpaced(n, 0.0, n - 1.0) * scale;
    q = rope_rotate_rows(q, positions, f.inv_freq, p.pairing) * f.attention_factor;
    k = rope_rotate_rows(k, positions, f.inv_freq, p.pairing) * f.attention_factor;
  }

  r.bias = Eigen::MatrixXd::Zero(n, n);
  if (p.scheme == Scheme::Alibi) {
    // Press et al. 2021, Sec. 3: bias -m (i - j).
    const double slope = alibi_slopes(p.heads)[p.head] * scale;
    r.bias =
        alibi_bias(n, slope, p.mask == Mask::Causal ? AlibiMode::Causal : AlibiMode::Symmetric);
  } else if (p.scheme == Scheme::T5) {
    // Raffel et al. 2020, Sec. 2.1: one learned scalar per bucket of j - i.
    T5Params t5 = p.t5;
    t5.bidirectional = p.mask == Mask::None;
    check_t5_params(t5);
    Rng rng(mix_seed(p.seed, kT5Stream));
    Eigen::VectorXd table(t5.num_buckets);
    for (int b = 0; b < t5.num_buckets; ++b) table[b] = rng.normal();
    const Eigen::MatrixXi buckets = t5_bucket_matrix(n, t5);
    for (long j = 0; j < n; ++j) {
      for (long i = 0; i < n; ++i) r.bias(i, j) = scale * table[buckets(i, j)];
    }
  }
  if (p.mask == Mask::Causal && n > 0) r.bias += causal_mask(n);

  // Vaswani et al. 2017, Eq. (1): softmax(Q K^T / sqrt(d_k)) V with V = X.
  r.logits = q * k.transpose() / std::sqrt(static_cast<double>(p.d)) + r.bias;
  r.weights = softmax_rows(r.logits);
  r.outputs = r.weights * r.inputs;
  r.entropy = Eigen::VectorXd::Zero(n);
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) {
      const double w = r.weights(i, j);
      if (w > 0.0) r.entropy[i] -= w * std::log(w);
    }
  }
  return r;
}

}  // namespace peviz
