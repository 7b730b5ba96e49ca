#include "angle_progression.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parallel.hpp"

namespace peviz {
namespace {

// sin and cos of lo, at most half an ulp of hi: tiny for the positions of a screen (series to
// lo^5), up to 1 radian at 2^53.
double sin_lo(double lo) {
  return std::abs(lo) < 1e-5 ? lo - lo * lo * lo / 6.0 : std::sin(lo);
}
double cos_lo(double lo) {
  return std::abs(lo) < 1e-5 ? 1.0 - 0.5 * lo * lo : std::cos(lo);
}

}  // namespace

ExactAngle exact_angle(double x, double w) {
  // Dekker 1971, Sec. 5: the product's rounding error, exact by a fused multiply-add.
  const double hi = x * w;
  return {hi, std::fma(x, w, -hi)};
}

void sincos_of(ExactAngle a, double& s, double& c) {
  const double sh = std::sin(a.hi), ch = std::cos(a.hi), sl = sin_lo(a.lo), cl = cos_lo(a.lo);
  s = sh * cl + ch * sl;
  c = ch * cl - sh * sl;
}

double sin_of(ExactAngle a) {
  return std::sin(a.hi) * cos_lo(a.lo) + std::cos(a.hi) * sin_lo(a.lo);
}

double cos_of(ExactAngle a) {
  return std::cos(a.hi) * cos_lo(a.lo) - std::sin(a.hi) * sin_lo(a.lo);
}

void sincos_progression(double x0, double dx, long count, double w, double* s, double* c) {
  const ExactAngle step = exact_angle(dx, w);
  double sn, cs;
  sincos_of(step, sn, cs);
  // Runs of kAnchorStep values, each from its own exact anchor, kLanes runs side by side: the
  // runs are independent chains of rotations, so the processor overlaps them (each value is
  // the same sequence of operations as one run alone would give).
  constexpr long kLanes = 8;
  const long runs = (count + kAnchorStep - 1) / kAnchorStep;
  for (long r0 = 0; r0 < runs; r0 += kLanes) {
    const long lanes = std::min(kLanes, runs - r0);
    double sa[kLanes], ca[kLanes];
    long length[kLanes];
    for (long l = 0; l < lanes; ++l) {
      const long k0 = (r0 + l) * kAnchorStep;
      sincos_of(exact_angle(x0 + static_cast<double>(k0) * dx, w), sa[l], ca[l]);
      length[l] = std::min(kAnchorStep, count - k0);
    }
    for (long j = 0; j < kAnchorStep; ++j) {
      for (long l = 0; l < lanes; ++l) {
        if (j >= length[l]) continue;
        const long k = (r0 + l) * kAnchorStep + j;
        s[k] = sa[l];
        c[k] = ca[l];
        // sin(a + b) = sin a cos b + cos a sin b; cos(a + b) = cos a cos b - sin a sin b.
        const double next = sa[l] * cs + ca[l] * sn;
        ca[l] = ca[l] * cs - sa[l] * sn;
        sa[l] = next;
      }
    }
  }
}

Eigen::VectorXd cos_sum_progression(double x0, double dx, long count,
                                    const Eigen::Ref<const Eigen::VectorXd>& w,
                                    const Eigen::Ref<const Eigen::VectorXd>& weights) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(std::max(count, 0L));
  // Parts of whole anchor steps, so that every thread starts on the anchors one thread uses.
  const long steps = (count + kAnchorStep - 1) / kAnchorStep;
  const int threads = parallel_threads(static_cast<double>(count) * static_cast<double>(w.size()));
  split_over_threads(steps, threads, [&](long b, long e) {
    const long k0 = b * kAnchorStep, k1 = std::min(count, e * kAnchorStep);
    if (k1 <= k0) return;
    std::vector<double> s(static_cast<std::size_t>(k1 - k0)), c(s.size());
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      sincos_progression(x0 + static_cast<double>(k0) * dx, dx, k1 - k0, w[i], s.data(), c.data());
      const double a = weights[i];
      for (long k = k0; k < k1; ++k) out[k] += a * c[static_cast<std::size_t>(k - k0)];
    }
  });
  return out;
}

bool is_progression(const Eigen::Ref<const Eigen::VectorXd>& values) {
  if (values.size() <= 2) return true;
  const double dx = values[1] - values[0];
  for (Eigen::Index k = 2; k < values.size(); ++k) {
    if (values[k] != values[0] + static_cast<double>(k) * dx) return false;
  }
  return true;
}

}  // namespace peviz
