#include "nope_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/nope.hpp"
#include "core/visibility.hpp"
#include "view_util.hpp"

namespace peviz {

std::vector<std::string> NopeView::shared_fields(const SharedParams&) const {
  return {"positions", "start", "mask"};
}

std::string NopeView::explanation(const SharedParams& s) const {
  if (s.mask == Mask::None) {
    return "NoPE adds nothing to the tokens and no bias to the scores. Without the causal mask "
           "every position sees the same set of tokens, so attention is permutation-equivariant: "
           "shuffle the input and the outputs shuffle the same way. An encoder without any "
           "position encoding cannot tell word order apart; switch the mask to causal to see "
           "where a decoder's position information comes from.";
  }
  return "NoPE adds nothing to the tokens and no bias to the scores; the only term that "
         "depends on position is the causal mask (0 where query i may look at key j ≤ i, −∞ "
         "for future keys). That is already a signal: position i averages over i + 1 tokens, "
         "a different number for every position, so a decoder can recover where it is (for "
         "example from how diluted a uniform attention is). Without the mask the line is flat.";
}

plot::Figure nope_figure(const SharedParams& s, const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  const bool causal = s.mask == Mask::Causal;
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const long length = last + 1;  // the sequence holds positions 0..last

  // The mask: queries (rows) x keys (columns).
  plot::Panel grid;
  grid.id = "mask";
  grid.right = 0.5f;
  grid.title =
      causal ? "Causal mask M[i][j] (added to the scores)" : "No mask: M[i][j] = 0 everywhere";
  const long side = std::max(32, std::min(request.width * 50 / 100 - 150, request.height - 250));
  const QueryKeyGrid qk = query_key_grid(grid, first, last, request, side);
  const plot::DataWindow& gw = qk.window;
  const Samples& qs = qk.queries;
  const Samples& ks = qk.keys;
  Eigen::MatrixXd m = causal ? causal_mask_at(qs.values, ks.values)
                             : Eigen::MatrixXd::Zero(qs.values.size(), ks.values.size());
  plot::HeatmapLayer h = heatmap_over(qs, ks, std::move(m));
  h.colormap = ColormapId::Viridis;
  h.lo = -1.0;  // visible (0) at the bright end; masked (−∞) at the dark end, and hatched
  h.hi = 0.0;
  h.colorbar = false;
  h.print_values = true;
  h.decimals = 0;
  grid.heatmap = std::move(h);
  // Small grids print every cell's value (0 or −∞): no hatching or labels over them.
  const bool printed = qs.values.size() <= 32 && ks.values.size() <= 32;
  if (causal && !printed)
    hatch_masked(grid, gw, first, last, std::max(qs.stride, ks.stride),
                 "masked: \xE2\x88\x92\xE2\x88\x9E");
  // Bright text on the bright (visible) lower triangle.
  const double vx = gw.x_lo + 0.28 * (gw.x_hi - gw.x_lo), vy = gw.y_lo + 0.78 * (gw.y_hi - gw.y_lo);
  if (!printed && (vy - vx > 2.0 * std::max(qs.stride, ks.stride) || !causal)) {
    if (vx > first - 0.5 && vy < last + 0.5) {
      grid.texts.push_back(
          {vx, vy, "visible: 0", plot::hex_color(0x15151a), 1.0f, true, 0.5f, 0.5f});
    }
  }
  grid.readout = [causal, first, last](double x, double y) -> std::vector<std::string> {
    const long i = std::lround(y), j = std::lround(x);
    if (i < first || i > last || j < first || j > last) return {};
    std::vector<std::string> out = {fmt("query i = %ld, key j = %ld", i, j)};
    if (!causal) {
      out.push_back("no mask: M = 0, key visible");
      return out;
    }
    Eigen::VectorXd q(1), k(1);
    q << static_cast<double>(i);
    k << static_cast<double>(j);
    const double v = causal_mask_at(q, k)(0, 0);
    out.push_back(
        std::isinf(v)
            ? fmt("M = \xE2\x88\x92\xE2\x88\x9E: masked (key %ld comes after query %ld)", j, i)
            : fmt("M = 0: visible (key %ld \xE2\x89\xA4 query %ld)", j, i));
    return out;
  };

  // Tokens each position sees.
  plot::Panel counts;
  counts.id = "counts";
  counts.left = 0.6f;
  counts.top = 0.06f;
  counts.bottom = 0.94f;
  counts.title = "Tokens each position can see";
  counts.x = position_axis(first - 0.5, last + 0.5, false, "query position i");
  counts.y.label = "visible tokens (keys)";
  counts.y.lo = 0.0;
  counts.y.hi = static_cast<double>(length) * 1.45;
  counts.legend = plot::Corner::BottomRight;
  const plot::DataWindow cw = window_of(counts, request);
  const long pixels = std::max(100, request.width * 40 / 100 - 150);
  Samples ps = sample_range(first, last, cw.x_lo, cw.x_hi, 2 * pixels);
  // Both lines are straight; make sure the last position is a sample.
  const double last_shown = std::min<double>(last, std::floor(cw.x_hi + 0.5));
  if (ps.values.size() > 0 && ps.values[ps.values.size() - 1] < last_shown) {
    ps.values.conservativeResize(ps.values.size() + 1);
    ps.values[ps.values.size() - 1] = last_shown;
  }
  const Eigen::VectorXd with_mask = visible_counts_at(ps.values, length, Mask::Causal);
  const Eigen::VectorXd without = visible_counts_at(ps.values, length, Mask::None);
  plot::LineSeries a, b;
  a.label = causal ? "causal mask: i + 1" : "causal mask (compare)";
  b.label = causal ? fmt("no mask: all %ld (compare)", length) : fmt("no mask: all %ld", length);
  a.color = style.series(0);
  b.color = style.series(1);
  a.x.assign(ps.values.data(), ps.values.data() + ps.values.size());
  b.x = a.x;
  a.y.assign(with_mask.data(), with_mask.data() + with_mask.size());
  b.y.assign(without.data(), without.data() + without.size());
  plot::LineSeries& active = causal ? a : b;
  plot::LineSeries& other = causal ? b : a;
  active.width = 3.5f;
  other.width = 2.0f;
  other.stroke = plot::Stroke::Dashed;
  if (ps.values.size() <= 40) {
    active.marker = plot::Marker::Circle;
    active.marker_size = 5.0f;
  }
  counts.lines.push_back(std::move(other));
  counts.lines.push_back(std::move(active));
  const double tx = cw.x_lo + 0.03 * (cw.x_hi - cw.x_lo);
  const double line_h = 0.06 * (counts.y.hi - counts.y.lo);
  const std::vector<std::string> statement =
      causal
          ? std::vector<std::string>{"Every position sees a different",
                                     "number of tokens: the mask", "alone leaks position."}
          : std::vector<std::string>{"Every position sees all tokens:", "attention is permutation-",
                                     "equivariant, position is invisible."};
  for (std::size_t k = 0; k < statement.size(); ++k) {
    counts.texts.push_back({tx, counts.y.hi - line_h * (0.6 + static_cast<double>(k)), statement[k],
                            style.text, 0.95f, k == 0, 0.0f, 0.5f});
  }
  counts.readout = [causal, first, last, length](double x, double) -> std::vector<std::string> {
    const long p = std::lround(x);
    if (p < first || p > last) return {};
    Eigen::VectorXd q(1);
    q << static_cast<double>(p);
    const double c = visible_counts_at(q, length, Mask::Causal)[0];
    const double n = visible_counts_at(q, length, Mask::None)[0];
    return {fmt("query position %ld", p),
            fmt("causal mask: sees %.0f tokens (keys %s)%s", c, span(0, p).c_str(),
                causal ? "" : " [not active]"),
            fmt("no mask: sees all %.0f tokens%s", n, causal ? " [not active]" : "")};
  };

  plot::Figure f;
  f.title = causal ? "NoPE: the causal mask is the only positional signal"
                   : "NoPE without a mask: no positional signal at all";
  f.subtitle = fmt(
      "no positional encoding \xC2\xB7 mask: %s \xC2\xB7 positions %s (sequence 0\xE2\x80\x93%ld)",
      causal ? "causal (decoder)" : "none (encoder)", span(first, last).c_str(), last);
  std::string note;
  if (qs.stride > 1 || ks.stride > 1) {
    note = "Mask: " + stride_note(qs.stride >= ks.stride ? qs : ks, "position") +
           ". Zoom in (mouse wheel) for every cell.";
  }
  f.note = note;
  f.panels.push_back(std::move(grid));
  f.panels.push_back(std::move(counts));
  return f;
}

FigureBuilder NopeView::builder(const SharedParams& shared,
                                const plot::FigureRequest& request) const {
  return [shared, request](const ProgressFn&) { return nope_figure(shared, request); };
}

}  // namespace peviz
