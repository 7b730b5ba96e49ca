// NoPE (Haviv et al. 2022, arXiv:2203.16634; Kazemnejad et al. 2023, arXiv:2305.19466): the
// causal mask M[i][j] = 0 for j <= i, -infinity otherwise (core/nope.hpp) and the number of
// keys each query sees, i + 1 (core/visibility.hpp).
#include "core/nope.hpp"
#include "core/visibility.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure nope_visible_figure(const plot::FigureRequest&) {
  constexpr long kPositions = 8;
  const Eigen::MatrixXd mask = causal_mask(kPositions);
  const Eigen::VectorXd queries = count_up(kPositions);
  const Eigen::VectorXd causal = visible_counts_at(queries, kPositions, Mask::Causal);
  const Eigen::VectorXd open = visible_counts_at(queries, kPositions, Mask::None);

  plot::Panel grid;
  grid.id = "mask";
  grid.title = "The causal mask M[i][j]";
  grid.right = 0.46f;
  grid.x.label = "key j";
  grid.y.label = "query i";
  grid.x.lo = grid.y.lo = -0.5;
  grid.x.hi = grid.y.hi = kPositions - 0.5;
  grid.x.integer = grid.y.integer = true;
  grid.y.inverted = true;
  grid.equal_aspect = true;
  grid.grid = false;
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(mask);
  h.x_lo = grid.x.lo;
  h.x_hi = grid.x.hi;
  h.y_lo = grid.y.lo;
  h.y_hi = grid.y.hi;
  h.colormap = ColormapId::Viridis;
  h.lo = -1.0;
  h.hi = 0.0;
  h.colorbar = false;
  h.print_values = true;
  h.decimals = 0;
  h.masked = true;
  grid.heatmap = std::move(h);

  plot::Panel counts;
  counts.id = "visible";
  counts.title = "Keys each query sees";
  counts.left = 0.54f;
  counts.x.label = "query position i";
  counts.x.lo = -0.6;
  counts.x.hi = kPositions - 0.4;
  counts.x.integer = true;
  counts.y.label = "visible keys";
  counts.y.lo = 0.0;
  counts.y.hi = kPositions + 3.0;
  plot::Bars b;
  b.label = "causal mask: i + 1";
  b.color = plot::series_ink(0);
  b.x = figures::values_of(queries);
  b.height = figures::values_of(causal);
  counts.bars.push_back(std::move(b));
  plot::LineSeries flat = line("no mask: all 8", queries, open, 1, 2.5f);
  flat.stroke = plot::Stroke::Dashed;
  counts.lines.push_back(std::move(flat));
  counts.legend = plot::Corner::TopLeft;

  plot::Figure f;
  f.panels.push_back(std::move(grid));
  f.panels.push_back(std::move(counts));
  for (long i = 0; i < kPositions; ++i) {
    f.values.emplace_back(format("keys seen by query %ld (causal)", i), causal[i]);
  }
  return f;
}

}  // namespace peviz::figures
