// Tests for core/similarity: dot and cosine grids, and the sinusoidal Toeplitz fast path
// (docs/formulas.md Sec. 3: PE[p].PE[q] = sum_i cos((p-q) w_i), |PE[p]|^2 = d/2).
#include "core/similarity.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

TEST(Similarity, SmallGridByHand) {
  // Rows (1, 0), (1, 1), (0, 2): dots 1, 1, 0 / 2, 2 / 4; cosines 1/sqrt(2) and 0.
  Eigen::MatrixXd e(3, 2);
  e << 1, 0, 1, 1, 0, 2;
  Eigen::Matrix3d dot;
  dot << 1, 1, 0, 1, 2, 2, 0, 2, 4;
  const double h = 1.0 / std::sqrt(2.0);
  Eigen::Matrix3d cosine;
  cosine << 1, h, 0, h, 1, h, 0, h, 1;
  EXPECT_MATRIX_NEAR(similarity_grid(e, Metric::Dot), dot, 0.0);
  EXPECT_MATRIX_NEAR(similarity_grid(e, Metric::Cosine), cosine, 1e-15);
}

TEST(Similarity, GridsAreSymmetricWithUnitCosineDiagonal) {
  LearnedParams lp;
  lp.d = 24;
  lp.positions = 60;
  lp.seed = 7;
  const Eigen::MatrixXd table = learned_encoding(lp);
  SinusoidalParams sp;
  sp.d = 24;
  sp.positions = 60;
  sp.start = 123;
  const Eigen::MatrixXd pe = sinusoidal_encoding(sp);
  for (const Eigen::MatrixXd* e : {&table, &pe}) {
    for (Metric metric : {Metric::Cosine, Metric::Dot}) {
      const Eigen::MatrixXd g = similarity_grid(*e, metric);
      EXPECT_MATRIX_NEAR(g, g.transpose(), 1e-15);
    }
    const Eigen::MatrixXd c = similarity_grid(*e, Metric::Cosine);
    EXPECT_MATRIX_NEAR(c.diagonal(), Eigen::VectorXd::Ones(60), 1e-15);
    EXPECT_LE(c.maxCoeff(), 1.0 + 1e-15);
    EXPECT_GE(c.minCoeff(), -1.0 - 1e-15);
  }
}

TEST(Similarity, CosineOfEveryCellMatchesTheDefinition) {
  LearnedParams lp;
  lp.d = 10;
  lp.positions = 20;
  lp.seed = 3;
  const Eigen::MatrixXd e = learned_encoding(lp);
  const Eigen::MatrixXd g = similarity_grid(e, Metric::Cosine);
  for (int p = 0; p < 20; ++p) {
    for (int q = 0; q < 20; ++q) {
      double dot = 0.0, np = 0.0, nq = 0.0;
      for (int j = 0; j < 10; ++j) {
        dot += e(p, j) * e(q, j);
        np += e(p, j) * e(p, j);
        nq += e(q, j) * e(q, j);
      }
      EXPECT_NEAR(g(p, q), dot / std::sqrt(np * nq), 1e-14) << p << ", " << q;
    }
  }
}

TEST(Similarity, ZeroRowHasZeroCosine) {
  Eigen::MatrixXd e(3, 2);
  e << 0, 0, 3, 4, -3, -4;
  const Eigen::MatrixXd g = similarity_grid(e, Metric::Cosine);
  EXPECT_FALSE(g.hasNaN());
  EXPECT_EQ(g(0, 0), 0.0);
  EXPECT_EQ(g(0, 1), 0.0);
  EXPECT_EQ(g(2, 0), 0.0);
  EXPECT_NEAR(g(1, 2), -1.0, 1e-15);
  const Eigen::VectorXd r0 = similarity_row(e, 0, Metric::Cosine);
  EXPECT_MATRIX_NEAR(r0, Eigen::Vector3d::Zero(), 0.0);
}

TEST(Similarity, RowEqualsARowOfTheGrid) {
  LearnedParams lp;
  lp.d = 16;
  lp.positions = 30;
  const Eigen::MatrixXd e = learned_encoding(lp);
  for (Metric metric : {Metric::Cosine, Metric::Dot}) {
    const Eigen::MatrixXd g = similarity_grid(e, metric);
    for (Eigen::Index r : {0, 7, 29}) {
      EXPECT_MATRIX_NEAR(similarity_row(e, r, metric), test::row_vec(g, r), 1e-15)
          << metric_name(metric) << " row " << r;
    }
  }
}

TEST(Similarity, SinusoidalDotIsASumOfCosines) {
  // docs/formulas.md Sec. 3, computed in the test per cell: sum_{i<d/2} cos((p-q) w_i).
  for (int d : {2, 8, 64}) {
    SinusoidalParams p;
    p.d = d;
    p.positions = 40;
    p.start = 17;
    const Eigen::MatrixXd g = similarity_grid(sinusoidal_encoding(p), Metric::Dot);
    for (int a = 0; a < 40; ++a) {
      for (int b = 0; b < 40; ++b) {
        double sum = 0.0;
        for (int i = 0; i < d / 2; ++i) sum += std::cos((a - b) * std::pow(10000.0, -2.0 * i / d));
        EXPECT_NEAR(g(a, b), sum, 1e-12) << "d=" << d << " (" << a << ", " << b << ")";
      }
    }
  }
}

TEST(Similarity, ToeplitzFastPathEqualsTheDenseGrid) {
  for (int d : {2, 16, 64, 128}) {
    for (double base : {10000.0, 50.0}) {
      for (Layout layout : {Layout::Interleaved, Layout::Concat}) {
        for (long start : {0L, 250L}) {
          SinusoidalParams p;
          p.d = d;
          p.base = base;
          p.positions = 120;
          p.start = start;
          p.layout = layout;
          for (Metric metric : {Metric::Cosine, Metric::Dot}) {
            const Eigen::MatrixXd fast = sinusoidal_similarity_grid(p, metric);
            const Eigen::MatrixXd dense = similarity_grid(sinusoidal_encoding(p), metric);
            EXPECT_MATRIX_NEAR(fast, dense, 1e-12)
                << "d=" << d << " base=" << base << " " << layout_name(layout) << " start=" << start
                << " " << metric_name(metric);
          }
        }
      }
    }
  }
}

TEST(Similarity, OffsetProfile) {
  // d = 2: the only frequency is 1, so dot(r) = cosine(r) = cos(r).
  const Eigen::VectorXd p2 = sinusoidal_offset_profile(2, 10000.0, 3, Metric::Dot);
  ASSERT_EQ(p2.size(), 4);
  EXPECT_NEAR(p2[0], 1.0, 0.0);
  EXPECT_NEAR(p2[1], 0.5403023058681398, 1e-16);   // cos 1
  EXPECT_NEAR(p2[2], -0.4161468365471424, 1e-16);  // cos 2
  EXPECT_NEAR(p2[3], -0.9899924966004454, 1e-16);  // cos 3
  // d = 4: w = (1, 0.01): dot(1) = cos 1 + cos 0.01; cosine halves it.
  const Eigen::VectorXd p4 = sinusoidal_offset_profile(4, 10000.0, 1, Metric::Dot);
  EXPECT_NEAR(p4[0], 2.0, 1e-15);
  EXPECT_NEAR(p4[1], 0.5403023058681398 + 0.9999500004166653, 1e-15);
  const Eigen::VectorXd c4 = sinusoidal_offset_profile(4, 10000.0, 1, Metric::Cosine);
  EXPECT_NEAR(c4[0], 1.0, 1e-15);
  EXPECT_NEAR(c4[1], (0.5403023058681398 + 0.9999500004166653) / 2, 1e-15);
  // Value at offset 0 is d/2 (dot) or 1 (cosine) for every d.
  for (int d : {6, 64, 512}) {
    EXPECT_NEAR(sinusoidal_offset_profile(d, 10000.0, 0, Metric::Dot)[0], d / 2.0, 1e-12);
    EXPECT_NEAR(sinusoidal_offset_profile(d, 10000.0, 0, Metric::Cosine)[0], 1.0, 1e-15);
  }
}

TEST(Similarity, ProfileIsNotMonotone) {
  // docs/formulas.md Sec. 3: a sum of cosines; for d = 2 it is cos(r), which rises after r = pi.
  const Eigen::VectorXd p = sinusoidal_offset_profile(2, 10000.0, 6, Metric::Cosine);
  EXPECT_LT(p[3], p[4]);
}

TEST(Similarity, EmptyEncodingAndGrid) {
  SinusoidalParams p;
  p.positions = 0;
  EXPECT_EQ(sinusoidal_similarity_grid(p, Metric::Cosine).rows(), 0);
  EXPECT_EQ(similarity_grid(Eigen::MatrixXd(0, 4), Metric::Dot).rows(), 0);
}

TEST(Similarity, Names) {
  EXPECT_STREQ(metric_name(Metric::Cosine), "cosine");
  EXPECT_STREQ(metric_name(Metric::Dot), "dot");
}

TEST(SimilarityErrors, BadArguments) {
  const Eigen::MatrixXd e = Eigen::MatrixXd::Ones(4, 3);
  EXPECT_INVALID_ARGUMENT(similarity_row(e, 4, Metric::Dot), "4");
  EXPECT_INVALID_ARGUMENT(similarity_row(e, -1, Metric::Cosine), "-1");
  EXPECT_INVALID_ARGUMENT(sinusoidal_offset_profile(64, 10000.0, -1, Metric::Dot), "-1");
  EXPECT_INVALID_ARGUMENT(sinusoidal_offset_profile(63, 10000.0, 5, Metric::Dot), "63");
  EXPECT_INVALID_ARGUMENT(sinusoidal_offset_profile(64, 1.0, 5, Metric::Dot), "base");
  SinusoidalParams p;
  p.positions = -2;
  EXPECT_INVALID_ARGUMENT(sinusoidal_similarity_grid(p, Metric::Dot), "-2");
  p.positions = 5;
  p.d = 0;
  EXPECT_INVALID_ARGUMENT(sinusoidal_similarity_grid(p, Metric::Dot), "");
}

TEST(SimilarityBetween, IsABlockOfTheGrid) {
  const Eigen::MatrixXd e = learned_encoding({16, 20, 0, 3, 0.02});
  const Eigen::MatrixXd grid = similarity_grid(e, Metric::Cosine);
  const Eigen::MatrixXd block = similarity_between(e.topRows(5), e.bottomRows(7), Metric::Cosine);
  EXPECT_MATRIX_NEAR(block, grid.block(0, 13, 5, 7), 1e-14);
  const Eigen::MatrixXd dot = similarity_between(e.topRows(2), e, Metric::Dot);
  EXPECT_MATRIX_NEAR(dot, (e.topRows(2) * e.transpose()).eval(), 1e-15);
  EXPECT_INVALID_ARGUMENT(similarity_between(e, e.leftCols(3), Metric::Dot), "columns");
}

TEST(SimilarityBetween, LargeProductsOnTheCoresAndRowsAgainstThemselves) {
  // 300 rows of 700: large enough for the threaded product, and for the symmetric one when
  // the rows are compared with themselves (the same object).
  const Eigen::MatrixXd a = learned_encoding({700, 300, 0, 5, 0.02});
  const Eigen::MatrixXd copy = a;
  for (const Metric metric : {Metric::Cosine, Metric::Dot}) {
    const Eigen::MatrixXd self = similarity_between(a, a, metric);
    const Eigen::MatrixXd other = similarity_between(a, copy, metric);
    EXPECT_TRUE(self == self.transpose());
    EXPECT_MATRIX_NEAR(self, other, 1e-15);
    // Each cell against its own dot product, in long double.
    for (Eigen::Index i = 0; i < 300; i += 37) {
      for (Eigen::Index j = 0; j < 300; j += 23) {
        long double dot = 0.0L, ni = 0.0L, nj = 0.0L;
        for (Eigen::Index k = 0; k < 700; ++k) {
          dot += static_cast<long double>(a(i, k)) * a(j, k);
          ni += static_cast<long double>(a(i, k)) * a(i, k);
          nj += static_cast<long double>(a(j, k)) * a(j, k);
        }
        const long double want = metric == Metric::Dot ? dot : dot / std::sqrt(ni * nj);
        ASSERT_NEAR(self(i, j), static_cast<double>(want), 1e-15) << i << " " << j;
      }
    }
  }
  // Rows against other rows, threaded: a block of the product.
  const Eigen::MatrixXd b = learned_encoding({700, 250, 1000, 5, 0.02});
  EXPECT_MATRIX_NEAR(similarity_between(a, b, Metric::Dot), (a * b.transpose()).eval(), 1e-15);
}

TEST(SinusoidalSimilarityBetween, EvenlySpacedOffsetsMatchTheDirectSum) {
  // 3000 offsets 7 apart from -10000 (a profile at a million positions' stride), d = 512:
  // the rotations between anchors against each offset's own sum of cosines, in long double.
  const Eigen::VectorXd offsets = Eigen::VectorXd::LinSpaced(3000, -10000.0, -10000.0 + 7 * 2999);
  const Eigen::VectorXd at = sinusoidal_similarity_at_offsets(offsets, 512, 10000.0, Metric::Dot);
  // The same frequencies (doubles), every product and cosine in long double.
  const Eigen::VectorXd w = sinusoidal_frequencies(512, 10000.0);
  for (Eigen::Index k = 0; k < offsets.size(); k += 11) {
    long double sum = 0.0L;
    for (int i = 0; i < 256; ++i)
      sum += std::cos(static_cast<long double>(offsets[k]) * static_cast<long double>(w[i]));
    ASSERT_NEAR(at[k], static_cast<double>(sum), 1e-13) << k;
  }
}

TEST(SinusoidalSimilarityBetween, EqualsTheGeneralGridAtSampledPositions) {
  // Every 7th position of 0..209 against every 5th of 3..198: the Toeplitz path
  // against the Gram matrix of the rows themselves.
  Eigen::VectorXd p = Eigen::VectorXd::LinSpaced(30, 0, 203);
  Eigen::VectorXd q = Eigen::VectorXd::LinSpaced(40, 3, 198);
  for (Metric metric : {Metric::Cosine, Metric::Dot}) {
    const Eigen::MatrixXd fast = sinusoidal_similarity_between(p, q, 48, 10000.0, metric);
    const Eigen::MatrixXd slow =
        similarity_between(sinusoidal_rows(p, 48, 10000.0, Layout::Interleaved),
                           sinusoidal_rows(q, 48, 10000.0, Layout::Interleaved), metric);
    EXPECT_MATRIX_NEAR(fast, slow, 1e-12);
  }
  Eigen::VectorXd offsets(3);
  offsets << 0, 5, 17;
  const Eigen::VectorXd profile = sinusoidal_offset_profile(48, 10000.0, 17, Metric::Cosine);
  const Eigen::VectorXd at = sinusoidal_similarity_at_offsets(offsets, 48, 10000.0, Metric::Cosine);
  EXPECT_DOUBLE_EQ(at[0], 1.0);
  EXPECT_DOUBLE_EQ(at[1], profile[5]);
  EXPECT_DOUBLE_EQ(at[2], profile[17]);
}

}  // namespace
}  // namespace peviz
