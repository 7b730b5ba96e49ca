// The live checks of the classic claims about an absolute encoding, at any scale:
// bounded values, a unique code per position, a constant norm, and "nearby positions
// are the most similar". Exact (core/properties.hpp over every row) when the work fits
// `budget` (about that many trigonometric / multiply-add operations); otherwise on
// evenly spaced samples, and the result says how it sampled. Sampled, the cost follows the
// picture, not the positions: about budget / 2 entries of sampled rows (their norms are the
// norm chart), `profile_points` offsets (sin/cos: by rotations between exact anchors,
// core/angle_progression) and, for a learned table, every pair of a part of those rows.
// Sinusoidal (docs/formulas.md Sec. 3): ||PE[p] - PE[p+r]||^2 = d - 2 sum_i cos(r w_i) and
// ||PE[p]|| = sqrt(d/2), so uniqueness and "most similar" are scans over the offset r.
// Learned (GPT-2 init, HF modeling_gpt2.py _init_weights): entries N(0, stddev^2), so
// E||row||^2 = d stddev^2 and the norm is about sqrt(d) * stddev, never constant.
#pragma once

#include <Eigen/Core>

#include "learned.hpp"
#include "progress.hpp"
#include "properties.hpp"
#include "similarity.hpp"
#include "sinusoidal.hpp"

namespace peviz {

struct PropertyChecks {
  EncodingProperties values;  // max |entry|, norms, closest pair (of what was checked)
  // Coverage of the bounds and norms: every row_stride-th row (1 = every row).
  long rows_checked = 0;
  long row_stride = 1;
  // Coverage of uniqueness. Sinusoidal: offsets 1..dense_offsets, then every
  // offset_stride-th up to N-1 (offset_stride 1 = all of them). Learned: values.uniqueness_rows.
  long dense_offsets = 0;
  long offset_stride = 1;
  bool uniqueness_exact = true;  // every pair of rows (or every offset) was compared
  // Learned, sampled: the rows whose every pair was compared (a part of norm_positions).
  Eigen::VectorXd uniqueness_positions;
  // The norm of each sampled row, for a chart over position.
  Eigen::VectorXd norm_positions, norms;
  double expected_norm = 0.0;  // sqrt(d/2) (sinusoidal) or sqrt(d) * stddev (learned)
  // Cosine similarity of the first position against position first + offset.
  Eigen::VectorXd offsets, similarity;
  long profile_stride = 1;       // distance between profile offsets beyond offset 1
  long most_similar_offset = 0;  // the offset r >= 1 of the most similar row checked (0: none)
  double most_similar = 0.0;     // its cosine similarity
  // The verdicts.
  bool bounded = false;  // max |entry| <= 1
  // With fewer than 2 rows there is nothing to compare: unique and nearest_most_similar hold.
  bool unique = false;                // min distance > 0
  bool constant_norm = false;         // max - min norm <= 1e-9 max
  bool nearest_most_similar = false;  // most_similar_offset == 1
};

// `profile_points`: at most this many offsets in the similarity profile (level of detail).
PropertyChecks sinusoidal_property_checks(const SinusoidalParams& params, long profile_points,
                                          long budget = 1L << 21, const ProgressFn& progress = {});
PropertyChecks learned_property_checks(const LearnedParams& params, long profile_points,
                                       long budget = 1L << 21, const ProgressFn& progress = {});

}  // namespace peviz
