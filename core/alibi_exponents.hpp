// ALiBi slopes as powers of two: slope_h = 2^(-x_h), with the exponent x_h in closed
// form, so a screen can print "2^-0.5" exactly instead of the log of a rounded slope.
// Source: Press, Smith, Lewis, arXiv:2108.12409, Sec. 3, and the official get_slopes
// (ofirpress/attention_with_linear_biases, fairseq/models/transformer.py): for n a power
// of two the exponents are 8/n, 16/n, ..., 8; otherwise those of the closest lower power
// of two p (8(h+1)/p), followed by every other exponent of 2p (8(2k+1)/(2p)), in that
// (unsorted) order.
#pragma once

#include <Eigen/Core>

namespace peviz {

// x_h for heads 0..heads-1 (heads >= 1), in the order of alibi_slopes(heads).
Eigen::VectorXd alibi_slope_exponents(int heads);

}  // namespace peviz
