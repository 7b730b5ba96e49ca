#include "alternative_encoding.hpp"

#include <cmath>
#include <string>

#include "validate.hpp"

namespace peviz {
namespace {

constexpr double kMaxExact = 9007199254740992.0;  // 2^53: larger doubles skip integers

void check(const AltEncodingParams& p) {
  if (p.kind == AltEncoding::SinCos) {
    require_even_dim(p.d);
  } else {
    require_positive_dim(p.d);
  }
  if (p.kind == AltEncoding::SinOnly || p.kind == AltEncoding::Tan || p.kind == AltEncoding::SinCos)
    require_base(p.base);
  require_count(p.positions, "the number of positions");
}

void check_position(const AltEncodingParams& p, double pos) {
  if (!std::isfinite(pos) || pos != std::floor(pos) || std::abs(pos) > kMaxExact) {
    throw InvalidArgument("a position must be a whole number of at most 2^53 in size (got " +
                          std::to_string(pos) + ")");
  }
  if (p.kind == AltEncoding::Binary && pos < 0.0) {
    throw InvalidArgument("binary codes need positions >= 0 (got " + std::to_string(pos) +
                          "): the bits of a negative number are not defined here");
  }
  if (p.kind == AltEncoding::Normalised && (pos < 0.0 || p.start < 0)) {
    throw InvalidArgument("normalised positions need positions >= 0 (got " +
                          std::to_string(std::min(pos, static_cast<double>(p.start))) +
                          "): p / (last position) is meant for 0 .. L-1");
  }
}

// The divisor of Normalised: the last position L - 1 = p0 + N - 1, or 1 when that is 0.
double normaliser(const AltEncodingParams& p) {
  const double last = static_cast<double>(p.start) + static_cast<double>(p.positions) - 1.0;
  return last >= 1.0 ? last : 1.0;
}

// One value; `w` is alt_column_frequency of the column, `is_cos` its role for SinCos.
double value_at(const AltEncodingParams& p, double pos, int column, double w, bool is_cos) {
  switch (p.kind) {
    case AltEncoding::Integer:
      return pos;
    case AltEncoding::Normalised:
      return pos / normaliser(p);
    case AltEncoding::Binary: {
      // Bit `column` of pos, least significant first; above bit 62 every p < 2^53 has a 0.
      if (column >= 63) return 0.0;
      const auto u = static_cast<unsigned long long>(pos);
      return static_cast<double>((u >> column) & 1ULL);
    }
    case AltEncoding::SinOnly:
      return std::sin(pos * w);
    case AltEncoding::Tan:
      return std::tan(pos * w);
    case AltEncoding::SinCos:
      return is_cos ? std::cos(pos * w) : std::sin(pos * w);
  }
  return 0.0;
}

}  // namespace

const char* alt_encoding_name(AltEncoding kind) {
  switch (kind) {
    case AltEncoding::Integer:
      return "integer";
    case AltEncoding::Normalised:
      return "normalised";
    case AltEncoding::Binary:
      return "binary";
    case AltEncoding::SinOnly:
      return "sin";
    case AltEncoding::Tan:
      return "tan";
    case AltEncoding::SinCos:
      return "sincos";
  }
  return "";
}

const char* alt_encoding_title(AltEncoding kind) {
  switch (kind) {
    case AltEncoding::Integer:
      return "raw integer p";
    case AltEncoding::Normalised:
      return "normalised position";
    case AltEncoding::Binary:
      return "binary bits of p";
    case AltEncoding::SinOnly:
      return "sin only";
    case AltEncoding::Tan:
      return "tan";
    case AltEncoding::SinCos:
      return "sin/cos pairs";
  }
  return "";
}

AltEncoding alt_encoding_by_name(const std::string& name) {
  for (AltEncoding k : kAllAltEncodings) {
    if (name == alt_encoding_name(k)) return k;
  }
  throw InvalidArgument("unknown encoding '" + name +
                        "': choose integer, normalised, binary, sin, tan or sincos");
}

double alt_column_frequency(const AltEncodingParams& p, int column) {
  check(p);
  if (column < 0 || column >= p.d) {
    throw InvalidArgument("column " + std::to_string(column) + " is outside 0.." +
                          std::to_string(p.d - 1));
  }
  switch (p.kind) {
    case AltEncoding::SinOnly:
    case AltEncoding::Tan:
      // One frequency per column over the range of the paper's: v_j = base^(-j/d).
      return std::pow(p.base, -static_cast<double>(column) / p.d);
    case AltEncoding::SinCos:
      // Vaswani et al. 2017, Sec. 3.5: w_i = base^(-2i/d) for the pair of the column.
      return std::pow(p.base, -2.0 * column_role(column, p.d, p.layout).pair / p.d);
    default:
      return 0.0;
  }
}

Eigen::MatrixXd alternative_cells(const AltEncodingParams& p,
                                  const Eigen::Ref<const Eigen::VectorXd>& positions,
                                  const Eigen::Ref<const Eigen::VectorXi>& columns) {
  check(p);
  for (Eigen::Index r = 0; r < positions.size(); ++r) check_position(p, positions[r]);
  Eigen::MatrixXd out(positions.size(), columns.size());
  for (Eigen::Index c = 0; c < columns.size(); ++c) {
    const int col = columns[c];
    const double w = alt_column_frequency(p, col);  // checks the column
    const bool is_cos = p.kind == AltEncoding::SinCos && column_role(col, p.d, p.layout).is_cos;
    for (Eigen::Index r = 0; r < positions.size(); ++r)
      out(r, c) = value_at(p, positions[r], col, w, is_cos);
  }
  return out;
}

Eigen::MatrixXd alternative_rows(const AltEncodingParams& p,
                                 const Eigen::Ref<const Eigen::VectorXd>& positions) {
  check(p);
  if (p.kind == AltEncoding::SinCos) {
    for (Eigen::Index r = 0; r < positions.size(); ++r) check_position(p, positions[r]);
    return sinusoidal_rows(positions, p.d, p.base, p.layout);  // the paper's encoding itself
  }
  return alternative_cells(p, positions, Eigen::VectorXi::LinSpaced(p.d, 0, p.d - 1));
}

Eigen::MatrixXd alternative_encoding(const AltEncodingParams& p) {
  check(p);
  if (p.positions > 0 && (std::abs(static_cast<double>(p.start)) > kMaxExact ||
                          std::abs(static_cast<double>(p.start + p.positions - 1)) > kMaxExact)) {
    throw InvalidArgument("positions must stay within 2^53 in size");
  }
  const Eigen::VectorXd positions = Eigen::VectorXd::LinSpaced(
      p.positions, static_cast<double>(p.start), static_cast<double>(p.start + p.positions - 1));
  return alternative_rows(p, positions);
}

AltCell alternative_cell(const AltEncodingParams& p, long position, int column) {
  check(p);
  const auto pos = static_cast<double>(position);
  check_position(p, pos);
  AltCell c;
  c.position = position;
  c.column = column;
  c.frequency = alt_column_frequency(p, column);
  c.is_cos = p.kind == AltEncoding::SinCos && column_role(column, p.d, p.layout).is_cos;
  if (c.frequency != 0.0) c.angle = pos * c.frequency;
  c.value = value_at(p, pos, column, c.frequency, c.is_cos);
  return c;
}

}  // namespace peviz
