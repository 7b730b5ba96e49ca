// RoFormer Fig. 2 (Su et al., arXiv:2104.09864, Sec. 3.4.3): the relative upper bound
// (1/(d/2)) sum_j |S_j| of RoPE's score over the relative distance, d 128, 0-256.
#include "core/rope_decay.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure rope_decay_figure(const plot::FigureRequest&) {
  constexpr int kD = 128;
  constexpr double kBase = 10000.0;
  constexpr long kDistance = 256;
  const Eigen::VectorXd bound = rope_decay_bound(kD, kBase, kDistance);
  const Eigen::VectorXd r = count_up(kDistance + 1);

  plot::Panel p;
  p.id = "decay";
  p.title = "Relative upper bound of RoPE's score against relative distance";
  p.x.label = "relative distance r = m − n";
  p.x.lo = 0.0;
  p.x.hi = static_cast<double>(kDistance);
  p.x.integer = true;
  p.y.label = "relative upper bound (1/(d/2)) Σ |S_j|";
  p.y.lo = 0.0;
  p.y.hi = 35.0;
  p.lines.push_back(line("d 128, base 10000", r, bound, 0, 3.0f));
  Eigen::Index lowest = 0;
  bound.minCoeff(&lowest);
  plot::RefLine start;
  start.vertical = false;
  start.at = bound[0];
  start.color = plot::ink(plot::Ink::Muted);
  start.label = format("B(0) = (d/2 + 1)/2 = %.1f", bound[0]);
  p.refs.push_back(start);
  p.legend = plot::Corner::None;  // one curve: the subtitle and the parameters name it

  plot::Figure f;
  f.panels.push_back(std::move(p));
  f.values = {{"B(0)", bound[0]},
              {"B(64)", bound[64]},
              {"B(256)", bound[kDistance]},
              {"lowest B over 0-256", bound[lowest]},
              {"distance of the lowest B", static_cast<double>(lowest)}};
  return f;
}

}  // namespace peviz::figures
