#include "rope_relative.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "parallel.hpp"
#include "validate.hpp"

namespace peviz {

RopeShiftScores rope_shift_scores(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m,
                                  double n, const Eigen::VectorXd& shifts,
                                  const Eigen::VectorXd& inv_freq, RopePairing pairing,
                                  const ProgressFn& progress) {
  if (q.size() != k.size()) {
    throw InvalidArgument("q and k must have the same size (" + std::to_string(q.size()) + " and " +
                          std::to_string(k.size()) + ")");
  }
  RopeShiftScores out;
  out.shifts = shifts;
  out.both.resize(shifts.size());
  out.key_only.resize(shifts.size());
  // RoFormer Eq. (16): the score is <R_m q, R_n k>.
  const Eigen::VectorXd qm = rope_rotate(q, m, inv_freq, pairing);
  out.reference = qm.dot(rope_rotate(k, n, inv_freq, pairing));
  // Shifts shared out between the cores (each its own rotations, as a model computes them);
  // the caller's part checks progress, so a newer request (a slider moved on) stops the build.
  const auto run = [&](long j0, long j1) {
    for (long j = j0; j < j1; ++j) {
      if (j0 == 0 && j % 64 == 0)
        report_progress(progress, static_cast<double>(j) / static_cast<double>(j1));
      const double t = shifts[j];
      const Eigen::VectorXd kt = rope_rotate(k, n + t, inv_freq, pairing);
      out.key_only[j] = qm.dot(kt);
      out.both[j] = rope_rotate(q, m + t, inv_freq, pairing).dot(kt);
    }
  };
  split_over_threads(
      shifts.size(),
      parallel_threads(static_cast<double>(shifts.size()) * static_cast<double>(q.size())), run);
  for (Eigen::Index j = 0; j < shifts.size(); ++j)
    out.max_deviation = std::max(out.max_deviation, std::abs(out.both[j] - out.reference));
  return out;
}

}  // namespace peviz
