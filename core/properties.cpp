#include "properties.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "parallel.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

constexpr long kChunk = 1024;  // rows per chunk: bounded memory, regular progress

// Bounds and norms over every row, a chunk of rows at a time.
template <typename RowsFn>
void scan_rows(long n, EncodingProperties& out, const ProgressFn& progress, double share,
               RowsFn rows) {
  out.positions = n;
  out.max_abs = 0.0;
  out.min_norm = std::numeric_limits<double>::infinity();
  out.max_norm = 0.0;
  for (long first = 0; first < n; first += kChunk) {
    const long count = std::min(kChunk, n - first);
    const Eigen::MatrixXd block = rows(first, count);
    out.max_abs = std::max(out.max_abs, block.cwiseAbs().maxCoeff());
    const Eigen::VectorXd norms = block.rowwise().norm();
    out.min_norm = std::min(out.min_norm, norms.minCoeff());
    out.max_norm = std::max(out.max_norm, norms.maxCoeff());
    report_progress(progress, share * static_cast<double>(first + count) / n);
  }
  if (n == 0) out.min_norm = 0.0;
}

}  // namespace

Eigen::MatrixXd learned_rows(const Eigen::Ref<const Eigen::VectorXd>& positions,
                             const LearnedParams& p) {
  require_positive_dim(p.d);
  require_positive(p.stddev, "the standard deviation");
  // Every row is checked first, so that the threads below have nothing to refuse.
  for (Eigen::Index r = 0; r < positions.size(); ++r) {
    const long pos = static_cast<long>(std::llround(positions[r]));
    if (p.table != nullptr) {
      require_table_rows(*p.table, p.d, pos, 1);
    } else if (pos < 0) {
      throw InvalidArgument("a learned table has no row for position " + std::to_string(pos) +
                            ": positions start at 0");
    }
  }
  Eigen::MatrixXd out(positions.size(), p.d);
  const double cells = static_cast<double>(positions.size()) * static_cast<double>(p.d);
  split_over_threads(static_cast<long>(positions.size()), parallel_threads(cells),
                     [&](long first, long last) {
                       for (long r = first; r < last; ++r) {
                         const long pos = static_cast<long>(std::llround(positions[r]));
                         out.row(r) = learned_row(pos, p.d, p.seed, p.stddev, p.table).transpose();
                       }
                     });
  return out;
}

EncodingProperties sinusoidal_properties(const SinusoidalParams& p, const ProgressFn& progress) {
  require_positions(p.start, p.positions);
  const Eigen::VectorXd w = sinusoidal_frequencies(p.d, p.base);
  EncodingProperties out;
  scan_rows(p.positions, out, progress, 0.5, [&](long first, long count) {
    SinusoidalParams chunk = p;
    chunk.start = p.start + first;
    chunk.positions = count;
    return sinusoidal_encoding(chunk);
  });
  // ||PE[p] - PE[p+r]||^2 = d - 2 sum_i cos(r w_i): the minimum over offsets r = 1..N-1.
  out.uniqueness_rows = p.positions;
  out.min_distance = std::numeric_limits<double>::infinity();
  for (long r = 1; r < p.positions; ++r) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < w.size(); ++i) sum += std::cos(static_cast<double>(r) * w[i]);
    const double dist = std::sqrt(std::max(0.0, p.d - 2.0 * sum));
    if (dist < out.min_distance) {
      out.min_distance = dist;
      out.closest_p = p.start;
      out.closest_q = p.start + r;
    }
    if (r % 4096 == 0) report_progress(progress, 0.5 + 0.5 * static_cast<double>(r) / p.positions);
  }
  if (p.positions < 2) out.min_distance = 0.0;
  return out;
}

EncodingProperties learned_properties(const LearnedParams& p, long sample_rows,
                                      const ProgressFn& progress) {
  require_positions(p.start, p.positions);
  if (sample_rows < 2) throw InvalidArgument("the uniqueness sample needs at least 2 rows");
  EncodingProperties out;
  if (p.table != nullptr) require_table_rows(*p.table, p.d, p.start, p.positions);
  scan_rows(p.positions, out, progress, 0.8, [&](long first, long count) {
    const double from = static_cast<double>(p.start + first);
    return learned_rows(
        Eigen::VectorXd::LinSpaced(count, from, from + static_cast<double>(count - 1)), p);
  });
  // Uniqueness on an evenly spaced sample: ||a - b||^2 = |a|^2 + |b|^2 - 2 a.b.
  const long m = std::min(p.positions, sample_rows);
  out.uniqueness_rows = m;
  out.uniqueness_sampled = m < p.positions;
  out.min_distance = 0.0;
  if (m < 2) return out;
  std::vector<long> pos(m);
  Eigen::VectorXd at(m);
  for (long k = 0; k < m; ++k) {
    pos[k] = p.start + (m == p.positions ? k : k * (p.positions - 1) / (m - 1));
    at[k] = static_cast<double>(pos[k]);
  }
  const Eigen::MatrixXd rows = learned_rows(at, p);
  const Eigen::MatrixXd gram = rows * rows.transpose();
  out.min_distance = std::numeric_limits<double>::infinity();
  for (long j = 0; j < m; ++j) {
    for (long i = 0; i < j; ++i) {
      const double d2 = gram(i, i) + gram(j, j) - 2.0 * gram(i, j);
      const double dist = std::sqrt(std::max(0.0, d2));
      if (dist < out.min_distance) {
        out.min_distance = dist;
        out.closest_p = pos[i];
        out.closest_q = pos[j];
      }
    }
  }
  report_progress(progress, 1.0);
  return out;
}

}  // namespace peviz
