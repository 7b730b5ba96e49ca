// xPos against RoPE (Sun et al., "A Length-Extrapolatable Transformer", arXiv:2212.10554,
// Sec. 3.2; torchscale xpos_relative_position.py): RoFormer's bound with each pair's term
// scaled by zeta_k^(r/B) (core/xpos.hpp xpos_decay_bound_at) next to RoPE's own
// (core/rope_decay.hpp), and the per-pair factors zeta_i^(r/B) themselves.
#include <cmath>

#include "core/rope_decay.hpp"
#include "core/xpos.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure xpos_decay_figure(const plot::FigureRequest&) {
  constexpr int kD = 128;
  constexpr double kBase = 10000.0;
  constexpr long kDistance = 4096;
  const Eigen::VectorXd r = count_up(kDistance + 1);
  const Eigen::VectorXd rope = rope_decay_bound(kD, kBase, kDistance);
  const Eigen::VectorXd xpos = xpos_decay_bound_at(kD, kBase, kXposScaleBase, r);

  plot::Panel bounds;
  bounds.id = "bounds";
  bounds.title = "RoFormer's bound with and without xPos's scale";
  bounds.right = 0.56f;
  bounds.x.label = "relative distance r = m − n";
  bounds.x.lo = 0.0;
  bounds.x.hi = static_cast<double>(kDistance);
  bounds.x.integer = true;
  bounds.y.label = "relative upper bound";
  bounds.y.log = true;
  bounds.y.lo = 0.1;
  bounds.y.hi = 50.0;
  bounds.lines.push_back(line("RoPE: (2/d) Σ_j |Σ_{k<j} e^{i r θ_k}|", r, rope, 0, 1.5f));
  bounds.lines.push_back(line("xPos: terms × ζ_k^(r/512)", r, xpos, 1, 1.5f));
  bounds.legend = plot::Corner::BottomLeft;

  const Eigen::VectorXd zeta = xpos_zeta(kD);
  plot::Panel factors;
  factors.id = "zeta";
  factors.title = "Each pair's factor ζ_i^(r/512)";
  factors.left = 0.62f;
  factors.x.label = "relative distance r";
  factors.x.lo = 0.0;
  factors.x.hi = static_cast<double>(kDistance);
  factors.x.integer = true;
  factors.y.label = "factor";
  factors.y.lo = 0.0;
  factors.y.hi = 1.45;  // room above the curves for the legend
  int colour = 0;
  for (int i : {0, 16, 32, 63}) {
    const Eigen::VectorXd f = (r.array() / kXposScaleBase * std::log(zeta[i])).exp();
    factors.lines.push_back(line(format("pair %d: ζ = %.3f", i, zeta[i]), r, f, colour++, 2.0f));
  }
  factors.legend = plot::Corner::TopRight;

  plot::Figure fig;
  fig.panels.push_back(std::move(bounds));
  fig.panels.push_back(std::move(factors));
  fig.values = {{"RoPE bound at r = 0", rope[0]},
                {"xPos bound at r = 0", xpos[0]},
                {"RoPE bound at r = 4096", rope[kDistance]},
                {"xPos bound at r = 4096", xpos[kDistance]},
                {"zeta of pair 0", zeta[0]},
                {"zeta of pair 63", zeta[kD / 2 - 1]}};
  return fig;
}

}  // namespace peviz::figures
