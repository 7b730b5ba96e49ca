// Tests for core/rope: RoFormer (Su et al., arXiv:2104.09864) Eq. (14)-(16), both pairings,
// partial rotary (docs/formulas.md Sec. 4).
#include "core/rope.hpp"

#include <gtest/gtest.h>

#include <Eigen/LU>

#include <cmath>
#include <limits>
#include <vector>

#include <numbers>
#include "core/random.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

Eigen::VectorXd random_vector(int d, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::VectorXd v(d);
  for (int j = 0; j < d; ++j) v[j] = rng.normal();
  return v;
}

Eigen::VectorXd theta(int d, double base) {
  Eigen::VectorXd t(d / 2);
  for (int i = 0; i < d / 2; ++i) t[i] = std::pow(base, -2.0 * i / d);
  return t;
}

// HF Llama apply_rotary_pos_emb written out: emb = cat(freqs, freqs), q*cos + rotate_half(q)*sin,
// rotate_half(x) = cat(-x[h:], x[:h]). A different algorithm from the code's pair loop.
Eigen::VectorXd hf_rotate_half(const Eigen::VectorXd& x, double m, const Eigen::VectorXd& t) {
  const int h = static_cast<int>(t.size());
  Eigen::VectorXd emb_cos(2 * h), emb_sin(2 * h), rot(2 * h);
  for (int i = 0; i < h; ++i) {
    emb_cos[i] = emb_cos[i + h] = std::cos(m * t[i]);
    emb_sin[i] = emb_sin[i + h] = std::sin(m * t[i]);
  }
  rot << -x.segment(h, h), x.head(h);
  Eigen::VectorXd y = x;
  y.head(2 * h) = x.head(2 * h).cwiseProduct(emb_cos) + rot.cwiseProduct(emb_sin);
  return y;
}

// GPT-J rotate_every_two: stack((-x[1::2], x[0::2]), -1).flatten(), with sin/cos
// repeat_interleave(2).
Eigen::VectorXd gptj_rotate_every_two(const Eigen::VectorXd& x, double m,
                                      const Eigen::VectorXd& t) {
  const int h = static_cast<int>(t.size());
  Eigen::VectorXd y = x;
  for (int i = 0; i < h; ++i) {
    const double c = std::cos(m * t[i]), s = std::sin(m * t[i]);
    const double rot_even = -x[2 * i + 1], rot_odd = x[2 * i];
    y[2 * i] = x[2 * i] * c + rot_even * s;
    y[2 * i + 1] = x[2 * i + 1] * c + rot_odd * s;
  }
  return y;
}

const RopePairing kPairings[] = {RopePairing::Interleaved, RopePairing::HalfSplit};

TEST(Rope, InverseFrequenciesMatchTheFormula) {
  for (int d : {2, 8, 64, 128}) {
    for (double base : {10000.0, 500000.0}) {
      EXPECT_MATRIX_NEAR(rope_inv_freq(d, base), theta(d, base), 1e-16) << d;
    }
  }
  // 10000^(-2/128) = 0.8659643233600653 (python3).
  EXPECT_NEAR(rope_inv_freq(128, 10000.0)[1], 0.8659643233600653, 1e-16);
}

TEST(Rope, SignConventionByHand) {
  // RoFormer Eq. (14): pair (a, b) -> (a cos - b sin, a sin + b cos). Unit vector on the first
  // coordinate of pair 0 (t_0 = 1) at position 1 -> (cos 1, sin 1); on the second -> (-sin, cos).
  const Eigen::VectorXd t = rope_inv_freq(4, 10000.0);
  const double c = 0.5403023058681398, s = 0.8414709848078965;
  for (RopePairing pairing : kPairings) {
    const auto [a, b] = rope_pair(0, 4, pairing);
    Eigen::VectorXd ea = Eigen::VectorXd::Zero(4), eb = Eigen::VectorXd::Zero(4);
    ea[a] = 1.0;
    eb[b] = 1.0;
    const Eigen::VectorXd ra = rope_rotate(ea, 1.0, t, pairing);
    const Eigen::VectorXd rb = rope_rotate(eb, 1.0, t, pairing);
    EXPECT_NEAR(ra[a], c, 1e-16);
    EXPECT_NEAR(ra[b], s, 1e-16);
    EXPECT_NEAR(rb[a], -s, 1e-16);
    EXPECT_NEAR(rb[b], c, 1e-16);
    // The score uses R_{n-m}: <R_0 e_a, R_1 e_a> = cos 1 and <R_0 e_b, R_1 e_a> = sin 1.
    EXPECT_NEAR(rope_score(eb, ea, 0.0, 1.0, t, pairing), s, 1e-16);
    EXPECT_NEAR(rope_score(ea, eb, 0.0, 1.0, t, pairing), -s, 1e-16);
  }
  EXPECT_EQ(rope_pair(3, 16, RopePairing::Interleaved), std::make_pair(6, 7));
  EXPECT_EQ(rope_pair(3, 16, RopePairing::HalfSplit), std::make_pair(3, 11));
}

TEST(Rope, MatchesHuggingFaceRotateHalfAndGptjRotateEveryTwo) {
  for (int d : {2, 8, 64, 128}) {
    const Eigen::VectorXd t = rope_inv_freq(d, 10000.0);
    const Eigen::VectorXd x = random_vector(d, 100 + d);
    for (double m : {0.0, 1.0, 7.0, 123.0, 4095.0}) {
      EXPECT_MATRIX_NEAR(rope_rotate(x, m, t, RopePairing::HalfSplit), hf_rotate_half(x, m, t),
                         1e-13)
          << "d=" << d << " m=" << m;
      EXPECT_MATRIX_NEAR(rope_rotate(x, m, t, RopePairing::Interleaved),
                         gptj_rotate_every_two(x, m, t), 1e-13)
          << "d=" << d << " m=" << m;
    }
  }
}

TEST(Rope, PreservesNorms) {
  for (int d : {2, 16, 64, 128}) {
    for (RopePairing pairing : kPairings) {
      const Eigen::VectorXd t = rope_inv_freq(d, 10000.0);
      const Eigen::VectorXd x = random_vector(d, d);
      for (double m : {0.0, 1.0, 2.5, 1000.0, -37.0}) {
        EXPECT_NEAR(rope_rotate(x, m, t, pairing).norm(), x.norm(), 1e-13) << d << " " << m;
      }
    }
  }
}

TEST(Rope, DenseMatrixIsOrthogonalAndAgreesWithRotate) {
  for (int d : {2, 8, 64}) {
    for (RopePairing pairing : kPairings) {
      const Eigen::VectorXd t = rope_inv_freq(d, 10000.0);
      const Eigen::VectorXd x = random_vector(d, 3);
      for (double m : {0.0, 1.0, 99.0}) {
        const Eigen::MatrixXd r = rope_matrix(d, m, t, pairing);
        EXPECT_MATRIX_NEAR(r.transpose() * r, Eigen::MatrixXd::Identity(d, d), 1e-14);
        EXPECT_NEAR(r.determinant(), 1.0, 1e-12);
        EXPECT_MATRIX_NEAR(r * x, rope_rotate(x, m, t, pairing), 1e-14);
      }
      EXPECT_MATRIX_NEAR(rope_matrix(d, 0.0, t, pairing), Eigen::MatrixXd::Identity(d, d), 0.0);
    }
  }
}

TEST(Rope, RelativePositionLaw) {
  // RoFormer Eq. (16): R_m^T R_n = R_{n-m}, so <R_m q, R_n k> = <q, R_{n-m} k>.
  for (int d : {2, 16, 64, 128}) {
    for (RopePairing pairing : kPairings) {
      const Eigen::VectorXd t = rope_inv_freq(d, 10000.0);
      const Eigen::VectorXd q = random_vector(d, 1);
      const Eigen::VectorXd k = random_vector(d, 2);
      for (double m : {0.0, 3.0, 50.0, 777.0}) {
        for (double n : {0.0, 5.0, 51.0, 900.0}) {
          const double score = rope_score(q, k, m, n, t, pairing);
          const double relative = q.dot(rope_rotate(k, n - m, t, pairing));
          EXPECT_NEAR(score, relative, 1e-12) << "d=" << d << " m=" << m << " n=" << n;
          // Shifting both positions leaves the score unchanged.
          EXPECT_NEAR(rope_score(q, k, m + 10.0, n + 10.0, t, pairing), score, 1e-12);
          // Dense form: R_m^T R_n = R_{n-m}.
          if (d <= 16) {
            EXPECT_MATRIX_NEAR(
                rope_matrix(d, m, t, pairing).transpose() * rope_matrix(d, n, t, pairing),
                rope_matrix(d, n - m, t, pairing), 1e-13);
          }
        }
      }
    }
  }
}

TEST(Rope, ScoreDependsOnSignOfOffset) {
  // Generic q, k: <q, R_r k> != <q, R_{-r} k>, so the order of m and n matters.
  const Eigen::VectorXd t = rope_inv_freq(16, 10000.0);
  const Eigen::VectorXd q = random_vector(16, 1);
  const Eigen::VectorXd k = random_vector(16, 2);
  for (RopePairing pairing : kPairings) {
    EXPECT_GT(
        std::abs(rope_score(q, k, 0.0, 3.0, t, pairing) - rope_score(q, k, 3.0, 0.0, t, pairing)),
        1e-3);
  }
}

TEST(Rope, InterleavedAndHalfSplitAgreeUpToThePermutation) {
  // docs/formulas.md Sec. 4: half(P x) = P interleaved(x), P = [0, 2, 4, ..., 1, 3, 5, ...].
  for (int d : {2, 8, 64, 128}) {
    const std::vector<int> p = test::even_odd_permutation(d);
    const Eigen::VectorXd t = rope_inv_freq(d, 10000.0);
    const Eigen::VectorXd x = random_vector(d, 42);
    for (double m : {1.0, 17.0, 3000.0}) {
      const Eigen::VectorXd lhs =
          rope_rotate(test::apply_permutation(p, x), m, t, RopePairing::HalfSplit);
      const Eigen::VectorXd rhs =
          test::apply_permutation(p, rope_rotate(x, m, t, RopePairing::Interleaved));
      EXPECT_MATRIX_NEAR(lhs, rhs, 0.0) << "d=" << d << " m=" << m;
      // And they differ without the permutation (for d >= 4).
      if (d >= 4) {
        EXPECT_GT((rope_rotate(x, m, t, RopePairing::HalfSplit) -
                   rope_rotate(x, m, t, RopePairing::Interleaved))
                      .cwiseAbs()
                      .maxCoeff(),
                  1e-3);
      }
    }
  }
}

TEST(Rope, RotateRowsUsesOnePositionPerRow) {
  const int d = 8;
  const Eigen::VectorXd t = rope_inv_freq(d, 10000.0);
  Eigen::MatrixXd x(3, d);
  for (int r = 0; r < 3; ++r) x.row(r) = random_vector(d, 10 + r).transpose();
  Eigen::Vector3d pos(0.0, 4.0, -2.5);
  for (RopePairing pairing : kPairings) {
    const Eigen::MatrixXd y = rope_rotate_rows(x, pos, t, pairing);
    for (int r = 0; r < 3; ++r) {
      EXPECT_MATRIX_NEAR(test::row_vec(y, r),
                         rope_matrix(d, pos[r], t, pairing) * test::row_vec(x, r), 1e-15);
    }
  }
}

TEST(Rope, PartialRotary) {
  // HF: dim = int(head_dim * partial_rotary_factor); t_i uses that dim.
  EXPECT_EQ(rotary_dim(64, 1.0), 64);
  EXPECT_EQ(rotary_dim(64, 0.5), 32);
  EXPECT_EQ(rotary_dim(64, 0.25), 16);
  EXPECT_EQ(rotary_dim(80, 0.4), 32);  // int(80 * 0.4) = 32 (python3: int(80*0.4) = 32)
  const int head = 64;
  const int r = rotary_dim(head, 0.25);
  const Eigen::VectorXd t = rope_inv_freq(r, 10000.0);
  ASSERT_EQ(t.size(), 8);
  // t_1 = 10000^(-2/16), not 10000^(-2/64).
  EXPECT_NEAR(t[1], std::pow(10000.0, -2.0 / 16.0), 1e-16);
  const Eigen::VectorXd x = random_vector(head, 5);
  for (RopePairing pairing : kPairings) {
    const Eigen::VectorXd y = rope_rotate(x, 9.0, t, pairing);
    // Coordinates r..head-1 pass through.
    EXPECT_MATRIX_NEAR(y.tail(head - r), x.tail(head - r), 0.0);
    // The first r rotate like a full RoPE of dimension r.
    EXPECT_MATRIX_NEAR(y.head(r), rope_rotate(Eigen::VectorXd(x.head(r)), 9.0, t, pairing), 0.0);
    EXPECT_NEAR(y.norm(), x.norm(), 1e-13);
    const Eigen::MatrixXd m = rope_matrix(head, 9.0, t, pairing);
    EXPECT_MATRIX_NEAR(m.bottomRightCorner(head - r, head - r),
                       Eigen::MatrixXd::Identity(head - r, head - r), 0.0);
    EXPECT_MATRIX_NEAR(m * x, y, 1e-14);
  }
  // Half-split pairs within the rotary part are (i, i + r/2), not (i, i + head/2).
  EXPECT_EQ(rope_pair(0, r, RopePairing::HalfSplit), std::make_pair(0, 8));
}

TEST(Rope, Names) {
  EXPECT_STREQ(pairing_name(RopePairing::Interleaved), "interleaved");
  EXPECT_STREQ(pairing_name(RopePairing::HalfSplit), "half-split");
}

TEST(RopeErrors, BadRotaryFactor) {
  EXPECT_INVALID_ARGUMENT(rotary_dim(64, 0.0), "partial rotary factor");
  EXPECT_INVALID_ARGUMENT(rotary_dim(64, -0.5), "partial rotary factor");
  EXPECT_INVALID_ARGUMENT(rotary_dim(64, 1.5), "1.5");
  EXPECT_INVALID_ARGUMENT(rotary_dim(64, std::nan("")), "partial rotary factor");
  EXPECT_INVALID_ARGUMENT(rotary_dim(10, 0.5), "5");          // 5 rotary dims: odd
  EXPECT_INVALID_ARGUMENT(rotary_dim(64, 0.01), "0 rotary");  // int(0.64) = 0
  EXPECT_INVALID_ARGUMENT(rotary_dim(63, 1.0), "63");
  EXPECT_INVALID_ARGUMENT(rotary_dim(0, 1.0), "");
}

TEST(RopeErrors, BadShapesAndFrequencies) {
  const Eigen::VectorXd t = rope_inv_freq(8, 10000.0);
  EXPECT_INVALID_ARGUMENT(rope_rotate(Eigen::VectorXd::Zero(6), 1.0, t, RopePairing::HalfSplit),
                          "6");
  EXPECT_INVALID_ARGUMENT(rope_matrix(6, 1.0, t, RopePairing::Interleaved), "6");
  EXPECT_INVALID_ARGUMENT(rope_matrix(0, 1.0, t, RopePairing::Interleaved), "");
  EXPECT_INVALID_ARGUMENT(rope_score(Eigen::VectorXd::Zero(8), Eigen::VectorXd::Zero(10), 0, 1, t,
                                     RopePairing::Interleaved),
                          "10");
  EXPECT_INVALID_ARGUMENT(rope_rotate_rows(Eigen::MatrixXd::Zero(3, 8), Eigen::VectorXd::Zero(2), t,
                                           RopePairing::Interleaved),
                          "2 positions");
  EXPECT_INVALID_ARGUMENT(rope_inv_freq(7, 10000.0), "7");
  EXPECT_INVALID_ARGUMENT(rope_inv_freq(8, 0.9), "0.9");
  EXPECT_INVALID_ARGUMENT(rope_inv_freq(8, std::numeric_limits<double>::infinity()), "base");
}

TEST(RopeAngles, AreTheHandsOfEachPairWrapped) {
  const Eigen::VectorXd theta = rope_inv_freq(8, 10000.0);
  const Eigen::VectorXd a = rope_angles(100.0, theta);
  ASSERT_EQ(a.size(), 4);
  // Pair 0: 100 rad = 15 turns + 5.7522 rad (python3: 100 % (2*math.pi)).
  EXPECT_NEAR(a[0], 5.752220392306214, 1e-12);
  EXPECT_NEAR(a[3], 100.0 * std::pow(10000.0, -6.0 / 8.0), 1e-15);  // 0.1 rad: no wrap
  const Eigen::VectorXd neg = rope_angles(-1.0, theta);
  EXPECT_NEAR(neg[0], 2 * std::numbers::pi - 1.0, 1e-15);
  for (Eigen::Index i = 0; i < neg.size(); ++i) {
    EXPECT_GE(neg[i], 0.0);
    EXPECT_LT(neg[i], 2 * std::numbers::pi);
  }
  // The hand's angle is the rotation RoPE applies: R_m e_a has angle a_i in pair i.
  const Eigen::VectorXd x = Eigen::VectorXd::Unit(8, 2);  // pair 1's first coordinate (interleaved)
  const Eigen::VectorXd y = rope_rotate(x, 100.0, theta, RopePairing::Interleaved);
  double angle = std::atan2(y[3], y[2]);
  if (angle < 0) angle += 2 * std::numbers::pi;
  EXPECT_NEAR(angle, a[1], 1e-12);
}

}  // namespace
}  // namespace peviz
