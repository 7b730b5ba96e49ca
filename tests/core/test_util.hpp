// Test helpers for the core suites.
//   EXPECT_MATRIX_NEAR(a, b, tol): every |a(i,j) - b(i,j)| <= tol (equal infinities count
//   as equal, NaN never does); on failure it reports the shapes or the (row, col) and both
//   values of the worst entry and of the first few that differ (after libigl's assert_near).
//   EXPECT_INVALID_ARGUMENT(statement, "text"): the statement throws peviz::InvalidArgument
//   whose message contains "text" (pass "" to check only the type).
#pragma once

#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cmath>
#include <exception>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/validate.hpp"

namespace peviz::test {

// Both values, or either being NaN, or infinities of different sign -> not near.
inline bool values_near(double a, double b, double tol) {
  if (std::isnan(a) || std::isnan(b)) return false;
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= tol;
}

template <typename A, typename B>
::testing::AssertionResult matrices_near(const char* a_expr, const char* b_expr,
                                         const char* /*tol_expr*/, const Eigen::DenseBase<A>& a_in,
                                         const Eigen::DenseBase<B>& b_in, double tol) {
  // Evaluate expressions (products especially) once, not once per coefficient.
  const Eigen::MatrixXd a = a_in.derived().template cast<double>();
  const Eigen::MatrixXd b = b_in.derived().template cast<double>();
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    return ::testing::AssertionFailure()
           << a_expr << " is " << a.rows() << " x " << a.cols() << " but " << b_expr << " is "
           << b.rows() << " x " << b.cols();
  }
  constexpr int kListed = 5;
  std::ostringstream first;
  first.precision(17);
  long bad = 0;
  Eigen::Index worst_i = -1, worst_j = -1;
  double worst = -1.0;
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
      const double x = a(i, j);
      const double y = b(i, j);
      if (values_near(x, y, tol)) continue;
      const double diff = (std::isnan(x) || std::isnan(y) || std::isinf(x) || std::isinf(y))
                              ? std::numeric_limits<double>::infinity()
                              : std::abs(x - y);
      if (bad < kListed) {
        first << "\n  (" << i << ", " << j << "): " << x << " vs " << y << " (diff " << diff << ")";
      }
      if (diff > worst) {
        worst = diff;
        worst_i = i;
        worst_j = j;
      }
      ++bad;
    }
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  std::ostringstream msg;
  msg.precision(17);
  msg << a_expr << " and " << b_expr << " (" << a.rows() << " x " << a.cols()
      << ") differ by more than " << tol << " in " << bad << " entries; worst at (" << worst_i
      << ", " << worst_j << "): " << a(worst_i, worst_j) << " vs " << b(worst_i, worst_j)
      << "; first ones:" << first.str();
  return ::testing::AssertionFailure() << msg.str();
}

// Runs f; succeeds iff it throws peviz::InvalidArgument whose what() contains `needle`.
template <typename F>
::testing::AssertionResult throws_invalid_argument(F&& f, std::string_view needle) {
  try {
    f();
  } catch (const peviz::InvalidArgument& e) {
    const std::string what = e.what();
    if (what.find(needle) == std::string::npos) {
      return ::testing::AssertionFailure()
             << "threw peviz::InvalidArgument(\"" << what << "\") without \"" << needle << "\"";
    }
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw another exception type: \"" << e.what() << "\"";
  } catch (...) {
    return ::testing::AssertionFailure() << "threw a non-std exception";
  }
  return ::testing::AssertionFailure() << "did not throw";
}

// Rows of a matrix as a column vector (Eigen rows are row vectors).
inline Eigen::VectorXd row_vec(const Eigen::MatrixXd& m, Eigen::Index r) {
  return m.row(r).transpose();
}

// The layout permutation P = [0, 2, 4, ..., 1, 3, 5, ...] of docs/formulas.md Sec. 4:
// (P x)[k] = x[P[k]].
inline std::vector<int> even_odd_permutation(int d) {
  std::vector<int> p;
  for (int k = 0; k < d; k += 2) p.push_back(k);
  for (int k = 1; k < d; k += 2) p.push_back(k);
  return p;
}

inline Eigen::VectorXd apply_permutation(const std::vector<int>& p, const Eigen::VectorXd& x) {
  Eigen::VectorXd y(x.size());
  for (Eigen::Index k = 0; k < x.size(); ++k) y[k] = x[p[static_cast<std::size_t>(k)]];
  return y;
}

// The d x d matrix of that permutation: (P x)[k] = x[p[k]], so P(k, p[k]) = 1.
inline Eigen::MatrixXd permutation_matrix(const std::vector<int>& p) {
  const auto d = static_cast<Eigen::Index>(p.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(d, d);
  for (Eigen::Index k = 0; k < d; ++k) m(k, p[static_cast<std::size_t>(k)]) = 1.0;
  return m;
}

}  // namespace peviz::test

#define EXPECT_MATRIX_NEAR(a, b, tol) EXPECT_PRED_FORMAT3(::peviz::test::matrices_near, a, b, tol)
#define ASSERT_MATRIX_NEAR(a, b, tol) ASSERT_PRED_FORMAT3(::peviz::test::matrices_near, a, b, tol)
#define EXPECT_INVALID_ARGUMENT(statement, needle) \
  EXPECT_TRUE(::peviz::test::throws_invalid_argument([&] { (void)(statement); }, needle))
