// The cells of a heatmap that a vector canvas (SVG, PDF) draws for a CellRange: the whole
// cells that touch the range, clamped to the matrix, and where a cell coordinate lands in
// the destination rectangle. A flipped range (col1 < col0) reads its cells backwards.
#pragma once

#include <Eigen/Dense>

#include "canvas.hpp"

namespace peviz::plot {

struct CellSpan {
  long c_lo = 0, c_hi = 0;  // columns [c_lo, c_hi)
  long r_lo = 0, r_hi = 0;  // rows [r_lo, r_hi)
  bool flip_x = false, flip_y = false;
  Rect dst;
  CellRange cells;
  bool empty() const { return c_hi <= c_lo || r_hi <= r_lo; }
  // Where cell coordinate c (column) or r (row) lands, in pixels.
  double x(double c) const {
    return dst.x0 + (c - cells.col0) / (cells.col1 - cells.col0) * dst.width();
  }
  double y(double r) const {
    return dst.y0 + (r - cells.row0) / (cells.row1 - cells.row0) * dst.height();
  }
  // The rectangle the spanned cells cover (x0 < x1, y0 < y1), in pixels.
  struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  };
  Box bounds() const;
};

CellSpan cell_span(const Eigen::MatrixXd& values, Rect dst, CellRange cells);

}  // namespace peviz::plot
