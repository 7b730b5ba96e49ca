// T5 relative position buckets.
// Source: HF transformers src/transformers/models/t5/modeling_t5.py,
// T5Attention._relative_position_bucket (adapted from Mesh TensorFlow).
// relative_position = key index - query index (memory - context).
// Bidirectional (encoder): half the buckets per direction, keys after the query
// get +num_buckets/2; causal (decoder): every future key is bucket 0.
// Within a direction: max_exact = buckets/2 exact buckets, then log-spaced buckets
// up to max_distance, the rest clamped to the last bucket. The log bucket is
// computed in HF's operation order, which matters at float boundaries:
//   max_exact + trunc(ln(n / max_exact) / ln(max_distance / max_exact) * (buckets - max_exact))
// (|rel| = 64 with the defaults gives exactly 6 -> bucket 14; another order gives 13).
#pragma once

#include <Eigen/Core>

namespace peviz {

struct T5Params {
  int num_buckets = 32;       // total buckets (HF default 32)
  int max_distance = 128;     // distances beyond this share the last bucket (HF default 128)
  bool bidirectional = true;  // encoder (true) or decoder self-attention (false)
};

// Throws unless the parameters give at least one exact bucket and max_distance > max_exact.
void check_t5_params(const T5Params& params);
int t5_bucket(long relative_position, const T5Params& params);
// n x n bucket indices, entry (i, j) for query i and key j (relative position j - i).
Eigen::MatrixXi t5_bucket_matrix(long n, const T5Params& params);
// The first distance that is not in an exact bucket (max_exact).
int t5_max_exact(const T5Params& params);

}  // namespace peviz
