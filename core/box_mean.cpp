#include "box_mean.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <unordered_map>

#include "learned.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// 2 pi as a double plus the rest (Cody and Waite's two-part constant for argument reduction).
constexpr double kTwoPiHi = 2.0 * std::numbers::pi;
constexpr double kTwoPiLo = 2.4492935982947064e-16;

// Rows per progress report.
constexpr Eigen::Index kBlock = 64;

void require_run(const PositionRun& r) {
  if (r.count < 1) {
    throw InvalidArgument("a run of positions needs at least one (got " + std::to_string(r.count) +
                          " from " + std::to_string(r.first) + ")");
  }
  require_positions(r.first, r.count, "a run of positions");
}

// x * w + its rounding error: sin(x w) to within rounding of the result, not of x w (the error
// term of a product is exact with a fused multiply-add).
struct Angle {
  double hi = 0.0, lo = 0.0;
};
Angle product(double x, double w) {
  const double hi = x * w;
  return {hi, std::fma(x, w, -hi)};
}
// sin(hi + lo) and cos(hi + lo) by the addition formulas; lo is at most half an ulp of hi,
// tiny for the positions of a screen (series to lo^5), up to 1 radian at 2^53.
double sin_lo(double lo) {
  return std::abs(lo) < 1e-5 ? lo - lo * lo * lo / 6.0 : std::sin(lo);
}
double cos_lo(double lo) {
  return std::abs(lo) < 1e-5 ? 1.0 - 0.5 * lo * lo : std::cos(lo);
}
double sin_of(Angle a) {
  return std::sin(a.hi) * cos_lo(a.lo) + std::cos(a.hi) * sin_lo(a.lo);
}
double cos_of(Angle a) {
  return std::cos(a.hi) * cos_lo(a.lo) - std::sin(a.hi) * sin_lo(a.lo);
}

// The run's middle position p0 + (n - 1)/2 (exact: a half-integer within 2^52).
double middle(long p0, long n) {
  return static_cast<double>(p0) + 0.5 * static_cast<double>(n - 1);
}

}  // namespace

std::vector<PositionRun> runs_from_samples(const Eigen::Ref<const Eigen::VectorXd>& starts,
                                           long stride, long last) {
  if (stride < 1)
    throw InvalidArgument("a stride must be at least 1 (got " + std::to_string(stride) + ")");
  std::vector<PositionRun> runs;
  runs.reserve(static_cast<std::size_t>(starts.size()));
  for (Eigen::Index k = 0; k < starts.size(); ++k) {
    const long p = std::lround(starts[k]);
    runs.push_back({p, std::max(1L, std::min(stride, last + 1 - p))});
  }
  return runs;
}

bool sinusoidal_stride_aliases(long stride) {
  // Nyquist-Shannon for the fastest pair, w_0 = 1: alias-free while 1 * stride < pi.
  return static_cast<double>(stride) >= std::numbers::pi;
}

double dirichlet_kernel(long n, double w) {
  if (n < 1)
    throw InvalidArgument("a Dirichlet kernel needs n >= 1 (got " + std::to_string(n) + ")");
  require_finite(w, "the frequency");
  if (n == 1) return 1.0;
  // Dirichlet kernel: D_n(w) = sin(n w/2) / sin(w/2). With w = 2 pi m + delta, |delta| <= pi,
  // D_n(w) = (-1)^{m(n-1)} sin(n delta/2) / sin(delta/2): the only 0/0 left is delta = 0.
  const double m = std::nearbyint(w / kTwoPiHi);
  const double delta = std::fma(-m, kTwoPiHi, w) - m * kTwoPiLo;
  const bool flip = std::fmod(std::abs(m), 2.0) == 1.0 && (n - 1) % 2 == 1;
  const double nd = static_cast<double>(n);
  const double half = 0.5 * delta;
  const double s = std::sin(half);
  const double d = s == 0.0 ? nd : std::clamp(std::sin(nd * half) / s, -nd, nd);
  return flip ? -d : d;
}

double sin_run_mean(long p0, long n, double w) {
  require_run({p0, n});
  if (n == 1) return std::sin(static_cast<double>(p0) * w);
  // Dirichlet kernel: sum_k sin((p0 + k) w) = D_n(w) sin((p0 + (n-1)/2) w).
  return dirichlet_kernel(n, w) / static_cast<double>(n) * sin_of(product(middle(p0, n), w));
}

double cos_run_mean(long p0, long n, double w) {
  require_run({p0, n});
  if (n == 1) return std::cos(static_cast<double>(p0) * w);
  // Dirichlet kernel: sum_k cos((p0 + k) w) = D_n(w) cos((p0 + (n-1)/2) w).
  return dirichlet_kernel(n, w) / static_cast<double>(n) * cos_of(product(middle(p0, n), w));
}

Eigen::MatrixXd sinusoidal_box_means(const std::vector<PositionRun>& runs,
                                     const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                     double base, Layout layout, const ProgressFn& progress) {
  require_even_dim(d);
  require_base(base);
  for (const PositionRun& r : runs) require_run(r);
  std::vector<ColumnRole> roles;
  roles.reserve(static_cast<std::size_t>(columns.size()));
  for (Eigen::Index c = 0; c < columns.size(); ++c)
    roles.push_back(column_role(columns[c], d, layout));
  // Vaswani et al. 2017, Sec. 3.5: w_i = base^(-2i/d), as core/sinusoidal computes it.
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const auto rows = static_cast<Eigen::Index>(runs.size());
  Eigen::MatrixXd out(rows, columns.size());
  for (Eigen::Index r0 = 0; r0 < rows; r0 += kBlock) {
    report_progress(progress, static_cast<double>(r0) / static_cast<double>(rows));
    const Eigen::Index r1 = std::min(rows, r0 + kBlock);
    for (Eigen::Index c = 0; c < columns.size(); ++c) {
      const ColumnRole role = roles[static_cast<std::size_t>(c)];
      const double wc = w[role.pair];
      long last_n = 0;
      double scale = 0.0;  // D_n(w) / n for the last run length seen (runs mostly share one)
      for (Eigen::Index r = r0; r < r1; ++r) {
        const PositionRun& run = runs[static_cast<std::size_t>(r)];
        if (run.count == 1) {
          const double angle = static_cast<double>(run.first) * wc;
          out(r, c) = role.is_cos ? std::cos(angle) : std::sin(angle);
          continue;
        }
        if (run.count != last_n) {
          last_n = run.count;
          scale = dirichlet_kernel(run.count, wc) / static_cast<double>(run.count);
        }
        const Angle a = product(middle(run.first, run.count), wc);
        out(r, c) = scale * (role.is_cos ? cos_of(a) : sin_of(a));
      }
    }
  }
  report_progress(progress, 1.0);
  return out;
}

Eigen::MatrixXd sinusoidal_similarity_box_means(const std::vector<PositionRun>& p_runs,
                                                const std::vector<PositionRun>& q_runs, int d,
                                                double base, Metric metric,
                                                const ProgressFn& progress) {
  for (const PositionRun& r : p_runs) require_run(r);
  for (const PositionRun& r : q_runs) require_run(r);
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const auto P = static_cast<Eigen::Index>(p_runs.size());
  const auto Q = static_cast<Eigen::Index>(q_runs.size());
  // A cell depends on its two run lengths and twice the offset of their middles (an integer),
  // 2 (mid P - mid Q) = 2 (p0 - q0) + n - m: each distinct one is evaluated once (evenly
  // spaced runs of one stride give O(|p| + |q|) of them, as a Toeplitz grid).
  struct Key {
    long n = 1, m = 1, twice_offset = 0;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = static_cast<std::uint64_t>(k.twice_offset) * 0x9E3779B97F4A7C15ULL;
      h ^= static_cast<std::uint64_t>(k.n) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
      h ^= static_cast<std::uint64_t>(k.m) + 0x85EBCA77C2B2AE63ULL + (h << 6) + (h >> 2);
      return static_cast<std::size_t>(h);
    }
  };
  // D_n(w_i) / n for every run length that occurs (a handful: the stride and the ends).
  std::vector<long> lengths;
  for (const PositionRun& r : p_runs) lengths.push_back(r.count);
  for (const PositionRun& r : q_runs) lengths.push_back(r.count);
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  Eigen::MatrixXd kernel(w.size(), static_cast<Eigen::Index>(lengths.size()));
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    for (Eigen::Index i = 0; i < w.size(); ++i)
      kernel(i, static_cast<Eigen::Index>(k)) =
          dirichlet_kernel(lengths[k], w[i]) / static_cast<double>(lengths[k]);
  }
  const auto column_of = [&](long n) {
    return static_cast<Eigen::Index>(std::lower_bound(lengths.begin(), lengths.end(), n) -
                                     lengths.begin());
  };
  // docs/formulas.md Sec. 3 (PE[p].PE[q] = sum_i cos((p-q) w_i), |PE|^2 = d/2) averaged over the
  // box with the Dirichlet kernel: sum_i D_n(w_i) D_m(w_i) cos((mid P - mid Q) w_i) / (n m).
  const double scale = metric == Metric::Cosine ? 2.0 / d : 1.0;
  const auto evaluate = [&](const Key& key) {
    const Eigen::Index a = column_of(key.n), b = column_of(key.m);
    const double offset = 0.5 * static_cast<double>(key.twice_offset);
    double sum = 0.0;
    if (key.n == 1 && key.m == 1) {
      for (Eigen::Index i = 0; i < w.size(); ++i) sum += std::cos(offset * w[i]);
    } else {
      for (Eigen::Index i = 0; i < w.size(); ++i)
        sum += kernel(i, a) * kernel(i, b) * cos_of(product(offset, w[i]));
    }
    return scale * sum;
  };
  std::unordered_map<Key, double, KeyHash> done;
  Eigen::MatrixXd out(P, Q);
  for (Eigen::Index i = 0; i < P; ++i) {
    report_progress(progress, static_cast<double>(i) / static_cast<double>(P));
    const PositionRun& p = p_runs[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < Q; ++j) {
      const PositionRun& q = q_runs[static_cast<std::size_t>(j)];
      // cos is even and the kernels commute: (n, m, t) and (m, n, -t) are one value.
      const long t = 2 * (p.first - q.first) + p.count - q.count;
      const bool swap = p.count > q.count || (p.count == q.count && t < 0);
      const Key key = swap ? Key{q.count, p.count, -t} : Key{p.count, q.count, t};
      auto it = done.find(key);
      if (it == done.end()) it = done.emplace(key, evaluate(key)).first;
      out(i, j) = it->second;
    }
  }
  report_progress(progress, 1.0);
  return out;
}

double learned_box_entries(const std::vector<PositionRun>& runs,
                           const Eigen::Ref<const Eigen::VectorXi>& columns) {
  double positions = 0.0;
  for (const PositionRun& r : runs) positions += static_cast<double>(r.count);
  return positions * static_cast<double>(columns.size());
}

Eigen::MatrixXd learned_box_means(const std::vector<PositionRun>& runs,
                                  const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                  std::uint64_t seed, double stddev, const PositionTable* table,
                                  const ProgressFn& progress) {
  for (const PositionRun& r : runs) require_run(r);
  const auto rows = static_cast<Eigen::Index>(runs.size());
  Eigen::MatrixXd out(rows, columns.size());
  // A run's cells as core/learned.hpp draws (or reads) them, a bounded slab at a time.
  constexpr long kSlab = 4096;
  for (Eigen::Index r = 0; r < rows; ++r) {
    if (r % 8 == 0) report_progress(progress, static_cast<double>(r) / static_cast<double>(rows));
    const PositionRun& run = runs[static_cast<std::size_t>(r)];
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(columns.size());
    for (long p = run.first; p < run.first + run.count; p += kSlab) {
      const long n = std::min(kSlab, run.first + run.count - p);
      const Eigen::VectorXd at =
          Eigen::VectorXd::LinSpaced(n, static_cast<double>(p), static_cast<double>(p + n - 1));
      sum += learned_cells(at, columns, d, seed, stddev, table).colwise().sum().transpose();
    }
    out.row(r) = sum.transpose() / static_cast<double>(run.count);
  }
  report_progress(progress, 1.0);
  return out;
}

}  // namespace peviz
