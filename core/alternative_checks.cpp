#include "alternative_checks.hpp"

#include <iterator>

namespace peviz {
namespace {

// Progress of a part [lo, hi] of a larger computation.
ProgressFn part(const ProgressFn& progress, double lo, double hi) {
  if (!progress) return {};
  return [progress, lo, hi](double f) { return progress(lo + (hi - lo) * f); };
}

}  // namespace

AlternativeChecks check_alternative(const AltEncodingParams& params, long k,
                                    const ProgressFn& progress) {
  AlternativeChecks c;
  c.kind = params.kind;
  c.bound = alternative_bound(params, part(progress, 0.0, 0.1));
  const Eigen::MatrixXd pe = alternative_encoding(params);
  c.uniqueness = row_uniqueness(pe, kUniqueEps, part(progress, 0.1, 0.4));
  c.linear = fit_shift(pe, k, ShiftModel::Linear, part(progress, 0.4, 0.7));
  c.affine = fit_shift(pe, k, ShiftModel::Affine, part(progress, 0.7, 1.0));
  c.bounded = c.bound.bounded;
  c.unique = c.uniqueness.unique;
  c.linear_shift = c.linear.informative && c.linear.relative <= kShiftTolerance;
  c.affine_shift = c.affine.informative && c.affine.relative <= kShiftTolerance;
  return c;
}

std::vector<AlternativeChecks> check_all_alternatives(const AltEncodingParams& params, long k,
                                                      const ProgressFn& progress) {
  std::vector<AlternativeChecks> out;
  constexpr double kCount = std::size(kAllAltEncodings);
  for (AltEncoding kind : kAllAltEncodings) {
    AltEncodingParams p = params;
    p.kind = kind;
    const double i = static_cast<double>(out.size());
    out.push_back(check_alternative(p, k, part(progress, i / kCount, (i + 1) / kCount)));
  }
  return out;
}

}  // namespace peviz
