// The structure of a position table (rows are positions 0..N-1, columns are dimensions), for
// comparing a learned table with a sinusoidal one:
//   PCA of the rows: centre each column, X = U S V^T (Pearson 1901); row p's coordinates on
//   component j are U(p, j) S(j), and component j explains S(j)^2 / sum S^2 of the variance.
//   S^2 are the eigenvalues of the Gram matrix of the shorter side (X^T X, or X X^T when there
//   are fewer rows than columns), O(N d min(N, d)) for the Gram and O(min(N, d)^3) for its
//   tridiagonal form, with no SVD; only the first components' values and vectors are computed.
//   The spectrum of each column over positions: the N-point DFT (Cooley-Tukey radix 2; other N
//   by Bluestein's chirp z-transform on the same radix-2 FFT, so the bins are exactly k / N; a
//   real column of even N as one complex vector of N / 2, its even and odd samples) of
//   the column with its mean removed and a periodic Hann window (Harris 1978) applied. The window
//   keeps a sinusoid's energy in the bins next to its frequency: a pure sinusoid on a bin has all
//   of it in the dominant bin +- 1, one halfway between two bins about 98%.
#pragma once

#include <Eigen/Core>
#include <complex>
#include <vector>

namespace peviz {

struct TablePca {
  Eigen::MatrixXd coords;     // N x k: the rows' coordinates on the first k components
  Eigen::VectorXd explained;  // k: fraction of the variance of each of the first k components,
                              // descending: S(j)^2 / ||X||_F^2, to about 1e-15 of the total
};

// The first `components` (k, at most min(N, d)) principal-component coordinates of the rows and
// the variance they explain.
// Signs are fixed so that each component's coordinate grows with position on average
// (sum_p p * coords(p, j) >= 0). Throws InvalidArgument for an empty or non-finite table.
TablePca table_pca(const Eigen::Ref<const Eigen::MatrixXd>& table, int components = 3);

struct TableSpectrum {
  Eigen::VectorXd frequencies;  // N/2 + 1 bins: k / N cycles per position, k = 0..N/2
  Eigen::MatrixXd amplitude;    // bins x d: |X_k| * 2 / sum(w): a sinusoid of amplitude A on
                                // bin k (0 < k < N/2) reads A at k and A / 2 at k +- 1
  Eigen::VectorXd dominant;     // d: frequency of the largest bin k >= 1 (cycles per position)
  Eigen::VectorXd likeness;     // d: fraction of the column's energy in the dominant bin +- 1
                                // ("sinusoid-likeness", 1 for a pure sinusoid; 0 for a constant)
};

// The spectrum of every column over positions. Throws InvalidArgument for an empty or
// non-finite table.
TableSpectrum table_spectrum(const Eigen::Ref<const Eigen::MatrixXd>& table);

// The DFT X_k = sum_n x_n exp(-2 pi i k n / N) of any length N (radix 2 for powers of two,
// Bluestein otherwise), O(N log N).
std::vector<std::complex<double>> dft(const std::vector<std::complex<double>>& x);

}  // namespace peviz
