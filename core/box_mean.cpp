#include "box_mean.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <string>
#include <tuple>

#include "angle_progression.hpp"
#include "learned.hpp"
#include "parallel.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// 2 pi as a double plus the rest (Cody and Waite's two-part constant for argument reduction).
constexpr double kTwoPiHi = 2.0 * std::numbers::pi;
constexpr double kTwoPiLo = 2.4492935982947064e-16;

void require_run(const PositionRun& r) {
  if (r.count < 1) {
    throw InvalidArgument("a run of positions needs at least one (got " + std::to_string(r.count) +
                          " from " + std::to_string(r.first) + ")");
  }
  require_positions(r.first, r.count, "a run of positions");
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
  return dirichlet_kernel(n, w) / static_cast<double>(n) * sin_of(exact_angle(middle(p0, n), w));
}

double cos_run_mean(long p0, long n, double w) {
  require_run({p0, n});
  if (n == 1) return std::cos(static_cast<double>(p0) * w);
  // Dirichlet kernel: sum_k cos((p0 + k) w) = D_n(w) cos((p0 + (n-1)/2) w).
  return dirichlet_kernel(n, w) / static_cast<double>(n) * cos_of(exact_angle(middle(p0, n), w));
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
  // Evenly spaced runs of one length (a level of detail's rows, but perhaps the last): their
  // middles are a progression, whose sines and cosines core/angle_progression rotates to.
  Eigen::Index even = 0;
  if (rows >= 2 * kAnchorStep) {
    const long n = runs[0].count, step = runs[1].first - runs[0].first;
    even = 1;
    while (even < rows && runs[static_cast<std::size_t>(even)].count == n &&
           runs[static_cast<std::size_t>(even)].first == runs[0].first + even * step)
      ++even;
    if (n == 1 || even < 2 * kAnchorStep) even = 0;
  }
  const auto fill = [&](Eigen::Index c0, Eigen::Index c1, bool report) {
    std::vector<double> sines(static_cast<std::size_t>(even)), cosines(sines.size());
    for (Eigen::Index c = c0; c < c1; ++c) {
      if (report)
        report_progress(progress, static_cast<double>(c - c0) / static_cast<double>(c1 - c0));
      const ColumnRole role = roles[static_cast<std::size_t>(c)];
      const double wc = w[role.pair];
      long last_n = 0;
      double scale = 0.0;  // D_n(w) / n for the last run length seen (runs mostly share one)
      if (even > 0) {
        const PositionRun& r0 = runs[0];
        last_n = r0.count;
        scale = dirichlet_kernel(r0.count, wc) / static_cast<double>(r0.count);
        sincos_progression(middle(r0.first, r0.count),
                           static_cast<double>(runs[1].first - r0.first), even, wc, sines.data(),
                           cosines.data());
        const double* v = role.is_cos ? cosines.data() : sines.data();
        for (Eigen::Index r = 0; r < even; ++r) out(r, c) = scale * v[r];
      }
      for (Eigen::Index r = even; r < rows; ++r) {
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
        const ExactAngle a = exact_angle(middle(run.first, run.count), wc);
        out(r, c) = scale * (role.is_cos ? cos_of(a) : sin_of(a));
      }
    }
  };
  // Columns shared out between the cores; the caller's part reports progress (and stops there
  // when asked: the other parts are joined first).
  const int threads =
      parallel_threads(static_cast<double>(rows) * static_cast<double>(columns.size()));
  split_over_threads(columns.size(), threads, [&](long c0, long c1) { fill(c0, c1, c0 == 0); });
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
        sum += kernel(i, a) * kernel(i, b) * cos_of(exact_angle(offset, w[i]));
    }
    return scale * sum;
  };
  // Runs grouped by length; a cell's value depends on its two groups and on u - v, where u =
  // 2 p0 + n and v = 2 q0 + m (so t = u - v). Two groups of evenly spaced runs of one step have
  // evenly spaced t, |U| + |V| - 1 of them: their sums come by rotations between exact anchors
  // (core/angle_progression, on the cores), a few multiplications a term. Other cells (runs
  // spaced unevenly) are each their own sum, computed once per distinct key.
  struct Group {
    long count = 1;
    std::vector<Eigen::Index> at;  // indices of the runs
    long step = 0;                 // u's step when evenly spaced (0: one run or uneven)
    bool even = true;
  };
  const auto group = [](const std::vector<PositionRun>& runs) {
    std::vector<Group> groups;
    for (std::size_t k = 0; k < runs.size(); ++k) {
      auto g = std::find_if(groups.begin(), groups.end(),
                            [&](const Group& x) { return x.count == runs[k].count; });
      if (g == groups.end()) g = groups.insert(groups.end(), Group{runs[k].count, {}, 0, true});
      g->at.push_back(static_cast<Eigen::Index>(k));
    }
    for (Group& g : groups) {
      if (g.at.size() < 2) continue;
      const auto u = [&](std::size_t k) {
        return 2 * runs[static_cast<std::size_t>(g.at[k])].first;
      };
      g.step = u(1) - u(0);
      for (std::size_t k = 2; g.even && k < g.at.size(); ++k)
        g.even = u(k) - u(0) == static_cast<long>(k) * g.step;
      g.even = g.even && g.step > 0;
    }
    return groups;
  };
  const std::vector<Group> p_groups = group(p_runs), q_groups = group(q_runs);
  Eigen::MatrixXd out(P, Q);
  std::map<std::tuple<long, long, long>, double> done;  // the uneven cells' distinct keys
  const auto uneven = [&](const PositionRun& p, const PositionRun& q) {
    // cos is even and the kernels commute: (n, m, t) and (m, n, -t) are one value.
    const long t = 2 * (p.first - q.first) + p.count - q.count;
    const bool swap = p.count > q.count || (p.count == q.count && t < 0);
    const Key key = swap ? Key{q.count, p.count, -t} : Key{p.count, q.count, t};
    const auto k = std::make_tuple(key.n, key.m, key.twice_offset);
    auto it = done.find(k);
    if (it == done.end()) it = done.emplace(k, evaluate(key)).first;
    return it->second;
  };
  double cells_done = 0.0;
  for (const Group& gp : p_groups) {
    for (const Group& gq : q_groups) {
      report_progress(progress, cells_done / (static_cast<double>(P) * static_cast<double>(Q)));
      cells_done += static_cast<double>(gp.at.size()) * static_cast<double>(gq.at.size());
      const long step = gp.step > 0 ? gp.step : gq.step;
      const auto K = static_cast<long>(gp.at.size() + gq.at.size()) - 1;
      const bool even = gp.even && gq.even &&
                        (gp.step == 0 || gq.step == 0 || gp.step == gq.step) && step > 0 &&
                        K >= 2 * kAnchorStep && (gp.count > 1 || gq.count > 1);
      if (!even) {
        for (const Eigen::Index i : gp.at) {
          for (const Eigen::Index j : gq.at)
            out(i, j) =
                uneven(p_runs[static_cast<std::size_t>(i)], q_runs[static_cast<std::size_t>(j)]);
        }
        continue;
      }
      // t = u_i - v_j runs from u_first - v_last in steps of `step`.
      const auto u = [&](Eigen::Index i) {
        return 2 * p_runs[static_cast<std::size_t>(i)].first + gp.count;
      };
      const auto v = [&](Eigen::Index j) {
        return 2 * q_runs[static_cast<std::size_t>(j)].first + gq.count;
      };
      const long t0 = u(gp.at.front()) - v(gq.at.back());
      // D_n(w_i) D_m(w_i) / (n m) cos(offset w_i), summed over i (the order of `evaluate`).
      const Eigen::VectorXd weights =
          kernel.col(column_of(gp.count)).cwiseProduct(kernel.col(column_of(gq.count)));
      const Eigen::VectorXd sums =
          scale * cos_sum_progression(0.5 * static_cast<double>(t0),
                                      0.5 * static_cast<double>(step), K, w, weights);
      for (const Eigen::Index j : gq.at) {
        const long vj = v(j);
        for (const Eigen::Index i : gp.at) out(i, j) = sums[(u(i) - vj - t0) / step];
      }
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
