// Tests for core/t5_runs: the runs against a brute-force scan of t5_bucket, and the
// published boundaries of docs/formulas.md Sec. 6 (bidirectional defaults: |rel| 64 -> 14,
// 63 -> 13, so a run of bucket 14 starts at -64... and the last bucket from 91 on).
#include "core/t5_runs.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/validate.hpp"

namespace peviz {
namespace {

std::vector<T5Run> brute(long lo, long hi, const T5Params& p) {
  std::vector<T5Run> runs;
  for (long r = lo; r <= hi; ++r) {
    const int b = t5_bucket(r, p);
    if (!runs.empty() && runs.back().bucket == b) {
      runs.back().last = r;
    } else {
      runs.push_back({r, r, b});
    }
  }
  return runs;
}

TEST(T5RunsTest, MatchBruteForceScan) {
  for (const T5Params& p :
       {T5Params{32, 128, true}, T5Params{32, 128, false}, T5Params{8, 20, true},
        T5Params{5, 9, true}, T5Params{2, 3, false}, T5Params{64, 300, false}}) {
    for (const auto& [lo, hi] :
         std::vector<std::pair<long, long>>{{-400, 400}, {-3, 7}, {5, 90}, {-90, -5}, {0, 0}}) {
      const std::vector<T5Run> got = t5_bucket_runs(lo, hi, p);
      const std::vector<T5Run> want = brute(lo, hi, p);
      ASSERT_EQ(got.size(), want.size())
          << p.num_buckets << " " << p.bidirectional << " [" << lo << ", " << hi << "]";
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].first, want[i].first);
        EXPECT_EQ(got[i].last, want[i].last);
        EXPECT_EQ(got[i].bucket, want[i].bucket);
      }
      for (long r = lo; r <= hi; ++r) {
        const T5Run one = t5_run_of(r, p, 1000);
        EXPECT_LE(one.first, r);
        EXPECT_GE(one.last, r);
        EXPECT_EQ(one.bucket, t5_bucket(r, p));
      }
    }
  }
}

TEST(T5RunsTest, PublishedBoundariesOfTheDefaults) {
  const T5Params enc{32, 128, true};
  // |rel| 64..90 share bucket 14 (63 is 13, 91 starts the last bucket 15).
  const T5Run left = t5_run_of(-70, enc);
  EXPECT_EQ(left.first, -90);
  EXPECT_EQ(left.last, -64);
  EXPECT_EQ(left.bucket, 14);
  const T5Run right = t5_run_of(64, enc);
  EXPECT_EQ(right.first, 64);
  EXPECT_EQ(right.bucket, 30);
  // The last bucket is unbounded (up to the 2^40 clamp).
  const T5Run far = t5_run_of(1000000, enc);
  EXPECT_EQ(far.first, 91);
  EXPECT_EQ(far.bucket, 31);
  // A decoder: relative position 0 and every future key are bucket 0, one run.
  const T5Run future = t5_run_of(5, T5Params{32, 128, false}, 100);
  EXPECT_EQ(future.first, 0);
  EXPECT_EQ(future.last, 105);
  EXPECT_EQ(future.bucket, 0);
}

TEST(T5RunsTest, AMillionPositionsInFewRuns) {
  const std::vector<T5Run> runs = t5_bucket_runs(-1000000, 1000000, T5Params{32, 128, true});
  ASSERT_EQ(runs.size(), 31u);  // buckets 15..1 left, 0 at rel 0, 17..31 right
  EXPECT_EQ(runs.front().first, -1000000);
  EXPECT_EQ(runs.back().last, 1000000);
  for (std::size_t i = 1; i < runs.size(); ++i) EXPECT_EQ(runs[i].first, runs[i - 1].last + 1);
}

TEST(T5RunsTest, RejectsReversedRange) {
  EXPECT_THROW(t5_bucket_runs(3, 2, T5Params{}), InvalidArgument);
}

}  // namespace
}  // namespace peviz
