#include "alibi_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/alibi.hpp"
#include "core/alibi_exponents.hpp"
#include "rope_clocks_view.hpp"  // reflow::
#include "view_util.hpp"

namespace peviz {
namespace {

// "2^-0.5", "2^-8".
std::string power_label(double exponent) {
  return fmt("2^-%g", exponent);
}

// One label above each bar (at `tops`, with `lift` data units of room in the axis'
// direction: positive lifts go up a log axis by that factor, negative ones up an inverted
// linear axis), the chosen head's in its colour.
void label_bars(plot::Panel& panel, const std::vector<double>& tops,
                const std::vector<std::string>& labels, double lift, int head,
                const plot::Style& style) {
  for (std::size_t h = 0; h < tops.size(); ++h) {
    const double y = lift > 0 ? tops[h] * lift : tops[h] + lift;
    const bool mine = static_cast<int>(h) == head;
    panel.texts.push_back({static_cast<double>(h), y, labels[h],
                           mine ? style.series(1) : style.text, 0.75f, mine, 0.5f, 1.0f});
  }
}

// The side in pixels of a square query x key heatmap with a colorbar ("bias") in a panel of
// w x h pixels, with a title of `title_lines` lines and axis titles `x_label`, `y_label`
// (a y title longer than the plot is tall is written across, above it).
double heatmap_side(double w, double h, int title_lines, const std::string& x_label,
                    const std::string& y_label, double ytick_w) {
  const double colorbar = reflow::kSmall * 1.2 * 2 + reflow::width("-0.00", reflow::kSmall);
  const double title_above = reflow::kSmall * 1.4;  // the colorbar's "bias"
  reflow::Room r = reflow::plot_room(w - colorbar, h - title_above, title_lines, ytick_w,
                                     !y_label.empty(), !x_label.empty());
  if (reflow::width(y_label, reflow::kBody) > std::min(r.w, r.h) - reflow::kSmall * 0.5) {
    r.w += reflow::kBody * 1.5;
    r.h -= reflow::kBody * 1.4;
  }
  return std::min(r.w, r.h);
}

}  // namespace

void AlibiParams::visit(ParamVisitor& v) {
  v.visit({.name = "head",
           .label = "head",
           .help = "the head whose bias matrix is drawn (0 = the steepest slope)",
           .min = 0,
           .max = 1048575},
          head);
}

std::vector<std::string> AlibiView::shared_fields(const SharedParams&) const {
  return {"heads", "positions", "start", "mask"};
}

std::string AlibiView::explanation(const SharedParams& s) const {
  // Built by concatenation: longer than fmt's buffer.
  std::string out =
      "ALiBi adds nothing to the token vectors. Each head adds a penalty to its attention scores "
      "that grows linearly with distance: bias = −m·(i − j) for query i and key j (−m·|i − j| "
      "without a mask). The slopes form a geometric sequence 2^(−8/n), 2^(−16/n), …, 2^−8 for n "
      "= " +
      std::to_string(s.heads) + " heads";
  if ((s.heads & (s.heads - 1)) != 0) {
    out +=
        "; as the count is not a power of two, the official code takes the slopes of the next "
        "lower "
        "power of two, then every other slope of twice that count, unsorted";
  }
  return out +
         ". A steep head sees a few neighbours, a shallow one hundreds of tokens: its horizon "
         "ln(100)/m is the distance at which the bias alone has divided a key's weight by 100.";
}

plot::Figure alibi_figure(const SharedParams& s, const AlibiParams& params,
                          const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  const bool causal = s.mask == Mask::Causal;
  const AlibiMode mode = causal ? AlibiMode::Causal : AlibiMode::Symmetric;
  const int heads = s.heads;
  const int head = std::clamp(params.head, 0, heads - 1);
  const Eigen::VectorXd slopes = alibi_slopes(heads);
  const Eigen::VectorXd exponents = alibi_slope_exponents(heads);
  const double m = slopes[head];
  const double horizon = alibi_horizon(m);
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const double width = request.width;

  plot::Figure f;
  f.title = reflow::heading(
      causal ? std::vector<std::string>{"ALiBi: a linear distance penalty per head",
                                        "ALiBi: linear distance penalty", "ALiBi distance penalty"}
             : std::vector<std::string>{"ALiBi, symmetric (encoder, no mask)",
                                        "ALiBi, symmetric (no mask)", "ALiBi, symmetric"},
      reflow::kTitle, true, width);
  f.subtitle = reflow::heading(
      {fmt("%d heads · head %d: slope m = %s = %.6g, horizon %.4g tokens · mask: %s "
           "· positions %s",
           heads, head, power_label(exponents[head]).c_str(), m, horizon,
           causal ? "causal" : "none", span(first, last).c_str()),
       fmt("head %d of %d: m = %s = %.6g, horizon %.4g · %s · %s", head, heads,
           power_label(exponents[head]).c_str(), m, horizon, causal ? "causal" : "no mask",
           span(first, last).c_str()),
       fmt("head %d: m = %.6g, horizon %.4g", head, m, horizon)},
      reflow::kBody, false, width);

  // The bias of the chosen head: queries (rows) x keys (columns).
  plot::Panel grid;
  grid.id = "bias";
  grid.right = 0.5f;
  const long side = std::max(32, std::min(request.width * 50 / 100 - 160, request.height - 250));
  const QueryKeyGrid qk = query_key_grid(grid, first, last, request, side);
  const plot::DataWindow& gw = qk.window;
  const Samples& qs = qk.queries;
  const Samples& ks = qk.keys;
  const long stride = std::max(qs.stride, ks.stride);
  const bool printed = qs.values.size() <= 32 && ks.values.size() <= 32;

  // The layout for the room there is: the bias with the slopes and the horizons beside it,
  // or with the slopes only, or the bias alone (the chosen head's slope and horizon are in
  // the subtitle, every head's under the mouse). Text keeps its size; panels go instead.
  const std::string sampled =
      stride > 1 ? "Bias: " + stride_note(qs.stride >= ks.stride ? qs : ks, "position") : "";
  const auto note_for = [&](bool bars, bool bar_labels) {
    std::vector<std::string> options;
    const std::string hover =
        bars && !bar_labels ? "Hover a bar for its slope 2^-x and horizon." : "";
    const auto join = [](const std::string& a, const std::string& b) {
      return a.empty() ? b : b.empty() ? a : a + " " + b;
    };
    if (!sampled.empty()) {
      options.push_back(join(sampled + ". Zoom in (mouse wheel) for every cell.", hover));
      options.push_back(join(sampled + "; zoom in for every cell.", hover));
      options.push_back(
          join(sampled + ".", bars && !bar_labels ? "Hover a bar for its slope." : ""));
      options.push_back(sampled + ".");
    } else {
      options.push_back(hover);
    }
    return reflow::heading(options, reflow::kSmall, false, width);
  };
  const std::string bias_title =
      fmt("Bias of head %d: −m·%s", head, causal ? "(i − j)" : "|i − j|");
  const double ytick_w = reflow::width(std::to_string(last), reflow::kSmall);
  const auto title_lines = [](const std::string& t, double w) {
    return t.empty() ? 0 : std::min(2, reflow::lines(t, reflow::kPanelTitle, true, w));
  };
  enum class Panels { Three, Two, One } layout = Panels::One;
  double body_h = 0.0;
  for (const Panels l : {Panels::Three, Panels::Two, Panels::One}) {
    f.note = note_for(l != Panels::One, false);
    body_h = request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
    layout = l;
    if (l == Panels::Three) {
      const double w = 0.5 * width;
      if (width >= 760.0 && body_h >= 480.0 &&
          heatmap_side(w, body_h, title_lines(bias_title, w), "key position j", "query position i",
                       ytick_w) >= 220.0) {
        break;
      }
    } else if (l == Panels::Two) {
      const double w = 0.6 * width;
      const double bars_w = reflow::plot_room(0.36 * width, body_h, 1,
                                              reflow::width("2^-8", reflow::kSmall), false, true)
                                .w;
      if (heatmap_side(w, body_h, title_lines(bias_title, w), "key position j", "query position i",
                       ytick_w) >= 160.0 &&
          bars_w >= 8.0 * heads && bars_w >= 100.0) {
        break;
      }
    }
  }
  const double grid_w = layout == Panels::Three ? 0.5 * width
                        : layout == Panels::Two ? 0.6 * width
                                                : width;
  grid.right = static_cast<float>(grid_w / width);
  // The panel title and the axis titles, shorter (or none) when the map would be small.
  std::string gx = "key position j", gy = "query position i";
  grid.title = bias_title;
  const auto grid_side = [&] {
    return heatmap_side(grid_w, body_h, title_lines(grid.title, grid_w), gx, gy, ytick_w);
  };
  if (grid_side() < 200.0) {
    gx = "key j";
    gy = "query i";
  }
  if (grid_side() < 130.0) grid.title = fmt("Bias of head %d", head);
  if (grid_side() < 110.0) grid.title.clear();
  grid.x.label = gx;
  grid.y.label = gy;
  const double map_px = grid_side();  // the heatmap's side in pixels

  // (+ 0.0 turns the diagonal's −0 into 0 for the printed cells.)
  Eigen::MatrixXd bias = alibi_bias_at(qs.values, ks.values, m, mode).array() + 0.0;
  double lowest = 0.0;
  for (Eigen::Index k = 0; k < bias.size(); ++k) {
    if (std::isfinite(bias.data()[k])) lowest = std::min(lowest, bias.data()[k]);
  }
  plot::HeatmapLayer h = heatmap_over(qs, ks, std::move(bias));
  h.colormap = ColormapId::Viridis;
  h.lo = lowest < 0.0 ? lowest : -1.0;
  h.hi = 0.0;
  h.value_label = "bias";
  h.print_values = true;
  h.decimals = m >= 0.1 ? 2 : 3;
  grid.heatmap = std::move(h);
  // The masked triangle's label, centred 70% across: it needs 30% of the map each side.
  const std::string masked = "masked: −∞";
  const bool masked_fits = 0.3 * map_px >= reflow::width(masked, reflow::kBody, true) / 2 + 6.0;
  if (causal && !printed) hatch_masked(grid, gw, first, last, stride, masked_fits ? masked : "");
  // The horizon: the diagonals at distance ln(100)/m.
  const double b0 = first - 0.5, b1 = last + 0.5;
  if (horizon < b1 - b0) {
    const plot::Color hc = plot::hex_color(0xffffff, 0.9f);
    for (const double sign : {-1.0, 1.0}) {
      if (causal && sign > 0) continue;
      const double k = sign * horizon;  // the line key - query = k
      const double y0 = std::max(b0, b0 - k), y1 = std::min(b1, b1 - k);
      grid.shapes.push_back(
          {plot::Shape::Kind::Segment, y0 + k, y0, y1 + k, y1, hc, 2.0f, false, {}});
    }
    // Its label, left of the line (farther keys, darker cells), low in the window, when it
    // fits between the map's left edge and the line.
    const double ty = gw.y_lo + 0.88 * (gw.y_hi - gw.y_lo), tx = ty - horizon;
    const std::string label = fmt("horizon %.3g", horizon);
    const double right_px =
        (tx - 0.02 * (gw.x_hi - gw.x_lo) - gw.x_lo) / (gw.x_hi - gw.x_lo) * map_px;
    if (tx - gw.x_lo > 0.3 * (gw.x_hi - gw.x_lo) && ty < b1 && !printed &&
        right_px >= reflow::width(label, reflow::kBody * 0.9, true) + 4.0) {
      grid.texts.push_back({tx - 0.02 * (gw.x_hi - gw.x_lo), ty, label, plot::hex_color(0xffffff),
                            0.9f, true, 1.0f, 0.5f});
    }
  }
  grid.readout = [m, mode, first, last, head](double x, double y) -> std::vector<std::string> {
    const long i = std::lround(y), j = std::lround(x);
    if (i < first || i > last || j < first || j > last) return {};
    Eigen::VectorXd q(1), k(1);
    q << static_cast<double>(i);
    k << static_cast<double>(j);
    const double b = alibi_bias_at(q, k, m, mode)(0, 0);
    std::vector<std::string> out = {fmt("query i = %ld, key j = %ld (i − j = %ld)", i, j, i - j)};
    if (std::isinf(b)) {
      out.push_back(fmt("masked (−∞): key %ld comes after query %ld", j, i));
    } else {
      out.push_back(fmt("head %d bias = −%.6g × %ld = %.6g", head, m, std::labs(i - j), b));
    }
    return out;
  };
  f.panels.push_back(std::move(grid));
  if (layout == Panels::One) return f;

  // The bar charts' column.
  const float column = layout == Panels::Three ? 0.56f : 0.64f;
  const double column_w = (1.0 - column) * width;
  const double slopes_h = layout == Panels::Three ? 0.44 * body_h : body_h;
  const std::string slopes_title = reflow::first_fitting(
      (heads & (heads - 1)) == 0 ? std::vector<std::string>{"Slope m per head", "Slopes"}
                                 : std::vector<std::string>{"Slope m per head (official order)",
                                                            "Slopes (official order)", "Slopes"},
      reflow::kPanelTitle, true, column_w, 2);
  const reflow::Room slopes_room =
      reflow::plot_room(column_w, slopes_h, title_lines(slopes_title, column_w),
                        reflow::width("2^-8", reflow::kSmall), false, true);

  // Slopes per head.
  // Labels above the bars when they fit: "2^-0.5" at 0.75 of the body font, else the power
  // alone ("-0.5"), else none (hover).
  const double label_px = reflow::kBody * 0.75;
  const double bar_px = slopes_room.w / std::max(1, heads);
  double longest = 0.0, shortest = 0.0;
  for (int k = 0; k < heads; ++k) {
    longest = std::max(longest, reflow::width(power_label(exponents[k]), label_px));
    shortest = std::max(shortest, reflow::width(fmt("-%g", exponents[k]), label_px));
  }
  // One unit of the slope axis (a power of two) must hold a label above the highest bar.
  const double unit_px = slopes_room.h / (8.6 - (exponents.minCoeff() - 1.0));
  const int label_chars = unit_px < label_px * 1.3   ? 0
                          : bar_px >= longest + 4.0  ? 7
                          : bar_px >= shortest + 4.0 ? 4
                                                     : 0;
  const bool labels = label_chars > 0;
  f.note = note_for(true, labels);
  plot::Axis head_axis;
  head_axis.label = "head";
  head_axis.lo = -0.6;
  head_axis.hi = heads - 0.4;
  head_axis.integer = true;

  // The slope axis is the power of two, inverted (2^0 at the top): the geometric sequence
  // becomes equal steps and every tick reads 2^-k.
  plot::Panel sl;
  sl.id = "slopes";
  sl.left = column;
  sl.bottom = layout == Panels::Three ? 0.44f : 1.0f;
  sl.title = slopes_title;
  sl.x = head_axis;
  sl.x_link = "heads";
  // No axis title: the ticks say 2^-k and the panel title says slope.
  sl.y.inverted = true;
  sl.y.integer = true;
  sl.y.lo = labels ? exponents.minCoeff() - 1.0 : -0.3;
  sl.y.hi = 8.6;
  for (int k = 0; k <= 8; ++k) sl.y.categories.push_back(k == 0 ? "1" : fmt("2^-%d", k));
  sl.legend = plot::Corner::None;
  plot::Bars others, chosen;
  others.color = style.series(0);
  chosen.color = style.series(1);
  others.base = chosen.base = sl.y.hi;
  std::vector<double> stops(heads), xs(heads), hz(heads);
  std::vector<std::string> slabels(heads), hlabels(heads);
  for (int k = 0; k < heads; ++k) {
    plot::Bars& b = k == head ? chosen : others;
    b.x.push_back(k);
    b.height.push_back(exponents[k]);
    stops[k] = slopes[k];
    xs[k] = exponents[k];
    hz[k] = alibi_horizon(slopes[k]);
    slabels[k] = label_chars == 7 ? power_label(exponents[k]) : fmt("-%g", exponents[k]);
    hlabels[k] = hz[k] >= 100.0 ? fmt("%.0f", hz[k]) : fmt("%.3g", hz[k]);
  }
  sl.bars.push_back(std::move(others));
  sl.bars.push_back(std::move(chosen));
  if (labels) label_bars(sl, xs, slabels, -0.12, head, style);
  const std::vector<double> ex(exponents.data(), exponents.data() + heads);
  const auto head_readout = [stops, ex, hz, heads](double x, double) -> std::vector<std::string> {
    const long k = std::lround(x);
    if (k < 0 || k >= heads) return {};
    return {fmt("head %ld: slope m = 2^-%g = %.6g", k, ex[k], stops[k]),
            fmt("horizon ln(100)/m = %.6g tokens", hz[k])};
  };
  sl.readout = head_readout;
  f.panels.push_back(std::move(sl));
  if (layout == Panels::Two) return f;

  // Horizon per head.
  plot::Panel hp;
  hp.id = "horizon";
  hp.left = column;
  hp.top = 0.54f;
  hp.title = reflow::first_fitting({"Horizon: where weights fall 100×", "Horizon per head"},
                                   reflow::kPanelTitle, true, column_w, 2);
  hp.x = head_axis;
  // The axis title is centred under the plot: it must fit the panel's width.
  hp.x.label = reflow::first_fitting({fmt("head (shaded: beyond the %d positions)", s.positions),
                                      fmt("head (shaded: beyond %d)", s.positions), "head"},
                                     reflow::kBody, false, column_w - 60.0);
  hp.x_link = "heads";
  hp.y.label = "distance (tokens, log)";
  hp.y.log = true;
  const double hmin = *std::min_element(hz.begin(), hz.end()),
               hmax = *std::max_element(hz.begin(), hz.end());
  const double context = static_cast<double>(s.positions);
  hp.y.lo = std::min(hmin, context) / 1.6;
  hp.y.hi = std::max(hmax, context) * (labels ? 3.0 : 1.6);
  hp.legend = plot::Corner::None;
  plot::Bars hothers, hchosen;
  hothers.color = style.series(0);
  hchosen.color = style.series(1);
  hothers.base = hchosen.base = hp.y.lo;
  for (int k = 0; k < heads; ++k) {
    plot::Bars& b = k == head ? hchosen : hothers;
    b.x.push_back(k);
    b.height.push_back(hz[k]);
  }
  hp.bars.push_back(std::move(hothers));
  hp.bars.push_back(std::move(hchosen));
  if (labels) label_bars(hp, hz, hlabels, 1.12, head, style);
  // Heads whose horizon lies beyond the context see it all (barely discounted).
  hp.bands.push_back({false, context, hp.y.hi, plot::ink(plot::Ink::Muted, 0.18f), ""});
  hp.refs.push_back(
      {false, context, plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed, 1.5f, ""});
  hp.readout = head_readout;
  f.panels.push_back(std::move(hp));
  return f;
}

void alibi_table(const SharedParams& s, plot::TableSink& table) {
  const Eigen::VectorXd slopes = alibi_slopes(s.heads);
  table.header({"head", "slope"});
  for (Eigen::Index h = 0; h < slopes.size(); ++h) {
    table.cell(static_cast<long>(h)).cell(slopes[h]);
    table.end_row();
  }
}

plot::TableWriter AlibiView::table(const SharedParams& shared) const {
  return [shared](plot::TableSink& t) { alibi_table(shared, t); };
}

TableColumns AlibiView::table_columns() const {
  return {"head,slope", "the ALiBi slope of each of --heads heads, in the official order"};
}

FigureBuilder AlibiView::builder(const SharedParams& shared,
                                 const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return alibi_figure(shared, params, request);
  };
}

}  // namespace peviz
