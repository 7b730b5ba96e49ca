// Argument checks shared by every core function. A bad argument throws
// peviz::InvalidArgument with a message a user can act on ("d_model must be
// even (got 63): ..."), never a crash or a NaN further down.
#pragma once

#include <stdexcept>
#include <string>

namespace peviz {

class InvalidArgument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// d > 0 and even: sinusoidal, RoPE and the RoPE scalings pair dimensions (2i, 2i+1).
void require_even_dim(long d, const char* name = "d_model");
// d > 0 (learned tables and token embeddings accept odd d).
void require_positive_dim(long d, const char* name = "d_model");
// base > 1 and finite: base^(-2i/d) must decrease with i.
void require_base(double base);
// count >= 0.
void require_count(long count, const char* name);
// count >= 0 positions start, start + 1, ..., start + count - 1 (and start + count), all
// within 2^53 in size: exact as doubles, so no sum of them overflows a long.
void require_positions(long start, long count, const char* name = "the positions");
// value >= 1 and finite (context-scaling factors).
void require_at_least_one(double value, const char* name);
// value > 0 and finite.
void require_positive(double value, const char* name);
// finite (no NaN or infinity).
void require_finite(double value, const char* name);

}  // namespace peviz
