#include "similarity.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "angle_progression.hpp"
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
  // A large product on the machine's cores, a block of a's rows each (Eigen's blocked GEMM
  // on every block). Rows against themselves (&a == &b, a symmetric grid): only the blocks on
  // and below the diagonal, mirrored, about half the multiply-adds.
  Eigen::MatrixXd g(a.rows(), b.rows());
  const bool same = &a == &b;
  const long n = a.rows();
  const int threads = parallel_threads(static_cast<double>(n) * static_cast<double>(b.rows()) *
                                       static_cast<double>(a.cols()) / 64.0);
  if (!same) {
    split_over_threads(n, threads, [&](long r0, long r1) {
      g.middleRows(r0, r1 - r0).noalias() = a.middleRows(r0, r1 - r0) * b.transpose();
    });
  } else {
    // Row blocks [r0, r1) against rows [0, r1); a block's work grows with r1, so blocks go in
    // pairs of equal work (k and the last but k), the pairs shared out between the threads.
    constexpr long kBlocks = 16;
    const auto block = [&](long k) {
      const long r0 = n * k / kBlocks, r1 = n * (k + 1) / kBlocks;
      if (r1 > r0)
        g.block(r0, 0, r1 - r0, r1).noalias() =
            a.middleRows(r0, r1 - r0) * a.topRows(r1).transpose();
    };
    split_over_threads(kBlocks / 2, threads, [&](long p0, long p1) {
      for (long k = p0; k < p1; ++k) {
        block(k);
        block(kBlocks - 1 - k);
      }
    });
    for (long j = 1; j < n; ++j) {
      for (long i = 0; i < j; ++i) g(i, j) = g(j, i);
    }
  }
  if (metric == Metric::Cosine) {
    // g(i, j) times (1/|a_i| 1/|b_j|): one product of the two, so a grid of rows against
    // themselves stays symmetric to the bit.
    const Eigen::VectorXd ia = inverse_norms(a), ib = same ? ia : inverse_norms(b);
    for (Eigen::Index j = 0; j < g.cols(); ++j) {
      for (Eigen::Index i = 0; i < g.rows(); ++i) g(i, j) *= ia[i] * ib[j];
    }
  }
  return g;
}

Eigen::VectorXd sinusoidal_similarity_at_offsets(const Eigen::Ref<const Eigen::VectorXd>& offsets,
                                                 int d, double base, Metric metric) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const double scale = metric == Metric::Cosine ? 2.0 / d : 1.0;
  // Many evenly spaced offsets (a profile, a sampled grid): the same sum by rotations between
  // exact anchors (core/angle_progression), a few multiplications a term instead of a cos.
  if (static_cast<double>(offsets.size()) * static_cast<double>(w.size()) >= kParallelCells &&
      offsets.size() >= 2 * kAnchorStep && is_progression(offsets) &&
      offsets.cwiseAbs().maxCoeff() < 0x1p51) {
    return scale * cos_sum_progression(offsets[0], offsets[1] - offsets[0], offsets.size(), w,
                                       Eigen::VectorXd::Ones(w.size()));
  }
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
