#include "nope_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/nope.hpp"
#include "core/visibility.hpp"
#include "rope_clocks_view.hpp"  // reflow::
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
  const double width = request.width;

  plot::Figure f;
  f.title = reflow::heading(
      causal ? std::vector<std::string>{"NoPE: the causal mask is the only positional signal",
                                        "NoPE: only the causal mask tells position",
                                        "NoPE: the mask leaks position", "NoPE: causal mask"}
             : std::vector<std::string>{"NoPE without a mask: no positional signal at all",
                                        "NoPE, no mask: no positional signal",
                                        "NoPE, no mask: no position", "NoPE, no mask"},
      reflow::kTitle, true, width);
  f.subtitle = reflow::heading(
      {fmt("no positional encoding · mask: %s · positions %s (sequence "
           "0–%ld)",
           causal ? "causal (decoder)" : "none (encoder)", span(first, last).c_str(), last),
       fmt("no positional encoding · mask: %s · positions %s", causal ? "causal" : "none",
           span(first, last).c_str()),
       fmt("mask: %s · positions %s", causal ? "causal" : "none", span(first, last).c_str())},
      reflow::kBody, false, width);

  // The mask: queries (rows) x keys (columns).
  plot::Panel grid;
  grid.id = "mask";
  grid.right = 0.5f;
  const long side = std::max(32, std::min(request.width * 50 / 100 - 150, request.height - 250));
  const QueryKeyGrid qk = query_key_grid(grid, first, last, request, side);
  const plot::DataWindow& gw = qk.window;
  const Samples& qs = qk.queries;
  const Samples& ks = qk.keys;
  const long stride = std::max(qs.stride, ks.stride);
  const std::string sampled =
      stride > 1 ? "Mask: " + stride_note(qs.stride >= ks.stride ? qs : ks, "position") : "";

  // Both panels side by side when the mask and the counts both get room; else the counts
  // alone (the mask is in the subtitle, and the chart is what it does). Text keeps its size.
  const std::string mask_title = reflow::first_fitting(
      causal ? std::vector<std::string>{"Causal mask M[i][j] (added to the scores)",
                                        "Causal mask M[i][j]", "Causal mask"}
             : std::vector<std::string>{"No mask: M[i][j] = 0 everywhere", "No mask: M = 0",
                                        "No mask"},
      reflow::kPanelTitle, true, 0.5 * width, 2);
  const double ytick_w = reflow::width(std::to_string(last), reflow::kSmall);
  const auto title_lines = [](const std::string& t, double w) {
    return t.empty() ? 0 : std::min(2, reflow::lines(t, reflow::kPanelTitle, true, w));
  };
  const auto map_side = [&](double w, double h, const std::string& title, const std::string& x,
                            const std::string& y) {
    reflow::Room r =
        reflow::plot_room(w, h, title_lines(title, w), ytick_w, !y.empty(), !x.empty());
    if (reflow::width(y, reflow::kBody) > std::min(r.w, r.h) - reflow::kSmall * 0.5) {
      r.w += reflow::kBody * 1.5;
      r.h -= reflow::kBody * 1.4;
    }
    return std::min(r.w, r.h);
  };
  f.note = reflow::heading({sampled + ". Zoom in (mouse wheel) for every cell.",
                            sampled + "; zoom in for every cell.", sampled + "."},
                           reflow::kSmall, false, width);
  if (sampled.empty()) f.note.clear();
  double body_h =
      request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  const bool both =
      width >= 560.0 && map_side(0.5 * width, body_h, mask_title, "key j", "query i") >= 130.0 &&
      reflow::plot_room(0.4 * width, 0.88 * body_h, 1, ytick_w, true, true).w >= 180.0;
  if (!both) {
    f.note.clear();
    body_h = request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  }

  if (both) {
    grid.title = mask_title;
    std::string gx = "key position j", gy = "query position i";
    if (map_side(0.5 * width, body_h, grid.title, gx, gy) < 200.0) {
      gx = "key j";
      gy = "query i";
    }
    grid.x.label = gx;
    grid.y.label = gy;
    const double map_px = map_side(0.5 * width, body_h, grid.title, gx, gy);
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
    // Small grids print every cell's value (0 or −∞): no hatching or labels over them. The
    // labels need room each side of where they are centred (70% and 28% across).
    const bool printed = qs.values.size() <= 32 && ks.values.size() <= 32;
    const std::string masked = "masked: −∞", visible = "visible: 0";
    const bool masked_fits = 0.3 * map_px >= reflow::width(masked, reflow::kBody, true) / 2 + 6.0;
    const bool visible_fits =
        0.28 * map_px >= reflow::width(visible, reflow::kBody, true) / 2 + 6.0;
    if (causal && !printed) hatch_masked(grid, gw, first, last, stride, masked_fits ? masked : "");
    // Bright text on the bright (visible) lower triangle.
    const double vx = gw.x_lo + 0.28 * (gw.x_hi - gw.x_lo),
                 vy = gw.y_lo + 0.78 * (gw.y_hi - gw.y_lo);
    if (!printed && visible_fits && (vy - vx > 2.0 * stride || !causal)) {
      if (vx > first - 0.5 && vy < last + 0.5) {
        grid.texts.push_back({vx, vy, visible, plot::hex_color(0x15151a), 1.0f, true, 0.5f, 0.5f});
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
      out.push_back(std::isinf(v) ? fmt("M = −∞: masked (key %ld comes after query %ld)", j, i)
                                  : fmt("M = 0: visible (key %ld ≤ query %ld)", j, i));
      return out;
    };
  }

  // Tokens each position sees.
  plot::Panel counts;
  counts.id = "counts";
  counts.left = both ? 0.6f : 0.0f;
  counts.top = both ? 0.06f : 0.0f;
  counts.bottom = both ? 0.94f : 1.0f;
  const double counts_w = (1.0 - counts.left) * width;
  const double counts_h = (counts.bottom - counts.top) * body_h;
  counts.title = reflow::first_fitting(
      {"Tokens each position can see", "Tokens each position sees", "Visible tokens"},
      reflow::kPanelTitle, true, counts_w, 1);
  counts.x = position_axis(first - 0.5, last + 0.5, false, "query position i");
  counts.y.label = "visible tokens (keys)";
  const auto counts_room = [&] {
    return reflow::plot_room(counts_w, counts_h, title_lines(counts.title, counts_w), ytick_w,
                             !counts.y.label.empty(), !counts.x.label.empty());
  };
  if (counts_room().h < 200.0) counts.x.label = "query i";
  // A y title longer than the plot is tall is written across, above it: shorter, then.
  if (reflow::width(counts.y.label, reflow::kBody) > counts_room().h - 10.0) {
    counts.y.label = "visible tokens";
  }
  if (reflow::width(counts.y.label, reflow::kBody) > counts_room().h - 10.0) {
    counts.y.label = "keys seen";
  }
  const reflow::Room plot_px = counts_room();
  counts.y.lo = 0.0;
  counts.legend = plot::Corner::BottomRight;
  const plot::DataWindow cw0 = window_of(counts, request);
  const long pixels = std::max(100, request.width * 40 / 100 - 150);
  Samples ps = sample_range(first, last, cw0.x_lo, cw0.x_hi, 2 * pixels);
  // Both lines are straight; make sure the last position is a sample.
  const double last_shown = std::min<double>(last, std::floor(cw0.x_hi + 0.5));
  if (ps.values.size() > 0 && ps.values[ps.values.size() - 1] < last_shown) {
    ps.values.conservativeResize(ps.values.size() + 1);
    ps.values[ps.values.size() - 1] = last_shown;
  }
  const Eigen::VectorXd with_mask = visible_counts_at(ps.values, length, Mask::Causal);
  const Eigen::VectorXd without = visible_counts_at(ps.values, length, Mask::None);
  plot::LineSeries a, b;
  // The legend's words: shorter when the box would not fit in the plot's corner.
  const std::vector<std::pair<std::string, std::string>> names = {
      {causal ? "causal mask: i + 1" : "causal mask (compare)",
       causal ? fmt("no mask: all %ld (compare)", length) : fmt("no mask: all %ld", length)},
      {causal ? "causal: i + 1" : "causal (compare)",
       causal ? fmt("no mask: %ld (compare)", length) : fmt("no mask: %ld", length)},
      {causal ? "causal: i + 1" : "causal", fmt("no mask: %ld", length)}};
  std::size_t pick = 0;
  while (pick + 1 < names.size() &&
         reflow::legend_width({names[pick].first, names[pick].second}) > plot_px.w - 20.0) {
    ++pick;
  }
  if (reflow::legend_width({names[pick].first, names[pick].second}) > plot_px.w - 20.0) {
    counts.legend = plot::Corner::Outside;
  }
  a.label = names[pick].first;
  b.label = names[pick].second;
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

  // The statement, over the lines at the top left: on the lines it was written in when they
  // fit the plot, else wrapped to its width; the y axis leaves it the room.
  const std::vector<std::string> written =
      causal
          ? std::vector<std::string>{"Every position sees a different",
                                     "number of tokens: the mask", "alone leaks position."}
          : std::vector<std::string>{"Every position sees all tokens:", "attention is permutation-",
                                     "equivariant, position is invisible."};
  const double statement_px = reflow::kBody * 0.95;
  const double room = plot_px.w * 0.97 - 8.0;
  std::vector<std::string> statement = written;
  bool as_written = reflow::width(written[0], statement_px, true) <= room;
  for (std::size_t k = 1; k < written.size(); ++k) {
    as_written = as_written && reflow::width(written[k], statement_px) <= room;
  }
  if (!as_written) {
    std::string all;
    for (const std::string& l : written) {
      all += (all.empty() || all.back() == '-' ? "" : " ") + l;
    }
    statement = reflow::wrap(all, statement_px, false, room);
  }
  // Pixels from one line of the statement to the next (as before on a large plot).
  const double pitch = std::max(23.0, 0.06 * plot_px.h);
  const double band = pitch * (static_cast<double>(statement.size()) + 0.1) + 8.0;
  // The data (up to `length`) below the statement's band; no statement when that would
  // leave the lines less than half the plot.
  const bool say = plot_px.h - band >= 0.5 * plot_px.h;
  counts.y.hi =
      say ? std::max(1.45, plot_px.h / (plot_px.h - band) * 1.02) * static_cast<double>(length)
          : static_cast<double>(length) * 1.12;
  const plot::DataWindow cw = window_of(counts, request);
  const double tx = cw.x_lo + 0.03 * (cw.x_hi - cw.x_lo);
  const double per_px = (counts.y.hi - counts.y.lo) / std::max(1.0, plot_px.h);
  for (std::size_t k = 0; say && k < statement.size(); ++k) {
    counts.texts.push_back({tx, counts.y.hi - per_px * pitch * (0.6 + static_cast<double>(k)),
                            statement[k], style.text, 0.95f, as_written && k == 0, 0.0f, 0.5f});
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

  if (both) f.panels.push_back(std::move(grid));
  f.panels.push_back(std::move(counts));
  return f;
}

FigureBuilder NopeView::builder(const SharedParams& shared,
                                const plot::FigureRequest& request) const {
  return [shared, request](const ProgressFn&) { return nope_figure(shared, request); };
}

}  // namespace peviz
