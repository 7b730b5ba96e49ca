// The experiment "why sin AND cos, and why not tan?" as one table: for each alternative
// encoding (core/alternative_encoding.hpp) of positions p0 .. p0+N-1, the three checks
//   bounded        core/alternative_bound.hpp  (max |PE| here; finite supremum for every N)
//   unique         core/row_uniqueness.hpp     (min distance between rows > kUniqueEps)
//   linear shift   core/shift_fit.hpp          (one M with PE[p+k] = M PE[p]: relative
//                                               residual <= kShiftTolerance)
// and the affine shift (PE[p+k] = M PE[p] + b) beside it. Only sin/cos passes all three
// (Vaswani et al., arXiv:1706.03762, Sec. 3.5).
// The tolerance: rounding alone leaves ~1e-15 at small positions and grows about
// linearly with p (docs/formulas.md Sec. 2); 1e-8 leaves room up to positions ~1e7, while
// the encodings without a linear shift miss by more than 1e-4 (raw integers: the best
// M = c I, c = sum p (p+k) / sum p^2, misses the offset k; about 9e-3 at N = 100, k = 1).
#pragma once

#include <vector>

#include "alternative_bound.hpp"
#include "alternative_encoding.hpp"
#include "progress.hpp"
#include "row_uniqueness.hpp"
#include "shift_fit.hpp"

namespace peviz {

inline constexpr double kShiftTolerance = 1e-8;  // relative residual of "a map exists"
inline constexpr double kUniqueEps = 1e-9;       // rows closer than this count as the same

struct AlternativeChecks {
  AltEncoding kind = AltEncoding::SinCos;
  AltBound bound;
  RowUniqueness uniqueness;
  ShiftFit linear;            // PE[p+k] ~ M PE[p]
  ShiftFit affine;            // PE[p+k] ~ M PE[p] + b
  bool bounded = false;       // bound.bounded: a constant bounds it for every N
  bool unique = false;        // uniqueness.unique
  bool linear_shift = false;  // linear.informative and linear.relative <= kShiftTolerance
  bool affine_shift = false;  // the same for the affine fit
};

// All checks of one encoding (params.kind) for the offset k. Throws InvalidArgument for
// bad parameters, k = 0 or |k| >= N, or too much work (see the three files).
AlternativeChecks check_alternative(const AltEncodingParams& params, long k,
                                    const ProgressFn& progress = {});
// The six kinds in kAllAltEncodings order (params.kind is ignored). d must be even.
std::vector<AlternativeChecks> check_all_alternatives(const AltEncodingParams& params, long k,
                                                      const ProgressFn& progress = {});

}  // namespace peviz
