// Does every position get its own code? The smallest Euclidean distance between two
// different rows of an encoding matrix (rows are positions), over every pair of rows:
//   min_{r < s} ||X[r] - X[s]||_2,   unique  <=>  that minimum > eps.
// Fast and exact: the squared distances are first bounded through the Gram matrix,
// |a|^2 + |b|^2 - 2 a.b, with its rounding error (at most (3d + 8) u (|a|^2 + |b|^2),
// u = 2^-53; Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Sec. 3.1,
// for the dot product), which is a matrix product; only the pairs whose lower bound
// can still be the minimum are then measured from their differences. (The Gram form
// alone cancels catastrophically when rows are large and close: raw integers, tan next
// to a pole.) Cost about N^2 d / 2 multiply-adds; more than kMaxUniquenessWork is
// refused with a message. Fewer than 2 rows: nothing to compare, unique holds.
#pragma once

#include <Eigen/Core>

#include "progress.hpp"

namespace peviz {

inline constexpr double kMaxUniquenessWork = 4.0e9;  // N(N-1)/2 * d: a few seconds at most

struct RowUniqueness {
  long rows = 0;
  double min_distance = 0.0;  // 0 when there are fewer than 2 rows
  long first = 0;             // a closest pair of rows (indices into the matrix), first < second
  long second = 0;
  double eps = 0.0;    // the threshold used
  bool unique = true;  // min_distance > eps (true with fewer than 2 rows)
};

// Throws InvalidArgument for a non-finite entry, a negative eps, or too much work.
RowUniqueness row_uniqueness(const Eigen::Ref<const Eigen::MatrixXd>& rows, double eps = 1e-9,
                             const ProgressFn& progress = {});

}  // namespace peviz
