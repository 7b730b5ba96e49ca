// The relative property of RoPE, shift by shift: when q and k move together the score
// <R_{m+t} q, R_{n+t} k> stays <R_m q, R_n k> (up to rounding), because R_a^T R_b = R_{b-a};
// when only k moves, <R_m q, R_{n+t} k> changes with t.
// Source: Su et al., "RoFormer", arXiv:2104.09864, Eq. (16).
#pragma once

#include <Eigen/Core>

#include "progress.hpp"
#include "rope.hpp"

namespace peviz {

struct RopeShiftScores {
  Eigen::VectorXd shifts;      // t, as given
  Eigen::VectorXd both;        // <R_{m+t} q, R_{n+t} k>: both positions shifted
  Eigen::VectorXd key_only;    // <R_m q, R_{n+t} k>: only the key shifted
  double reference = 0.0;      // <R_m q, R_n k>
  double max_deviation = 0.0;  // max over t of |both - reference|
};

RopeShiftScores rope_shift_scores(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m,
                                  double n, const Eigen::VectorXd& shifts,
                                  const Eigen::VectorXd& inv_freq, RopePairing pairing,
                                  const ProgressFn& progress = {});

}  // namespace peviz
