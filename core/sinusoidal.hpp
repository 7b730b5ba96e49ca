// Sinusoidal absolute positional encoding.
// Source: Vaswani et al., "Attention Is All You Need", arXiv:1706.03762, Sec. 3.5:
//   PE(p, 2i) = sin(p * w_i), PE(p, 2i+1) = cos(p * w_i), w_i = base^(-2i/d), i = 0..d/2-1.
// Shapes: rows are positions, columns are dimensions (N x d). d must be even.
// Layouts: Interleaved puts pair i in columns (2i, 2i+1) (the paper, the PyTorch
// tutorial); Concat puts sin in column i and cos in column i + d/2 (HF
// create_sinusoidal_positions in modeling_gptj.py: torch.cat((sin, cos), dim=1)).
#pragma once

#include <Eigen/Core>
#include <array>

namespace peviz {

enum class Layout { Interleaved, Concat };
// The layouts' names on the command line, in enum order.
inline constexpr std::array<const char*, 2> kLayoutNames{"interleaved", "concat"};

struct SinusoidalParams {
  int d = 64;                           // model dimension (even)
  double base = 10000.0;                // the 10000 of the paper
  long positions = 100;                 // number of rows N
  long start = 0;                       // first position p0; rows are p0 .. p0+N-1
  Layout layout = Layout::Interleaved;  // column order of the (sin, cos) pairs
};

// w_i = base^(-2i/d), i = 0..d/2-1 (radians per position).
Eigen::VectorXd sinusoidal_frequencies(int d, double base);
// lambda_i = 2*pi / w_i = 2*pi*base^(2i/d) (positions per full cycle).
Eigen::VectorXd sinusoidal_wavelengths(int d, double base);

// Which pair a column belongs to, and whether it holds the cos of the pair.
struct ColumnRole {
  int pair = 0;
  bool is_cos = false;
};
ColumnRole column_role(int column, int d, Layout layout);
int sin_column(int pair, int d, Layout layout);
int cos_column(int pair, int d, Layout layout);

// The N x d matrix for positions p0 .. p0+N-1. Below 2^18 cells, exactly the direct formula
// (equal to sinusoidal_rows); from 2^18 cells each column is a sinusoidal_run (within about
// 3 ulp of the direct formula). Uses the machine's cores for large matrices.
Eigen::MatrixXd sinusoidal_encoding(const SinusoidalParams& params);
// Rows for arbitrary (possibly fractional) positions, e.g. only the rows on screen.
Eigen::MatrixXd sinusoidal_rows(const Eigen::Ref<const Eigen::VectorXd>& positions, int d,
                                double base, Layout layout);

// Selected cells: rows at `positions`, the given `columns` (0..d-1), for level of
// detail (a view computes only the cells it can show at the screen's resolution).
Eigen::MatrixXd sinusoidal_cells(const Eigen::Ref<const Eigen::VectorXd>& positions,
                                 const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                                 double base, Layout layout);

// One cell with the pieces of its formula, for a hover readout:
// value = sin|cos(position * frequency), frequency = base^(-exponent), exponent = 2i/d.
struct SinusoidalCell {
  double position = 0.0;
  int column = 0;
  int pair = 0;
  bool is_cos = false;
  double exponent = 0.0;   // 2i/d
  double frequency = 0.0;  // base^(-2i/d)
  double angle = 0.0;      // position * frequency (radians)
  double value = 0.0;      // sin(angle) or cos(angle)
};
SinusoidalCell sinusoidal_cell(double position, int column, int d, double base, Layout layout);

// sin and cos of the direct formula's angle fl(p * w) for the consecutive positions
// p = first .. first + count - 1, within about 3 ulp of std::sin/std::cos of that angle:
// rotated from sin/cos of the exact angle at every 64th position, then moved by the
// rounding of p * w (Dekker's exact product). Positions of 2^26 or more, or angles of 2^25
// or more, take the direct formula.
void sinusoidal_run(double w, long first, long count, double* sin_out, double* cos_out);

// kLayoutNames[layout].
const char* layout_name(Layout layout);

}  // namespace peviz
