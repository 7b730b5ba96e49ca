// Level of detail: the integer positions (or dimensions) a view evaluates for a
// window it shows on `pixels` pixels. Every integer when they fit, otherwise an
// evenly spaced subset with a whole-number stride, so that a 131072 x 4096 view
// costs what the screen can show, not what the matrix holds.
#pragma once

#include <Eigen/Core>
#include <string>

namespace peviz {

struct Samples {
  Eigen::VectorXd values;  // the sampled integers, increasing
  long stride = 1;         // distance between samples (1 = every integer)
  double lo = 0.0;         // data extent covered by the cells: [first - 0.5, last + stride - 0.5]
  double hi = 0.0;
};

// Integers in [first, last] intersected with the window [lo, hi], at most `max_count` of them.
Samples sample_range(long first, long last, double lo, double hi, long max_count);
// "every 131st position" or "" when stride == 1.
std::string stride_note(const Samples& s, const char* what);

}  // namespace peviz
