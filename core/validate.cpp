#include "validate.hpp"

#include <cmath>
#include <sstream>

namespace peviz {
namespace {

std::string format(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

}  // namespace

void require_even_dim(long d, const char* name) {
  if (d <= 0) {
    throw InvalidArgument(std::string(name) + " must be a positive even number (got " +
                          std::to_string(d) + ")");
  }
  if (d % 2 != 0) {
    throw InvalidArgument(std::string(name) + " must be even (got " + std::to_string(d) +
                          "): dimensions are used in (sin, cos) pairs; try " +
                          std::to_string(d - 1) + " or " + std::to_string(d + 1));
  }
}

void require_positive_dim(long d, const char* name) {
  if (d <= 0) {
    throw InvalidArgument(std::string(name) + " must be positive (got " + std::to_string(d) + ")");
  }
}

void require_base(double base) {
  if (!std::isfinite(base) || base <= 1.0) {
    throw InvalidArgument(
        "base must be a finite number greater than 1 (got " + format(base) +
        "): the frequencies base^(-2i/d) must decrease; 10000 is the usual value");
  }
}

void require_count(long count, const char* name) {
  if (count < 0) {
    throw InvalidArgument(std::string(name) + " must not be negative (got " +
                          std::to_string(count) + ")");
  }
}

void require_positions(long start, long count, const char* name) {
  require_count(count, "the number of positions");
  constexpr long kMax = 1L << 53;
  if (start < -kMax || start > kMax || count > kMax || start + count > kMax) {
    throw InvalidArgument(std::string(name) + " from " + std::to_string(start) + " for " +
                          std::to_string(count) + " positions go beyond 2^53 = " +
                          std::to_string(kMax) + ", where positions are no longer exact");
  }
}

void require_at_least_one(double value, const char* name) {
  if (!std::isfinite(value) || value < 1.0) {
    throw InvalidArgument(std::string(name) + " must be at least 1 (got " + format(value) +
                          "): it stretches the context, 1 means no scaling");
  }
}

void require_positive(double value, const char* name) {
  if (!std::isfinite(value) || value <= 0.0) {
    throw InvalidArgument(std::string(name) + " must be a positive number (got " + format(value) +
                          ")");
  }
}

void require_finite(double value, const char* name) {
  if (!std::isfinite(value)) {
    throw InvalidArgument(std::string(name) + " must be a finite number (got " + format(value) +
                          ")");
  }
}

}  // namespace peviz
