// Tests for the fast paths of core/sinusoidal (sinusoidal_run, the rotated encoding matrix)
// and core/similarity (the Toeplitz grid): they stay at rounding level against the direct
// formula of Vaswani et al., arXiv:1706.03762, Sec. 3.5, evaluated in long double.
// Accuracy only: speed is measured by bench/compare_numpy.py, never asserted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

// The reference: the direct formula's own angle fl(p w) (the double product, as numpy and
// PyTorch compute it), its sin and cos taken in long double.
long double ref_sin(long p, double w) {
  return std::sin(static_cast<long double>(static_cast<double>(p) * w));
}
long double ref_cos(long p, double w) {
  return std::cos(static_cast<long double>(static_cast<double>(p) * w));
}

// Largest |matrix - reference| over every cell of an encoding of positions start.. .
double encoding_error(const Eigen::MatrixXd& pe, long start, int d, double base, Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  long double worst = 0.0L;
  for (int i = 0; i < d / 2; ++i) {
    const int cs = sin_column(i, d, layout), cc = cos_column(i, d, layout);
    for (Eigen::Index r = 0; r < pe.rows(); ++r) {
      const long p = start + static_cast<long>(r);
      worst = std::max(
          {worst, std::abs(pe(r, cs) - ref_sin(p, w[i])), std::abs(pe(r, cc) - ref_cos(p, w[i]))});
    }
  }
  return static_cast<double>(worst);
}

constexpr double kRounding = 1e-14;  // a few ulp of values up to 1 (ulp(1) = 2.2e-16)

// The error found, in the XML report (--gtest_output=xml): max_error_<what>.
void record_error(const std::string& what, double err) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", err);
  ::testing::Test::RecordProperty("max_error_" + what, text);
}

TEST(SinusoidalSpeed, MillionPositionsStayAtRoundingLevel) {
  // 2^20 positions, up to 10^7 + 2^20: anchors every 64 rows, angles up to 1.1e7 radians.
  for (long start : {0L, 10'000'000L}) {
    const Layout layout = start == 0 ? Layout::Interleaved : Layout::Concat;
    const SinusoidalParams p{4, 10000.0, 1L << 20, start, layout};
    const double err = encoding_error(sinusoidal_encoding(p), start, 4, 10000.0, layout);
    EXPECT_LT(err, kRounding) << "start " << start << " " << layout_name(layout);
    record_error("d4_n1048576_start" + std::to_string(start), err);
  }
}

TEST(SinusoidalSpeed, WideMatricesStayAtRoundingLevel) {
  // d = 4096 (2048 frequencies from 1 down to 10000^-(4094/4096)), starts up to 10^7.
  for (long start : {0L, 9'999'990L}) {
    for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
      const SinusoidalParams p{4096, 10000.0, 300, start, layout};
      const double err = encoding_error(sinusoidal_encoding(p), start, 4096, 10000.0, layout);
      EXPECT_LT(err, kRounding) << "start " << start << " " << layout_name(layout);
      record_error("d4096_n300_start" + std::to_string(start) + "_" + layout_name(layout), err);
    }
  }
}

TEST(SinusoidalSpeed, RunsOfAMillionPositionsAtEveryScaleOfFrequency) {
  // Columns of d = 4096 over 2^20 positions from 10^7 (the whole matrix would be 32 GB).
  const Eigen::VectorXd w = sinusoidal_frequencies(4096, 10000.0);
  const long n = 1L << 20, first = 10'000'000L;
  std::vector<double> s(n), c(n);
  for (int i : {0, 7, 1023, 2047}) {
    sinusoidal_run(w[i], first, n, s.data(), c.data());
    long double worst = 0.0L;
    for (long k = 0; k < n; ++k) {
      worst = std::max({worst, std::abs(s[k] - ref_sin(first + k, w[i])),
                        std::abs(c[k] - ref_cos(first + k, w[i]))});
    }
    EXPECT_LT(static_cast<double>(worst), kRounding) << "pair " << i;
    record_error("run_n1048576_start1e7_pair" + std::to_string(i), static_cast<double>(worst));
  }
}

TEST(SinusoidalSpeed, RunsAnywhereAgreeWithTheDirectFormula) {
  // Negative positions, runs inside one block of 64, across blocks, and past 2^26 (direct).
  const double w = 0.73;
  for (long first : {-1000L, -64L, -3L, 0L, 5L, 60L, 100'000L, (1L << 26) - 10, 1L << 40}) {
    for (long n : {1L, 3L, 64L, 200L}) {
      std::vector<double> s(n), c(n);
      sinusoidal_run(w, first, n, s.data(), c.data());
      for (long k = 0; k < n; ++k) {
        EXPECT_NEAR(s[k], static_cast<double>(ref_sin(first + k, w)), kRounding) << first + k;
        EXPECT_NEAR(c[k], static_cast<double>(ref_cos(first + k, w)), kRounding) << first + k;
      }
    }
  }
  // Past 2^26 the run is the direct formula itself.
  double s = 0.0, c = 0.0;
  sinusoidal_run(w, 1L << 40, 1, &s, &c);
  EXPECT_EQ(s, std::sin(static_cast<double>(1L << 40) * w));
  EXPECT_EQ(c, std::cos(static_cast<double>(1L << 40) * w));
}

TEST(SinusoidalSpeed, SmallMatricesAreTheDirectFormulaAndLargeOnesAgreeWithIt) {
  // Below 2^18 cells: bit for bit sinusoidal_rows. At 2^18 and above: rounding level.
  for (long n : {4095L, 4096L, 20000L}) {
    const SinusoidalParams p{64, 10000.0, n, 123, Layout::Concat};
    const Eigen::VectorXd pos = Eigen::VectorXd::LinSpaced(n, 123.0, 123.0 + n - 1);
    const Eigen::MatrixXd fast = sinusoidal_encoding(p);
    const Eigen::MatrixXd direct = sinusoidal_rows(pos, 64, 10000.0, Layout::Concat);
    EXPECT_MATRIX_NEAR(fast, direct, n * 64 < (1 << 18) ? 0.0 : 1e-15) << n;
  }
}

// Largest |profile - reference| at every `stride`-th offset, the sum taken in long double.
double profile_error(const Eigen::VectorXd& profile, int d, double base, Metric metric,
                     long stride) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const long double scale = metric == Metric::Cosine ? 2.0L / d : 1.0L;
  long double worst = 0.0L;
  for (long r = 0; r < profile.size(); r += stride) {
    long double sum = 0.0L;
    for (Eigen::Index i = 0; i < w.size(); ++i) sum += ref_cos(r, w[i]);
    worst = std::max(worst, std::abs(profile[r] - scale * sum));
  }
  return static_cast<double>(worst);
}

TEST(SinusoidalSpeed, OffsetProfileStaysAtRoundingLevel) {
  // A million offsets at d = 64, 65536 at d = 4096 (a sum of 2048 cosines each).
  const Eigen::VectorXd a = sinusoidal_offset_profile(64, 10000.0, (1L << 20) - 1, Metric::Cosine);
  const double ea = profile_error(a, 64, 10000.0, Metric::Cosine, 61);
  EXPECT_LT(ea, kRounding);
  const Eigen::VectorXd b = sinusoidal_offset_profile(4096, 10000.0, 65535, Metric::Cosine);
  const double eb = profile_error(b, 4096, 10000.0, Metric::Cosine, 127);
  EXPECT_LT(eb, kRounding);
  const Eigen::VectorXd dot = sinusoidal_offset_profile(4096, 10000.0, 65535, Metric::Dot);
  const double edot = profile_error(dot, 4096, 10000.0, Metric::Dot, 127);
  EXPECT_LT(edot, kRounding * 2048);
  record_error("profile_cosine_d64_1048576", ea);
  record_error("profile_cosine_d4096_65536", eb);
  record_error("profile_dot_d4096_65536", edot);
}

TEST(SinusoidalSpeed, ToeplitzGridIsTheProfileAtEveryOffset) {
  for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
    const SinusoidalParams p{512, 10000.0, 3000, 10'000'000L, layout};
    const Eigen::MatrixXd g = sinusoidal_similarity_grid(p, Metric::Cosine);
    const Eigen::VectorXd profile = sinusoidal_offset_profile(512, 10000.0, 2999, Metric::Cosine);
    ASSERT_EQ(g.rows(), 3000);
    ASSERT_EQ(g.cols(), 3000);
    for (Eigen::Index j = 0; j < g.cols(); ++j) {
      for (Eigen::Index i = 0; i < g.rows(); ++i) {
        ASSERT_EQ(g(i, j), profile[std::abs(i - j)]) << i << ", " << j;
      }
    }
    const double err = profile_error(profile, 512, 10000.0, Metric::Cosine, 7);
    EXPECT_LT(err, kRounding);
    record_error(std::string("grid_cosine_d512_n3000_") + layout_name(layout), err);
  }
}

}  // namespace
}  // namespace peviz
