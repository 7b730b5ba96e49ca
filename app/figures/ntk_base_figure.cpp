// NTK-aware scaling (bloc97; YaRN paper, arXiv:2309.00071, Sec. 3.1, Eq. 16, App. A.1):
// b' = b s^(d/(d-2)); per pair the frequency is divided by s^(2i/(d-2)), from 1 (pair 0) to s
// (the last pair), where PI divides every pair by s (core/rope_scaling.hpp).
#include <cmath>

#include "core/rope_scaling.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure ntk_base_figure(const plot::FigureRequest&) {
  constexpr int kD = 128;
  constexpr double kBase = 10000.0;
  constexpr double kShown = 8.0;
  ScalingParams ntk;
  ntk.kind = Scaling::Ntk;

  const long n = 61;
  Eigen::VectorXd s(n), base(n);
  for (long t = 0; t < n; ++t) {
    s[t] = std::pow(2.0, 6.0 * static_cast<double>(t) / (n - 1));
    ntk.factor = s[t];
    base[t] = scale_frequencies(kD, kBase, ntk).effective_base;
  }
  plot::Panel left;
  left.id = "base";
  left.title = "The new base b' against the scale s";
  left.right = 0.44f;
  left.x.label = "scale s (context extension)";
  left.x.log = true;
  left.x.lo = 1.0;
  left.x.hi = 64.0;
  left.y.label = "base b'";
  left.y.log = true;
  left.y.lo = 1e4;
  left.y.hi = 1e6;
  left.lines.push_back(line("b' = 10000 · s^(128/126)", s, base, 0, 3.0f));
  ntk.factor = kShown;
  const ScaledFrequencies at8 = scale_frequencies(kD, kBase, ntk);
  for (plot::LineSeries& mark :
       dots(format("s = 8: b' = %.0f", at8.effective_base), Eigen::VectorXd::Constant(1, kShown),
            Eigen::VectorXd::Constant(1, at8.effective_base), 1, 6.0f)) {
    mark.marker = plot::Marker::Diamond;
    left.lines.push_back(std::move(mark));
  }
  left.legend = plot::Corner::TopLeft;

  ScalingParams none;
  ScalingParams pi;
  pi.kind = Scaling::Linear;
  pi.factor = kShown;
  const Eigen::VectorXd original = scale_frequencies(kD, kBase, none).inv_freq;
  const Eigen::VectorXd divided_ntk = original.cwiseQuotient(at8.inv_freq);
  const Eigen::VectorXd divided_pi =
      original.cwiseQuotient(scale_frequencies(kD, kBase, pi).inv_freq);
  const Eigen::VectorXd pairs = count_up(original.size());
  plot::Panel right;
  right.id = "pairs";
  right.title = "How much each pair is slowed at s = 8";
  right.left = 0.5f;
  right.x.label = "pair i";
  right.x.lo = 0.0;
  right.x.hi = static_cast<double>(original.size() - 1);
  right.x.integer = true;
  right.y.label = "θ_i / θ_i'";
  right.y.lo = 0.0;
  right.y.hi = 9.0;
  right.lines.push_back(line("NTK-aware: s^(2i/(d−2))", pairs, divided_ntk, 0, 3.0f));
  plot::LineSeries flat = line("PI: s for every pair", pairs, divided_pi, 1, 2.0f);
  flat.stroke = plot::Stroke::Dashed;
  right.lines.push_back(std::move(flat));
  right.legend = plot::Corner::BottomRight;  // below the curves, away from PI's line at s

  plot::Figure f;
  f.panels.push_back(std::move(left));
  f.panels.push_back(std::move(right));
  f.values = {{"b' at s = 8", at8.effective_base},
              {"theta_0 / theta_0' at s = 8", divided_ntk[0]},
              {"theta_63 / theta_63' at s = 8", divided_ntk[divided_ntk.size() - 1]},
              {"b' at s = 64", base[n - 1]}};
  return f;
}

}  // namespace peviz::figures
