// Tests for core/validate: every check throws peviz::InvalidArgument (a std::invalid_argument)
// with the offending value in the message, and accepts valid values.
#include "core/validate.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/learned.hpp"
#include "core/shift.hpp"
#include "core/sinusoidal.hpp"
#include "test_util.hpp"

namespace peviz {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::nan("");

TEST(Validate, InvalidArgumentIsAStdInvalidArgument) {
  EXPECT_THROW(require_even_dim(3), std::invalid_argument);
  try {
    require_even_dim(63);
    FAIL() << "no exception";
  } catch (const InvalidArgument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("d_model"), std::string::npos) << what;
    EXPECT_NE(what.find("63"), std::string::npos) << what;
    // It suggests the neighbouring even sizes.
    EXPECT_NE(what.find("62"), std::string::npos) << what;
    EXPECT_NE(what.find("64"), std::string::npos) << what;
  }
}

TEST(Validate, EvenDim) {
  EXPECT_NO_THROW(require_even_dim(2));
  EXPECT_NO_THROW(require_even_dim(64));
  EXPECT_INVALID_ARGUMENT(require_even_dim(0), "0");
  EXPECT_INVALID_ARGUMENT(require_even_dim(-2), "-2");
  EXPECT_INVALID_ARGUMENT(require_even_dim(1), "1");
  EXPECT_INVALID_ARGUMENT(require_even_dim(7, "head dimension"), "head dimension");
}

TEST(Validate, PositiveDim) {
  EXPECT_NO_THROW(require_positive_dim(1));
  EXPECT_NO_THROW(require_positive_dim(63));
  EXPECT_INVALID_ARGUMENT(require_positive_dim(0), "0");
  EXPECT_INVALID_ARGUMENT(require_positive_dim(-9, "width"), "width");
  EXPECT_INVALID_ARGUMENT(require_positive_dim(-9, "width"), "-9");
}

TEST(Validate, Base) {
  EXPECT_NO_THROW(require_base(10000.0));
  EXPECT_NO_THROW(require_base(1.0001));
  EXPECT_INVALID_ARGUMENT(require_base(1.0), "1");
  EXPECT_INVALID_ARGUMENT(require_base(0.25), "0.25");
  EXPECT_INVALID_ARGUMENT(require_base(-10000.0), "-10000");
  EXPECT_INVALID_ARGUMENT(require_base(kNaN), "nan");
  EXPECT_INVALID_ARGUMENT(require_base(kInf), "inf");
  EXPECT_INVALID_ARGUMENT(require_base(-kInf), "base");
}

TEST(Validate, Count) {
  EXPECT_NO_THROW(require_count(0, "n"));
  EXPECT_NO_THROW(require_count(5, "n"));
  EXPECT_INVALID_ARGUMENT(require_count(-1, "the number of positions"), "the number of positions");
  EXPECT_INVALID_ARGUMENT(require_count(-12, "n"), "-12");
}

TEST(Validate, AtLeastOne) {
  EXPECT_NO_THROW(require_at_least_one(1.0, "factor"));
  EXPECT_NO_THROW(require_at_least_one(32.0, "factor"));
  EXPECT_INVALID_ARGUMENT(require_at_least_one(0.999, "factor"), "0.999");
  EXPECT_INVALID_ARGUMENT(require_at_least_one(0.0, "factor"), "factor");
  EXPECT_INVALID_ARGUMENT(require_at_least_one(kNaN, "factor"), "factor");
  EXPECT_INVALID_ARGUMENT(require_at_least_one(kInf, "factor"), "factor");
}

TEST(Validate, Positive) {
  EXPECT_NO_THROW(require_positive(1e-300, "x"));
  EXPECT_INVALID_ARGUMENT(require_positive(0.0, "x"), "x must");
  EXPECT_INVALID_ARGUMENT(require_positive(-2.5, "x"), "-2.5");
  EXPECT_INVALID_ARGUMENT(require_positive(kNaN, "x"), "x must");
  EXPECT_INVALID_ARGUMENT(require_positive(kInf, "x"), "x must");
}

TEST(Validate, Finite) {
  EXPECT_NO_THROW(require_finite(0.0, "x"));
  EXPECT_NO_THROW(require_finite(-1e300, "x"));
  EXPECT_INVALID_ARGUMENT(require_finite(kNaN, "the slope"), "the slope");
  EXPECT_INVALID_ARGUMENT(require_finite(kInf, "x"), "inf");
  EXPECT_INVALID_ARGUMENT(require_finite(-kInf, "x"), "-inf");
}

TEST(Validate, PositionsMustStayExactAndCannotOverflow) {
  constexpr long kMax = 1L << 53;
  EXPECT_NO_THROW(require_positions(0, 0));
  EXPECT_NO_THROW(require_positions(kMax - 10, 10));
  EXPECT_NO_THROW(require_positions(-kMax, 5));
  EXPECT_THROW(require_positions(0, -1), InvalidArgument);
  EXPECT_THROW(require_positions(kMax - 10, 11), InvalidArgument);
  EXPECT_THROW(require_positions(LONG_MAX, 2), InvalidArgument);
  EXPECT_THROW(require_positions(LONG_MIN, 2), InvalidArgument);
  EXPECT_THROW(require_positions(0, LONG_MAX), InvalidArgument);
}

// The core functions that take a first position refuse one whose rows would overflow
// (UBSan found start + r overflowing at LONG_MAX, and a row labelled LONG_MIN).
TEST(Validate, EncodingsRefuseAStartThatWouldOverflow) {
  EXPECT_THROW(sinusoidal_encoding({64, 10000.0, 2, LONG_MAX, Layout::Interleaved}),
               InvalidArgument);
  EXPECT_THROW(learned_encoding({64, 2, LONG_MAX, 0, 0.02}), InvalidArgument);
  EXPECT_THROW(shift_errors({64, 10000.0, 2, 0, Layout::Interleaved}, LONG_MAX), InvalidArgument);
  EXPECT_THROW(shift_errors({64, 10000.0, 2, (1L << 53) - 2, Layout::Interleaved}, 5),
               InvalidArgument);
  EXPECT_EQ(sinusoidal_encoding({8, 10000.0, 2, (1L << 53) - 2, Layout::Interleaved}).rows(), 2);
}

}  // namespace
}  // namespace peviz
