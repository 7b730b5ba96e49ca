// YaRN (Peng et al., arXiv:2309.00071): the ramp gamma(r) of Eq. 18 over r = L / lambda
// (Eq. 17), with the 64 pairs of d 128, base 10000, L 4096 marked (core/yarn_ramp.hpp), and the
// temperature sqrt(1/t) = 0.1 ln s + 1 of Eq. 22 (core/rope_scaling.hpp yarn_mscale).
#include <cmath>

#include "core/rope_scaling.hpp"
#include "core/yarn_ramp.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure yarn_ramp_figure(const plot::FigureRequest&) {
  constexpr int kD = 128;
  constexpr double kBase = 10000.0;
  constexpr double kContext = 4096.0;
  constexpr double kAlpha = 1.0, kBeta = 32.0;

  const long n = 201;
  Eigen::VectorXd r(n);
  for (long t = 0; t < n; ++t) r[t] = std::pow(10.0, -2.0 + 6.0 * static_cast<double>(t) / (n - 1));
  const Eigen::VectorXd gamma = yarn_gamma(r, kAlpha, kBeta);
  const Eigen::VectorXd pair_r = yarn_rotations(kD, kBase, kContext);
  const Eigen::VectorXd pair_gamma = yarn_gamma(pair_r, kAlpha, kBeta);

  plot::Panel ramp;
  ramp.id = "ramp";
  ramp.title = "The ramp γ(r), r = L/λ: turns in the context";
  ramp.right = 0.5f;
  ramp.x.label = "r = L / λ (full turns of a pair in L = 4096)";
  ramp.x.log = true;
  ramp.x.lo = 0.01;
  ramp.x.hi = 1e4;
  ramp.y.label = "γ(r)";
  ramp.y.lo = -0.05;
  ramp.y.hi = 1.3;
  ramp.lines.push_back(line("γ(r): 0 interpolate, 1 keep", r, gamma, 0, 3.0f));
  for (plot::LineSeries& s : dots("the 64 pairs (d 128)", pair_r, pair_gamma, 1, 3.0f)) {
    ramp.lines.push_back(std::move(s));
  }
  for (double at : {kAlpha, kBeta}) {
    plot::RefLine ref;
    ref.at = at;
    ref.color = plot::ink(plot::Ink::Muted);
    ref.label = at == kAlpha ? "α = 1" : "β = 32";
    ramp.refs.push_back(ref);
  }
  ramp.legend = plot::Corner::BottomRight;

  const long m = 61;
  Eigen::VectorXd s(m), root(m), logits(m);
  for (long t = 0; t < m; ++t) {
    s[t] = std::pow(2.0, 6.0 * static_cast<double>(t) / (m - 1));
    root[t] = yarn_mscale(s[t]);
    logits[t] = root[t] * root[t];
  }
  plot::Panel temp;
  temp.id = "temperature";
  temp.title = "The temperature against the scale s";
  temp.left = 0.56f;
  temp.x.label = "scale s";
  temp.x.log = true;
  temp.x.lo = 1.0;
  temp.x.hi = 64.0;
  temp.y.label = "factor";
  temp.y.lo = 0.9;
  temp.y.hi = 2.2;
  temp.lines.push_back(line("√(1/t) = 0.1 ln s + 1 (on q and k)", s, root, 0, 3.0f));
  plot::LineSeries sq = line("1/t (on the logits)", s, logits, 1, 2.0f);
  sq.stroke = plot::Stroke::Dashed;
  temp.lines.push_back(std::move(sq));
  temp.legend = plot::Corner::TopLeft;

  plot::Figure f;
  f.panels.push_back(std::move(ramp));
  f.panels.push_back(std::move(temp));
  long interpolated = 0, kept = 0;
  for (Eigen::Index i = 0; i < pair_gamma.size(); ++i) {
    interpolated += pair_gamma[i] == 0.0 ? 1 : 0;
    kept += pair_gamma[i] == 1.0 ? 1 : 0;
  }
  f.values = {{"pairs interpolated (gamma 0)", static_cast<double>(interpolated)},
              {"pairs kept (gamma 1)", static_cast<double>(kept)},
              {"pairs on the ramp", static_cast<double>(pair_gamma.size() - interpolated - kept)},
              {"sqrt(1/t) at s = 4", yarn_mscale(4.0)},
              {"sqrt(1/t) at s = 16", yarn_mscale(16.0)},
              {"sqrt(1/t) at s = 32", yarn_mscale(32.0)}};
  return f;
}

}  // namespace peviz::figures
