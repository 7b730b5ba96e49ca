#include "property_checks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "angle_progression.hpp"
#include "parallel.hpp"
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

// D(r_k) = sum_i cos(r_k w_i) for the offsets r_k = first + k step, k = 0..count-1: the dot
// product of two sinusoidal rows r_k apart (docs/formulas.md Sec. 3), by rotations between
// exact anchors (core/angle_progression), a few multiplications a term, on both cores.
Eigen::VectorXd cosine_sums(const Eigen::VectorXd& w, long first, long step, long count) {
  return cos_sum_progression(static_cast<double>(first), static_cast<double>(step), count, w,
                             Eigen::VectorXd::Ones(w.size()));
}

// The norm and largest |entry| of the sinusoidal rows at `positions`, from sin and cos of p w_i
// (Vaswani et al. Sec. 3.5; the layout only permutes columns). Both cores, no matrix.
void sinusoidal_row_stats(const Eigen::VectorXd& positions, const Eigen::VectorXd& w,
                          Eigen::VectorXd& norms, Eigen::VectorXd& max_abs) {
  const Eigen::Index n = positions.size(), h = w.size();
  norms.resize(n);
  max_abs.resize(n);
  const double cells = static_cast<double>(n) * static_cast<double>(2 * h);
  split_over_threads(static_cast<long>(n), parallel_threads(cells), [&](long r0, long r1) {
    for (long r = r0; r < r1; ++r) {
      double sum = 0.0, big = 0.0;
      for (Eigen::Index i = 0; i < h; ++i) {
        const double a = positions[r] * w[i];
        const double sn = std::sin(a), cs = std::cos(a);
        sum += sn * sn + cs * cs;
        big = std::max({big, std::abs(sn), std::abs(cs)});
      }
      norms[r] = std::sqrt(sum);
      max_abs[r] = big;
    }
  });
}

void stats_into(const Eigen::VectorXd& norms, const Eigen::VectorXd& max_abs,
                EncodingProperties& v) {
  v.positions = norms.size();
  if (norms.size() == 0) return;
  v.max_abs = max_abs.maxCoeff();
  v.min_norm = norms.minCoeff();
  v.max_norm = norms.maxCoeff();
}

// The closest pair among the rows of `u` (positions `pos`), from the Gram matrix:
// ||a - b||^2 = |a|^2 + |b|^2 - 2 a.b (as in properties.cpp). Both cores, each a band of columns.
void closest_pair(const Eigen::MatrixXd& u, const Eigen::VectorXd& pos, EncodingProperties& v) {
  const Eigen::Index m = u.rows();
  const Eigen::VectorXd sq = u.rowwise().squaredNorm();
  std::vector<double> best(static_cast<std::size_t>(m), std::numeric_limits<double>::infinity());
  std::vector<Eigen::Index> with(static_cast<std::size_t>(m), 0);
  const double work =
      static_cast<double>(m) * static_cast<double>(m) * static_cast<double>(u.cols());
  split_over_threads(static_cast<long>(m), parallel_threads(work / 16.0), [&](long j0, long j1) {
    if (j1 <= j0) return;
    const Eigen::MatrixXd g = u.topRows(j1) * u.middleRows(j0, j1 - j0).transpose();
    for (long j = j0; j < j1; ++j) {
      for (long i = 0; i < j; ++i) {
        const double d2 = sq[i] + sq[j] - 2.0 * g(i, j - j0);
        const double dist = std::sqrt(std::max(0.0, d2));
        if (dist < best[static_cast<std::size_t>(j)]) {
          best[static_cast<std::size_t>(j)] = dist;
          with[static_cast<std::size_t>(j)] = i;
        }
      }
    }
  });
  v.min_distance = std::numeric_limits<double>::infinity();
  for (Eigen::Index j = 1; j < m; ++j) {
    if (best[static_cast<std::size_t>(j)] < v.min_distance) {
      v.min_distance = best[static_cast<std::size_t>(j)];
      v.closest_p = static_cast<long>(pos[with[static_cast<std::size_t>(j)]]);
      v.closest_q = static_cast<long>(pos[j]);
    }
  }
  if (m < 2) v.min_distance = 0.0;
}

}  // namespace

PropertyChecks sinusoidal_property_checks(const SinusoidalParams& p, long profile_points,
                                          long budget, const ProgressFn& progress) {
  require_positions(p.start, p.positions);
  const Eigen::VectorXd w = sinusoidal_frequencies(p.d, p.base);
  const long n = p.positions;
  const long per_row = std::max(1, p.d);
  PropertyChecks c;
  // docs/formulas.md Sec. 3: ||PE[p]||^2 = sum_i (sin^2 + cos^2) = d/2.
  c.expected_norm = std::sqrt(p.d / 2.0);
  if (n * per_row <= budget) {
    c.values = sinusoidal_properties(p, [&](double f) {
      report_progress(progress, 0.7 * f);
      return true;
    });
    c.rows_checked = n;
    c.dense_offsets = std::max(0L, n - 1);
    c.most_similar_offset = n >= 2 ? c.values.closest_q - c.values.closest_p : 0;
    report_progress(progress, 0.7);
    long stride = 1;
    c.norm_positions = even_sample(p.start, n, profile_points, stride);
    c.norms = sinusoidal_rows(c.norm_positions, p.d, p.base, p.layout).rowwise().norm();
    c.offsets = profile_offsets(n, profile_points, c.profile_stride);
    c.similarity = sinusoidal_similarity_at_offsets(c.offsets, p.d, p.base, Metric::Cosine);
  } else {
    // Bounds and norms on evenly spaced rows, each computed (about budget / 2 sines and
    // cosines); they are also the norm chart's points.
    const long m = std::max(2L, budget / (2 * per_row));
    c.norm_positions = even_sample(p.start, n, m, c.row_stride);
    Eigen::VectorXd max_abs;
    sinusoidal_row_stats(c.norm_positions, w, c.norms, max_abs);
    stats_into(c.norms, max_abs, c.values);
    c.rows_checked = c.norm_positions.size();
    report_progress(progress, 0.35);
    // The profile: D(r) at offsets 0, 1, then every profile_stride-th (a run from 0).
    c.offsets = profile_offsets(n, profile_points, c.profile_stride);
    Eigen::VectorXd profile_dots(c.offsets.size());
    if (c.profile_stride == 1) {
      profile_dots = cosine_sums(w, 0, 1, c.offsets.size());
    } else {
      const Eigen::VectorXd run = cosine_sums(w, 0, c.profile_stride, c.offsets.size() - 1);
      profile_dots[0] = run[0];
      profile_dots[1] = cosine_sums(w, 1, 1, 1)[0];
      profile_dots.tail(run.size() - 1) = run.tail(run.size() - 1);
    }
    // Cosine = D(r) / (d/2) (docs/formulas.md Sec. 3).
    c.similarity = profile_dots * (2.0 / p.d);
    // Uniqueness: offsets 1..dense exactly, then the profile's offsets beyond.
    c.dense_offsets = std::min(n - 1, std::max(2L, budget / per_row));
    const Eigen::VectorXd dense = cosine_sums(w, 1, 1, c.dense_offsets);
    c.values.uniqueness_rows = n;
    c.values.min_distance = std::numeric_limits<double>::infinity();
    // docs/formulas.md Sec. 3: ||PE[p] - PE[p+r]||^2 = d - 2 sum_i cos(r w_i).
    const auto consider = [&](long r, double dot) {
      const double dist = std::sqrt(std::max(0.0, p.d - 2.0 * dot));
      if (dist < c.values.min_distance) {
        c.values.min_distance = dist;
        c.values.closest_p = p.start;
        c.values.closest_q = p.start + r;
      }
    };
    for (long r = 1; r <= c.dense_offsets; ++r) consider(r, dense[r - 1]);
    bool beyond = false;
    for (Eigen::Index k = 0; k < c.offsets.size(); ++k) {
      const long r = static_cast<long>(c.offsets[k]);
      if (r <= c.dense_offsets) continue;
      consider(r, profile_dots[k]);
      beyond = true;
    }
    c.offset_stride = beyond ? c.profile_stride : 1;
    c.uniqueness_exact = c.dense_offsets == n - 1 || c.profile_stride == 1;
    c.values.uniqueness_sampled = !c.uniqueness_exact;
    c.most_similar_offset = c.values.closest_q - c.values.closest_p;
  }
  report_progress(progress, 0.9);
  if (c.most_similar_offset > 0) {
    Eigen::VectorXd r(1);
    r << static_cast<double>(c.most_similar_offset);
    c.most_similar = sinusoidal_similarity_at_offsets(r, p.d, p.base, Metric::Cosine)[0];
  }
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
  // Uniqueness compares every pair of a sample: m^2 d multiply-adds in one matrix product,
  // about 30 times cheaper each than drawing a normal entry, hence the factor.
  const long sample =
      std::max(2L, static_cast<long>(std::sqrt(32.0 * static_cast<double>(budget) / per_row)));
  PropertyChecks c;
  // GPT-2 init: E||row||^2 = d * stddev^2.
  c.expected_norm = std::sqrt(static_cast<double>(p.d)) * p.stddev;
  if (n * per_row <= budget) {
    c.values = learned_properties(p, sample, [&](double f) {
      report_progress(progress, 0.7 * f);
      return true;
    });
    c.rows_checked = n;
    c.uniqueness_exact = !c.values.uniqueness_sampled;
    report_progress(progress, 0.7);
    long stride = 1;
    c.norm_positions = even_sample(p.start, n, profile_points, stride);
    c.norms = learned_rows(c.norm_positions, p).rowwise().norm();
    c.offsets = profile_offsets(n, profile_points, c.profile_stride);
    if (n > 0) {
      Eigen::VectorXd first(1);
      first << static_cast<double>(p.start);
      const Eigen::VectorXd others = c.offsets.array() + static_cast<double>(p.start);
      c.similarity =
          similarity_between(learned_rows(first, p), learned_rows(others, p), Metric::Cosine)
              .row(0)
              .transpose();
    }
  } else {
    // One set of rows serves every check: positions p0, p0 + 1, then every stride-th (about
    // budget / 2 entries drawn). Their norms are the chart, their cosines against p0 the
    // profile, and every pair of an evenly spaced part of them the uniqueness sample.
    if (p.table != nullptr) require_table_rows(*p.table, p.d, p.start, n);
    const long m = std::max(3L, std::min(profile_points, budget / (2 * per_row)));
    c.offsets = profile_offsets(n, m, c.profile_stride);
    const Eigen::Index rows = c.offsets.size();
    c.norm_positions = c.offsets.array() + static_cast<double>(p.start);
    c.row_stride = c.profile_stride;
    c.rows_checked = rows;
    const long every = ceil_div(static_cast<long>(rows), sample);
    const Eigen::Index kept = ceil_div(static_cast<long>(rows), every);
    Eigen::MatrixXd kept_rows(kept, p.d);
    c.uniqueness_positions.resize(kept);
    const Eigen::VectorXd first = learned_row(p.start, p.d, seed, p.stddev, p.table);
    const double first_norm = first.norm();
    Eigen::VectorXd dots(rows), max_abs(rows);
    c.norms.resize(rows);
    const double cells = static_cast<double>(rows) * static_cast<double>(p.d);
    split_over_threads(static_cast<long>(rows), parallel_threads(cells), [&](long r0, long r1) {
      for (long k = r0; k < r1; ++k) {
        const long pos = static_cast<long>(c.norm_positions[k]);
        const Eigen::VectorXd row = learned_row(pos, p.d, seed, p.stddev, p.table);
        c.norms[k] = row.norm();
        max_abs[k] = row.cwiseAbs().maxCoeff();
        dots[k] = row.dot(first);
        if (k % every == 0) {
          kept_rows.row(k / every) = row.transpose();
          c.uniqueness_positions[k / every] = static_cast<double>(pos);
        }
      }
    });
    stats_into(c.norms, max_abs, c.values);
    report_progress(progress, 0.6);
    // Cosine = a.b / (|a| |b|), 0 against a row of norm zero (as core/similarity).
    c.similarity.resize(rows);
    for (Eigen::Index k = 0; k < rows; ++k) {
      const double norms = first_norm * c.norms[k];
      c.similarity[k] = norms > 0.0 ? dots[k] / norms : 0.0;
    }
    closest_pair(kept_rows, c.uniqueness_positions, c.values);
    c.values.uniqueness_rows = kept;
    c.values.uniqueness_sampled = true;
    c.uniqueness_exact = false;
  }
  report_progress(progress, 0.9);
  for (Eigen::Index k = 1; k < c.offsets.size(); ++k) {
    if (c.most_similar_offset == 0 || c.similarity[k] > c.most_similar) {
      c.most_similar_offset = static_cast<long>(c.offsets[k]);
      c.most_similar = c.similarity[k];
    }
  }
  report_progress(progress, 1.0);
  finish_verdicts(c);
  return c;
}

}  // namespace peviz
