// The TensorFlow Transformer tutorial's figure (positional encoding section): the encoding of
// 2048 positions with depth 512, rows normalised, dotted with row 1000, and the same around
// 950-1050. The normalised dot product is the cosine similarity (2/d) sum_i cos(r w_i) of
// core/similarity (docs/formulas.md Sec. 3).
#include "core/similarity.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure sinusoidal_dot_figure(const plot::FigureRequest&) {
  constexpr int kD = 512;
  constexpr long kLength = 2048;
  constexpr long kRow = 1000;
  const Eigen::VectorXd positions = count_up(kLength);
  const Eigen::VectorXd offsets = positions.array() - static_cast<double>(kRow);
  const Eigen::VectorXd dots =
      sinusoidal_similarity_at_offsets(offsets, kD, 10000.0, Metric::Cosine);

  plot::Panel all;
  all.id = "all";
  all.title = "Position 1000 against all 2048 positions";
  all.bottom = 0.48f;
  all.x.label = "position";
  all.x.lo = 0.0;
  all.x.hi = kLength - 1.0;
  all.x.integer = true;
  all.y.label = "cosine similarity";
  all.y.lo = 0.0;
  all.y.hi = 1.0;
  all.lines.push_back(line("PE[p] · PE[1000] / (|PE[p]| |PE[1000]|)", positions, dots, 0, 1.5f));
  plot::Band zoom;
  zoom.from = 950.0;
  zoom.to = 1050.0;
  zoom.color = plot::series_ink(1, 0.25f);
  zoom.label = "950–1050, below";
  all.bands.push_back(zoom);
  all.legend = plot::Corner::BottomRight;

  plot::Panel near;
  near.id = "near";
  near.title = "The same around position 1000";
  near.top = 0.52f;
  near.x.label = "position";
  near.x.lo = 948.0;  // a little room, so the end ticks' labels stay inside
  near.x.hi = 1052.0;
  near.x.integer = true;
  near.y.label = "cosine similarity";
  near.y.lo = 0.0;
  near.y.hi = 1.0;
  near.lines.push_back(line("", positions.segment(950, 101), dots.segment(950, 101), 0, 2.5f));
  near.legend = plot::Corner::None;

  plot::Figure f;
  f.panels.push_back(std::move(all));
  f.panels.push_back(std::move(near));
  double far = -1.0;
  for (long p = 0; p < kLength; ++p) {
    if (std::abs(p - kRow) > 50) far = std::max(far, dots[p]);
  }
  f.values = {{"similarity at distance 1", dots[kRow + 1]},
              {"similarity at distance 10", dots[kRow + 10]},
              {"similarity at distance 50", dots[kRow + 50]},
              {"largest similarity beyond distance 50", far}};
  return f;
}

}  // namespace peviz::figures
