// Position Interpolation's Theorem 2.1 against the extrapolation bound (Chen et al.,
// arXiv:2306.15595, Sec. 2.3): the interpolation bound between neighbouring integers, the
// extrapolation bound sum_k |A_k(s)|, and their ratio over s (core/interpolation_bound.hpp).
#include <cmath>

#include "core/interpolation_bound.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure pi_bounds_figure(const plot::FigureRequest&) {
  constexpr int kD = 128;
  constexpr double kBase = 10000.0;
  constexpr long kNear = 8;
  constexpr long kFar = 4096;

  // Left: both bounds over 0..8, the interpolation bound on a fine grid between integers.
  const long steps = kNear * 32;
  Eigen::VectorXd s(steps + 1), interp(steps + 1);
  for (long t = 0; t <= steps; ++t) {
    s[t] = static_cast<double>(t) / 32.0;
    const double s1 = std::min(std::floor(s[t]), static_cast<double>(kNear - 1));
    interp[t] = interpolation_bound(kD, kBase, 1.0, s1, s1 + 1.0, s[t]);
  }
  const Eigen::VectorXd extrap = extrapolation_bound(kD, kBase, kNear);
  plot::Panel both;
  both.id = "bounds";
  both.title = "The two bounds near s = 0 (max|h| = 1)";
  both.right = 0.42f;
  both.x.label = "relative position s";
  both.x.lo = 0.0;
  both.x.hi = static_cast<double>(kNear);
  both.y.label = "bound on |a(s)|";
  both.y.log = true;
  both.y.lo = 0.1;
  both.y.hi = 1e4;
  plot::LineSeries e = line("extrapolation: Σ_k |A_k(s)|", count_up(kNear + 1), extrap, 0, 2.5f);
  e.marker = plot::Marker::Circle;
  both.lines.push_back(std::move(e));
  // The arches touch 0, which a log axis cannot show: drawn from 0.1 up.
  Eigen::VectorXd shown = interp.cwiseMax(0.1);
  both.lines.push_back(line("interpolation: d (s−s1)(s2−s) / (8 ln c)", s, shown, 1, 2.0f));
  both.legend = plot::Corner::Outside;

  const Eigen::VectorXd ratio = interpolation_bound_ratio(kD, kBase, kFar);
  Eigen::Index lowest = 0;
  ratio.minCoeff(&lowest);
  plot::Panel r;
  r.id = "ratio";
  r.title = "Extrapolation bound over interpolation bound";
  r.left = 0.46f;
  r.x.label = "relative position s";
  r.x.lo = 0.0;
  r.x.hi = static_cast<double>(kFar);
  r.x.integer = true;
  r.y.label = "ratio";
  r.y.log = true;
  r.y.lo = 100.0;
  r.y.hi = 1e4;
  r.lines.push_back(line("32 ln c · Σ_k |A_k(s)| / d", count_up(kFar + 1), ratio, 0, 1.5f));
  plot::RefLine floor_line;
  floor_line.vertical = false;
  floor_line.at = 32.0 * std::log(kBase);
  floor_line.color = plot::series_ink(1);
  floor_line.label = "32 ln 10000 = 294.73";
  r.refs.push_back(floor_line);
  r.legend = plot::Corner::TopRight;

  plot::Figure f;
  f.panels.push_back(std::move(both));
  f.panels.push_back(std::move(r));
  f.values = {{"largest interpolation bound between integers (d/(32 ln c))",
               interpolation_bound(kD, kBase, 1.0, 0.0, 1.0, 0.5)},
              {"32 ln c", 32.0 * std::log(kBase)},
              {"ratio at s = 0", ratio[0]},
              {"lowest ratio over s = 0..4096", ratio[lowest]},
              {"s of the lowest ratio", static_cast<double>(lowest)}};
  return f;
}

}  // namespace peviz::figures
