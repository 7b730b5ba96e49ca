#include "table_structure.hpp"

#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

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

// In-place iterative radix-2 FFT (Cooley and Tukey 1965), n a power of two; `inverse` uses
// exp(+2 pi i k n / N) and does not divide by N.
void fft_pow2(std::vector<cd>& a, bool inverse) {
  const std::size_t n = a.size();
  for (std::size_t i = 1, j = 0; i < n; ++i) {  // bit-reversal permutation
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  // Twiddles exp(-+2 pi i j / n) from a table, not by repeated multiplication: exact to an ulp.
  std::vector<cd> w(n / 2);
  const double sign = inverse ? 1.0 : -1.0;
  for (std::size_t j = 0; j < n / 2; ++j)
    w[j] = std::polar(
        1.0, sign * 2 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(n));
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const std::size_t step = n / len;
    for (std::size_t i = 0; i < n; i += len) {
      for (std::size_t k = 0; k < len / 2; ++k) {
        const cd u = a[i + k], v = a[i + k + len / 2] * w[k * step];
        a[i + k] = u + v;
        a[i + k + len / 2] = u - v;
      }
    }
  }
}

}  // namespace

// Bluestein 1970: kn = (k^2 + n^2 - (k-n)^2) / 2 turns the DFT into a convolution with the
// chirp exp(i pi m^2 / N), done by radix-2 FFTs of length >= 2N - 1.
std::vector<cd> dft(const std::vector<cd>& x) {
  const std::size_t n = x.size();
  if (n <= 1) return x;
  if ((n & (n - 1)) == 0) {
    std::vector<cd> a = x;
    fft_pow2(a, false);
    return a;
  }
  std::size_t m = 1;
  while (m < 2 * n - 1) m <<= 1;
  // chirp[j] = exp(i pi j^2 / N), with j^2 taken mod 2N so the angle stays exact.
  std::vector<cd> chirp(n);
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t j2 = (j * j) % (2 * n);
    chirp[j] = std::polar(1.0, std::numbers::pi * static_cast<double>(j2) / static_cast<double>(n));
  }
  std::vector<cd> a(m), b(m);
  for (std::size_t j = 0; j < n; ++j) a[j] = x[j] * std::conj(chirp[j]);
  b[0] = chirp[0];
  for (std::size_t j = 1; j < n; ++j) b[j] = b[m - j] = chirp[j];
  fft_pow2(a, false);
  fft_pow2(b, false);
  for (std::size_t j = 0; j < m; ++j) a[j] *= b[j];
  fft_pow2(a, true);
  std::vector<cd> out(n);
  for (std::size_t k = 0; k < n; ++k) out[k] = a[k] * std::conj(chirp[k]) / static_cast<double>(m);
  return out;
}

TablePca table_pca(const Eigen::Ref<const Eigen::MatrixXd>& table, int components) {
  require_table(table, "table_pca");
  if (components < 0) throw InvalidArgument("table_pca: components must be >= 0");
  const Eigen::MatrixXd centred = table.rowwise() - table.colwise().mean();
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU);
  const Eigen::VectorXd s = svd.singularValues();
  const long k = std::min<long>(components, s.size());
  TablePca out;
  const double total = s.squaredNorm();
  out.explained =
      total > 0 ? Eigen::VectorXd(s.array().square() / total) : Eigen::VectorXd::Zero(s.size());
  out.coords = svd.matrixU().leftCols(k) * s.head(k).asDiagonal();
  const Eigen::VectorXd position =
      Eigen::VectorXd::LinSpaced(table.rows(), 0.0, static_cast<double>(table.rows() - 1));
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
  std::vector<cd> x(n);
  Eigen::VectorXd power(bins);
  for (long c = 0; c < d; ++c) {
    const double mean = table.col(c).mean();
    for (long j = 0; j < n; ++j) x[j] = (table(j, c) - mean) * w[j];
    const std::vector<cd> X = dft(x);
    for (long k = 0; k < bins; ++k) {
      out.amplitude(k, c) = std::abs(X[k]) * gain;
      // One-sided energy: bins 0 and N/2 (N even) stand alone, the others for k and N - k.
      const bool single = k == 0 || 2 * k == n;
      power[k] = std::norm(X[k]) * (single ? 1.0 : 2.0);
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
  return out;
}

}  // namespace peviz
