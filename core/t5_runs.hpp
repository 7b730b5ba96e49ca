// T5 buckets as runs: the maximal intervals of relative positions that share a bucket,
// found with t5_bucket itself (binary search on each side of 0, where the bucket is
// monotone in |relative position|), so a chart over a million relative positions costs
// a few hundred bucket evaluations and its steps sit exactly where HF's buckets change.
// Source of the buckets: HF transformers modeling_t5.py, T5Attention._relative_position_bucket.
#pragma once

#include <vector>

#include "t5.hpp"

namespace peviz {

struct T5Run {
  long first = 0;  // first relative position (key - query) of the run
  long last = 0;   // last one (inclusive)
  int bucket = 0;  // the bucket every relative position in [first, last] gets
};

// The runs covering [lo, hi] (lo <= hi), in increasing order; neighbours differ in bucket.
std::vector<T5Run> t5_bucket_runs(long lo, long hi, const T5Params& params);
// The run holding one relative position, searched no further than `reach` either way.
T5Run t5_run_of(long relative_position, const T5Params& params, long reach = 1L << 40);

}  // namespace peviz
