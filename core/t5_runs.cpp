#include "t5_runs.hpp"

#include <algorithm>

#include "validate.hpp"

namespace peviz {
namespace {

// The last r in [a, end] with bucket(r) == bucket(a), on a side where the bucket is monotone.
long run_end(long a, long end, const T5Params& params) {
  const int b = t5_bucket(a, params);
  long lo = a, hi = end;  // bucket(lo) == b; find the largest such
  while (lo < hi) {
    const long mid = lo + (hi - lo + 1) / 2;
    if (t5_bucket(mid, params) == b) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

// The first r in [begin, a] with bucket(r) == bucket(a).
long run_begin(long a, long begin, const T5Params& params) {
  const int b = t5_bucket(a, params);
  long lo = begin, hi = a;
  while (lo < hi) {
    const long mid = lo + (hi - lo) / 2;
    if (t5_bucket(mid, params) == b) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return hi;
}

void append(std::vector<T5Run>& runs, T5Run r) {
  if (!runs.empty() && runs.back().bucket == r.bucket && runs.back().last + 1 == r.first) {
    runs.back().last = r.last;
  } else {
    runs.push_back(r);
  }
}

}  // namespace

std::vector<T5Run> t5_bucket_runs(long lo, long hi, const T5Params& params) {
  check_t5_params(params);
  if (lo > hi) throw InvalidArgument("t5_bucket_runs needs lo <= hi");
  std::vector<T5Run> runs;
  // Two monotone sides: relative positions <= 0 and > 0 (HF: direction, then |r|).
  const long sides[2][2] = {{lo, std::min(hi, 0L)}, {std::max(lo, 1L), hi}};
  for (const auto& side : sides) {
    for (long a = side[0]; a <= side[1];) {
      const long b = run_end(a, side[1], params);
      append(runs, {a, b, t5_bucket(a, params)});
      a = b + 1;
    }
  }
  return runs;
}

T5Run t5_run_of(long relative_position, const T5Params& params, long reach) {
  check_t5_params(params);
  const long r = relative_position;
  const bool positive = r > 0;
  const long begin = positive ? 1 : std::max(r - reach, -(1L << 40));
  const long end = positive ? std::min(r + reach, 1L << 40) : 0;
  T5Run run{run_begin(r, positive ? std::max(begin, r - reach) : begin, params),
            run_end(r, positive ? end : std::min(end, r + reach), params), t5_bucket(r, params)};
  // A decoder puts rel 0 and every future key in bucket 0: one run across the sides.
  if (!positive && run.last == 0 && run.bucket == t5_bucket(1, params)) {
    run.last = run_end(1, std::min(r + reach, 1L << 40), params);
  } else if (positive && run.first == 1 && run.bucket == t5_bucket(0, params)) {
    run.first = run_begin(0, std::max(r - reach, -(1L << 40)), params);
  }
  return run;
}

}  // namespace peviz
