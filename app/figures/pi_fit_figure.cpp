// Position Interpolation Fig. 2 (Chen et al., arXiv:2306.15595, Sec. 2.2-2.3): a(s) fitted to
// random targets inside the trained window L = 2048 (d 128), read outside the window
// (extrapolation, positions up to 2L) and at s/2 (interpolation: 2L positions squeezed into L).
#include <cmath>

#include "core/interpolation_fit.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {
namespace {

constexpr int kD = 128;
constexpr double kBase = 10000.0;
constexpr long kWindow = 2048;

plot::Panel panel(const char* id, const std::string& title, float left, float right) {
  plot::Panel p;
  p.id = id;
  p.title = title;
  p.left = left;
  p.right = right;
  p.x.label = "relative position s";
  p.x.lo = 0.0;
  p.x.hi = 2.0 * kWindow;
  p.y.label = "attention score a(s)";
  p.legend = plot::Corner::TopLeft;
  return p;
}

plot::RefLine window_edge() {
  plot::RefLine r;
  r.at = static_cast<double>(kWindow);
  r.color = plot::ink(plot::Ink::Muted);
  r.label = "L = 2048";
  return r;
}

}  // namespace

plot::Figure pi_fit_figure(const plot::FigureRequest&) {
  const AttentionScoreFit fit = fit_attention_score(kD, kBase, kWindow, 8, 1e-8, 1);
  const Eigen::VectorXd inside = count_up(kWindow + 1);
  const Eigen::VectorXd all = count_up(2 * kWindow + 1);
  const Eigen::VectorXd a_inside = attention_score(fit.h, kBase, inside);
  const Eigen::VectorXd a_all = attention_score(fit.h, kBase, all);
  const Eigen::VectorXd a_half = attention_score(fit.h, kBase, all * 0.5);

  plot::Panel fitted = panel("fit", "Fitted inside the window [0, L]", 0.0f, 0.32f);
  fitted.x.hi = static_cast<double>(kWindow);
  fitted.y.lo = -1.6;
  fitted.y.hi = 1.6;
  for (plot::LineSeries& s : dots("random targets", fit.positions, fit.targets, 1, 2.0f)) {
    fitted.lines.push_back(std::move(s));
  }
  fitted.lines.push_back(line("fitted a(s)", inside, a_inside, 0, 1.5f));

  plot::Panel extrapolated =
      panel("extrapolation", "Extrapolation: a(s) for s up to 2L", 0.34f, 0.66f);
  const double peak = a_all.cwiseAbs().maxCoeff();
  extrapolated.y.lo = -1.1 * peak;
  extrapolated.y.hi = 1.1 * peak;
  extrapolated.lines.push_back(line("a(s)", all, a_all, 0, 1.5f));
  extrapolated.refs.push_back(window_edge());

  plot::Panel interpolated =
      panel("interpolation", "Interpolation: a(s/2) for s up to 2L", 0.68f, 1.0f);
  interpolated.y.lo = -1.6;
  interpolated.y.hi = 1.6;
  interpolated.lines.push_back(line("a(s · L/2L)", all, a_half, 2, 1.5f));
  interpolated.legend = plot::Corner::BottomLeft;
  interpolated.refs.push_back(window_edge());

  plot::Figure f;
  f.panels.push_back(std::move(fitted));
  f.panels.push_back(std::move(extrapolated));
  f.panels.push_back(std::move(interpolated));
  const double rms =
      std::sqrt((attention_score(fit.h, kBase, fit.positions) - fit.targets).squaredNorm() /
                static_cast<double>(fit.targets.size()));
  f.values = {{"rms error at the targets", rms},
              {"largest |a(s)| at integers inside [0, L]", a_inside.cwiseAbs().maxCoeff()},
              {"largest |a(s)| for s in [L, 2L] (extrapolation)",
               a_all.tail(kWindow + 1).cwiseAbs().maxCoeff()},
              {"largest |a(s/2)| for s in [0, 2L] (interpolation)", a_half.cwiseAbs().maxCoeff()}};
  return f;
}

}  // namespace peviz::figures
