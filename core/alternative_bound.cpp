#include "alternative_bound.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "validate.hpp"

namespace peviz {

double alt_supremum(AltEncoding kind) {
  switch (kind) {
    case AltEncoding::Integer:
    case AltEncoding::Tan:
      return std::numeric_limits<double>::infinity();
    case AltEncoding::Normalised:
    case AltEncoding::Binary:
    case AltEncoding::SinOnly:
    case AltEncoding::SinCos:
      return 1.0;
  }
  return std::numeric_limits<double>::infinity();
}

AltBound alternative_bound(const AltEncodingParams& p, const ProgressFn& progress) {
  constexpr long kChunk = 1024;  // rows per chunk: bounded memory, regular progress
  require_count(p.positions, "the number of positions");
  (void)alternative_rows(p, Eigen::VectorXd());  // checks d and base even without rows
  AltBound out;
  out.positions = p.positions;
  out.supremum = alt_supremum(p.kind);
  out.bounded = std::isfinite(out.supremum);
  out.max_position = p.start;
  for (long first = 0; first < p.positions; first += kChunk) {
    const long count = std::min(kChunk, p.positions - first);
    const Eigen::VectorXd rows =
        Eigen::VectorXd::LinSpaced(count, static_cast<double>(p.start + first),
                                   static_cast<double>(p.start + first + count - 1));
    const Eigen::MatrixXd block = alternative_rows(p, rows);
    Eigen::Index r = 0, c = 0;
    const double m = block.cwiseAbs().maxCoeff(&r, &c);
    if (m > out.max_abs) {
      out.max_abs = m;
      out.max_position = p.start + first + static_cast<long>(r);
      out.max_column = static_cast<int>(c);
    }
    report_progress(progress, static_cast<double>(first + count) / p.positions);
  }
  return out;
}

}  // namespace peviz
