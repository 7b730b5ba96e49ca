// ALiBi Fig. 3 (Press, Smith, Lewis, arXiv:2108.12409, Sec. 3): the bias m (j - i) added to
// query i's score of key j (j <= i), and the slopes of 8 heads, 2^-1 ... 2^-8.
#include <cmath>
#include <limits>

#include "core/alibi.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure alibi_bias_figure(const plot::FigureRequest& request) {
  constexpr long kPositions = 5;
  constexpr int kHeads = 8;
  // The distances the paper's figure prints: the bias of a head of slope 1.
  // (+ 0.0 turns the diagonal's -0 into 0.)
  const Eigen::MatrixXd bias = alibi_bias(kPositions, 1.0, AlibiMode::Causal).array() + 0.0;
  const Eigen::VectorXd slopes = alibi_slopes(kHeads);

  plot::Panel grid;
  grid.id = "bias";
  grid.title = "Bias of query i for key j: m · (j − i)";
  grid.right = 0.46f;
  grid.x.label = "key j";
  grid.y.label = "query i";
  grid.x.lo = -0.5;
  grid.x.hi = kPositions - 0.5;
  grid.y.lo = -0.5;
  grid.y.hi = kPositions - 0.5;
  grid.x.integer = grid.y.integer = true;
  grid.y.inverted = true;
  grid.equal_aspect = true;
  grid.grid = false;
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(bias);
  h.x_lo = grid.x.lo;
  h.x_hi = grid.x.hi;
  h.y_lo = grid.y.lo;
  h.y_hi = grid.y.hi;
  h.colormap = ColormapId::Viridis;
  h.lo = -(kPositions - 1.0);
  h.hi = 0.0;
  h.value_label = "× m";
  h.print_values = true;
  h.decimals = 0;
  h.masked = true;
  grid.heatmap = std::move(h);

  plot::Panel bars;
  bars.id = "slopes";
  bars.title = "The slopes m of 8 heads: 2^(−8/8 · h)";
  bars.left = 0.54f;
  bars.x.label = "head h";
  bars.x.lo = 0.4;
  bars.x.hi = kHeads + 0.9;
  bars.x.integer = true;
  bars.y.label = "slope m";
  bars.y.lo = 0.0;
  bars.y.hi = 0.6;
  plot::Bars b;
  b.label = "m = 2^−h";
  b.color = plot::series_ink(0);
  for (int i = 0; i < kHeads; ++i) {
    b.x.push_back(i + 1.0);
    b.height.push_back(slopes[i]);
  }
  for (int i = 0; i < kHeads; ++i) {
    // Every bar's fraction where the bars are wide enough, else every other one.
    const double bar_px = (0.46 * request.width - 100.0) / (kHeads + 0.5);
    if (bar_px < 50.0 && i % 2 == 1) continue;
    plot::Text t;
    t.x = i + 1.0;
    t.y = slopes[i] + 0.02;
    t.text = format("1/%d", 1 << (i + 1));
    t.color = plot::ink(plot::Ink::Text);
    t.align_y = 1.0f;
    bars.texts.push_back(t);
  }
  bars.bars.push_back(std::move(b));
  bars.legend = plot::Corner::None;

  plot::Figure f;
  f.panels.push_back(std::move(grid));
  f.panels.push_back(std::move(bars));
  for (int i = 0; i < kHeads; ++i)
    f.values.emplace_back(format("slope of head %d", i + 1), slopes[i]);
  return f;
}

}  // namespace peviz::figures
