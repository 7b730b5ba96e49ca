#include "sinusoidal.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "parallel.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

void check(int d, double base) {
  require_even_dim(d);
  require_base(base);
}

// Positions per anchor: a run of consecutive positions is rotated from sin/cos of the exact
// angle at the multiples of kAnchor before it, by a step k w (k < kAnchor) from a table.
constexpr long kAnchor = 64;
// Matrices of at least this many cells are rotated; smaller ones use the direct formula and
// equal sinusoidal_rows bit for bit.
constexpr double kRotateCells = 1 << 18;

long floor_div(long a, long b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

// a * b = p + e exactly. Dekker 1971, "A floating-point technique for extending the available
// precision", Numer. Math. 18: Veltkamp's split into 26-bit halves, then the error term.
void two_product(double a, double b, double& p, double& e) {
  p = a * b;
#if defined(__FMA__)
  e = std::fma(a, b, -p);
#else
  constexpr double kSplit = 134217729.0;  // 2^27 + 1
  const double ca = kSplit * a, ah = ca - (ca - a), al = a - ah;
  const double cb = kSplit * b, bh = cb - (cb - b), bl = b - bh;
  e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
}

// sin and cos of the exact angle position * w: the product is not rounded to a double first.
struct SinCos {
  double sin = 0.0;
  double cos = 1.0;
};
SinCos exact_angle_sincos(double position, double w) {
  double hi = 0.0, lo = 0.0;
  two_product(position, w, hi, lo);
  const double s = std::sin(hi), c = std::cos(hi);
  if (lo == 0.0) return {s, c};
  // sin(hi + lo) = sin hi cos lo + cos hi sin lo; below 2^-27, cos lo rounds to 1 and sin lo
  // to lo (Taylor: the next terms are under 2^-55).
  if (std::abs(lo) < 0x1p-27) return {s + c * lo, c - s * lo};
  const double sl = std::sin(lo), cl = std::cos(lo);
  return {s * cl + c * sl, c * cl - s * sl};
}

// Pairs [i0, i1) of the n x d encoding (column-major) of positions start .. start + n - 1.
void fill_encoding(double* out, long n, long start, const Eigen::VectorXd& w, int d, Layout layout,
                   bool rotate, long i0, long i1) {
  for (long i = i0; i < i1; ++i) {
    const int pair = static_cast<int>(i);
    double* sin_col = out + static_cast<std::ptrdiff_t>(sin_column(pair, d, layout)) * n;
    double* cos_col = out + static_cast<std::ptrdiff_t>(cos_column(pair, d, layout)) * n;
    if (rotate) {
      sinusoidal_run(w[i], start, n, sin_col, cos_col);
      continue;
    }
    for (long r = 0; r < n; ++r) {
      // Vaswani et al. 2017, Sec. 3.5, cell by cell.
      const double angle = static_cast<double>(start + r) * w[i];
      sin_col[r] = std::sin(angle);
      cos_col[r] = std::cos(angle);
    }
  }
}

}  // namespace

// AVX2 where the processor has it (picked when the program loads): the same element-wise
// operations without FMA contraction, so the same bits, twice as many per instruction.
[[gnu::target_clones("avx2", "default")]] void sinusoidal_run(double w, long first, long count,
                                                              double* sin_out, double* cos_out) {
  if (count <= 0) return;
  const double last = static_cast<double>(first) + static_cast<double>(count - 1);
  const double largest = std::max(std::abs(static_cast<double>(first)), std::abs(last));
  // The correction below needs |p| < 2^26 (p w = prod + e from p * w_hi exactly) and an
  // angle under 2^25 (then |e| < 2^-28 and e^2 vanishes); beyond, the direct formula.
  if (largest >= 0x1p26 || !(largest * std::abs(w) < 0x1p25)) {
    for (long k = 0; k < count; ++k) {
      // Vaswani et al. 2017, Sec. 3.5, cell by cell.
      const double angle = static_cast<double>(first + k) * w;
      sin_out[k] = std::sin(angle);
      cos_out[k] = std::cos(angle);
    }
    return;
  }
  // The step table covers only the offsets from an anchor that the run uses.
  const long last_p = first + count - 1;
  const bool one_block = floor_div(first, kAnchor) == floor_div(last_p, kAnchor);
  const long k_lo = one_block ? first - floor_div(first, kAnchor) * kAnchor : 0;
  const long k_hi = one_block ? last_p - floor_div(last_p, kAnchor) * kAnchor : kAnchor - 1;
  std::array<double, kAnchor> step_sin{}, step_cos{}, step{};
  for (long k = k_lo; k <= k_hi; ++k) {
    const auto j = static_cast<std::size_t>(k);
    const SinCos sc = exact_angle_sincos(static_cast<double>(k), w);
    step_sin[j] = sc.sin;
    step_cos[j] = sc.cos;
    step[j] = static_cast<double>(k);
  }
#if !defined(__FMA__)
  constexpr double kSplit = 134217729.0;  // Veltkamp: w = w_hi + w_lo, 26 bits each
  const double cw = kSplit * w, w_hi = cw - (cw - w), w_lo = w - w_hi;
#endif
  for (long r = 0; r < count;) {
    const long p = first + r;
    const long anchor = floor_div(p, kAnchor) * kAnchor;
    const long k0 = p - anchor;
    const long len = std::min(kAnchor - k0, count - r);
    const SinCos a = exact_angle_sincos(static_cast<double>(anchor), w);
    const double anchor_d = static_cast<double>(anchor);
    const double* ss = step_sin.data() + k0;
    const double* cs = step_cos.data() + k0;
    const double* ks = step.data() + k0;
    double* so = sin_out + r;
    double* co = cos_out + r;
    for (long k = 0; k < len; ++k) {
      const double pos = anchor_d + ks[k];
      const double prod = pos * w;  // the direct formula's angle fl(p w)
#if defined(__FMA__)
      const double e = std::fma(pos, w, -prod);
#else
      // Dekker 1971: p w = prod + e exactly, p having at most 26 bits.
      const double e = (pos * w_hi - prod) + pos * w_lo;
#endif
      // sin(a + b) = sin a cos b + cos a sin b, cos(a + b) = cos a cos b - sin a sin b:
      // the exact angle p w, then back by e to fl(p w) (sin e = e, cos e = 1 at |e| < 2^-28).
      const double s = a.sin * cs[k] + a.cos * ss[k];
      const double c = a.cos * cs[k] - a.sin * ss[k];
      so[k] = s - c * e;
      co[k] = c + s * e;
    }
    r += len;
  }
}

Eigen::VectorXd sinusoidal_frequencies(int d, double base) {
  check(d, base);
  Eigen::VectorXd w(d / 2);
  // Vaswani et al. 2017, Sec. 3.5: w_i = 1 / base^(2i/d).
  for (int i = 0; i < d / 2; ++i) w[i] = std::pow(base, -2.0 * i / d);
  return w;
}

Eigen::VectorXd sinusoidal_wavelengths(int d, double base) {
  check(d, base);
  Eigen::VectorXd lambda(d / 2);
  // Vaswani et al. 2017, Sec. 3.5: wavelengths 2*pi*base^(2i/d), a geometric progression.
  for (int i = 0; i < d / 2; ++i) lambda[i] = 2.0 * std::numbers::pi * std::pow(base, 2.0 * i / d);
  return lambda;
}

ColumnRole column_role(int column, int d, Layout layout) {
  require_even_dim(d);
  if (column < 0 || column >= d) {
    throw InvalidArgument("column " + std::to_string(column) + " is outside 0.." +
                          std::to_string(d - 1));
  }
  if (layout == Layout::Interleaved) return {column / 2, column % 2 == 1};
  const int h = d / 2;
  return {column % h, column >= h};
}

int sin_column(int pair, int /*d*/, Layout layout) {
  return layout == Layout::Interleaved ? 2 * pair : pair;
}

int cos_column(int pair, int d, Layout layout) {
  return layout == Layout::Interleaved ? 2 * pair + 1 : pair + d / 2;
}

Eigen::MatrixXd sinusoidal_rows(const Eigen::Ref<const Eigen::VectorXd>& positions, int d,
                                double base, Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const Eigen::Index n = positions.size();
  Eigen::MatrixXd pe(n, d);
  for (int i = 0; i < d / 2; ++i) {
    const int cs = sin_column(i, d, layout);
    const int cc = cos_column(i, d, layout);
    for (Eigen::Index r = 0; r < n; ++r) {
      const double angle = positions[r] * w[i];
      pe(r, cs) = std::sin(angle);
      pe(r, cc) = std::cos(angle);
    }
  }
  return pe;
}

Eigen::MatrixXd sinusoidal_cells(const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                 double base, Layout layout) {
  check(d, base);
  Eigen::MatrixXd out(positions.size(), columns.size());
  for (Eigen::Index c = 0; c < columns.size(); ++c) {
    const ColumnRole role = column_role(columns[c], d, layout);
    // Vaswani et al. 2017, Sec. 3.5, one column at a time.
    const double w = std::pow(base, -2.0 * role.pair / d);
    for (Eigen::Index r = 0; r < positions.size(); ++r) {
      const double angle = positions[r] * w;
      out(r, c) = role.is_cos ? std::cos(angle) : std::sin(angle);
    }
  }
  return out;
}

Eigen::MatrixXd sinusoidal_encoding(const SinusoidalParams& params) {
  require_positions(params.start, params.positions);
  const Eigen::VectorXd w = sinusoidal_frequencies(params.d, params.base);
  const long n = params.positions;
  const double cells = static_cast<double>(n) * params.d;
  Eigen::MatrixXd pe(n, params.d);
  const bool rotate = cells >= kRotateCells;
  // One part of the pairs per thread (each pair is two whole columns).
  split_over_threads(params.d / 2, parallel_threads(cells), [&](long b, long e) {
    fill_encoding(pe.data(), n, params.start, w, params.d, params.layout, rotate, b, e);
  });
  return pe;
}

SinusoidalCell sinusoidal_cell(double position, int column, int d, double base, Layout layout) {
  check(d, base);
  const ColumnRole role = column_role(column, d, layout);
  SinusoidalCell c;
  c.position = position;
  c.column = column;
  c.pair = role.pair;
  c.is_cos = role.is_cos;
  c.exponent = 2.0 * role.pair / d;
  c.frequency = std::pow(base, -c.exponent);
  c.angle = position * c.frequency;
  c.value = role.is_cos ? std::cos(c.angle) : std::sin(c.angle);
  return c;
}

const char* layout_name(Layout layout) {
  const auto i = static_cast<std::size_t>(layout);
  return i < kLayoutNames.size() ? kLayoutNames[i] : "concat";
}

}  // namespace peviz
