// Box means: the exact mean of the encoding, or of its similarity grid, over a run of
// consecutive positions, for pictures where one pixel covers many positions (a sample per
// pixel would alias the fast dimensions into moire patterns that are not there).
// Sources: Vaswani et al., "Attention Is All You Need", arXiv:1706.03762, Sec. 3.5 (the PE), and
// the Dirichlet kernel identity (a geometric sum of e^{i(a + k w)}, e.g. Zygmund, "Trigonometric
// Series", Ch. II):
//   sum_{k=0}^{n-1} sin(a + k w) = D_n(w) sin(a + (n-1) w/2),  D_n(w) = sin(n w/2) / sin(w/2),
//   sum_{k=0}^{n-1} cos(a + k w) = D_n(w) cos(a + (n-1) w/2),
// and D_n(w) -> (-1)^{m(n-1)} n as w -> 2 pi m. With a = p0 w the phase is the run's middle
// position times w. For the sinusoidal similarity (core/similarity.hpp: cosine(p, q) =
// (2/d) sum_i cos((p - q) w_i)), the mean over a box P x Q of n x m positions is, per pair,
//   (1 / (n m)) sum_{p in P, q in Q} cos((p - q) w) = D_n(w) D_m(w) cos((mid P - mid Q) w) / (n m)
// (the product of the two geometric sums, real part). Shapes: rows are runs of positions,
// columns are dimensions (encoding) or runs of positions (similarity).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "learned_table.hpp"
#include "progress.hpp"
#include "similarity.hpp"
#include "sinusoidal.hpp"

namespace peviz {

// The positions first, first + 1, ..., first + count - 1 (count >= 1).
struct PositionRun {
  long first = 0;
  long count = 1;
};

// The runs evenly spaced samples stand for (a level of detail's rows): starts[k] .. starts[k] +
// stride - 1, each cut at `last` (stride >= 1, starts increasing integers <= last).
std::vector<PositionRun> runs_from_samples(const Eigen::Ref<const Eigen::VectorXd>& starts,
                                           long stride, long last);

// Whether one sample every `stride` positions misdraws sinusoidal PE: a sample grid of step s
// shows sin(w p) faithfully only while w s < pi (Nyquist-Shannon), and the fastest pair turns at
// w_0 = base^0 = 1 rad per position (Vaswani et al. Sec. 3.5) whatever d and base: strides 1..3
// are faithful, from 4 on the fast pairs alias (a picture shows box means instead).
bool sinusoidal_stride_aliases(long stride);

// D_n(w) = sin(n w/2) / sin(w/2) for n >= 1 and any finite w, with its limit (-1)^{m(n-1)} n at
// w = 2 pi m: w is reduced to w - 2 pi m in [-pi, pi] first (the sign taken out exactly), so
// that w near a multiple of 2 pi loses no digits. |D_n| <= n; D_1 = 1.
double dirichlet_kernel(long n, double w);
// The mean of sin((p0 + k) w), and of cos((p0 + k) w), over k = 0..n-1 (n >= 1): O(1). A run of
// one position is sin(p0 w) (cos(p0 w)) as written.
double sin_run_mean(long p0, long n, double w);
double cos_run_mean(long p0, long n, double w);

// Cell (r, c) = the mean of PE(p, columns[c]) over p in runs[r] (Vaswani et al. Sec. 3.5, any
// layout): |runs| x |columns|, O(1) per cell. Reports progress between blocks of rows (throws
// Cancelled when it asks to stop).
Eigen::MatrixXd sinusoidal_box_means(const std::vector<PositionRun>& runs,
                                     const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                     double base, Layout layout, const ProgressFn& progress = {});

// Cell (r, c) = the mean of the sinusoidal similarity (cosine or dot) of p and q over p in
// p_runs[r], q in q_runs[c]: |p_runs| x |q_runs|, O(d/2) per distinct (run lengths, middle
// offset) of the cells, so evenly spaced runs cost O((|p| + |q|) d) like a Toeplitz grid.
Eigen::MatrixXd sinusoidal_similarity_box_means(const std::vector<PositionRun>& p_runs,
                                                const std::vector<PositionRun>& q_runs, int d,
                                                double base, Metric metric,
                                                const ProgressFn& progress = {});

// The table entries learned_box_means reads: the positions the runs cover times the columns.
double learned_box_entries(const std::vector<PositionRun>& runs,
                           const Eigen::Ref<const Eigen::VectorXi>& columns);
// Cell (r, c) = the mean of the learned table's entry (core/learned.hpp: seeded N(0, stddev^2)
// init or a real table) at dimension columns[c] over p in runs[r]; no closed form, so it costs
// learned_box_entries (O(1) each). Reports progress between blocks of rows.
Eigen::MatrixXd learned_box_means(const std::vector<PositionRun>& runs,
                                  const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                  std::uint64_t seed, double stddev = 0.02,
                                  const PositionTable* table = nullptr,
                                  const ProgressFn& progress = {});

}  // namespace peviz
