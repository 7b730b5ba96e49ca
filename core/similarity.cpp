#include "similarity.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "parallel.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// Reciprocal row norms; 0 for a zero row so that its cosine is 0, not NaN.
Eigen::VectorXd inverse_norms(const Eigen::MatrixXd& e) {
  Eigen::VectorXd inv = e.rowwise().norm();
  for (Eigen::Index i = 0; i < inv.size(); ++i) inv[i] = inv[i] > 0.0 ? 1.0 / inv[i] : 0.0;
  return inv;
}

// Profiles of at least this many cosines are summed from sinusoidal_run (rotations, within
// a few ulp of each cosine); smaller ones call std::cos for every term.
constexpr double kRotateTerms = 1 << 16;
// Offsets per part of the rotated profile (its sums stay in the first-level cache).
constexpr long kProfileChunk = 1024;

}  // namespace

Eigen::MatrixXd similarity_grid(const Eigen::MatrixXd& encoding, Metric metric) {
  Eigen::MatrixXd g = encoding * encoding.transpose();
  if (metric == Metric::Cosine) {
    const Eigen::VectorXd inv = inverse_norms(encoding);
    g = inv.asDiagonal() * g * inv.asDiagonal();
  }
  return g;
}

Eigen::VectorXd similarity_row(const Eigen::MatrixXd& encoding, Eigen::Index row, Metric metric) {
  if (row < 0 || row >= encoding.rows()) {
    throw InvalidArgument("row " + std::to_string(row) + " is outside the " +
                          std::to_string(encoding.rows()) + " positions");
  }
  Eigen::VectorXd s = encoding * encoding.row(row).transpose();
  if (metric == Metric::Cosine) {
    const Eigen::VectorXd inv = inverse_norms(encoding);
    s = s.cwiseProduct(inv) * inv[row];
  }
  return s;
}

Eigen::VectorXd sinusoidal_offset_profile(int d, double base, long max_offset, Metric metric) {
  require_count(max_offset, "the largest offset");
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const long n = max_offset + 1;
  Eigen::VectorXd profile(n);
  // docs/formulas.md Sec. 3: PE[p].PE[q] = sum_i cos((p-q) w_i); cosine divides by |PE|^2 = d/2.
  const double scale = metric == Metric::Cosine ? 2.0 / d : 1.0;
  const double terms = static_cast<double>(n) * static_cast<double>(w.size());
  if (terms < kRotateTerms) {
    for (long r = 0; r < n; ++r) {
      double sum = 0.0;
      for (Eigen::Index i = 0; i < w.size(); ++i) sum += std::cos(static_cast<double>(r) * w[i]);
      profile[r] = scale * sum;
    }
    return profile;
  }
  // The same sums in the same order (i = 0, 1, ...), kProfileChunk offsets at a time, each
  // frequency's cosines for the chunk from one sinusoidal_run.
  const long chunks = (n + kProfileChunk - 1) / kProfileChunk;
  split_over_threads(chunks, parallel_threads(terms), [&](long b, long e) {
    std::vector<double> sum(kProfileChunk), sines(kProfileChunk), cosines(kProfileChunk);
    for (long chunk = b; chunk < e; ++chunk) {
      const long first = chunk * kProfileChunk;
      const long len = std::min(kProfileChunk, n - first);
      std::fill(sum.begin(), sum.end(), 0.0);
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        sinusoidal_run(w[i], first, len, sines.data(), cosines.data());
        for (long k = 0; k < len; ++k) sum[k] += cosines[k];
      }
      for (long k = 0; k < len; ++k) profile[first + k] = scale * sum[k];
    }
  });
  return profile;
}

Eigen::MatrixXd sinusoidal_similarity_grid(const SinusoidalParams& params, Metric metric) {
  require_count(params.positions, "the number of positions");
  const long n = params.positions;
  const Eigen::VectorXd profile =
      sinusoidal_offset_profile(params.d, params.base, n > 0 ? n - 1 : 0, metric);
  // g(i, j) = profile[|i - j|]: column j is the slice starting at n - 1 - j of
  // profile[n-1], ..., profile[1], profile[0], profile[1], ..., profile[n-1].
  std::vector<double> both(static_cast<std::size_t>(std::max(2 * n - 1, 0L)));
  for (long m = 0; m < 2 * n - 1; ++m) both[m] = profile[std::abs(m - (n - 1))];
  Eigen::MatrixXd g(n, n);
  split_over_threads(n, parallel_threads(static_cast<double>(n) * n / 16), [&](long b, long e) {
    for (long j = b; j < e; ++j) {
      const double* from = both.data() + (n - 1 - j);
      std::copy(from, from + n, g.data() + j * n);
    }
  });
  return g;
}

Eigen::MatrixXd similarity_between(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                   Metric metric) {
  if (a.cols() != b.cols()) {
    throw InvalidArgument("similarity_between: " + std::to_string(a.cols()) + " and " +
                          std::to_string(b.cols()) + " columns");
  }
  Eigen::MatrixXd g = a * b.transpose();
  if (metric == Metric::Cosine)
    g = inverse_norms(a).asDiagonal() * g * inverse_norms(b).asDiagonal();
  return g;
}

Eigen::VectorXd sinusoidal_similarity_at_offsets(const Eigen::Ref<const Eigen::VectorXd>& offsets,
                                                 int d, double base, Metric metric) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const double scale = metric == Metric::Cosine ? 2.0 / d : 1.0;
  Eigen::VectorXd out(offsets.size());
  for (Eigen::Index k = 0; k < offsets.size(); ++k) {
    // docs/formulas.md Sec. 3: PE[p].PE[q] = sum_i cos((p-q) w_i).
    double sum = 0.0;
    for (Eigen::Index i = 0; i < w.size(); ++i) sum += std::cos(offsets[k] * w[i]);
    out[k] = scale * sum;
  }
  return out;
}

Eigen::MatrixXd sinusoidal_similarity_between(const Eigen::Ref<const Eigen::VectorXd>& p,
                                              const Eigen::Ref<const Eigen::VectorXd>& q, int d,
                                              double base, Metric metric) {
  std::vector<double> offsets;
  offsets.reserve(static_cast<std::size_t>(p.size() * q.size()));
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    for (Eigen::Index j = 0; j < q.size(); ++j) offsets.push_back(std::abs(p[i] - q[j]));
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  const Eigen::VectorXd values = sinusoidal_similarity_at_offsets(
      Eigen::Map<const Eigen::VectorXd>(offsets.data(), static_cast<Eigen::Index>(offsets.size())),
      d, base, metric);
  Eigen::MatrixXd g(p.size(), q.size());
  for (Eigen::Index j = 0; j < q.size(); ++j) {
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      const auto it = std::lower_bound(offsets.begin(), offsets.end(), std::abs(p[i] - q[j]));
      g(i, j) = values[it - offsets.begin()];
    }
  }
  return g;
}

const char* metric_name(Metric metric) {
  return metric == Metric::Cosine ? "cosine" : "dot";
}

}  // namespace peviz
