// The properties the classic explanations claim for an absolute encoding, each
// computed, not asserted:
//   bounded   max_{p,j} |PE[p][j]|                      (<= 1 for sin/cos)
//   norm      min and max of ||PE[p]|| over the rows     (sqrt(d/2) for every row of sin/cos)
//   unique    min_{p != q} ||PE[p] - PE[q]||             (> 0: no two positions share a code)
// For sinusoidal PE, ||PE[p] - PE[q]||^2 = d - 2 sum_i cos((p - q) w_i) (docs/formulas.md Sec. 3),
// so uniqueness over N positions is a minimum over N-1 offsets: O(N d), exact for any N.
// A learned table has no such structure; its uniqueness is checked on an evenly
// spaced sample of at most `sample_rows` rows (O(sample^2 d)) and says so.
#pragma once

#include "learned.hpp"
#include "progress.hpp"
#include "sinusoidal.hpp"

namespace peviz {

struct EncodingProperties {
  long positions = 0;         // rows checked for bounds and norms (all of them)
  double max_abs = 0.0;       // largest |entry|
  double min_norm = 0.0;      // smallest row norm
  double max_norm = 0.0;      // largest row norm
  double min_distance = 0.0;  // smallest distance between two different rows
  long closest_p = 0;         // a pair of positions at that distance
  long closest_q = 0;
  long uniqueness_rows = 0;         // rows the uniqueness check covered
  bool uniqueness_sampled = false;  // true when that was a sample, not every row
};

// The rows of the learned table at `positions` (all d columns): the numbers of learned_cells
// over every column, each Box-Muller pair drawn once instead of once a cell, on both cores.
Eigen::MatrixXd learned_rows(const Eigen::Ref<const Eigen::VectorXd>& positions,
                             const LearnedParams& params);

EncodingProperties sinusoidal_properties(const SinusoidalParams& params,
                                         const ProgressFn& progress = {});
EncodingProperties learned_properties(const LearnedParams& params, long sample_rows = 2048,
                                      const ProgressFn& progress = {});

}  // namespace peviz
