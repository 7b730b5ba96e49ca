// Tests for core/attention_identity: the fast identity-projection attention gives the
// numbers of attend() with identity_projections = true (a second computation, through
// d x d identity matrices) under every scheme and mask, and the absolute position signal
// is exactly what attend() adds to the tokens.
#include "core/attention_identity.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/embedding.hpp"
#include "core/sinusoidal.hpp"
#include "core/tokens.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

constexpr Scheme kSchemes[] = {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope,
                               Scheme::Alibi,      Scheme::Nope,    Scheme::T5};

AttentionParams params_for(Scheme scheme, Mask mask, int d) {
  AttentionParams p;
  p.scheme = scheme;
  p.mask = mask;
  p.d = d;
  p.seed = 7;
  p.heads = 4;
  p.head = 2;
  p.position_scale = 1.3;
  p.identity_projections = true;
  return p;
}

TEST(AttentionIdentity, SameNumbersAsAttendWithIdentityProjections) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("the cat saw the dog near the old mill"), 16);
  for (Scheme scheme : kSchemes) {
    for (Mask mask : {Mask::Causal, Mask::None}) {
      SCOPED_TRACE(std::string(scheme_name(scheme)) + (mask == Mask::Causal ? " causal" : " none"));
      AttentionParams p = params_for(scheme, mask, 16);
      const AttentionResult a = attend(e, p);
      p.identity_projections = false;  // ignored: attend_identity always uses I
      const AttentionResult b = attend_identity(e, p);
      EXPECT_MATRIX_NEAR(b.inputs, a.inputs, 0.0);
      EXPECT_MATRIX_NEAR(b.bias, a.bias, 0.0);
      EXPECT_MATRIX_NEAR(b.logits, a.logits, 1e-13);
      EXPECT_MATRIX_NEAR(b.weights, a.weights, 1e-13);
      EXPECT_MATRIX_NEAR(b.outputs, a.outputs, 1e-13);
      EXPECT_MATRIX_NEAR(b.entropy, a.entropy, 1e-13);
    }
  }
}

TEST(AttentionIdentity, RopeWithYarnAndPartialRotaryAsAttend) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("dog bites man on a sunny day"), 32);
  AttentionParams p = params_for(Scheme::Rope, Mask::Causal, 32);
  p.partial_rotary_factor = 0.5;
  p.pairing = RopePairing::Interleaved;
  p.scaling.kind = Scaling::Yarn;
  p.scaling.factor = 8.0;
  const AttentionResult a = attend(e, p);
  const AttentionResult b = attend_identity(e, p);
  EXPECT_MATRIX_NEAR(b.logits, a.logits, 1e-13);
  EXPECT_MATRIX_NEAR(b.outputs, a.outputs, 1e-13);
}

TEST(AttentionIdentity, AbsoluteSignalIsWhatAttendAdds) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("a b c d e"), 8);
  for (Scheme scheme : kSchemes) {
    SCOPED_TRACE(scheme_name(scheme));
    AttentionParams p = params_for(scheme, Mask::Causal, 8);
    const Eigen::MatrixXd signal = absolute_position_signal(p, 5);
    EXPECT_MATRIX_NEAR(e + signal, attend(e, p).inputs, 0.0);
    EXPECT_EQ(signal.isZero(0.0), !adds_position_to_tokens(scheme));
  }
  // Sinusoidal at scale 1: row p is PE(p), whose norm is sqrt(d/2) (sin^2 + cos^2 = 1 per pair).
  AttentionParams p = params_for(Scheme::Sinusoidal, Mask::Causal, 8);
  p.position_scale = 1.0;
  const Eigen::MatrixXd s = absolute_position_signal(p, 5);
  for (int r = 0; r < 5; ++r) EXPECT_NEAR(s.row(r).norm(), 2.0, 1e-14);
  EXPECT_NEAR(s(1, 0), std::sin(1.0), 1e-15);
  EXPECT_NEAR(s(1, 1), std::cos(1.0), 1e-15);
}

// Its speed is measured in bench/core_bench.cpp (AttendIdentity), not here.
TEST(AttentionIdentity, TwoHundredWordsAtD4096) {
  std::vector<std::string> words;
  for (int i = 0; i < 200; ++i) words.push_back("w" + std::to_string(i % 37));
  const Eigen::MatrixXd e = embed_tokens(words, 4096);
  const AttentionResult r = attend_identity(e, params_for(Scheme::Rope, Mask::Causal, 4096));
  for (int i = 0; i < 200; ++i) EXPECT_NEAR(r.weights.row(i).sum(), 1.0, 1e-12);
  // Causal: nothing above the diagonal; the first word sees only itself.
  EXPECT_EQ(r.weights(0, 0), 1.0);
  EXPECT_EQ(r.weights(10, 11), 0.0);
}

TEST(AttentionIdentity, RejectsBadInput) {
  const Eigen::MatrixXd e = embed_tokens(tokenize("a b"), 8);
  EXPECT_INVALID_ARGUMENT(attend_identity(e, params_for(Scheme::Nope, Mask::None, 6)), "d_model");
  AttentionParams p = params_for(Scheme::Alibi, Mask::None, 8);
  p.head = 4;
  EXPECT_INVALID_ARGUMENT(attend_identity(e, p), "head 4");
}

}  // namespace
}  // namespace peviz
