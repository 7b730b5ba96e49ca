// Alternative absolute encodings, for the experiment "why sin AND cos, and why not tan?":
// what goes wrong with the obvious candidates, next to the encoding of the paper.
// Source of the question and of the sin/cos row: Vaswani et al., arXiv:1706.03762, Sec. 3.5
// (sin/cos "would allow the model to easily learn to attend by relative positions, since for
// any fixed offset k, PE_{pos+k} can be represented as a linear function of PE_pos").
// Shapes: rows are positions p0 .. p0+N-1, columns are the d dimensions (N x d), as
// everywhere in core. For a position p and a column j = 0..d-1:
//   Integer     PE(p, j) = p                      every column holds the raw position, so
//                                                 ||PE[p]|| = p sqrt(d) (the scale of the
//                                                 embedding grows with p)
//   Normalised  PE(p, j) = p / (L - 1)            every column, L = p0 + N: the rows are the
//                                                 last N positions of a sequence 0..L-1
//                                                 (p / (N - 1) when p0 = 0); in [0, 1], but
//                                                 position 10 is 0.1 at L = 101 and 0.05 at
//                                                 L = 201: the code depends on the length
//                                                 (L = 1: the divisor is 1); needs p >= 0
//   Binary      PE(p, j) = bit j of p, 0 or 1     least significant bit first (column 0 is
//                                                 p mod 2); needs integer p >= 0; positions
//                                                 from 2^d on repeat the codes of 0, 1, ...
//   SinOnly     PE(p, j) = sin(p v_j)             one frequency per column,
//   Tan         PE(p, j) = tan(p v_j)             v_j = base^(-j/d), j = 0..d-1: the same
//                                                 range as sin/cos (v_0 = 1 down to about
//                                                 1/base) with d different frequencies, the
//                                                 fairest version of "sin only"
//   SinCos      the sinusoidal encoding of core/sinusoidal.hpp (w_i = base^(-2i/d) on pair i,
//               interleaved or concat layout); d must be even.
// tan is infinite where p v_j = pi/2 + m pi; a double p v_j never hits it exactly, so every
// value is finite, but it can be as large as ~1e16 next to such a point. Binary and
// Normalised ignore `base`; only SinCos uses `layout`.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "sinusoidal.hpp"

namespace peviz {

enum class AltEncoding { Integer, Normalised, Binary, SinOnly, Tan, SinCos };
inline constexpr AltEncoding kAllAltEncodings[] = {AltEncoding::Integer, AltEncoding::Normalised,
                                                   AltEncoding::Binary,  AltEncoding::SinOnly,
                                                   AltEncoding::Tan,     AltEncoding::SinCos};

struct AltEncodingParams {
  AltEncoding kind = AltEncoding::SinCos;
  int d = 64;                           // dimensions (even for SinCos)
  double base = 10000.0;                // frequency base (SinOnly, Tan, SinCos)
  long positions = 100;                 // N: rows p0 .. p0+N-1; Normalised divides by p0+N-1
  long start = 0;                       // p0
  Layout layout = Layout::Interleaved;  // SinCos column order
};

// "integer", "normalised", "binary", "sin", "tan", "sincos": the names of the command line.
const char* alt_encoding_name(AltEncoding kind);
// "raw integer p", ..., for titles.
const char* alt_encoding_title(AltEncoding kind);
// The kind called `name` (one of the names above); throws InvalidArgument naming them otherwise.
AltEncoding alt_encoding_by_name(const std::string& name);

// The frequency of column j (radians per position): v_j = base^(-j/d) for SinOnly and Tan,
// w_{pair(j)} = base^(-2 pair/d) for SinCos, 0 for the others (they do not turn).
double alt_column_frequency(const AltEncodingParams& params, int column);

// The N x d matrix for positions p0 .. p0+N-1.
Eigen::MatrixXd alternative_encoding(const AltEncodingParams& params);
// Rows at the given integer positions (any, e.g. the rows on screen); `params.positions`
// still set Normalised's divisor.
Eigen::MatrixXd alternative_rows(const AltEncodingParams& params,
                                 const Eigen::Ref<const Eigen::VectorXd>& positions);
// The cells (positions x columns) for level of detail.
Eigen::MatrixXd alternative_cells(const AltEncodingParams& params,
                                  const Eigen::Ref<const Eigen::VectorXd>& positions,
                                  const Eigen::Ref<const Eigen::VectorXi>& columns);

// One cell with the pieces of its formula, for a hover readout.
struct AltCell {
  long position = 0;
  int column = 0;
  double frequency = 0.0;  // alt_column_frequency (0: the kind does not turn)
  double angle = 0.0;      // position * frequency (radians), for SinOnly, Tan, SinCos
  bool is_cos = false;     // SinCos: the column holds a cos
  double value = 0.0;
};
AltCell alternative_cell(const AltEncodingParams& params, long position, int column);

}  // namespace peviz
