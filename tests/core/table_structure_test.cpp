// core/table_structure: the DFT against the definition; PCA recovers a helix hidden in 16
// dimensions; the spectrum finds each sinusoidal column's frequency w_i / 2 pi and calls it a
// sinusoid, and calls a random table's columns noise.
#include "core/table_structure.hpp"

#include <gtest/gtest.h>

#include <Eigen/QR>
#include <Eigen/SVD>
#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <vector>

#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

using cd = std::complex<double>;
constexpr double kPi = std::numbers::pi;

std::vector<cd> naive_dft(const std::vector<cd>& x) {
  const std::size_t n = x.size();
  std::vector<cd> out(n);
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t j = 0; j < n; ++j)
      out[k] += x[j] * std::polar(1.0, -2 * kPi * static_cast<double>((k * j) % n) /
                                           static_cast<double>(n));
  return out;
}

TEST(TableStructureTest, DftMatchesTheDefinitionAtEveryLength) {
  for (std::size_t n : {1u, 2u, 3u, 5u, 8u, 12u, 64u, 100u, 127u, 200u}) {
    std::vector<cd> x(n);
    for (std::size_t j = 0; j < n; ++j)
      x[j] = cd(std::sin(0.7 * j + 0.3 * j * j), std::cos(1.3 * j) - 0.5);
    const std::vector<cd> fast = dft(x), slow = naive_dft(x);
    ASSERT_EQ(fast.size(), n);
    for (std::size_t k = 0; k < n; ++k)
      EXPECT_LT(std::abs(fast[k] - slow[k]), 1e-10 * static_cast<double>(n)) << n << " " << k;
  }
}

TEST(TableStructureTest, PureSinusoidOnABin) {
  const long n = 200;  // not a power of two: Bluestein
  Eigen::MatrixXd t(n, 2);
  for (long p = 0; p < n; ++p) {
    t(p, 0) = 3.0 * std::sin(2 * kPi * 7.0 * p / n) + 5.0;  // the mean is removed
    t(p, 1) = std::cos(2 * kPi * 30.0 * p / n);
  }
  const TableSpectrum s = table_spectrum(t);
  ASSERT_EQ(s.frequencies.size(), 101);
  EXPECT_DOUBLE_EQ(s.frequencies[100], 0.5);
  EXPECT_DOUBLE_EQ(s.dominant[0], 7.0 / n);
  EXPECT_DOUBLE_EQ(s.dominant[1], 30.0 / n);
  EXPECT_NEAR(s.likeness[0], 1.0, 1e-12);
  EXPECT_NEAR(s.likeness[1], 1.0, 1e-12);
  EXPECT_NEAR(s.amplitude(7, 0), 3.0, 1e-10);  // the amplitude, through the window's gain
  EXPECT_NEAR(s.amplitude(6, 0), 1.5, 1e-10);
  EXPECT_NEAR(s.amplitude(20, 0), 0.0, 1e-10);
  EXPECT_NEAR(s.amplitude(30, 1), 1.0, 1e-10);
}

TEST(TableStructureTest, SinusoidHalfwayBetweenBins) {
  const long n = 256;
  Eigen::MatrixXd t(n, 1);
  for (long p = 0; p < n; ++p) t(p, 0) = std::sin(2 * kPi * 10.5 * p / n + 0.4);
  const TableSpectrum s = table_spectrum(t);
  EXPECT_NEAR(s.dominant[0], 10.5 / n, 0.5 / n + 1e-15);
  EXPECT_GT(s.likeness[0], 0.97);
}

// Sinusoidal PE columns are sin(w_i p) and cos(w_i p): the dominant frequency is w_i / 2 pi
// within a bin and the column is a sinusoid, for every pair that turns at least twice.
TEST(TableStructureTest, SinusoidalTableColumnsAreSinusoids) {
  for (long n : {200L, 256L, 1000L}) {
    SinusoidalParams p;
    p.d = 64;
    p.positions = n;
    const Eigen::MatrixXd table = sinusoidal_encoding(p);
    const Eigen::VectorXd w = sinusoidal_frequencies(p.d, p.base);
    const TableSpectrum s = table_spectrum(table);
    int checked = 0;
    for (int c = 0; c < p.d; ++c) {
      const double f = w[c / 2] / (2 * kPi);
      if (f * n < 2.0 || f > 0.5) continue;
      ++checked;
      EXPECT_LE(std::abs(s.dominant[c] - f), 1.0 / n) << n << " column " << c;
      EXPECT_GT(s.likeness[c], 0.9) << n << " column " << c;
    }
    EXPECT_GE(checked, 20) << n;
  }
}

// A seeded N(0, 0.02^2) table: the energy spreads over all bins, so the dominant bin +- 1
// holds little of it.
TEST(TableStructureTest, RandomTableIsNotSinusoidal) {
  LearnedParams p;
  p.d = 64;
  p.positions = 256;
  const TableSpectrum s = table_spectrum(learned_encoding(p));
  EXPECT_LT(s.likeness.mean(), 0.12);
  EXPECT_LT(s.likeness.maxCoeff(), 0.3);
  SinusoidalParams q;
  q.d = 64;
  q.positions = 256;
  EXPECT_GT(table_spectrum(sinusoidal_encoding(q)).likeness.mean(), 0.5);
}

// Rows on a helix (cos t, sin t, z) with t = 2 pi p / 50 over four turns and z the line 0.01 p
// made orthogonal to cos and sin (so that the three are the principal axes), rotated into 16
// dimensions and shifted: three components hold all the variance, the first two are the unit
// circle, the third is z, and the coordinates are the helix up to a rotation.
TEST(TableStructureTest, PcaRecoversAHelix) {
  const long n = 200;
  Eigen::MatrixXd helix(n, 3);
  for (long p = 0; p < n; ++p)
    helix.row(p) << std::cos(2 * kPi * p / 50.0), std::sin(2 * kPi * p / 50.0), 0.01 * p;
  helix.col(2).array() -= helix.col(2).mean();
  for (int j = 0; j < 2; ++j)
    helix.col(2) -= helix.col(2).dot(helix.col(j)) / helix.col(j).squaredNorm() * helix.col(j);
  const double var_z = helix.col(2).squaredNorm() / n;  // cos and sin: 0.5 each
  ASSERT_LT(var_z, 0.45);
  ASSERT_GT(var_z, 0.2);
  // An orthonormal 3 x 16 frame from a fixed matrix.
  Eigen::MatrixXd m(16, 3);
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 3; ++j) m(i, j) = std::sin(1.0 + 3.7 * i + 1.9 * j * j + 0.3 * i * j);
  const Eigen::MatrixXd q =
      Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ() * Eigen::MatrixXd::Identity(16, 3);
  const Eigen::MatrixXd table = (helix * q.transpose()).rowwise() +
                                Eigen::RowVectorXd::LinSpaced(16, -1.0, 2.0);  // an offset
  const TablePca pca = table_pca(table);
  ASSERT_EQ(pca.coords.rows(), n);
  ASSERT_EQ(pca.coords.cols(), 3);
  ASSERT_EQ(pca.explained.size(), 3);
  EXPECT_NEAR(pca.explained.head(3).sum(), 1.0, 1e-12);
  // All 16 components (13 of them with no variance): they explain it all, in descending order.
  const TablePca all = table_pca(table, 16);
  ASSERT_EQ(all.explained.size(), 16);
  ASSERT_EQ(all.coords.cols(), 16);
  EXPECT_NEAR(all.explained.sum(), 1.0, 1e-12);
  for (int j = 1; j < 16; ++j) EXPECT_LE(all.explained[j], all.explained[j - 1]);
  for (int j = 3; j < 16; ++j) EXPECT_NEAR(all.explained[j], 0.0, 1e-14);
  EXPECT_NEAR(pca.explained[0], 0.5 / (1.0 + var_z), 1e-12);
  EXPECT_NEAR(pca.explained[1], 0.5 / (1.0 + var_z), 1e-12);
  EXPECT_NEAR(pca.explained[2], var_z / (1.0 + var_z), 1e-12);
  double worst = 0.0;
  for (long a = 0; a < n; a += 7)
    for (long b = 0; b < n; b += 3)
      worst = std::max(worst, std::abs((pca.coords.row(a) - pca.coords.row(b)).norm() -
                                       (helix.row(a) - helix.row(b)).norm()));
  EXPECT_LT(worst, 1e-9);
  // The circle and the line.
  for (long p = 0; p < n; ++p) {
    EXPECT_NEAR(pca.coords.row(p).head(2).norm(), 1.0, 1e-9) << p;
    EXPECT_NEAR(std::abs(pca.coords(p, 2)), std::abs(helix(p, 2)), 1e-9) << p;
  }
  // Signs: each coordinate grows with position on average.
  const Eigen::VectorXd pos = Eigen::VectorXd::LinSpaced(n, 0, n - 1);
  for (int j = 0; j < 3; ++j) EXPECT_GE(pos.dot(pca.coords.col(j)), 0.0);
}

// The spectrum against the direct DFT of each windowed column (every length, odd and even, and
// columns of very different sizes side by side).
TEST(TableStructureTest, SpectrumMatchesTheDirectDft) {
  for (long n : {1L, 2L, 3L, 7L, 16L, 50L, 64L, 99L, 100L}) {
    Eigen::MatrixXd t(n, 4);
    for (long p = 0; p < n; ++p)
      t.row(p) << std::sin(0.9 * p + 0.01 * p * p), 1e-9 * std::cos(2.1 * p), 1e6 * (p % 3),
          p == n / 2 ? 1.0 : 0.0;
    const TableSpectrum s = table_spectrum(t);
    const double gain = n == 1 ? 2.0 : 2.0 / (0.5 * static_cast<double>(n));
    for (long c = 0; c < 4; ++c) {
      std::vector<cd> x(n);
      const double mean = t.col(c).mean();
      for (long p = 0; p < n; ++p)
        x[p] = (t(p, c) - mean) *
               (n == 1 ? 1.0 : 0.5 - 0.5 * std::cos(2 * kPi * p / static_cast<double>(n)));
      const std::vector<cd> X = naive_dft(x);
      double largest = 0.0;
      for (long k = 0; k <= n / 2; ++k) largest = std::max(largest, std::abs(X[k]) * gain);
      for (long k = 0; k <= n / 2; ++k)
        EXPECT_NEAR(s.amplitude(k, c), std::abs(X[k]) * gain, 1e-12 * largest + 1e-300)
            << n << " " << c << " " << k;
    }
  }
}

// PCA against Eigen's BDCSVD of the centred table: the explained fractions of every component,
// and the first three components' coordinates U S (to their sign), for tall, wide and square
// tables with separated components (a low-rank signal plus noise), a seeded random one (its top
// singular values close together) and the sinusoidal table.
TEST(TableStructureTest, PcaMatchesTheFullSvd) {
  std::mt19937_64 random(5);
  std::normal_distribution<double> normal;
  const auto noise = [&](long n, long d, double size) {
    Eigen::MatrixXd m(n, d);
    for (long i = 0; i < m.size(); ++i) m.data()[i] = size * normal(random);
    return m;
  };
  std::vector<Eigen::MatrixXd> tables;
  tables.push_back(noise(300, 4, 1.0) * Eigen::Vector4d(5.0, 3.0, 2.0, 0.5).asDiagonal() *
                       noise(4, 40, 1.0) +
                   noise(300, 40, 0.01));              // tall, rank 4 + noise
  tables.push_back(tables.back().transpose().eval());  // wide: the Gram of the rows
  tables.push_back(noise(120, 120, 0.02));             // square noise
  tables.push_back(noise(200, 90, 0.02));              // noise, tall
  SinusoidalParams p;
  p.d = 64;
  p.positions = 256;
  tables.push_back(sinusoidal_encoding(p));
  for (std::size_t t = 0; t < tables.size(); ++t) {
    SCOPED_TRACE(t);
    const Eigen::MatrixXd& table = tables[t];
    const Eigen::MatrixXd centred = table.rowwise() - table.colwise().mean();
    const Eigen::BDCSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU);
    const Eigen::VectorXd s = svd.singularValues();
    const double total = s.squaredNorm();
    const TablePca everything = table_pca(table, static_cast<int>(s.size()));
    ASSERT_EQ(everything.explained.size(), s.size());
    for (long j = 0; j < s.size(); ++j)
      EXPECT_NEAR(everything.explained[j], s[j] * s[j] / total, 1e-14) << j;
    const TablePca pca = table_pca(table);
    ASSERT_EQ(pca.explained.size(), 3);
    for (long j = 0; j < 3; ++j)
      EXPECT_NEAR(pca.explained[j] / (s[j] * s[j] / total), 1.0, 1e-10) << j;
    ASSERT_EQ(pca.coords.cols(), 3);
    for (long j = 0; j < 3; ++j) {
      const Eigen::VectorXd expected = svd.matrixU().col(j) * s[j];
      const double sign = expected.dot(pca.coords.col(j)) < 0 ? -1.0 : 1.0;
      EXPECT_LT((sign * pca.coords.col(j) - expected).norm(), 1e-9 * s[j]) << j;
    }
  }
}

// Values near the ends of the double range: the same fractions, and coordinates and amplitudes
// scaled with the table (no overflow in the squares, no underflow).
TEST(TableStructureTest, HugeAndTinyValues) {
  SinusoidalParams p;
  p.d = 16;
  p.positions = 64;
  const Eigen::MatrixXd table = sinusoidal_encoding(p);
  const TablePca pca = table_pca(table);
  const TableSpectrum spectrum = table_spectrum(table);
  for (const double size : {1e300, 1e-300}) {
    SCOPED_TRACE(size);
    const TablePca scaled = table_pca(table * size);
    ASSERT_TRUE(scaled.coords.allFinite());
    for (long j = 0; j < 3; ++j) {
      EXPECT_NEAR(scaled.explained[j], pca.explained[j], 1e-14) << j;
      const double sign = scaled.coords.col(j).dot(pca.coords.col(j)) < 0 ? -1.0 : 1.0;
      EXPECT_LT((sign * scaled.coords.col(j) / size - pca.coords.col(j)).norm(),
                1e-9 * pca.coords.col(j).norm())
          << j;
    }
    const TableSpectrum s = table_spectrum(table * size);
    ASSERT_TRUE(s.amplitude.allFinite());
    for (long c = 0; c < 16; ++c) {
      EXPECT_NEAR(s.likeness[c], spectrum.likeness[c], 1e-12) << c;
      EXPECT_EQ(s.dominant[c], spectrum.dominant[c]) << c;
      EXPECT_NEAR(s.amplitude.col(c).maxCoeff() / size, spectrum.amplitude.col(c).maxCoeff(),
                  1e-12 * spectrum.amplitude.col(c).maxCoeff())
          << c;
    }
  }
}

TEST(TableStructureTest, Refusals) {
  EXPECT_INVALID_ARGUMENT(table_pca(Eigen::MatrixXd(0, 3)), "the table is empty");
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(4, 2);
  bad(1, 1) = NAN;
  EXPECT_INVALID_ARGUMENT(table_spectrum(bad), "NaN or infinity");
  // A constant column has no energy: likeness 0, no dominant frequency.
  const TableSpectrum s = table_spectrum(Eigen::MatrixXd::Constant(8, 1, 2.0));
  EXPECT_EQ(s.likeness[0], 0.0);
  EXPECT_EQ(s.dominant[0], 0.0);
  // One position: a single bin.
  EXPECT_EQ(table_spectrum(Eigen::MatrixXd::Ones(1, 3)).frequencies.size(), 1);
  EXPECT_EQ(table_pca(Eigen::MatrixXd::Ones(1, 3)).coords.cols(), 1);
  // No components asked: none given; a constant table: no variance, coordinates 0.
  EXPECT_EQ(table_pca(Eigen::MatrixXd::Random(5, 3), 0).coords.cols(), 0);
  EXPECT_EQ(table_pca(Eigen::MatrixXd::Random(5, 3), 0).explained.size(), 0);
  const TablePca flat = table_pca(Eigen::MatrixXd::Constant(6, 4, 3.0));
  EXPECT_EQ(flat.explained, Eigen::VectorXd::Zero(3));
  EXPECT_EQ(flat.coords, Eigen::MatrixXd::Zero(6, 3));
}

}  // namespace
}  // namespace peviz
