#include "property_checks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "validate.hpp"

namespace peviz {
namespace {

long ceil_div(long a, long b) {
  return (a + b - 1) / b;
}

// Every stride-th integer of [first, first + n), the stride chosen for at most max_count.
Eigen::VectorXd even_sample(long first, long n, long max_count, long& stride) {
  stride = std::max(1L, ceil_div(n, std::max(1L, max_count)));
  const long m = n > 0 ? ceil_div(n, stride) : 0;
  Eigen::VectorXd v(m);
  for (long k = 0; k < m; ++k) v[k] = static_cast<double>(first + k * stride);
  return v;
}

// Offsets 0..n-1: all of them when they fit in max_count, else 0, 1 and every stride-th.
Eigen::VectorXd profile_offsets(long n, long max_count, long& stride) {
  stride = 1;
  if (n <= 0) return Eigen::VectorXd();
  if (n <= max_count) return Eigen::VectorXd::LinSpaced(n, 0.0, static_cast<double>(n - 1));
  stride = std::max(2L, ceil_div(n - 1, std::max(1L, max_count - 2)));
  std::vector<double> out{0.0, 1.0};
  for (long r = stride; r < n; r += stride) out.push_back(static_cast<double>(r));
  return Eigen::Map<Eigen::VectorXd>(out.data(), static_cast<Eigen::Index>(out.size()));
}

void finish_verdicts(PropertyChecks& c) {
  const EncodingProperties& v = c.values;
  c.bounded = v.max_abs <= 1.0;
  c.unique = v.uniqueness_rows < 2 || v.min_distance > 0.0;
  c.constant_norm = v.max_norm - v.min_norm <= 1e-9 * v.max_norm;
  c.nearest_most_similar = v.uniqueness_rows < 2 || c.most_similar_offset == 1;
}

void bounds_and_norms(const Eigen::MatrixXd& rows, EncodingProperties& v) {
  v.positions = rows.rows();
  if (rows.rows() == 0) return;
  v.max_abs = rows.cwiseAbs().maxCoeff();
  const Eigen::VectorXd norms = rows.rowwise().norm();
  v.min_norm = norms.minCoeff();
  v.max_norm = norms.maxCoeff();
}

}  // namespace

PropertyChecks sinusoidal_property_checks(const SinusoidalParams& p, long profile_points,
                                          long budget, const ProgressFn& progress) {
  require_positions(p.start, p.positions);
  const Eigen::VectorXd w = sinusoidal_frequencies(p.d, p.base);
  const long n = p.positions;
  const long per_row = std::max(1, p.d);
  PropertyChecks c;
  if (n * per_row <= budget) {
    c.values = sinusoidal_properties(p, [&](double f) {
      report_progress(progress, 0.7 * f);
      return true;
    });
    c.rows_checked = n;
    c.dense_offsets = std::max(0L, n - 1);
    c.most_similar_offset = n >= 2 ? c.values.closest_q - c.values.closest_p : 0;
  } else {
    const long m = std::max(2L, budget / per_row);
    const Eigen::VectorXd rows = even_sample(p.start, n, m, c.row_stride);
    bounds_and_norms(sinusoidal_rows(rows, p.d, p.base, p.layout), c.values);
    c.rows_checked = rows.size();
    report_progress(progress, 0.35);
    // Offsets 1..dense exactly, then every offset_stride-th up to n - 1.
    c.dense_offsets = std::min(n - 1, m);
    std::vector<double> r;
    for (long k = 1; k <= c.dense_offsets; ++k) r.push_back(static_cast<double>(k));
    const long rest = n - 1 - c.dense_offsets;
    if (rest > 0) {
      c.offset_stride = std::max(1L, ceil_div(rest, m));
      for (long k = c.dense_offsets + c.offset_stride; k <= n - 1; k += c.offset_stride)
        r.push_back(static_cast<double>(k));
      c.uniqueness_exact = c.offset_stride == 1;
    }
    const Eigen::Map<Eigen::VectorXd> offsets(r.data(), static_cast<Eigen::Index>(r.size()));
    const Eigen::VectorXd dots =
        sinusoidal_similarity_at_offsets(offsets, p.d, p.base, Metric::Dot);
    // docs/formulas.md Sec. 3: ||PE[p] - PE[p+r]||^2 = d - 2 sum_i cos(r w_i).
    c.values.uniqueness_rows = n;
    c.values.uniqueness_sampled = !c.uniqueness_exact;
    c.values.min_distance = std::numeric_limits<double>::infinity();
    for (Eigen::Index k = 0; k < offsets.size(); ++k) {
      const double dist = std::sqrt(std::max(0.0, p.d - 2.0 * dots[k]));
      if (dist < c.values.min_distance) {
        c.values.min_distance = dist;
        c.values.closest_p = p.start;
        c.values.closest_q = p.start + static_cast<long>(offsets[k]);
      }
    }
    c.most_similar_offset = c.values.closest_q - c.values.closest_p;
  }
  report_progress(progress, 0.7);
  if (c.most_similar_offset > 0) {
    Eigen::VectorXd r(1);
    r << static_cast<double>(c.most_similar_offset);
    c.most_similar = sinusoidal_similarity_at_offsets(r, p.d, p.base, Metric::Cosine)[0];
  }
  long stride = 1;
  c.norm_positions = even_sample(p.start, n, profile_points, stride);
  c.norms = sinusoidal_rows(c.norm_positions, p.d, p.base, p.layout).rowwise().norm();
  // docs/formulas.md Sec. 3: ||PE[p]||^2 = sum_i (sin^2 + cos^2) = d/2.
  c.expected_norm = std::sqrt(p.d / 2.0);
  c.offsets = profile_offsets(n, profile_points, c.profile_stride);
  c.similarity = sinusoidal_similarity_at_offsets(c.offsets, p.d, p.base, Metric::Cosine);
  report_progress(progress, 1.0);
  finish_verdicts(c);
  return c;
}

PropertyChecks learned_property_checks(const LearnedParams& p, long profile_points, long budget,
                                       const ProgressFn& progress) {
  require_positions(p.start, p.positions);
  require_positive_dim(p.d);
  const long n = p.positions;
  const long per_row = p.d;
  const auto seed = p.seed;
  const Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(p.d, 0, p.d - 1);
  // Uniqueness compares every pair of a sample: m^2 d multiply-adds in one matrix product,
  // about 30 times cheaper each than drawing a normal entry, hence the factor.
  const long sample =
      std::max(2L, static_cast<long>(std::sqrt(32.0 * static_cast<double>(budget) / per_row)));
  PropertyChecks c;
  if (n * per_row <= budget) {
    c.values = learned_properties(p, sample, [&](double f) {
      report_progress(progress, 0.7 * f);
      return true;
    });
    c.rows_checked = n;
  } else {
    const Eigen::VectorXd rows =
        even_sample(p.start, n, std::max(2L, budget / per_row), c.row_stride);
    bounds_and_norms(learned_cells(rows, all, p.d, seed, p.stddev, p.table), c.values);
    c.rows_checked = rows.size();
    report_progress(progress, 0.35);
    long stride = 1;
    const Eigen::VectorXd pos = even_sample(p.start, n, sample, stride);
    const Eigen::MatrixXd e = learned_cells(pos, all, p.d, seed, p.stddev, p.table);
    const Eigen::MatrixXd gram = e * e.transpose();
    c.values.uniqueness_rows = pos.size();
    c.values.uniqueness_sampled = true;
    c.values.min_distance = std::numeric_limits<double>::infinity();
    // ||a - b||^2 = |a|^2 + |b|^2 - 2 a.b (as in properties.cpp).
    for (Eigen::Index j = 0; j < pos.size(); ++j) {
      for (Eigen::Index i = 0; i < j; ++i) {
        const double dist = std::sqrt(std::max(0.0, gram(i, i) + gram(j, j) - 2.0 * gram(i, j)));
        if (dist < c.values.min_distance) {
          c.values.min_distance = dist;
          c.values.closest_p = static_cast<long>(pos[i]);
          c.values.closest_q = static_cast<long>(pos[j]);
        }
      }
    }
  }
  c.uniqueness_exact = !c.values.uniqueness_sampled;
  report_progress(progress, 0.7);
  long stride = 1;
  c.norm_positions = even_sample(p.start, n, profile_points, stride);
  c.norms = learned_cells(c.norm_positions, all, p.d, seed, p.stddev, p.table).rowwise().norm();
  // GPT-2 init: E||row||^2 = d * stddev^2.
  c.expected_norm = std::sqrt(static_cast<double>(p.d)) * p.stddev;
  c.offsets = profile_offsets(n, profile_points, c.profile_stride);
  if (n > 0) {
    Eigen::VectorXd first(1);
    first << static_cast<double>(p.start);
    const Eigen::VectorXd others = c.offsets.array() + static_cast<double>(p.start);
    c.similarity =
        similarity_between(learned_cells(first, all, p.d, seed, p.stddev, p.table),
                           learned_cells(others, all, p.d, seed, p.stddev, p.table), Metric::Cosine)
            .row(0)
            .transpose();
    for (Eigen::Index k = 1; k < c.offsets.size(); ++k) {
      if (c.most_similar_offset == 0 || c.similarity[k] > c.most_similar) {
        c.most_similar_offset = static_cast<long>(c.offsets[k]);
        c.most_similar = c.similarity[k];
      }
    }
  }
  report_progress(progress, 1.0);
  finish_verdicts(c);
  return c;
}

}  // namespace peviz
