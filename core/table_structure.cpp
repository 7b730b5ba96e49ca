#include "table_structure.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <numbers>
#include <random>
#include <string>

#include "parallel.hpp"
#include "validate.hpp"

namespace peviz {

namespace {

using cd = std::complex<double>;

void require_table(const Eigen::Ref<const Eigen::MatrixXd>& table, const char* what) {
  if (table.rows() == 0 || table.cols() == 0)
    throw InvalidArgument(std::string(what) + ": the table is empty");
  if (!table.allFinite())
    throw InvalidArgument(std::string(what) + ": the table holds NaN or infinity");
}

// exp(-2 pi i j / n), from the exact angle (not by repeated multiplication): exact to an ulp.
cd unit_root(std::size_t j, std::size_t n) {
  return std::polar(1.0, -2 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(n));
}

// In-place iterative radix-2 FFT (Cooley and Tukey 1965) of n = a power of two values, with
// w[j] = exp(-2 pi i j / n) for j < n / 2 and rev the bit-reversal permutation of 0..n-1; no
// division by N. The complex products are written out (std::complex's operator* checks for NaN
// on every product).
void fft_pow2(cd* a, std::size_t n, const std::vector<cd>& w,
              const std::vector<std::uint32_t>& rev) {
  for (std::size_t i = 0; i < n; ++i)
    if (i < rev[i]) std::swap(a[i], a[rev[i]]);
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const std::size_t half = len / 2, step = n / len;
    for (std::size_t i = 0; i < n; i += len) {
      cd* lo = a + i;
      cd* hi = a + i + half;
      for (std::size_t k = 0; k < half; ++k) {
        const double wr = w[k * step].real(), wi = w[k * step].imag();
        const double hr = hi[k].real(), hi_i = hi[k].imag();
        const double vr = hr * wr - hi_i * wi, vi = hr * wi + hi_i * wr;
        const double ur = lo[k].real(), ui = lo[k].imag();
        lo[k] = cd(ur + vr, ui + vi);
        hi[k] = cd(ur - vr, ui - vi);
      }
    }
  }
}

// The bit-reversal permutation of 0..n-1, n a power of two.
std::vector<std::uint32_t> bit_reversal(std::size_t n) {
  std::vector<std::uint32_t> rev(n, 0);
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    rev[i] = static_cast<std::uint32_t>(j);
  }
  return rev;
}

// The DFT of one length n, planned once (twiddles, and for Bluestein the chirp and its FFT) and
// run on many vectors. Not shared between threads: run() uses the plan's scratch.
// Bluestein 1970: kn = (k^2 + n^2 - (k-n)^2) / 2 turns the DFT into a convolution with the
// chirp exp(i pi m^2 / N), done by radix-2 FFTs of length >= 2N - 1.
class DftPlan {
 public:
  explicit DftPlan(std::size_t n) : n_(n), m_(n) {
    if (n <= 1) return;
    if ((n & (n - 1)) != 0) {
      m_ = 1;
      while (m_ < 2 * n - 1) m_ <<= 1;
    }
    w_.resize(m_ / 2);
    for (std::size_t j = 0; j < m_ / 2; ++j) w_[j] = unit_root(j, m_);
    rev_ = bit_reversal(m_);
    if (m_ == n_) return;
    // chirp[j] = exp(i pi j^2 / N), with j^2 taken mod 2N so the angle stays exact.
    chirp_.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t j2 = (j * j) % (2 * n);
      chirp_[j] =
          std::polar(1.0, std::numbers::pi * static_cast<double>(j2) / static_cast<double>(n));
    }
    chirp_fft_.assign(m_, cd{});
    chirp_fft_[0] = chirp_[0];
    for (std::size_t j = 1; j < n; ++j) chirp_fft_[j] = chirp_fft_[m_ - j] = chirp_[j];
    fft_pow2(chirp_fft_.data(), m_, w_, rev_);
    work_.resize(m_);
  }

  // x (length n) becomes its DFT.
  void run(std::vector<cd>& x) {
    if (n_ <= 1) return;
    if (m_ == n_) {
      fft_pow2(x.data(), n_, w_, rev_);
      return;
    }
    std::fill(work_.begin(), work_.end(), cd{});
    for (std::size_t j = 0; j < n_; ++j) work_[j] = x[j] * std::conj(chirp_[j]);
    fft_pow2(work_.data(), m_, w_, rev_);
    // The inverse FFT as conj(FFT(conj(.))).
    for (std::size_t j = 0; j < m_; ++j) work_[j] = std::conj(work_[j] * chirp_fft_[j]);
    fft_pow2(work_.data(), m_, w_, rev_);
    const double scale = 1.0 / static_cast<double>(m_);
    for (std::size_t k = 0; k < n_; ++k) x[k] = std::conj(work_[k]) * scale * std::conj(chirp_[k]);
  }

 private:
  std::size_t n_, m_;
  std::vector<cd> w_, chirp_, chirp_fft_, work_;
  std::vector<std::uint32_t> rev_;
};

// The DFT of real columns of length n: for even n, the n/2 even and odd samples packed as one
// complex vector of length n/2 and separated after its DFT (Cooley, Lewis and Welch 1970, the
// "two-for-one" real FFT): X_k = E_k + exp(-2 pi i k / n) O_k, k = 0..n/2.
class RealDft {
 public:
  explicit RealDft(std::size_t n) : n_(n), half_(n % 2 == 0 ? n / 2 : n), plan_(half_), z_(half_) {
    if (n % 2 == 0)
      for (std::size_t k = 0; k <= half_; ++k) twiddle_.push_back(unit_root(k, n));
  }

  // out[k] = X_k for k = 0..n/2 of the real x (length n).
  void run(const double* x, std::vector<cd>& out) {
    const std::size_t bins = n_ / 2 + 1;
    out.resize(bins);
    if (n_ % 2 != 0 || n_ < 2) {
      for (std::size_t j = 0; j < n_; ++j) z_[j] = cd(x[j], 0.0);
      plan_.run(z_);
      for (std::size_t k = 0; k < bins; ++k) out[k] = z_[k];
      return;
    }
    for (std::size_t j = 0; j < half_; ++j) z_[j] = cd(x[2 * j], x[2 * j + 1]);
    plan_.run(z_);
    const double* z = reinterpret_cast<const double*>(z_.data());
    for (std::size_t k = 0; k <= half_; ++k) {
      // even = (a + conj(b)) / 2, odd = (a - conj(b)) / 2i, out = even + twiddle * odd, with
      // a = Z_k and b = Z_(h-k), indices mod h.
      const std::size_t ka = k == half_ ? 0 : k, kb = k == 0 ? 0 : half_ - k;
      const double ar = z[2 * ka], ai = z[2 * ka + 1], br = z[2 * kb], bi = z[2 * kb + 1];
      const double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
      const double odr = 0.5 * (ai + bi), odi = -0.5 * (ar - br);
      const double tr = twiddle_[k].real(), ti = twiddle_[k].imag();
      out[k] = cd(er + tr * odr - ti * odi, ei + tr * odi + ti * odr);
    }
  }

 private:
  std::size_t n_, half_;
  DftPlan plan_;
  std::vector<cd> z_, twiddle_;
};

// Eigenvectors of the symmetric tridiagonal T (diagonal a, subdiagonal b) for its eigenvalues
// `values`, by inverse iteration with Gram-Schmidt against the vectors before (Golub and Van
// Loan, Matrix Computations, 4th ed., 8.2.2; as LAPACK's dstein), each solve of (T - lambda I)
// by Gaussian elimination with partial pivoting (LAPACK dgttrf/dgtts2), a vanishing pivot
// replaced by eps * ||T||.
Eigen::MatrixXd tridiagonal_vectors(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                    const Eigen::VectorXd& values) {
  const long m = a.size(), k = values.size();
  Eigen::MatrixXd z = Eigen::MatrixXd::Zero(m, k);
  double norm = 0.0;
  for (long i = 0; i < m; ++i)
    norm = std::max(norm, std::abs(a[i]) + (i > 0 ? std::abs(b[i - 1]) : 0.0) +
                              (i + 1 < m ? std::abs(b[i]) : 0.0));
  if (norm == 0.0) {  // T = 0: every vector is an eigenvector
    for (long j = 0; j < k; ++j) z(j, j) = 1.0;
    return z;
  }
  const double tiny = std::numeric_limits<double>::epsilon() * norm;
  std::vector<double> d(m), du(m), du2(m), dl(m);
  std::vector<char> swapped(m);
  std::mt19937_64 random(20261206);  // a fixed start, so every build draws the same figure
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (long j = 0; j < k; ++j) {
    // Factor T - lambda I = P L U.
    for (long i = 0; i < m; ++i) {
      d[i] = a[i] - values[j];
      du[i] = i + 1 < m ? b[i] : 0.0;
      dl[i] = i + 1 < m ? b[i] : 0.0;
      du2[i] = 0.0;
    }
    for (long i = 0; i + 1 < m; ++i) {
      if (std::abs(d[i]) >= std::abs(dl[i])) {
        swapped[i] = 0;
        if (d[i] == 0.0) d[i] = tiny;
        const double f = dl[i] / d[i];
        dl[i] = f;
        d[i + 1] -= f * du[i];
      } else {
        swapped[i] = 1;
        const double f = d[i] / dl[i];
        d[i] = dl[i];
        dl[i] = f;
        const double t = du[i];
        du[i] = d[i + 1];
        d[i + 1] = t - f * d[i + 1];
        if (i + 2 < m) {
          du2[i] = du[i + 1];
          du[i + 1] = -f * du[i + 1];
        }
      }
    }
    for (long i = 0; i < m; ++i)
      if (std::abs(d[i]) < tiny) d[i] = d[i] < 0 ? -tiny : tiny;
    Eigen::VectorXd x(m);
    for (long i = 0; i < m; ++i) x[i] = uniform(random);
    for (int iteration = 0; iteration < 4; ++iteration) {
      for (long i = 0; i + 1 < m; ++i) {  // L
        if (!swapped[i]) {
          x[i + 1] -= dl[i] * x[i];
        } else {
          const double t = x[i];
          x[i] = x[i + 1];
          x[i + 1] = t - dl[i] * x[i];
        }
      }
      for (long i = m - 1; i >= 0; --i) {  // U
        double s = x[i];
        if (i + 1 < m) s -= du[i] * x[i + 1];
        if (i + 2 < m) s -= du2[i] * x[i + 2];
        x[i] = s / d[i];
      }
      x /= x.norm();
      for (int pass = 0; pass < 2; ++pass)
        for (long q = 0; q < j; ++q) x -= z.col(q).dot(x) * z.col(q);
      x /= x.norm();
    }
    z.col(j) = x;
  }
  return z;
}

// The `count` largest eigenvalues of the symmetric tridiagonal T (diagonal a, subdiagonal b),
// descending, by bisection on Sturm sequence counts (Golub and Van Loan, 4th ed., 8.4.1;
// Barth, Martin and Wilkinson 1967), each to the width eps * ||T|| allows.
Eigen::VectorXd tridiagonal_top_values(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                                       long count) {
  const long m = a.size();
  Eigen::VectorXd out(count);
  double lo = 0.0, hi = 0.0, norm = 0.0;
  for (long i = 0; i < m; ++i) {
    const double r = (i > 0 ? std::abs(b[i - 1]) : 0.0) + (i + 1 < m ? std::abs(b[i]) : 0.0);
    lo = i == 0 ? a[i] - r : std::min(lo, a[i] - r);  // Gershgorin's discs
    hi = i == 0 ? a[i] + r : std::max(hi, a[i] + r);
    norm = std::max(norm, std::abs(a[i]) + r);
  }
  const double eps = std::numeric_limits<double>::epsilon();
  const double pivot_min = std::numeric_limits<double>::min() / eps + eps * eps * norm * norm;
  // How many eigenvalues are below x: the negative pivots of the LDL^T of T - x I.
  const auto below = [&](double x) {
    long n_below = 0;
    double q = a[0] - x;
    for (long i = 0;; ++i) {
      if (std::abs(q) < pivot_min) q = -pivot_min;
      if (q < 0) ++n_below;
      if (i + 1 >= m) break;
      q = a[i + 1] - x - b[i] * b[i] / q;
    }
    return n_below;
  };
  for (long j = 0; j < count; ++j) {
    const long index = m - 1 - j;  // in ascending order
    double l = lo - eps * norm, h = hi + eps * norm;
    if (j > 0) h = std::min(h, out[j - 1] + 4 * eps * norm);
    while (h - l > 2 * eps * std::max(std::abs(l), std::abs(h)) + pivot_min) {
      const double mid = 0.5 * (l + h);
      if (mid <= l || mid >= h) break;
      if (below(mid) > index)
        h = mid;
      else
        l = mid;
    }
    out[j] = 0.5 * (l + h);
  }
  return out;
}

// A power of two near the largest |value| (1 for none): dividing by it is exact and keeps
// squares and sums of the values from overflowing or underflowing.
double binary_scale(double largest) {
  if (!(largest > 0.0) || !std::isfinite(largest)) return 1.0;
  int exponent = 0;
  std::frexp(largest, &exponent);
  return std::ldexp(1.0, exponent);
}

}  // namespace

std::vector<cd> dft(const std::vector<cd>& x) {
  std::vector<cd> a = x;
  DftPlan(x.size()).run(a);
  return a;
}

TablePca table_pca(const Eigen::Ref<const Eigen::MatrixXd>& table, int components) {
  require_table(table, "table_pca");
  if (components < 0) throw InvalidArgument("table_pca: components must be >= 0");
  const long n = table.rows(), d = table.cols();
  // The table over a power of two (exact), so that its Gram matrix cannot overflow.
  const double scale = binary_scale(table.cwiseAbs().maxCoeff());
  Eigen::MatrixXd x = table / scale;
  x.rowwise() -= x.colwise().mean();
  // The Gram matrix of the shorter side: X^T X (d x d) = V S^2 V^T, or X X^T (n x n) = U S^2 U^T.
  const bool by_rows = n < d;
  const long m = std::min(n, d), length = std::max(n, d);
  const int threads = parallel_threads(static_cast<double>(n) * static_cast<double>(d));
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(m, m);
  std::mutex adding;
  split_over_threads(length, threads, [&](long begin, long end) {
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(m, m);
    if (by_rows)
      g.selfadjointView<Eigen::Lower>().rankUpdate(x.middleCols(begin, end - begin));
    else
      g.selfadjointView<Eigen::Lower>().rankUpdate(x.middleRows(begin, end - begin).transpose());
    const std::lock_guard lock(adding);
    gram += g;
  });
  // Householder tridiagonalisation (Golub and Van Loan, 4th ed., 8.3.1), then the top
  // eigenvalues of the tridiagonal by bisection and their vectors by inverse iteration.
  const Eigen::Tridiagonalization<Eigen::MatrixXd> tri(
      Eigen::MatrixXd(gram.selfadjointView<Eigen::Lower>()));
  const Eigen::VectorXd diagonal = tri.diagonal(), sub = tri.subDiagonal();
  const long k = std::min<long>(components, m);
  const Eigen::VectorXd values = tridiagonal_top_values(diagonal, sub, k).cwiseMax(0.0);
  // The total variance sum S^2 = ||X||_F^2, from the table itself.
  const double total = x.squaredNorm();
  TablePca out;
  out.explained = total > 0 ? Eigen::VectorXd(values / total) : Eigen::VectorXd::Zero(k);
  const Eigen::MatrixXd z = tridiagonal_vectors(diagonal, sub, values);
  const Eigen::MatrixXd vectors = tri.matrixQ() * z;
  if (by_rows)
    out.coords = vectors * (values.cwiseSqrt() * scale).asDiagonal();  // U S
  else
    out.coords = (x * vectors) * scale;  // X V = U S
  const Eigen::VectorXd position = Eigen::VectorXd::LinSpaced(n, 0.0, static_cast<double>(n - 1));
  for (long j = 0; j < k; ++j) {
    if (position.dot(out.coords.col(j)) < 0) out.coords.col(j) *= -1.0;
  }
  return out;
}

TableSpectrum table_spectrum(const Eigen::Ref<const Eigen::MatrixXd>& table) {
  require_table(table, "table_spectrum");
  const long n = table.rows(), d = table.cols(), bins = n / 2 + 1;
  // Periodic Hann: w_n = (1 - cos(2 pi n / N)) / 2 (Harris 1978).
  Eigen::VectorXd w(n);
  for (long j = 0; j < n; ++j)
    w[j] = n == 1 ? 1.0
                  : 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(j) /
                                         static_cast<double>(n));
  const double gain = 2.0 / w.sum();
  TableSpectrum out;
  out.frequencies =
      Eigen::VectorXd::LinSpaced(bins, 0.0, static_cast<double>(bins - 1)) / static_cast<double>(n);
  out.amplitude.resize(bins, d);
  out.dominant = Eigen::VectorXd::Zero(d);
  out.likeness = Eigen::VectorXd::Zero(d);
  // Columns split over the cores, each part with its own plan and scratch.
  split_over_threads(d, parallel_threads(static_cast<double>(n) * d), [&](long begin, long end) {
    RealDft plan(static_cast<std::size_t>(n));
    Eigen::VectorXd x(n), power(bins);
    std::vector<cd> X;
    for (long c = begin; c < end; ++c) {
      // The column over a power of two (exact), so that its energy cannot overflow.
      const double scale = binary_scale(table.col(c).cwiseAbs().maxCoeff());
      x = table.col(c) / scale;
      x = (x.array() - x.mean()) * w.array();
      plan.run(x.data(), X);
      for (long k = 0; k < bins; ++k) {
        const double norm = std::norm(X[k]);
        out.amplitude(k, c) = std::sqrt(norm) * gain * scale;
        // One-sided energy: bins 0 and N/2 (N even) stand alone, the others for k and N - k.
        const bool single = k == 0 || 2 * k == n;
        power[k] = norm * (single ? 1.0 : 2.0);
      }
      const double energy = power.sum();
      if (bins < 2 || energy <= 0.0) continue;
      long best = 1;
      for (long k = 2; k < bins; ++k)
        if (power[k] > power[best]) best = k;
      const long lo = std::max(0L, best - 1), hi = std::min(bins - 1, best + 1);
      out.dominant[c] = out.frequencies[best];
      out.likeness[c] = power.segment(lo, hi - lo + 1).sum() / energy;
    }
  });
  return out;
}

}  // namespace peviz
