// Tests for core/attention: scaled dot-product self-attention (Vaswani et al., Sec. 3.2.1)
// under each positional scheme. Expected logits are recomputed in the test by brute force
// with identity projections (Wq = Wk = Wv = I).
#include "core/attention.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <complex>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/alibi.hpp"
#include "core/embedding.hpp"
#include "core/random.hpp"
#include "core/t5.hpp"
#include "core/tokens.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Eigen::MatrixXd random_tokens(long n, int d, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd x(n, d);
  for (long i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) x(i, j) = rng.normal();
  }
  return x;
}

// n copies of one token vector (a constant query and key).
Eigen::MatrixXd same_tokens(long n, int d) {
  const Eigen::VectorXd v = word_embedding("same", d);
  Eigen::MatrixXd x(n, d);
  for (long i = 0; i < n; ++i) x.row(i) = v.transpose();
  return x;
}

AttentionParams identity_params(Scheme scheme, int d, Mask mask) {
  AttentionParams p;
  p.scheme = scheme;
  p.d = d;
  p.mask = mask;
  p.identity_projections = true;
  return p;
}

// q_i . k_j / sqrt(d) for row vectors q, k, plus the causal mask if asked.
Eigen::MatrixXd brute_logits(const Eigen::MatrixXd& q, const Eigen::MatrixXd& k, int d, Mask mask) {
  const long n = q.rows();
  Eigen::MatrixXd l(n, n);
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) {
      double dot = 0.0;
      for (int c = 0; c < d; ++c) dot += q(i, c) * k(j, c);
      l(i, j) = (mask == Mask::Causal && j > i) ? -kInf : dot / std::sqrt(static_cast<double>(d));
    }
  }
  return l;
}

// Softmax written out: exp(l - max) / sum over the finite entries.
Eigen::MatrixXd brute_softmax(const Eigen::MatrixXd& l) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(l.rows(), l.cols());
  for (long i = 0; i < l.rows(); ++i) {
    double top = -kInf;
    for (long j = 0; j < l.cols(); ++j) top = std::max(top, l(i, j));
    double sum = 0.0;
    for (long j = 0; j < l.cols(); ++j) {
      if (std::isfinite(l(i, j))) sum += std::exp(l(i, j) - top);
    }
    for (long j = 0; j < l.cols(); ++j) {
      if (std::isfinite(l(i, j))) w(i, j) = std::exp(l(i, j) - top) / sum;
    }
  }
  return w;
}

// HF rotate_half RoPE of the first 2*t.size() coordinates of every row, row r at position r.
Eigen::MatrixXd rotate_half_rows(const Eigen::MatrixXd& x, const Eigen::VectorXd& t) {
  const int h = static_cast<int>(t.size());
  Eigen::MatrixXd y = x;
  for (long r = 0; r < x.rows(); ++r) {
    for (int i = 0; i < h; ++i) {
      const double c = std::cos(r * t[i]), s = std::sin(r * t[i]);
      y(r, i) = x(r, i) * c - x(r, i + h) * s;
      y(r, i + h) = x(r, i + h) * c + x(r, i) * s;
    }
  }
  return y;
}

Eigen::VectorXd theta(int d, double base) {
  Eigen::VectorXd t(d / 2);
  for (int i = 0; i < d / 2; ++i) t[i] = std::pow(base, -2.0 * i / d);
  return t;
}

// ---------------------------------------------------------------------------------------------
// softmax_rows

TEST(Softmax, RowsByHand) {
  Eigen::MatrixXd l(3, 3);
  l << 0.0, std::log(2.0), -kInf,  //
      1000.0, 1000.0, -kInf,       //
      -kInf, 5.0, -kInf;
  Eigen::MatrixXd expected(3, 3);
  expected << 1.0 / 3, 2.0 / 3, 0.0,  //
      0.5, 0.5, 0.0,                  //
      0.0, 1.0, 0.0;
  const Eigen::MatrixXd w = softmax_rows(l);
  EXPECT_MATRIX_NEAR(w, expected, 1e-15);
  EXPECT_EQ(w(0, 2), 0.0);
  EXPECT_EQ(w(2, 0), 0.0);
}

TEST(Softmax, RowsSumToOne) {
  Eigen::MatrixXd l = random_tokens(30, 30, 8) * 4.0;
  for (int i = 0; i < 30; ++i) {
    for (int j = i + 1; j < 30; ++j) l(i, j) = -kInf;
  }
  const Eigen::MatrixXd w = softmax_rows(l);
  EXPECT_MATRIX_NEAR(w.rowwise().sum(), Eigen::VectorXd::Ones(30), 1e-14);
  EXPECT_GE(w.minCoeff(), 0.0);
  EXPECT_MATRIX_NEAR(w, brute_softmax(l), 1e-15);
  // Shifting a row by a constant does not change it.
  Eigen::MatrixXd shifted = l;
  shifted.row(4).array() += 123.0;
  EXPECT_MATRIX_NEAR(softmax_rows(shifted), w, 1e-15);
}

TEST(SoftmaxErrors, RowWithoutAFiniteEntry) {
  Eigen::MatrixXd l(2, 2);
  l << 0.0, 1.0, -kInf, -kInf;
  EXPECT_INVALID_ARGUMENT(softmax_rows(l), "row 1");
  l << kInf, 0.0, 0.0, 0.0;
  EXPECT_INVALID_ARGUMENT(softmax_rows(l), "row 0");
}

// ---------------------------------------------------------------------------------------------
// Every scheme: weights are a causal softmax.

TEST(Attention, CausalMaskPutsExactlyZeroWeightOnTheFuture) {
  const Eigen::MatrixXd x = random_tokens(9, 16, 1);
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope, Scheme::Alibi,
                        Scheme::Nope, Scheme::T5, Scheme::Xpos, Scheme::Pope}) {
    for (bool identity : {false, true}) {
      AttentionParams p;
      p.scheme = scheme;
      p.d = 16;
      p.identity_projections = identity;
      const AttentionResult r = attend(x, p);
      for (int i = 0; i < 9; ++i) {
        for (int j = i + 1; j < 9; ++j) {
          EXPECT_EQ(r.weights(i, j), 0.0) << scheme_name(scheme) << " " << i << "," << j;
          EXPECT_EQ(r.logits(i, j), -kInf) << scheme_name(scheme);
          EXPECT_EQ(r.bias(i, j), -kInf) << scheme_name(scheme);
        }
        for (int j = 0; j <= i; ++j) EXPECT_GT(r.weights(i, j), 0.0) << scheme_name(scheme);
      }
      EXPECT_MATRIX_NEAR(r.weights.rowwise().sum(), Eigen::VectorXd::Ones(9), 1e-14)
          << scheme_name(scheme);
      EXPECT_EQ(r.inputs.rows(), 9);
      EXPECT_EQ(r.outputs.rows(), 9);
      EXPECT_EQ(r.outputs.cols(), 16);
      EXPECT_EQ(r.entropy.size(), 9);
    }
  }
}

TEST(Attention, WithoutMaskEveryKeyGetsWeight) {
  const Eigen::MatrixXd x = random_tokens(7, 8, 2);
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Rope, Scheme::Alibi, Scheme::Nope, Scheme::T5,
                        Scheme::Xpos, Scheme::Pope}) {
    AttentionParams p;
    p.scheme = scheme;
    p.d = 8;
    p.mask = Mask::None;
    const AttentionResult r = attend(x, p);
    EXPECT_GT(r.weights.minCoeff(), 0.0) << scheme_name(scheme);
    EXPECT_TRUE(r.logits.allFinite()) << scheme_name(scheme);
    EXPECT_MATRIX_NEAR(r.weights.rowwise().sum(), Eigen::VectorXd::Ones(7), 1e-14);
  }
}

// ---------------------------------------------------------------------------------------------
// Brute-force logits per scheme (identity projections).

TEST(Attention, NopeLogitsWeightsOutputsByBruteForce) {
  const Eigen::MatrixXd x = random_tokens(6, 8, 3);
  for (Mask mask : {Mask::Causal, Mask::None}) {
    const AttentionResult r = attend(x, identity_params(Scheme::Nope, 8, mask));
    EXPECT_MATRIX_NEAR(r.inputs, x, 0.0);
    const Eigen::MatrixXd l = brute_logits(x, x, 8, mask);
    EXPECT_MATRIX_NEAR(r.logits, l, 1e-13);
    EXPECT_MATRIX_NEAR(r.weights, brute_softmax(l), 1e-14);
    EXPECT_MATRIX_NEAR(r.outputs, brute_softmax(l) * x, 1e-13);
    // Entropy in nats: -sum w ln w over the non-zero weights.
    for (int i = 0; i < 6; ++i) {
      double h = 0.0;
      for (int j = 0; j < 6; ++j) {
        const double w = brute_softmax(l)(i, j);
        if (w > 0.0) h -= w * std::log(w);
      }
      EXPECT_NEAR(r.entropy[i], h, 1e-13);
    }
  }
}

TEST(Attention, SinusoidalLogitsByBruteForce) {
  const int d = 16;
  const long n = 10;
  const Eigen::MatrixXd x = random_tokens(n, d, 4);
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    for (double scale : {1.0, 0.5, 2.0}) {
      AttentionParams p = identity_params(Scheme::Sinusoidal, d, Mask::Causal);
      p.layout = layout;
      p.position_scale = scale;
      const AttentionResult r = attend(x, p);
      // inputs = x + scale * PE, PE per the paper's per-cell formula.
      Eigen::MatrixXd in = x;
      for (long pos = 0; pos < n; ++pos) {
        for (int i = 0; i < d / 2; ++i) {
          const double a = pos * std::pow(10000.0, -2.0 * i / d);
          const int sc = layout == Layout::Interleaved ? 2 * i : i;
          const int cc = layout == Layout::Interleaved ? 2 * i + 1 : i + d / 2;
          in(pos, sc) += scale * std::sin(a);
          in(pos, cc) += scale * std::cos(a);
        }
      }
      EXPECT_MATRIX_NEAR(r.inputs, in, 1e-14);
      EXPECT_MATRIX_NEAR(r.logits, brute_logits(in, in, d, Mask::Causal), 1e-12);
      EXPECT_MATRIX_NEAR(r.outputs, brute_softmax(r.logits) * in, 1e-12);
    }
  }
}

TEST(Attention, RopeLogitsByBruteForce) {
  const int d = 16;
  const long n = 12;
  const Eigen::MatrixXd x = random_tokens(n, d, 5);
  for (Mask mask : {Mask::Causal, Mask::None}) {
    AttentionParams p = identity_params(Scheme::Rope, d, mask);  // HalfSplit by default
    const AttentionResult r = attend(x, p);
    EXPECT_MATRIX_NEAR(r.inputs, x, 0.0);  // RoPE adds nothing to the inputs
    const Eigen::MatrixXd q = rotate_half_rows(x, theta(d, 10000.0));
    EXPECT_MATRIX_NEAR(r.logits, brute_logits(q, q, d, mask), 1e-12);
    // Values are not rotated: outputs = weights * x.
    EXPECT_MATRIX_NEAR(r.outputs, r.weights * x, 1e-13);
  }
}

TEST(Attention, RopePartialRotaryByBruteForce) {
  const int d = 16;
  const Eigen::MatrixXd x = random_tokens(8, d, 6);
  AttentionParams p = identity_params(Scheme::Rope, d, Mask::None);
  p.partial_rotary_factor = 0.5;  // 8 rotary dims, theta with d = 8
  const AttentionResult r = attend(x, p);
  Eigen::MatrixXd q = x;
  q.leftCols(8) = rotate_half_rows(x.leftCols(8), theta(8, 10000.0));
  EXPECT_MATRIX_NEAR(r.logits, brute_logits(q, q, d, Mask::None), 1e-12);
}

TEST(Attention, RopeLogitsOfIdenticalTokensDependOnlyOnTheOffset) {
  const AttentionResult r =
      attend(same_tokens(20, 32), identity_params(Scheme::Rope, 32, Mask::None));
  for (int i = 0; i + 1 < 20; ++i) {
    for (int j = 0; j + 1 < 20; ++j) EXPECT_NEAR(r.logits(i + 1, j + 1), r.logits(i, j), 1e-12);
  }
  // And it is not constant (position is visible).
  EXPECT_GT(std::abs(r.logits(0, 0) - r.logits(0, 5)), 1e-3);
}

TEST(Attention, YarnAttentionFactorScalesLogitsByItsSquare) {
  const int d = 32;
  const long n = 10;
  const Eigen::MatrixXd x = random_tokens(n, d, 7);
  AttentionParams p = identity_params(Scheme::Rope, d, Mask::None);
  p.scaling.kind = Scaling::Yarn;
  p.scaling.factor = 4.0;
  p.scaling.original_context = 64;
  const AttentionResult r = attend(x, p);
  const double a = 0.1 * std::log(4.0) + 1.0;  // YaRN Eq. 22, on cos and sin (q and k)
  const ScaledFrequencies f = scale_frequencies(d, 10000.0, p.scaling);
  const Eigen::MatrixXd q = rotate_half_rows(x, f.inv_freq);
  const Eigen::MatrixXd plain = brute_logits(q, q, d, Mask::None);
  EXPECT_MATRIX_NEAR(r.logits, a * a * plain, 1e-12);
  // The same frequencies without the factor would differ: the factor is really applied.
  EXPECT_GT((r.logits - plain).cwiseAbs().maxCoeff(), 0.1);
  EXPECT_NEAR(r.logits(3, 3) / plain(3, 3), 1.2964769927807063, 1e-12);  // a^2 (python3)
}

TEST(Attention, AlibiWeightsDecayWithDistanceForIdenticalTokens) {
  const long n = 10;
  const Eigen::MatrixXd x = same_tokens(n, 8);
  for (int head : {0, 3, 7}) {
    AttentionParams p = identity_params(Scheme::Alibi, 8, Mask::Causal);
    p.heads = 8;
    p.head = head;
    const AttentionResult r = attend(x, p);
    const double m = std::ldexp(1.0, -(head + 1));  // paper: 1/2, 1/4, ..., 1/256
    for (long i = 0; i < n; ++i) {
      for (long j = 0; j + 1 <= i; ++j) {
        EXPECT_LT(r.weights(i, j), r.weights(i, j + 1)) << "head " << head;
      }
      // w(i, j) = e^{-m (i - j)} / sum_{k <= i} e^{-m (i - k)}.
      double z = 0.0;
      for (long k = 0; k <= i; ++k) z += std::exp(-m * (i - k));
      for (long j = 0; j <= i; ++j) EXPECT_NEAR(r.weights(i, j), std::exp(-m * (i - j)) / z, 1e-14);
      // Bias: -m (i - j) on the visible keys.
      for (long j = 0; j <= i; ++j) EXPECT_NEAR(r.bias(i, j), -m * (i - j), 1e-15);
    }
  }
}

TEST(Attention, AlibiSymmetricWithoutMask) {
  const long n = 9;
  AttentionParams p = identity_params(Scheme::Alibi, 8, Mask::None);
  p.heads = 12;
  p.head = 8;  // 2^-0.5 in the official (unsorted) order
  p.position_scale = 2.0;
  const AttentionResult r = attend(same_tokens(n, 8), p);
  const double m = 2.0 * std::pow(2.0, -0.5);
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) EXPECT_NEAR(r.bias(i, j), -m * std::abs(i - j), 1e-14);
  }
  EXPECT_MATRIX_NEAR(r.bias, r.bias.transpose(), 0.0);
  // Weights peak on the diagonal and fall off on both sides.
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) {
      if (j < i) {
        EXPECT_LT(r.weights(i, j), r.weights(i, j + 1));
      } else if (j > i) {
        EXPECT_LT(r.weights(i, j), r.weights(i, j - 1));
      }
    }
  }
  for (long i = 0; i < n; ++i) {
    Eigen::Index arg;
    r.weights.row(i).maxCoeff(&arg);
    EXPECT_EQ(arg, i);
  }
}

TEST(Attention, AlibiLogitsByBruteForce) {
  const Eigen::MatrixXd x = random_tokens(7, 8, 9);
  AttentionParams p = identity_params(Scheme::Alibi, 8, Mask::Causal);
  p.heads = 4;
  p.head = 1;  // 4 heads: 2^-2, 2^-4, 2^-6, 2^-8
  const AttentionResult r = attend(x, p);
  Eigen::MatrixXd l = brute_logits(x, x, 8, Mask::Causal);
  for (int i = 0; i < 7; ++i) {
    for (int j = 0; j <= i; ++j) l(i, j) += -(i - j) / 16.0;
  }
  EXPECT_MATRIX_NEAR(r.logits, l, 1e-13);
}

TEST(Attention, T5BiasIsATableIndexedByTheBuckets) {
  const long n = 40;
  const int d = 8;
  const Eigen::MatrixXd x = same_tokens(n, d);
  const double c = x.row(0).squaredNorm() / std::sqrt(8.0);  // the constant score q.k/sqrt(d)
  for (Mask mask : {Mask::None, Mask::Causal}) {
    AttentionParams p = identity_params(Scheme::T5, d, mask);
    p.seed = 3;
    const AttentionResult r = attend(x, p);
    T5Params t5 = p.t5;
    t5.bidirectional = mask == Mask::None;
    const Eigen::MatrixXi buckets = t5_bucket_matrix(n, t5);
    std::map<int, double> table;
    for (long i = 0; i < n; ++i) {
      for (long j = 0; j < n; ++j) {
        if (mask == Mask::Causal && j > i) {
          EXPECT_EQ(r.bias(i, j), -kInf);
          continue;
        }
        const int b = buckets(i, j);
        if (!table.count(b)) table[b] = r.bias(i, j);
        EXPECT_EQ(r.bias(i, j), table[b]) << "(" << i << ", " << j << ") bucket " << b;
        EXPECT_NEAR(r.logits(i, j) - r.bias(i, j), c, 1e-12);
      }
    }
    // Bidirectional with 40 positions reaches buckets 0..12 and 17..28 (25 of them); causal
    // reaches 0..22 (23) (python3 HF transcription over |rel| <= 39).
    EXPECT_EQ(table.size(), mask == Mask::None ? 25u : 23u);
    std::set<double> distinct;
    for (const auto& [b, v] : table) distinct.insert(v);
    EXPECT_EQ(distinct.size(), table.size());  // the seeded table has distinct entries
    // position_scale multiplies the biases.
    p.position_scale = 2.0;
    const AttentionResult r2 = attend(x, p);
    for (long i = 0; i < n; ++i) {
      for (long j = 0; j <= i; ++j) EXPECT_NEAR(r2.bias(i, j), 2.0 * r.bias(i, j), 1e-15);
    }
  }
}

TEST(Attention, T5TableDependsOnTheSeed) {
  const Eigen::MatrixXd x = same_tokens(5, 8);
  AttentionParams p = identity_params(Scheme::T5, 8, Mask::None);
  p.seed = 1;
  const Eigen::MatrixXd b1 = attend(x, p).bias;
  p.seed = 2;
  const Eigen::MatrixXd b2 = attend(x, p).bias;
  EXPECT_GT((b1 - b2).cwiseAbs().maxCoeff(), 1e-3);
}

TEST(Attention, LearnedAddsATableOfTheRequestedSize) {
  const long n = 200;
  const int d = 64;
  const Eigen::MatrixXd x = random_tokens(n, d, 10);
  AttentionParams p = identity_params(Scheme::Learned, d, Mask::Causal);
  const AttentionResult r = attend(x, p);
  const Eigen::MatrixXd pe = r.inputs - x;
  EXPECT_NEAR(std::sqrt(pe.array().square().mean()), p.learned_stddev, 0.015);
  EXPECT_MATRIX_NEAR(r.logits, brute_logits(r.inputs, r.inputs, d, Mask::Causal), 1e-11);
  // Deterministic in the seed.
  EXPECT_MATRIX_NEAR(attend(x, p).inputs, r.inputs, 0.0);
  p.seed = 99;
  EXPECT_GT((attend(x, p).inputs - r.inputs).cwiseAbs().maxCoeff(), 0.1);
}

TEST(Attention, ZeroPositionScaleRemovesPosition) {
  const Eigen::MatrixXd x = random_tokens(8, 16, 11);
  for (Mask mask : {Mask::Causal, Mask::None}) {
    AttentionParams nope;
    nope.scheme = Scheme::Nope;
    nope.d = 16;
    nope.mask = mask;
    const AttentionResult base = attend(x, nope);
    for (Scheme scheme :
         {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope, Scheme::Alibi, Scheme::T5}) {
      AttentionParams p = nope;
      p.scheme = scheme;
      p.position_scale = 0.0;
      const AttentionResult r = attend(x, p);
      EXPECT_MATRIX_NEAR(r.outputs, base.outputs, 1e-12) << scheme_name(scheme);
      // With position, the outputs differ.
      p.position_scale = 1.0;
      EXPECT_GT((attend(x, p).outputs - base.outputs).cwiseAbs().maxCoeff(), 1e-3)
          << scheme_name(scheme);
    }
  }
}

TEST(Attention, UniformWeightsForIdenticalTokensWithoutPosition) {
  const AttentionResult r =
      attend(same_tokens(6, 8), identity_params(Scheme::Nope, 8, Mask::Causal));
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j <= i; ++j) EXPECT_NEAR(r.weights(i, j), 1.0 / (i + 1), 1e-15);
    EXPECT_NEAR(r.entropy[i], std::log(i + 1.0), 1e-14);  // ln(number of visible keys)
  }
}

TEST(Attention, SeededProjectionsAreDeterministic) {
  const Eigen::MatrixXd x = embed_tokens(tokenize("dog bites man"), 64);
  AttentionParams p;
  const AttentionResult a = attend(x, p);
  const AttentionResult b = attend(x, p);
  EXPECT_MATRIX_NEAR(a.logits, b.logits, 0.0);
  EXPECT_MATRIX_NEAR(a.outputs, b.outputs, 0.0);
  p.seed = 1;
  EXPECT_GT((attend(x, p).outputs - a.outputs).cwiseAbs().maxCoeff(), 1e-3);
  // Not the identity.
  p.seed = 0;
  p.identity_projections = true;
  EXPECT_GT((attend(x, p).outputs - a.outputs).cwiseAbs().maxCoeff(), 1e-3);
}

TEST(Attention, EmptySequence) {
  const AttentionResult r =
      attend(Eigen::MatrixXd(0, 8), identity_params(Scheme::Rope, 8, Mask::Causal));
  EXPECT_EQ(r.weights.size(), 0);
  EXPECT_EQ(r.outputs.rows(), 0);
}

TEST(Attention, OddDimensionWorksWithoutPairedSchemes) {
  const Eigen::MatrixXd x = random_tokens(4, 7, 12);
  for (Scheme scheme : {Scheme::Learned, Scheme::Nope, Scheme::Alibi, Scheme::T5, Scheme::Pope}) {
    AttentionParams p;
    p.scheme = scheme;
    p.d = 7;
    EXPECT_NO_THROW(attend(x, p)) << scheme_name(scheme);
  }
}

TEST(Attention, SchemeNames) {
  EXPECT_STREQ(scheme_name(Scheme::Sinusoidal), "sinusoidal");
  EXPECT_STREQ(scheme_name(Scheme::Learned), "learned");
  EXPECT_STREQ(scheme_name(Scheme::Rope), "rope");
  EXPECT_STREQ(scheme_name(Scheme::Alibi), "alibi");
  EXPECT_STREQ(scheme_name(Scheme::Nope), "nope");
  EXPECT_STREQ(scheme_name(Scheme::T5), "t5");
  EXPECT_STREQ(scheme_name(Scheme::Xpos), "xpos");
  EXPECT_STREQ(scheme_name(Scheme::Pope), "pope");
}

// xPos (Sun et al. 2022; torchscale XPOS): logits[i][j] = sum over interleaved pairs p of
// zeta_p^((i - j)/512) (R_i x_i)_p . (R_j x_j)_p / sqrt(d), zeta_p = (2p/d + 0.4)/1.4.
TEST(Attention, XposLogitsByBruteForce) {
  const int d = 8;
  const Eigen::MatrixXd x = random_tokens(6, d, 21);
  for (Mask mask : {Mask::Causal, Mask::None}) {
    const AttentionResult r = attend(x, identity_params(Scheme::Xpos, d, mask));
    for (int i = 0; i < 6; ++i) {
      for (int j = 0; j < 6; ++j) {
        if (mask == Mask::Causal && j > i) continue;
        double dot = 0.0;
        for (int p = 0; p < d / 2; ++p) {
          const double th = std::pow(10000.0, -2.0 * p / d);
          const double qa = x(i, 2 * p) * std::cos(i * th) - x(i, 2 * p + 1) * std::sin(i * th);
          const double qb = x(i, 2 * p + 1) * std::cos(i * th) + x(i, 2 * p) * std::sin(i * th);
          const double ka = x(j, 2 * p) * std::cos(j * th) - x(j, 2 * p + 1) * std::sin(j * th);
          const double kb = x(j, 2 * p + 1) * std::cos(j * th) + x(j, 2 * p) * std::sin(j * th);
          dot += std::pow((2.0 * p / d + 0.4) / 1.4, (i - j) / 512.0) * (qa * ka + qb * kb);
        }
        EXPECT_NEAR(r.logits(i, j), dot / std::sqrt(d), 1e-13) << i << "," << j;
      }
    }
  }
}

// PoPE (arXiv:2509.10534): logits[i][j] = Re[sum_c conj(q~_ic) k~_jc] / sqrt(d) with
// q~_ic = softplus(x_ic) e^{i i theta_c}, theta_c = 10000^(-c/d), in std::complex.
TEST(Attention, PopeLogitsByComplexArithmetic) {
  const int d = 6;
  const Eigen::MatrixXd x = random_tokens(5, d, 22);
  const AttentionResult r = attend(x, identity_params(Scheme::Pope, d, Mask::None));
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      std::complex<double> sum = 0.0;
      for (int c = 0; c < d; ++c) {
        const double th = std::pow(10000.0, -static_cast<double>(c) / d);
        sum += std::conj(std::polar(std::log1p(std::exp(x(i, c))), i * th)) *
               std::polar(std::log1p(std::exp(x(j, c))), j * th);
      }
      EXPECT_NEAR(r.logits(i, j), sum.real() / std::sqrt(d), 1e-13) << i << "," << j;
    }
  }
  // Values stay the d-dimensional token vectors.
  EXPECT_EQ(r.outputs.cols(), d);
}

// With identical tokens, xPos and PoPE scores depend only on i - j (the relative property).
TEST(Attention, XposAndPopeAreRelative) {
  for (Scheme scheme : {Scheme::Xpos, Scheme::Pope}) {
    const AttentionResult r = attend(same_tokens(12, 16), identity_params(scheme, 16, Mask::None));
    for (int i = 1; i < 12; ++i) {
      for (int j = 1; j < 12; ++j)
        EXPECT_NEAR(r.logits(i, j), r.logits(i - 1, j - 1), 1e-12) << scheme_name(scheme);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Error paths

TEST(AttentionErrors, ShapeAndDimension) {
  AttentionParams p;
  p.d = 64;
  EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 32, 1), p), "32");
  p.d = 0;
  EXPECT_INVALID_ARGUMENT(attend(Eigen::MatrixXd(3, 0), p), "");
  p.d = 7;
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Rope, Scheme::Xpos}) {
    p.scheme = scheme;
    EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 7, 1), p), "7") << scheme_name(scheme);
  }
}

TEST(AttentionErrors, Base) {
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Rope, Scheme::Xpos, Scheme::Pope}) {
    for (double base : {1.0, 0.0, std::nan(""), kInf}) {
      AttentionParams p;
      p.scheme = scheme;
      p.d = 8;
      p.base = base;
      EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 8, 1), p), "base") << scheme_name(scheme);
    }
  }
}

TEST(AttentionErrors, PositionScale) {
  AttentionParams p;
  p.d = 8;
  for (double s : {-1.0, std::nan(""), kInf}) {
    p.position_scale = s;
    EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 8, 1), p), "position scale");
  }
}

TEST(AttentionErrors, AlibiHeads) {
  AttentionParams p;
  p.scheme = Scheme::Alibi;
  p.d = 8;
  p.heads = 0;
  p.head = 0;
  EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 8, 1), p), "heads");
  p.heads = 8;
  p.head = 8;
  EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 8, 1), p), "head 8");
  p.head = -1;
  EXPECT_INVALID_ARGUMENT(attend(random_tokens(3, 8, 1), p), "head -1");
}

TEST(AttentionErrors, T5RopeAndScalingParameters) {
  const Eigen::MatrixXd x = random_tokens(3, 8, 1);
  AttentionParams p;
  p.d = 8;
  p.scheme = Scheme::T5;
  p.t5.num_buckets = 2;
  p.mask = Mask::None;  // bidirectional: needs 4
  EXPECT_INVALID_ARGUMENT(attend(x, p), "buckets");
  p.t5.num_buckets = 32;
  p.t5.max_distance = 4;
  p.mask = Mask::Causal;  // causal: max_exact 16
  EXPECT_INVALID_ARGUMENT(attend(x, p), "max distance (4)");

  AttentionParams r;
  r.d = 8;
  r.scheme = Scheme::Rope;
  r.partial_rotary_factor = 0.1;
  EXPECT_INVALID_ARGUMENT(attend(x, r), "partial rotary factor");
  r.partial_rotary_factor = 1.0;
  r.scaling.kind = Scaling::Linear;
  r.scaling.factor = 0.5;
  EXPECT_INVALID_ARGUMENT(attend(x, r), "0.5");
}

// Each enum's names, the command-line values, in enum order; the *_name functions read the
// same tables.
template <typename Enum, std::size_t N>
void expect_names(const std::array<const char*, N>& table, const char* (*name)(Enum),
                  const std::vector<std::string>& expected) {
  EXPECT_EQ(std::vector<std::string>(table.begin(), table.end()), expected);
  for (std::size_t i = 0; i < N; ++i) EXPECT_STREQ(name(static_cast<Enum>(i)), table[i]);
}

TEST(EnumNames, TablesAreTheCommandLineNamesAndTheNameFunctionsAgree) {
  expect_names(kSchemeNames, scheme_name,
               {"sinusoidal", "learned", "rope", "alibi", "nope", "t5", "xpos", "pope"});
  expect_names(kLayoutNames, layout_name, {"interleaved", "concat"});
  expect_names(kPairingNames, pairing_name, {"interleaved", "half-split"});
  expect_names(kScalingNames, scaling_name,
               {"none", "linear", "ntk", "dynamic-ntk", "yarn", "llama3", "longrope"});
  EXPECT_EQ(std::vector<std::string>(kMaskNames.begin(), kMaskNames.end()),
            (std::vector<std::string>{"causal", "none"}));
  EXPECT_STREQ(kMaskNames[static_cast<std::size_t>(Mask::None)], "none");
}

}  // namespace
}  // namespace peviz
