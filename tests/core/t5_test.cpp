// Tests for core/t5: HF modeling_t5.py T5Attention._relative_position_bucket
// (docs/formulas.md Sec. 6). relative_position = key - query.
//
// Hand derivation for the bidirectional defaults (32 buckets, max distance 128): 16 buckets
// per side, max_exact 8; for n = |rel| >= 8 the bucket is 8 + trunc(ln(n/8)/ln(16) * 8)
// = 8 + trunc(2 log2(n/8)), clamped to 15; keys after the query add 16. So n = 8 -> 8,
// 16 -> 10, 32 -> 12, 64 -> 14, 63 -> 13 (2 log2(63/8) = 5.95), >= 91 -> 15.
// Causal (32 buckets, max_exact 16): n = max(-rel, 0); n >= 16 -> 16 + trunc(16/3 log2(n/16)).
// Cross-checked with a python3 transcription of the HF function (double and an emulation of
// its float32 tensors agree for |rel| <= 3000 and several bucket settings).
#include "core/t5.hpp"

#include <gtest/gtest.h>

#include <limits>

#include <cmath>
#include <map>

#include "test_util.hpp"

namespace peviz {
namespace {

T5Params bidirectional() {
  return T5Params{32, 128, true};
}
T5Params causal() {
  return T5Params{32, 128, false};
}

TEST(T5, FloatBoundaryAtSixtyFour) {
  // |rel| = 64: 8 * ln(8) / ln(16) = 6 exactly in HF's order -> 14 (30 for +64);
  // |rel| = 63 -> 13 (29).
  EXPECT_EQ(t5_bucket(-64, bidirectional()), 14);
  EXPECT_EQ(t5_bucket(64, bidirectional()), 30);
  EXPECT_EQ(t5_bucket(-63, bidirectional()), 13);
  EXPECT_EQ(t5_bucket(63, bidirectional()), 29);
  // The other exact powers: 16 -> 10 (26), 32 -> 12 (28).
  EXPECT_EQ(t5_bucket(-16, bidirectional()), 10);
  EXPECT_EQ(t5_bucket(16, bidirectional()), 26);
  EXPECT_EQ(t5_bucket(-32, bidirectional()), 12);
  EXPECT_EQ(t5_bucket(32, bidirectional()), 28);
}

TEST(T5, BidirectionalExactBuckets) {
  EXPECT_EQ(t5_bucket(0, bidirectional()), 0);
  for (long n = 1; n <= 7; ++n) {
    EXPECT_EQ(t5_bucket(-n, bidirectional()), n) << n;      // key before the query
    EXPECT_EQ(t5_bucket(n, bidirectional()), 16 + n) << n;  // key after the query
  }
}

TEST(T5, BidirectionalLogBuckets) {
  EXPECT_EQ(t5_bucket(-8, bidirectional()), 8);
  EXPECT_EQ(t5_bucket(8, bidirectional()), 24);
  EXPECT_EQ(t5_bucket(-128, bidirectional()), 15);
  EXPECT_EQ(t5_bucket(128, bidirectional()), 31);
  EXPECT_EQ(t5_bucket(-1000, bidirectional()), 15);
  EXPECT_EQ(t5_bucket(1000, bidirectional()), 31);
  EXPECT_EQ(t5_bucket(-100, bidirectional()), 15);  // 2 log2(12.5) = 7.29
  EXPECT_EQ(t5_bucket(100, bidirectional()), 31);
}

// First distance n that falls in each bucket; between them the bucket is constant.
void expect_first_distances(const T5Params& p, long sign, const std::map<int, long>& firsts,
                            long up_to) {
  std::map<int, long> got;
  int previous = -1;
  for (long n = 0; n <= up_to; ++n) {
    const int b = t5_bucket(sign * n, p);
    if (!got.count(b)) got[b] = n;
    EXPECT_GE(b, previous) << "bucket decreased at n=" << n;  // monotone in distance
    previous = b;
  }
  EXPECT_EQ(got, firsts);
}

TEST(T5, BidirectionalBoundariesOverAllDistances) {
  // n_k = ceil(8 * 2^(k/2)) for bucket 8 + k: 12, 16, 23, 32, 46, 64, 91 (python3 and by hand).
  expect_first_distances(bidirectional(), -1,
                         {{0, 0},
                          {1, 1},
                          {2, 2},
                          {3, 3},
                          {4, 4},
                          {5, 5},
                          {6, 6},
                          {7, 7},
                          {8, 8},
                          {9, 12},
                          {10, 16},
                          {11, 23},
                          {12, 32},
                          {13, 46},
                          {14, 64},
                          {15, 91}},
                         400);
  expect_first_distances(bidirectional(), 1,
                         {{0, 0},
                          {17, 1},
                          {18, 2},
                          {19, 3},
                          {20, 4},
                          {21, 5},
                          {22, 6},
                          {23, 7},
                          {24, 8},
                          {25, 12},
                          {26, 16},
                          {27, 23},
                          {28, 32},
                          {29, 46},
                          {30, 64},
                          {31, 91}},
                         400);
}

TEST(T5, CausalBuckets) {
  // Every future key is bucket 0.
  for (long rel : {1L, 2L, 50L, 1000L}) EXPECT_EQ(t5_bucket(rel, causal()), 0) << rel;
  EXPECT_EQ(t5_bucket(0, causal()), 0);
  for (long n = 1; n <= 15; ++n) EXPECT_EQ(t5_bucket(-n, causal()), n) << n;
  EXPECT_EQ(t5_bucket(-16, causal()), 16);
  EXPECT_EQ(t5_bucket(-32, causal()), 21);   // 16/3 * 1 = 5.33
  EXPECT_EQ(t5_bucket(-64, causal()), 26);   // 16/3 * 2 = 10.67
  EXPECT_EQ(t5_bucket(-100, causal()), 30);  // 16/3 * log2(6.25) = 14.10
  EXPECT_EQ(t5_bucket(-127, causal()), 31);
  EXPECT_EQ(t5_bucket(-128, causal()), 31);  // 16 + 16 = 32, clamped to 31
  EXPECT_EQ(t5_bucket(-5000, causal()), 31);
  // First distances (python3): n_k = ceil(16 * 2^(3k/16)) for bucket 16 + k.
  expect_first_distances(
      causal(), -1,
      {{0, 0},   {1, 1},   {2, 2},   {3, 3},   {4, 4},   {5, 5},   {6, 6},   {7, 7},
       {8, 8},   {9, 9},   {10, 10}, {11, 11}, {12, 12}, {13, 13}, {14, 14}, {15, 15},
       {16, 16}, {17, 19}, {18, 21}, {19, 24}, {20, 27}, {21, 31}, {22, 35}, {23, 40},
       {24, 46}, {25, 52}, {26, 59}, {27, 67}, {28, 77}, {29, 87}, {30, 99}, {31, 113}},
      400);
}

TEST(T5, OtherBucketSettings) {
  // python3 (HF transcription): bidirectional 16 buckets, max distance 64 -> first distances
  // 5:8, 6:16, 7:32; causal 8 buckets, max distance 20 -> 5:6, 6:9, 7:14.
  expect_first_distances(T5Params{16, 64, true}, -1,
                         {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 8}, {6, 16}, {7, 32}}, 300);
  expect_first_distances(T5Params{8, 20, false}, -1,
                         {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 6}, {6, 9}, {7, 14}}, 300);
  EXPECT_EQ(t5_bucket(5, T5Params{16, 64, true}), 8 + 4);
}

TEST(T5, MaxExact) {
  EXPECT_EQ(t5_max_exact(bidirectional()), 8);
  EXPECT_EQ(t5_max_exact(causal()), 16);
  EXPECT_EQ(t5_max_exact(T5Params{16, 64, true}), 4);
}

TEST(T5, BucketMatrixUsesKeyMinusQuery) {
  const Eigen::MatrixXi m = t5_bucket_matrix(70, bidirectional());
  ASSERT_EQ(m.rows(), 70);
  ASSERT_EQ(m.cols(), 70);
  // Query 0, key 5 (a later key): +5 -> 21; query 5, key 0: -5 -> 5.
  EXPECT_EQ(m(0, 5), 21);
  EXPECT_EQ(m(5, 0), 5);
  EXPECT_EQ(m(0, 64), 30);
  EXPECT_EQ(m(64, 0), 14);
  for (int i = 0; i < 70; ++i) {
    for (int j = 0; j < 70; ++j) EXPECT_EQ(m(i, j), t5_bucket(j - i, bidirectional()));
  }
  const Eigen::MatrixXi c = t5_bucket_matrix(20, causal());
  for (int i = 0; i < 20; ++i) {
    for (int j = i + 1; j < 20; ++j) EXPECT_EQ(c(i, j), 0);
    EXPECT_EQ(c(i, 0), i < 16 ? i : (i < 19 ? 16 : 17));
  }
  EXPECT_EQ(t5_bucket_matrix(0, causal()).size(), 0);
}

TEST(T5Errors, BadParameters) {
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{3, 128, true}), "3");
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{1, 128, false}), "1");
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{0, 128, false}), "buckets");
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{-32, 128, true}), "-32");
  // max distance must exceed max_exact (8 for 32 bidirectional buckets, 16 causal).
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{32, 8, true}), "max distance (8)");
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{32, 16, false}), "16");
  EXPECT_INVALID_ARGUMENT(check_t5_params(T5Params{32, -1, true}), "-1");
  EXPECT_INVALID_ARGUMENT(t5_bucket(3, T5Params{32, 0, true}), "max distance");
  EXPECT_INVALID_ARGUMENT(t5_bucket_matrix(4, T5Params{2, 128, true}), "2");
  EXPECT_INVALID_ARGUMENT(t5_bucket_matrix(-1, bidirectional()), "-1");
  // The smallest valid settings work.
  EXPECT_NO_THROW(check_t5_params(T5Params{4, 2, true}));
  EXPECT_NO_THROW(check_t5_params(T5Params{2, 2, false}));
}

TEST(T5Bucket, ExtremeRelativePositionsFallInTheLastBuckets) {
  const T5Params bidirectional;  // 32 buckets, max distance 128
  EXPECT_EQ(t5_bucket(std::numeric_limits<long>::min(), bidirectional), 15);
  EXPECT_EQ(t5_bucket(std::numeric_limits<long>::max(), bidirectional), 31);
  const T5Params causal{32, 128, false};
  EXPECT_EQ(t5_bucket(std::numeric_limits<long>::min(), causal), 31);
  EXPECT_EQ(t5_bucket(std::numeric_limits<long>::max(), causal), 0);
}

}  // namespace
}  // namespace peviz
