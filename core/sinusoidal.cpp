#include "sinusoidal.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "validate.hpp"

namespace peviz {
namespace {

void check(int d, double base) {
  require_even_dim(d);
  require_base(base);
}

}  // namespace

Eigen::VectorXd sinusoidal_frequencies(int d, double base) {
  check(d, base);
  Eigen::VectorXd w(d / 2);
  // Vaswani et al. 2017, Sec. 3.5: w_i = 1 / base^(2i/d).
  for (int i = 0; i < d / 2; ++i) w[i] = std::pow(base, -2.0 * i / d);
  return w;
}

Eigen::VectorXd sinusoidal_wavelengths(int d, double base) {
  check(d, base);
  Eigen::VectorXd lambda(d / 2);
  // Vaswani et al. 2017, Sec. 3.5: wavelengths 2*pi*base^(2i/d), a geometric progression.
  for (int i = 0; i < d / 2; ++i) lambda[i] = 2.0 * std::numbers::pi * std::pow(base, 2.0 * i / d);
  return lambda;
}

ColumnRole column_role(int column, int d, Layout layout) {
  require_even_dim(d);
  if (column < 0 || column >= d) {
    throw InvalidArgument("column " + std::to_string(column) + " is outside 0.." +
                          std::to_string(d - 1));
  }
  if (layout == Layout::Interleaved) return {column / 2, column % 2 == 1};
  const int h = d / 2;
  return {column % h, column >= h};
}

int sin_column(int pair, int /*d*/, Layout layout) {
  return layout == Layout::Interleaved ? 2 * pair : pair;
}

int cos_column(int pair, int d, Layout layout) {
  return layout == Layout::Interleaved ? 2 * pair + 1 : pair + d / 2;
}

Eigen::MatrixXd sinusoidal_rows(const Eigen::Ref<const Eigen::VectorXd>& positions, int d,
                                double base, Layout layout) {
  const Eigen::VectorXd w = sinusoidal_frequencies(d, base);
  const Eigen::Index n = positions.size();
  Eigen::MatrixXd pe(n, d);
  for (int i = 0; i < d / 2; ++i) {
    const int cs = sin_column(i, d, layout);
    const int cc = cos_column(i, d, layout);
    for (Eigen::Index r = 0; r < n; ++r) {
      const double angle = positions[r] * w[i];
      pe(r, cs) = std::sin(angle);
      pe(r, cc) = std::cos(angle);
    }
  }
  return pe;
}

Eigen::MatrixXd sinusoidal_cells(const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                 double base, Layout layout) {
  check(d, base);
  Eigen::MatrixXd out(positions.size(), columns.size());
  for (Eigen::Index c = 0; c < columns.size(); ++c) {
    const ColumnRole role = column_role(columns[c], d, layout);
    // Vaswani et al. 2017, Sec. 3.5, one column at a time.
    const double w = std::pow(base, -2.0 * role.pair / d);
    for (Eigen::Index r = 0; r < positions.size(); ++r) {
      const double angle = positions[r] * w;
      out(r, c) = role.is_cos ? std::cos(angle) : std::sin(angle);
    }
  }
  return out;
}

Eigen::MatrixXd sinusoidal_encoding(const SinusoidalParams& params) {
  require_positions(params.start, params.positions);
  const Eigen::VectorXd positions =
      Eigen::VectorXd::LinSpaced(params.positions, static_cast<double>(params.start),
                                 static_cast<double>(params.start + params.positions - 1));
  return sinusoidal_rows(positions, params.d, params.base, params.layout);
}

SinusoidalCell sinusoidal_cell(double position, int column, int d, double base, Layout layout) {
  check(d, base);
  const ColumnRole role = column_role(column, d, layout);
  SinusoidalCell c;
  c.position = position;
  c.column = column;
  c.pair = role.pair;
  c.is_cos = role.is_cos;
  c.exponent = 2.0 * role.pair / d;
  c.frequency = std::pow(base, -c.exponent);
  c.angle = position * c.frequency;
  c.value = role.is_cos ? std::cos(c.angle) : std::sin(c.angle);
  return c;
}

const char* layout_name(Layout layout) {
  const auto i = static_cast<std::size_t>(layout);
  return i < kLayoutNames.size() ? kLayoutNames[i] : "concat";
}

}  // namespace peviz
