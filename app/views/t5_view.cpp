#include "t5_view.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>

#include "app/plot/style.hpp"
#include "core/t5.hpp"
#include "core/t5_runs.hpp"
#include "rope_clocks_view.hpp"  // reflow::
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr long kFar = 1L << 40;  // t5_bucket's clamp: runs reaching it are unbounded

std::optional<T5Params> valid(T5Params p) {
  try {
    check_t5_params(p);
    return p;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The step line of a mode over [-r, r]: each run drawn across its cells.
plot::LineSeries steps(const std::vector<T5Run>& runs) {
  plot::LineSeries s;
  for (const T5Run& run : runs) {
    s.x.push_back(run.first - 0.5);
    s.y.push_back(run.bucket);
    s.x.push_back(run.last + 0.5);
    s.y.push_back(run.bucket);
  }
  return s;
}

std::string run_text(const T5Run& run) {
  const std::string a = run.first <= -kFar ? "−∞" : std::to_string(run.first);
  const std::string b = run.last >= kFar ? "∞" : std::to_string(run.last);
  if (run.first == run.last) return "only " + a;
  return a + " … " + b;
}

}  // namespace

void T5ViewParams::visit(ParamVisitor& v) {
  v.visit({.name = "max-relative",
           .label = "chart range R",
           .help = "the step chart spans relative positions -R..R (0: twice the max distance)",
           .min = 0,
           .max = 10000000},
          max_relative);
}

std::vector<std::string> T5View::shared_fields(const SharedParams&) const {
  return {"num-buckets", "max-distance", "mask", "positions", "start"};
}

std::string T5View::explanation(const SharedParams& s) const {
  const T5Params p = s.t5_params();
  return fmt(
      "T5 learns one bias per bucket of relative position r = key − query, shared by all "
      "layers. Small distances get a bucket each (|r| < %d here); farther ones share "
      "log-spaced buckets up to max_distance = %d, and everything beyond lands in the last "
      "bucket. The encoder (mask none) splits the %d buckets between keys before and after "
      "the query; the decoder (causal) uses them all for the past and puts every future key "
      "in bucket 0 (masked anyway).",
      t5_max_exact(p), s.max_distance, s.num_buckets);
}

plot::Figure t5_figure(const SharedParams& s, const T5ViewParams& params,
                       const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  const bool encoder = s.mask == Mask::None;
  const std::optional<T5Params> enc = valid({s.num_buckets, s.max_distance, true});
  const std::optional<T5Params> dec = valid({s.num_buckets, s.max_distance, false});
  const std::optional<T5Params>& active = encoder ? enc : dec;
  plot::Figure f;
  const double width = request.width;
  f.title =
      reflow::heading(encoder ? std::vector<std::string>{"T5 buckets: encoder (bidirectional)",
                                                         "T5 buckets: encoder", "T5: encoder"}
                              : std::vector<std::string>{"T5 buckets: decoder (causal)",
                                                         "T5 buckets: decoder", "T5: decoder"},
                      reflow::kTitle, true, width);
  const std::string positions = span(s.start, static_cast<long>(s.start) + s.positions - 1);
  f.subtitle = reflow::heading(
      {fmt("%d buckets · max distance %d · mask: %s · positions %s", s.num_buckets, s.max_distance,
           encoder ? "none (encoder)" : "causal (decoder)", positions.c_str()),
       fmt("%d buckets · max distance %d · %s · %s", s.num_buckets, s.max_distance,
           encoder ? "no mask" : "causal", positions.c_str()),
       fmt("%d buckets · max distance %d", s.num_buckets, s.max_distance)},
      reflow::kBody, false, width);
  if (!active) {
    try {
      check_t5_params({s.num_buckets, s.max_distance, encoder});
    } catch (const std::exception& e) {
      f.message = e.what();
    }
    return f;
  }
  const T5Params p = *active;
  const long R = params.max_relative > 0 ? params.max_relative : 2L * s.max_distance;
  const int max_exact = t5_max_exact(p);

  // Step chart.
  plot::Panel st;
  st.id = "steps";
  st.bottom = 0.47f;
  st.title = "Bucket of each relative position r = key − query";
  st.x.label = "relative position r = key − query (negative: keys before the query)";
  st.x.lo = -R - 0.5;
  st.x.hi = R + 0.5;
  st.x.integer = true;
  st.y.label = "bucket";
  st.y.lo = -0.8;
  st.y.hi = s.num_buckets + 2.5;  // room above the top step for the max_distance labels
  st.y.integer = true;
  st.legend = plot::Corner::Outside;
  const plot::DataWindow sw = window_of(st, request);
  const long lo = std::max(-R, static_cast<long>(std::floor(sw.x_lo))),
             hi = std::min(R, static_cast<long>(std::ceil(sw.x_hi)));
  // The exact region and the saturation distance of the mode shown.
  st.bands.push_back({true, -(max_exact - 0.5), encoder ? max_exact - 0.5 : 0.5,
                      plot::series_ink(2, 0.14f),
                      fmt("exact: one bucket per r (|r| < %d)", max_exact)});
  if (!encoder)
    st.bands.push_back(
        {true, 0.5, R + 0.5, plot::ink(plot::Ink::Muted, 0.16f), "future keys: bucket 0 (masked)"});
  for (const double sign : {-1.0, 1.0}) {
    if (!encoder && sign > 0) continue;
    st.refs.push_back({true, sign * s.max_distance, plot::ink(plot::Ink::Text, 0.8f),
                       plot::Stroke::Dashed, 1.5f,
                       sign < 0 ? fmt("−max_distance") : fmt("max_distance")});
  }
  const plot::Color enc_color = style.series(0), dec_color = style.series(1);
  std::vector<std::pair<bool, T5Params>> modes;
  if (encoder ? dec.has_value() : enc.has_value())
    modes.push_back({!encoder, encoder ? *dec : *enc});
  modes.push_back({encoder, p});
  for (const auto& [is_encoder, mp] : modes) {
    if (hi < lo) break;
    plot::LineSeries line = steps(t5_bucket_runs(lo, hi, mp));
    const bool shown = is_encoder == encoder;
    line.label = is_encoder ? "encoder (mask none)" : "decoder (causal)";
    line.color = is_encoder ? enc_color : dec_color;
    line.width = shown ? 3.0f : 1.6f;
    if (!shown) line.stroke = plot::Stroke::Dashed;
    st.lines.push_back(std::move(line));
  }
  const std::optional<T5Params> enc_copy = enc, dec_copy = dec;
  st.readout = [enc_copy, dec_copy, R](double x, double) -> std::vector<std::string> {
    const long r = std::lround(x);
    if (r < -R || r > R) return {};
    std::vector<std::string> out = {fmt("relative position r = key − query = %ld", r)};
    if (enc_copy) {
      const T5Run run = t5_run_of(r, *enc_copy);
      out.push_back(fmt("encoder: bucket %d (r in %s)", run.bucket, run_text(run).c_str()));
    }
    if (dec_copy) {
      const T5Run run = t5_run_of(r, *dec_copy);
      out.push_back(fmt("decoder: bucket %d (r in %s)", run.bucket, run_text(run).c_str()));
    }
    return out;
  };

  // Bucket matrix over query x key positions.
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  plot::Panel grid;
  grid.id = "matrix";
  grid.top = 0.53f;
  grid.right = 0.5f;
  grid.title = "Bucket of query i and key j";
  const long side = std::max(24, std::min(request.width / 2 - 160, request.height * 45 / 100 - 90));
  const QueryKeyGrid qk = query_key_grid(grid, first, last, request, side);
  const plot::DataWindow& gw = qk.window;
  const Samples& qs = qk.queries;
  const Samples& ks = qk.keys;
  Eigen::MatrixXd buckets(qs.values.size(), ks.values.size());
  for (Eigen::Index c = 0; c < ks.values.size(); ++c) {
    for (Eigen::Index r = 0; r < qs.values.size(); ++r) {
      buckets(r, c) = t5_bucket(std::lround(ks.values[c] - qs.values[r]), p);
    }
  }
  plot::HeatmapLayer h = heatmap_over(qs, ks, std::move(buckets));
  h.colormap = ColormapId::Viridis;
  h.lo = 0.0;
  h.hi = s.num_buckets - 1.0;
  h.value_label = "bucket";
  h.print_values = true;
  h.decimals = 0;
  grid.heatmap = std::move(h);
  const bool printed = qs.values.size() <= 32 && ks.values.size() <= 32;
  if (!encoder && !printed)
    hatch_masked(grid, gw, first, last, std::max(qs.stride, ks.stride), "future: 0");
  grid.readout = [p, first, last](double x, double y) -> std::vector<std::string> {
    const long i = std::lround(y), j = std::lround(x);
    if (i < first || i > last || j < first || j > last) return {};
    const T5Run run = t5_run_of(j - i, p);
    return {fmt("query i = %ld, key j = %ld: r = j − i = %ld", i, j, j - i),
            fmt("bucket %d (shared by r in %s)%s", run.bucket, run_text(run).c_str(),
                !p.bidirectional && j > i ? ", masked" : "")};
  };

  // How many relative positions share each bucket, within -R..R.
  plot::Panel sz;
  sz.id = "sizes";
  sz.top = 0.53f;
  sz.left = 0.56f;
  sz.title = fmt("Relative positions per bucket (|r| ≤ %ld)", R);
  sz.x.label = "bucket";
  sz.x.lo = -0.6;
  sz.x.hi = s.num_buckets - 0.4;
  sz.x.integer = true;
  sz.y.label = "how many r (log)";
  sz.y.log = true;
  sz.y.lo = 0.7;
  sz.legend = plot::Corner::None;
  const std::vector<T5Run> all = t5_bucket_runs(-R, R, p);
  std::vector<double> count(s.num_buckets, 0.0);
  for (const T5Run& run : all) count[run.bucket] += static_cast<double>(run.last - run.first + 1);
  plot::Bars exact, logb, last_bucket, future;
  future.color = plot::ink(plot::Ink::Muted, 0.5f);
  future.label = "r = 0 and every future key";
  exact.color = plot::series_ink(2);
  logb.color = style.series(0);
  last_bucket.color = plot::ink(plot::Ink::Muted, 0.8f);
  exact.label = "exact";
  logb.label = "log-spaced";
  last_bucket.label = fmt("saturated (r beyond %d too)", s.max_distance);
  double top = 1.0;
  for (int b = 0; b < s.num_buckets; ++b) {
    if (count[b] <= 0.0) continue;
    top = std::max(top, count[b]);
    const int within = p.bidirectional ? b % (s.num_buckets / 2) : b;
    const int per_side = p.bidirectional ? s.num_buckets / 2 : s.num_buckets;
    plot::Bars& bars = !p.bidirectional && b == 0 ? future
                       : within < max_exact       ? exact
                       : within == per_side - 1   ? last_bucket
                                                  : logb;
    bars.x.push_back(b);
    bars.height.push_back(count[b]);
  }
  exact.base = logb.base = last_bucket.base = future.base = sz.y.lo;
  sz.y.hi = top * 25.0;  // headroom on the log axis: the legend sits above the tallest bar
  sz.legend = plot::Corner::TopLeft;
  sz.bars.push_back(std::move(exact));
  sz.bars.push_back(std::move(logb));
  sz.bars.push_back(std::move(last_bucket));
  if (!future.x.empty()) sz.bars.push_back(std::move(future));
  sz.readout = [all](double x, double) -> std::vector<std::string> {
    const long b = std::lround(x);
    std::vector<std::string> out;
    for (const T5Run& run : all) {
      if (run.bucket == b)
        out.push_back(fmt("bucket %ld: r in %s (%ld positions)", b, run_text(run).c_str(),
                          run.last - run.first + 1));
    }
    return out;
  };

  // The three panels when they all get room, else the step chart alone (the matrix and the
  // bucket sizes follow from it, and are under the mouse in the table); text keeps its size.
  const std::string other =
      encoder
          ? (!dec ? "The other mode is not drawn: these buckets and max distance do not suit it."
                  : "")
          : (!enc ? "The other mode is not drawn: these buckets and max distance do not suit it."
                  : "");
  const std::string sampled =
      qs.stride > 1 || ks.stride > 1
          ? "Matrix: " + stride_note(qs.stride >= ks.stride ? qs : ks, "position")
          : "";
  const auto join = [](const std::string& a, const std::string& b) {
    return a.empty() ? b : b.empty() ? a : a + " " + b;
  };
  f.note = reflow::heading(
      {join(sampled.empty() ? "" : sampled + ". Zoom in (mouse wheel) for every cell.", other),
       join(sampled.empty() ? "" : sampled + ".", other), other},
      reflow::kSmall, false, width);
  double body_h =
      request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  std::vector<std::string> size_entries;
  for (const plot::Bars& b : sz.bars) size_entries.push_back(b.label);
  const reflow::Room size_room = reflow::plot_room(
      0.44 * width, 0.47 * body_h, 1, reflow::width("1000", reflow::kSmall), true, true);
  const bool three = width >= 760.0 && body_h >= 520.0 &&
                     reflow::legend_width(size_entries) + 20.0 <= size_room.w &&
                     reflow::legend_height(size_entries.size()) + 20.0 <= size_room.h;
  if (!three) {
    f.note = reflow::heading({other}, reflow::kSmall, false, width);
    body_h = request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
    st.bottom = 1.0f;
    // Briefer legend words when the legend would take the plot's width.
    std::vector<std::string> entries;
    for (const plot::LineSeries& l : st.lines) entries.push_back(l.label);
    for (const plot::Band& b : st.bands) entries.push_back(b.label);
    if (reflow::legend_width(entries) > 0.42 * width) {
      for (plot::Band& b : st.bands) {
        b.label = b.label.rfind("exact", 0) == 0 ? fmt("exact (|r| < %d)", max_exact)
                                                 : std::string("future: bucket 0");
      }
      for (plot::LineSeries& l : st.lines) l.label = l.label.substr(0, l.label.find(' '));
      entries.clear();
      for (const plot::LineSeries& l : st.lines) entries.push_back(l.label);
      for (const plot::Band& b : st.bands) entries.push_back(b.label);
    }
    const double legend_w = reflow::legend_width(entries);
    const bool right = legend_w <= 0.42 * width;
    const double below = right ? 0.0 : reflow::legend_height(entries.size()) + reflow::kSmall * 0.4;
    const double plot_w =
        width - 70.0 - reflow::kSmall - (right ? legend_w + reflow::kSmall * 0.8 : 0.0);
    st.x.label = reflow::first_fitting(
        {st.x.label, "r = key − query (negative: keys before)", "r = key − query"}, reflow::kBody,
        false, plot_w + 40.0);
    const auto plot_h = [&](bool title, bool x_label) {
      return body_h - reflow::kSmall * 0.6 -
             (title ? reflow::panel_title_height(
                          reflow::lines(st.title, reflow::kPanelTitle, true, width))
                    : 0.0) -
             reflow::kSmall * 2.1 - (x_label ? reflow::kBody * 1.5 : 0.0) - below;
    };
    if (plot_h(true, true) < 140.0) st.title = "Bucket of each r = key − query";
    if (plot_h(true, true) < 120.0) st.title.clear();
    if (plot_h(false, true) < 100.0) st.x.label.clear();
    // The max_distance labels sit right of their lines: dropped where they would leave the plot.
    for (plot::RefLine& ref : st.refs) {
      const double x_px = (ref.at - sw.x_lo) / std::max(1e-9, sw.x_hi - sw.x_lo) * plot_w;
      if (x_px + reflow::kSmall * 0.3 + reflow::width(ref.label, reflow::kSmall) > plot_w - 4.0) {
        ref.label.clear();
      }
    }
    f.panels.push_back(std::move(st));
    return f;
  }
  f.panels.push_back(std::move(st));
  f.panels.push_back(std::move(grid));
  f.panels.push_back(std::move(sz));
  return f;
}

void t5_table(const SharedParams& s, const T5ViewParams& params, plot::TableSink& table) {
  const bool encoder = s.mask == Mask::None;
  check_t5_params({s.num_buckets, s.max_distance, encoder});  // the figure's refusal
  const std::optional<T5Params> enc = valid({s.num_buckets, s.max_distance, true});
  const std::optional<T5Params> dec = valid({s.num_buckets, s.max_distance, false});
  const long r = params.max_relative > 0 ? params.max_relative : 2L * s.max_distance;
  require_table_cells(3.0 * (2.0 * static_cast<double>(r) + 1.0), "the bucket table",
                      "lower --max-relative or --max-distance");
  table.header({"relative_position", "encoder_bucket", "decoder_bucket"});
  const double none = std::numeric_limits<double>::quiet_NaN();  // an empty cell
  for (long rel = -r; rel <= r; ++rel) {
    table.cell(rel);
    for (const std::optional<T5Params>& mode : {enc, dec}) {
      if (mode) {
        table.cell(static_cast<long>(t5_bucket(rel, *mode)));
      } else {
        table.cell(none);
      }
    }
    table.end_row();
  }
}

plot::TableWriter T5View::table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) { t5_table(shared, params, t); };
}

TableColumns T5View::table_columns() const {
  return {"relative_position,encoder_bucket,decoder_bucket",
          "T5 bucket of key - query for -R..R (--max-relative R), encoder and decoder"};
}

FigureBuilder T5View::builder(const SharedParams& shared,
                              const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return t5_figure(shared, params, request);
  };
}

}  // namespace peviz
