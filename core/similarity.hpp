// Dot-product and cosine-similarity grids between the rows (positions) of an
// encoding matrix, and similarity as a function of the offset between positions.
//   dot(p, q) = E[p] . E[q];   cosine(p, q) = dot(p, q) / (|E[p]| |E[q]|)
// A row of norm zero has cosine 0 against every row (including itself) instead of NaN.
// Sinusoidal PE has the closed form (docs/formulas.md Sec. 3, from sin a sin b + cos a cos b =
// cos(a-b)):
//   PE[p] . PE[q] = sum_{i<d/2} cos((p - q) w_i),  |PE[p]|^2 = d/2,
// which depends only on p - q: the grid is symmetric Toeplitz and costs O(N*d) to
// describe instead of O(N^2*d). Works for both layouts (they permute columns).
#pragma once

#include <Eigen/Core>

#include "sinusoidal.hpp"

namespace peviz {

enum class Metric { Cosine, Dot };

// N x N grid for any N x d encoding matrix (O(N^2 d)).
Eigen::MatrixXd similarity_grid(const Eigen::MatrixXd& encoding, Metric metric);
// One row of that grid: row `row` against every row (O(N d)).
Eigen::VectorXd similarity_row(const Eigen::MatrixXd& encoding, Eigen::Index row, Metric metric);

// Sinusoidal similarity at offsets r = 0..max_offset (O(max_offset * d)); the value
// at offset r is also the value at -r.
Eigen::VectorXd sinusoidal_offset_profile(int d, double base, long max_offset, Metric metric);
// The N x N sinusoidal grid for params' positions, filled from the offset profile
// (Toeplitz fast path, equal to similarity_grid(sinusoidal_encoding(params))).
Eigen::MatrixXd sinusoidal_similarity_grid(const SinusoidalParams& params, Metric metric);

// Rows of `a` against rows of `b` (same number of columns): |a| x |b| grid.
Eigen::MatrixXd similarity_between(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                   Metric metric);
// Sinusoidal similarity at arbitrary offsets r: sum_i cos(r w_i), times 2/d for cosine.
Eigen::VectorXd sinusoidal_similarity_at_offsets(const Eigen::Ref<const Eigen::VectorXd>& offsets,
                                                 int d, double base, Metric metric);
// Sinusoidal grid between positions p (rows) and q (columns), evaluated once per
// distinct |p_i - q_j| (Toeplitz): for evenly spaced samples that is O((|p|+|q|) d)
// trigonometry plus an O(|p||q|) fill, whatever the positions' magnitude.
Eigen::MatrixXd sinusoidal_similarity_between(const Eigen::Ref<const Eigen::VectorXd>& p,
                                              const Eigen::Ref<const Eigen::VectorXd>& q, int d,
                                              double base, Metric metric);

const char* metric_name(Metric metric);

}  // namespace peviz
