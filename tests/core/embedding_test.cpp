// Tests for core/embedding: deterministic N(0, 1) token vectors seeded by the word's
// FNV-1a hash.
#include "core/embedding.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

TEST(Embedding, SameWordSameVector) {
  EXPECT_MATRIX_NEAR(word_embedding("dog", 64), word_embedding("dog", 64), 0.0);
  const Eigen::MatrixXd x = embed_tokens({"the", "dog", "saw", "the", "cat"}, 16);
  ASSERT_EQ(x.rows(), 5);
  ASSERT_EQ(x.cols(), 16);
  EXPECT_MATRIX_NEAR(test::row_vec(x, 0), test::row_vec(x, 3), 0.0);
  EXPECT_MATRIX_NEAR(test::row_vec(x, 1), word_embedding("dog", 16), 0.0);
  EXPECT_GT((x.row(0) - x.row(1)).cwiseAbs().maxCoeff(), 0.1);
  EXPECT_GT((x.row(1) - x.row(4)).cwiseAbs().maxCoeff(), 0.1);
}

TEST(Embedding, IsCaseAndByteSensitive) {
  // The tokenizer lower-cases; the embedding itself hashes the exact bytes.
  EXPECT_GT((word_embedding("dog", 8) - word_embedding("Dog", 8)).cwiseAbs().maxCoeff(), 0.1);
  EXPECT_GT((word_embedding("dog", 8) - word_embedding("dogs", 8)).cwiseAbs().maxCoeff(), 0.1);
}

TEST(Embedding, PrefixPropertyAcrossDimensions) {
  // "its first d entries do not depend on d", including odd d (Box-Muller makes pairs).
  const Eigen::VectorXd full = word_embedding("bites", 128);
  for (int d : {1, 2, 3, 7, 64, 127}) {
    EXPECT_MATRIX_NEAR(word_embedding("bites", d), full.head(d), 0.0) << d;
  }
}

TEST(Embedding, IsTheRngStreamSeededByTheFnv1aHash) {
  // FNV-1a 64 of "dog" = 0xcaaf3b18f47478e9 (python3 from the FNV spec: offset basis
  // 0xcbf29ce484222325, prime 0x100000001b3).
  EXPECT_EQ(hash_text("dog"), 0xcaaf3b18f47478e9ULL);
  Rng rng(0xcaaf3b18f47478e9ULL);
  Eigen::VectorXd expected(10);
  for (int j = 0; j < 10; ++j) expected[j] = rng.normal();
  EXPECT_MATRIX_NEAR(word_embedding("dog", 10), expected, 0.0);
}

TEST(Embedding, EntriesLookStandardNormal) {
  // Many distinct words: pooled entries have mean ~0 and variance ~1.
  double sum = 0.0, sum2 = 0.0;
  long n = 0;
  for (int w = 0; w < 2000; ++w) {
    const Eigen::VectorXd v = word_embedding("word" + std::to_string(w), 32);
    sum += v.sum();
    sum2 += v.squaredNorm();
    n += 32;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.0, 0.02);  // standard error 1/sqrt(64000) = 0.004
  EXPECT_NEAR(sum2 / n - mean * mean, 1.0, 0.03);
}

TEST(Embedding, EmptyTokenList) {
  const Eigen::MatrixXd x = embed_tokens({}, 8);
  EXPECT_EQ(x.rows(), 0);
  EXPECT_EQ(x.cols(), 8);
}

TEST(EmbeddingErrors, NonPositiveDimension) {
  EXPECT_INVALID_ARGUMENT(word_embedding("dog", 0), "0");
  EXPECT_INVALID_ARGUMENT(word_embedding("dog", -5), "-5");
  EXPECT_INVALID_ARGUMENT(embed_tokens({"a"}, 0), "0");
}

}  // namespace
}  // namespace peviz
