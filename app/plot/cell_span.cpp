#include "cell_span.hpp"

#include <algorithm>
#include <cmath>

namespace peviz::plot {

CellSpan::Box CellSpan::bounds() const {
  const double xa = x(static_cast<double>(c_lo)), xb = x(static_cast<double>(c_hi));
  const double ya = y(static_cast<double>(r_lo)), yb = y(static_cast<double>(r_hi));
  return {std::min(xa, xb), std::min(ya, yb), std::max(xa, xb), std::max(ya, yb)};
}

CellSpan cell_span(const Eigen::MatrixXd& values, Rect dst, CellRange cells) {
  const auto clamp_cell = [](double x, Eigen::Index n) {
    return static_cast<long>(std::clamp<double>(x, 0.0, static_cast<double>(n)));
  };
  CellSpan s;
  s.c_lo = clamp_cell(std::floor(std::min(cells.col0, cells.col1)), values.cols());
  s.c_hi = clamp_cell(std::ceil(std::max(cells.col0, cells.col1)), values.cols());
  s.r_lo = clamp_cell(std::floor(std::min(cells.row0, cells.row1)), values.rows());
  s.r_hi = clamp_cell(std::ceil(std::max(cells.row0, cells.row1)), values.rows());
  s.flip_x = cells.col1 < cells.col0;
  s.flip_y = cells.row1 < cells.row0;
  s.dst = dst;
  s.cells = cells;
  return s;
}

}  // namespace peviz::plot
