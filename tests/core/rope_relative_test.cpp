// Tests for core/rope_relative: <R_{m+t} q, R_{n+t} k> = <R_m q, R_n k> (RoFormer Eq. (16)).
#include "core/rope_relative.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/random.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

TEST(RopeRelative, BothShiftedStaysFlatKeyOnlyIsTheRelativeScore) {
  for (RopePairing pairing : {RopePairing::Interleaved, RopePairing::HalfSplit}) {
    const int d = 32;
    const Eigen::VectorXd q = normal_vector(1, d), k = normal_vector(2, d);
    const Eigen::VectorXd inv = rope_inv_freq(d, 10000.0);
    Eigen::VectorXd shifts(6);
    shifts << 0, 1, 5, 100, 4096, 131071;
    const RopeShiftScores s = rope_shift_scores(q, k, 3.0, 11.0, shifts, inv, pairing);
    // Reference with the dense matrices: q^T R_3^T R_11 k.
    const double ref =
        (rope_matrix(d, 3.0, inv, pairing) * q).dot(rope_matrix(d, 11.0, inv, pairing) * k);
    EXPECT_NEAR(s.reference, ref, 1e-12);
    double worst = 0.0;
    for (Eigen::Index j = 0; j < shifts.size(); ++j) {
      EXPECT_NEAR(s.both[j], ref, 1e-9) << "t = " << shifts[j];
      worst = std::max(worst, std::abs(s.both[j] - s.reference));
      // Only k moves: <q, R_{n+t-m} k> (Eq. 16), with the dense relative matrix.
      const double rel = q.dot(rope_matrix(d, 11.0 + shifts[j] - 3.0, inv, pairing) * k);
      EXPECT_NEAR(s.key_only[j], rel, 1e-9) << "t = " << shifts[j];
    }
    EXPECT_EQ(s.max_deviation, worst);
    EXPECT_LT(s.max_deviation, 1e-9);
    // At t = 0 both curves start at the reference.
    EXPECT_NEAR(s.key_only[0], s.reference, 1e-12);
    // The key-only score really varies.
    EXPECT_GT((s.key_only.array() - s.reference).abs().maxCoeff(), 0.1);
  }
}

TEST(RopeRelative, MismatchedSizesAreRejected) {
  const Eigen::VectorXd inv = rope_inv_freq(4, 10000.0);
  EXPECT_INVALID_ARGUMENT(
      rope_shift_scores(Eigen::VectorXd::Ones(4), Eigen::VectorXd::Ones(6), 0, 0,
                        Eigen::VectorXd::Zero(1), inv, RopePairing::Interleaved),
      "same size");
}

// A superseded build stops: the progress function says no, the scores throw Cancelled, and
// it was asked before the work was done (every 64 shifts), not only at the end.
TEST(RopeShiftScores, StopWhenProgressSaysSo) {
  const Eigen::VectorXd q = Eigen::VectorXd::Ones(64), k = Eigen::VectorXd::Ones(64);
  const Eigen::VectorXd inv = rope_inv_freq(64, 10000.0);
  const Eigen::VectorXd shifts = Eigen::VectorXd::LinSpaced(1000, 0, 999);
  int calls = 0;
  const ProgressFn stop_at_second = [&calls](double) { return ++calls < 2; };
  EXPECT_THROW(rope_shift_scores(q, k, 3, 7, shifts, inv, RopePairing::HalfSplit, stop_at_second),
               Cancelled);
  EXPECT_EQ(calls, 2);
  int seen = 0;
  const ProgressFn count = [&seen](double) { return ++seen > 0; };
  rope_shift_scores(q, k, 3, 7, shifts, inv, RopePairing::HalfSplit, count);
  EXPECT_EQ(seen, 16);  // shifts 0, 64, ..., 960
}

}  // namespace
}  // namespace peviz
