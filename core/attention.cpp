#include "attention.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "alibi.hpp"
#include "learned.hpp"
#include "nope.hpp"
#include "random.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// Seed streams derived from params.seed, one per random object.
enum Stream : std::uint64_t { kLearned = 1, kWq = 2, kWk = 3, kWv = 4, kT5 = 5 };

Eigen::MatrixXd projection(int d, std::uint64_t seed, Stream stream, bool identity) {
  if (identity) return Eigen::MatrixXd::Identity(d, d);
  Rng rng(mix_seed(seed, stream));
  Eigen::MatrixXd w(d, d);
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  for (int r = 0; r < d; ++r) {
    for (int c = 0; c < d; ++c) w(r, c) = scale * rng.normal();
  }
  return w;
}

void check(const Eigen::MatrixXd& x, const AttentionParams& p) {
  if (x.cols() != p.d) {
    throw InvalidArgument("token vectors have " + std::to_string(x.cols()) +
                          " dimensions but d_model is " + std::to_string(p.d));
  }
  require_positive_dim(p.d);
  if (!(p.position_scale >= 0.0 && std::isfinite(p.position_scale))) {
    throw InvalidArgument("the position scale must be a finite number >= 0");
  }
  if (p.scheme == Scheme::Sinusoidal || p.scheme == Scheme::Rope || p.scheme == Scheme::Xpos) {
    require_even_dim(p.d);
    require_base(p.base);
  }
  if (p.scheme == Scheme::Pope) require_base(p.base);
  if (p.scheme == Scheme::Alibi) {
    if (p.heads < 1) throw InvalidArgument("the number of heads must be at least 1");
    if (p.head < 0 || p.head >= p.heads) {
      throw InvalidArgument("head " + std::to_string(p.head) + " does not exist: heads are 0.." +
                            std::to_string(p.heads - 1));
    }
  }
}

}  // namespace

Eigen::MatrixXd playground_learned_rows(const AttentionParams& p, long n, std::uint64_t seed) {
  if (p.learned_table == nullptr) return learned_encoding({p.d, n, 0, seed, p.learned_stddev});
  require_table_rows(*p.learned_table, p.d, 0, n);
  const Eigen::MatrixXd rows = p.learned_table->values.topRows(n);
  // The table's own RMS over the rows shown; a table of zeros stays zero.
  const double rms = std::sqrt(rows.squaredNorm() / static_cast<double>(rows.size()));
  return rms > 0.0 ? Eigen::MatrixXd(rows * (p.learned_stddev / rms)) : rows;
}

Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& logits) {
  Eigen::MatrixXd w(logits.rows(), logits.cols());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    const double top = logits.row(i).maxCoeff();
    if (!std::isfinite(top)) {
      throw InvalidArgument("softmax row " + std::to_string(i) + " has no finite entry");
    }
    double sum = 0.0;
    for (Eigen::Index j = 0; j < logits.cols(); ++j) {
      const double e = std::isinf(logits(i, j)) ? 0.0 : std::exp(logits(i, j) - top);
      w(i, j) = e;
      sum += e;
    }
    w.row(i) /= sum;
  }
  return w;
}

AttentionResult attend(const Eigen::MatrixXd& embeddings, const AttentionParams& p) {
  check(embeddings, p);
  const long n = embeddings.rows();
  const double scale = p.position_scale;
  AttentionResult r;
  r.inputs = embeddings;
  if (p.scheme == Scheme::Sinusoidal) {
    r.inputs += scale * sinusoidal_encoding({p.d, p.base, n, 0, p.layout});
  } else if (p.scheme == Scheme::Learned) {
    r.inputs += scale * playground_learned_rows(p, n, mix_seed(p.seed, kLearned));
  }

  // Identity projections are the inputs themselves: no d x d matrix (at d = 4096 three
  // of them take seconds to make and multiply).
  Eigen::MatrixXd q =
      p.identity_projections ? r.inputs : r.inputs * projection(p.d, p.seed, kWq, false);
  Eigen::MatrixXd k =
      p.identity_projections ? r.inputs : r.inputs * projection(p.d, p.seed, kWk, false);
  const Eigen::MatrixXd v =
      p.identity_projections ? r.inputs : r.inputs * projection(p.d, p.seed, kWv, false);

  if (p.scheme == Scheme::Rope) {
    const int rot = rotary_dim(p.d, p.partial_rotary_factor);
    const ScaledFrequencies f = scale_frequencies(rot, p.base, p.scaling);
    const Eigen::VectorXd positions = Eigen::VectorXd::LinSpaced(n, 0.0, n - 1.0) * scale;
    // HF applies the attention factor to cos and sin, i.e. to both q and k.
    q = rope_rotate_rows(q, positions, f.inv_freq, p.pairing) * f.attention_factor;
    k = rope_rotate_rows(k, positions, f.inv_freq, p.pairing) * f.attention_factor;
  } else if (p.scheme == Scheme::Xpos) {
    // torchscale XPOS: interleaved rotation, query scaled up by zeta^(n/B), key down.
    const Eigen::VectorXd positions = Eigen::VectorXd::LinSpaced(n, 0.0, n - 1.0) * scale;
    const Eigen::VectorXd inv = rope_inv_freq(p.d, p.base);
    const Eigen::VectorXd zeta = xpos_zeta(p.d);
    q = xpos_rotate_rows(q, positions, inv, zeta, kXposScaleBase, false);
    k = xpos_rotate_rows(k, positions, inv, zeta, kXposScaleBase, true);
  } else if (p.scheme == Scheme::Pope) {
    // arXiv:2509.10534 (PoPE): softplus magnitudes, position-only phases; the n x 2d real
    // rows' dot products are Re[sum_c conj(q~_c) k~_c]. Position scale 0 leaves phase 0 but
    // keeps the softplus (PoPE's "what" without its "where").
    const Eigen::VectorXd positions = Eigen::VectorXd::LinSpaced(n, 0.0, n - 1.0) * scale;
    const Eigen::VectorXd theta = pope_inv_freq(p.d, p.base);
    q = pope_embed_rows(q, positions, theta);
    k = pope_embed_rows(k, positions, theta);
  }

  r.bias = Eigen::MatrixXd::Zero(n, n);
  if (p.scheme == Scheme::Alibi) {
    const double slope = alibi_slopes(p.heads)[p.head] * scale;
    r.bias =
        alibi_bias(n, slope, p.mask == Mask::Causal ? AlibiMode::Causal : AlibiMode::Symmetric);
  } else if (p.scheme == Scheme::T5) {
    T5Params t5 = p.t5;
    t5.bidirectional = p.mask == Mask::None;
    check_t5_params(t5);
    Rng rng(mix_seed(p.seed, kT5));
    Eigen::VectorXd table(t5.num_buckets);
    for (int b = 0; b < t5.num_buckets; ++b) table[b] = rng.normal();
    const Eigen::MatrixXi buckets = t5_bucket_matrix(n, t5);
    for (long j = 0; j < n; ++j) {
      for (long i = 0; i < n; ++i) r.bias(i, j) = scale * table[buckets(i, j)];
    }
  }
  if (p.mask == Mask::Causal && n > 0) r.bias += causal_mask(n);

  // Vaswani et al. 2017, Eq. (1): softmax(Q K^T / sqrt(d_k)) V.
  r.logits = q * k.transpose() / std::sqrt(static_cast<double>(p.d)) + r.bias;
  r.weights = softmax_rows(r.logits);
  r.outputs = r.weights * v;
  r.entropy = Eigen::VectorXd::Zero(n);
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) {
      const double w = r.weights(i, j);
      if (w > 0.0) r.entropy[i] -= w * std::log(w);
    }
  }
  return r;
}

const char* scheme_name(Scheme scheme) {
  const auto i = static_cast<std::size_t>(scheme);
  return i < kSchemeNames.size() ? kSchemeNames[i] : "nope";
}

}  // namespace peviz
