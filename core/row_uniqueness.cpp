#include "row_uniqueness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "validate.hpp"

namespace peviz {
namespace {

constexpr long kBlock = 256;  // rows per block of the Gram matrix: 512 KiB per block pair

struct Candidate {
  long a = 0, b = 0;
  double lower = 0.0;  // a lower bound of the squared distance
};

}  // namespace

RowUniqueness row_uniqueness(const Eigen::Ref<const Eigen::MatrixXd>& rows, double eps,
                             const ProgressFn& progress) {
  if (!std::isfinite(eps) || eps < 0.0) {
    throw InvalidArgument("the uniqueness threshold eps must be a finite number >= 0");
  }
  const long n = rows.rows();
  const long d = rows.cols();
  const double work = 0.5 * static_cast<double>(n) * static_cast<double>(n - 1) * d;
  if (work > kMaxUniquenessWork) {
    throw InvalidArgument("comparing every pair of " + std::to_string(n) + " rows of " +
                          std::to_string(d) + " dimensions is too much work (" +
                          std::to_string(static_cast<long long>(work)) +
                          " operations, at most 4e9): use fewer positions or dimensions");
  }
  if (!rows.allFinite()) {
    for (long j = 0; j < d; ++j) {
      for (long r = 0; r < n; ++r) {
        if (!std::isfinite(rows(r, j))) {
          throw InvalidArgument("row " + std::to_string(r) + ", column " + std::to_string(j) +
                                " is not a finite number: distances need finite values");
        }
      }
    }
  }
  RowUniqueness out;
  out.rows = n;
  out.eps = eps;
  if (n < 2) return out;

  // One column per row: the Gram blocks are products of column blocks.
  const Eigen::MatrixXd cols = rows.transpose();
  const Eigen::VectorXd sq = cols.colwise().squaredNorm().transpose();
  // Higham Sec. 3.1: |fl(a.b) - a.b| <= d u |a||b| (first order), plus the norms and the sum.
  const double gamma =
      (3.0 * static_cast<double>(d) + 8.0) * std::numeric_limits<double>::epsilon() * 0.5;
  double upper = std::numeric_limits<double>::infinity();  // >= the smallest squared distance
  std::vector<Candidate> candidates;
  const long blocks = (n + kBlock - 1) / kBlock;
  long done = 0;
  for (long i0 = 0; i0 < n; i0 += kBlock) {
    const long bi = std::min(kBlock, n - i0);
    for (long j0 = i0; j0 < n; j0 += kBlock) {
      const long bj = std::min(kBlock, n - j0);
      const Eigen::MatrixXd g = cols.middleCols(i0, bi).transpose() * cols.middleCols(j0, bj);
      for (long j = 0; j < bj; ++j) {
        const long b = j0 + j;
        for (long i = 0; i < bi; ++i) {
          const long a = i0 + i;
          if (b <= a) continue;
          const double d2 = sq[a] + sq[b] - 2.0 * g(i, j);
          const double err = gamma * (sq[a] + sq[b]);
          upper = std::min(upper, d2 + err);
          if (d2 - err <= upper) candidates.push_back({a, b, d2 - err});
        }
      }
      if (static_cast<long>(candidates.size()) > 4 * n) {  // drop the ones the bound excludes
        std::erase_if(candidates, [upper](const Candidate& c) { return c.lower > upper; });
      }
      ++done;
      report_progress(progress, 0.9 * done / (0.5 * blocks * (blocks + 1)));
    }
  }
  // Exact distances, from the differences, of the pairs that can still be the closest.
  double best = std::numeric_limits<double>::infinity();
  for (const Candidate& c : candidates) {
    if (c.lower > upper) continue;
    const double d2 = (cols.col(c.a) - cols.col(c.b)).squaredNorm();
    if (d2 < best || (d2 == best && (c.a < out.first || (c.a == out.first && c.b < out.second)))) {
      best = d2;
      out.first = c.a;
      out.second = c.b;
    }
  }
  out.min_distance = std::sqrt(best);
  out.unique = out.min_distance > eps;
  report_progress(progress, 1.0);
  return out;
}

}  // namespace peviz
