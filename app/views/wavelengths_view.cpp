#include "wavelengths_view.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "app/plot/style.hpp"
#include "core/rope.hpp"
#include "core/rope_scaling.hpp"
#include "core/sinusoidal.hpp"
#include "core/validate.hpp"
#include "encoding_view.hpp"
#include "view_util.hpp"

namespace peviz {

void WavelengthsParams::visit(ParamVisitor& v) {
  v.visit({.name = "log", .label = "log scale", .help = "logarithmic wavelength and cycle axes"},
          log);
}

std::vector<std::string> WavelengthsView::shared_fields(const SharedParams& s) const {
  std::vector<std::string> out{"d", "base", "positions"};
  if (s.scheme != Scheme::Rope) return out;
  out.insert(out.end(), {"partial-rotary", "scaling", "factor", "original-context"});
  switch (s.scaling) {
    case Scaling::DynamicNtk:
    case Scaling::LongRope:
      out.push_back("context");
      break;
    case Scaling::Yarn:
      out.insert(out.end(), {"beta-fast", "beta-slow"});
      break;
    case Scaling::Llama3:
      out.insert(out.end(), {"low-freq-factor", "high-freq-factor"});
      break;
    case Scaling::None:
    case Scaling::Linear:
    case Scaling::Ntk:
      break;
  }
  return out;
}

ScaledFrequencies wavelength_frequencies(const SharedParams& s) {
  if (s.scheme != Scheme::Rope) {
    ScaledFrequencies f;
    f.inv_freq = sinusoidal_frequencies(s.d, s.base);
    f.effective_base = s.base;
    return f;
  }
  return scale_frequencies(rotary_dim(s.d, s.partial_rotary), s.base, s.scaling_params());
}

std::string WavelengthsView::explanation(const SharedParams& s) const {
  const std::string rope =
      s.scheme != Scheme::Rope
          ? ""
          : " Under RoPE the pairs are those of the rotary dimensions only (partial rotary), "
            "and a long-context scaling lowers the frequencies it interpolates.";
  return fmt("Pair i repeats every λᵢ = 2π·base^(2i/d) positions: a geometric progression from 2π "
             "to 2π·%s^((d−2)/d), just under 2π·base. On a log scale it is a straight line. The "
             "lower "
             "chart counts the full turns each pair makes inside the %d positions: pairs below 1 "
             "(shaded) never complete a turn, so their angle alone tells positions apart.",
             num(s.base).c_str(), s.positions) +
         rope;
}

plot::Figure wavelengths_figure(const SharedParams& s, const WavelengthsParams& params,
                                const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  const bool rope = s.scheme == Scheme::Rope;
  const double W = std::max(1, request.width), H = std::max(1, request.height);
  plot::Figure f;
  f.title = rope ? fit::first_fitting({"RoPE wavelengths per dimension pair", "RoPE wavelengths"},
                                      W, fit::kTitle, true)
                 : fit::first_fitting(
                       {"Wavelengths per dimension pair", "Wavelengths per pair", "Wavelengths"}, W,
                       fit::kTitle, true);
  ScaledFrequencies scaled;
  int dims = s.d;  // the dimensions whose pairs are drawn (RoPE: the rotary ones)
  try {
    if (rope) dims = rotary_dim(s.d, s.partial_rotary);
    scaled = wavelength_frequencies(s);
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  f.warnings = scaled.warnings;
  const Eigen::VectorXd w = scaled.inv_freq;
  const Eigen::VectorXd lambda = wavelengths_of(w);
  const Eigen::VectorXd angles = angle_ranges(w, s.positions);
  const long pairs = w.size();
  const double context = s.positions;

  plot::LineSeries wl;
  wl.label = "wavelength 2π/ωᵢ";
  wl.color = style.series(0);
  wl.width = 2.5f;
  plot::LineSeries cycles;
  cycles.label = "full turns in the context";
  cycles.color = style.series(1);
  cycles.width = 2.5f;
  for (long i = 0; i < pairs; ++i) {
    wl.x.push_back(static_cast<double>(i));
    wl.y.push_back(lambda[i]);
    cycles.x.push_back(static_cast<double>(i));
    cycles.y.push_back(angles[i] / (2 * std::numbers::pi));
  }
  if (pairs <= 64) {
    wl.marker = plot::Marker::Circle;
    cycles.marker = plot::Marker::Circle;
  }
  // Pairs whose wavelength exceeds the context never complete a turn in it.
  long first_slow = pairs;
  for (long i = 0; i < pairs; ++i) {
    if (lambda[i] > context) {
      first_slow = i;
      break;
    }
  }
  plot::Band slow;
  slow.from = static_cast<double>(first_slow) - 0.5;
  slow.to = static_cast<double>(pairs) - 0.5;
  slow.color = plot::series_ink(1, 0.10f);
  slow.label = fmt("%ld pairs never complete a turn", pairs - first_slow);

  plot::Axis pair_axis;
  pair_axis.label = rope ? "pair i" : "pair i (dimensions 2i, 2i+1)";
  pair_axis.lo = -0.5;
  pair_axis.hi = pairs - 0.5;
  pair_axis.integer = true;

  plot::Panel top;
  top.id = "wavelength";
  top.bottom = 0.56f;
  top.x = pair_axis;
  top.x.label = "";
  top.x_link = "pairs";
  top.y.label = "wavelength (positions)";
  top.y.log = params.log;
  top.y.lo = params.log ? lambda[0] * 0.7 : 0.0;
  top.y.hi = std::max(lambda[pairs - 1], context) * (params.log ? 1.6 : 1.08);
  top.legend = plot::Corner::TopLeft;
  if (first_slow < pairs) top.bands.push_back(slow);
  // The lines are labelled below, where there is room.
  top.refs.push_back(
      {false, context, plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed, 1.5f, ""});
  top.refs.push_back({false, 2 * std::numbers::pi, plot::ink(plot::Ink::Muted, 0.8f),
                      plot::Stroke::Dotted, 1.2f, ""});
  top.lines.push_back(wl);

  plot::Panel bottom;
  bottom.id = "cycles";
  bottom.top = 0.60f;
  bottom.x = pair_axis;
  bottom.x_link = "pairs";
  bottom.y.label = "full turns";
  bottom.y.log = params.log;
  const double min_cycles = std::max(cycles.y.back(), 1e-12);
  bottom.y.lo = params.log ? std::min(min_cycles * 0.6, 0.5) : 0.0;
  bottom.y.hi = cycles.y.front() * (params.log ? 1.8 : 1.08);
  bottom.legend = plot::Corner::TopRight;
  if (first_slow < pairs) {
    slow.label.clear();
    bottom.bands.push_back(slow);
  }
  bottom.refs.push_back(
      {false, 1.0, plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed, 1.5f, ""});
  bottom.lines.push_back(cycles);

  const SharedParams copy = s;
  const bool scaled_rope = rope && s.scaling != Scaling::None;
  const auto readout = [copy, w, lambda, angles, dims, rope, scaled_rope](
                           double x, double) -> std::vector<std::string> {
    const long i = std::lround(x);
    if (i < 0 || i >= w.size()) return {};
    const double turns = angles[i] / (2 * std::numbers::pi);
    const std::string freq =
        scaled_rope ? fmt("θ = %.6g rad/position (%s scaling)", w[i], scaling_name(copy.scaling))
                    : fmt("%s = %s^(−%ld/%d) = %.6g rad/position", rope ? "θ" : "ω",
                          num(copy.base).c_str(), 2 * i, dims, w[i]);
    return {rope ? fmt("pair %ld of %ld", i, static_cast<long>(w.size()))
                 : fmt("pair %ld: dimensions %ld and %ld", i, 2 * i, 2 * i + 1),
            freq, fmt("wavelength = %.6g positions", lambda[i]),
            fmt("%.4g full turns in %d positions", turns, copy.positions)};
  };
  top.readout = readout;
  bottom.readout = readout;

  const std::string dim_text = !rope         ? fmt("d_model = %d", s.d)
                               : dims == s.d ? fmt("d = %d", s.d)
                                             : fmt("head dim %d, rotary %d", s.d, dims);
  const std::string dim_brief =
      !rope || dims == s.d ? fmt("d %d", s.d) : fmt("d %d, rotary %d", s.d, dims);
  std::string scaling_text, scaling_brief;
  if (scaled_rope) {
    scaling_text = fmt(" · %s scaling, s = %s, trained on %d", scaling_name(s.scaling),
                       num(s.factor).c_str(), s.original_context);
    scaling_brief = fmt(" · %s, s = %s", scaling_name(s.scaling), num(s.factor).c_str());
  }
  const std::string sub_full =
      fmt("%s · base = %s%s · context = %d positions · longest wavelength %.6g", dim_text.c_str(),
          num(s.base).c_str(), scaling_text.c_str(), s.positions, lambda[pairs - 1]);
  const std::string sub_brief =
      fmt("%s · base %s%s · context %d · longest λ %.6g", dim_brief.c_str(), num(s.base).c_str(),
          scaling_brief.c_str(), s.positions, lambda[pairs - 1]);
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_brief}, W, fit::kBody, false, 2);

  // The plots' sizes, roughly (the two share their left and right edges), for the words that
  // fit and for the lines' labels, which go where the legends and each other are not.
  const fit::Box body = fit::figure_body(f, W, H);
  const std::string x_label = fit::first_fitting({pair_axis.label, "pair i"}, W - 120.0);
  bottom.x.label = x_label;
  const double plot_w = W - 10.2 - 52.0 - 10.2 - 30.0 - 17.0;
  const auto plot_h = [&](const plot::Panel& p, bool x_label_below) {
    double h =
        (p.bottom - p.top) * body.height() - 10.2 - 10.2 - 25.5 - (x_label_below ? 30.0 : 0.0);
    if (fit::text_px(p.y.label, fit::kBody) > h - 8.5) h -= 28.0;  // the y label goes above
    return h;
  };
  // Both charts when each gets a readable plot (the lower one a little more room if need
  // be), else the wavelengths alone.
  bool both = false;
  for (float split = 0.56f; split >= 0.439f && !both; split -= 0.02f) {
    top.bottom = split;
    bottom.top = split + 0.04f;
    both = plot_h(top, false) >= 110.0 && plot_h(bottom, true) >= 90.0;
  }
  if (!both) {
    top.bottom = 1.0f;
    top.x.label = x_label;
  }
  const double top_h = plot_h(top, !both), bottom_h = plot_h(bottom, true);
  // Legend words that fit the plot's width.
  const double legend_room = plot_w - 2 * 8.5 - 17.0 * 3.3;
  if (!top.bands.empty()) {
    top.bands[0].label =
        fit::first_fitting({top.bands[0].label, fmt("%ld pairs: no full turn", pairs - first_slow),
                            fmt("%ld never turn", pairs - first_slow)},
                           legend_room, fit::kTick);
  }
  const auto legend_box = [&](const plot::Panel& p, bool right) {
    double widest = 0.0;
    int n = 0;
    for (const plot::LineSeries& l : p.lines) {
      if (l.label.empty()) continue;
      widest = std::max(widest, fit::text_px(l.label, fit::kTick));
      ++n;
    }
    for (const plot::Band& b : p.bands) {
      if (b.label.empty()) continue;
      widest = std::max(widest, fit::text_px(b.label, fit::kTick));
      ++n;
    }
    const double bw = 17.0 * 3.3 + widest, bh = 17.0 + 23.0 * n;
    return right ? fit::Box{plot_w - 8.5 - bw, 8.5, plot_w - 8.5, 8.5 + bh}
                 : fit::Box{8.5, 8.5, 8.5 + bw, 8.5 + bh};
  };
  const auto label_lines = [&](plot::Panel& p, double h, bool legend_right,
                               const std::vector<std::vector<std::string>>& words) {
    std::vector<fit::Box> taken{legend_box(p, legend_right)};
    const fit::PlotFrame frame{{p.x.lo, p.x.hi, p.y.lo, p.y.hi}, p.y.log, plot_w, h};
    for (std::size_t i = 0; i < p.refs.size() && i < words.size(); ++i) {
      for (const std::string& option : words[i]) {
        if (const auto t = fit::hline_label(p.refs[i].at, option, p.refs[i].color, frame, taken)) {
          p.texts.push_back(*t);
          break;
        }
      }
    }
  };
  label_lines(top, top_h, false,
              {{fmt("context = %d positions", s.positions), fmt("context %d", s.positions)},
               {"2π (the fastest possible)", "2π, the fastest", "2π"}});
  label_lines(bottom, bottom_h, true, {{"one full turn", "1 turn"}});

  f.panels.push_back(std::move(top));
  if (both) f.panels.push_back(std::move(bottom));
  return f;
}

void wavelengths_table(const SharedParams& s, plot::TableSink& table) {
  const Eigen::VectorXd w = wavelength_frequencies(s).inv_freq;
  const Eigen::VectorXd lambda = wavelengths_of(w);
  const Eigen::VectorXd angles = angle_ranges(w, s.positions);
  table.header({"pair", "frequency", "wavelength", "angle_range"});
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    table.cell(static_cast<long>(i)).cell(w[i]).cell(lambda[i]).cell(angles[i]);
    table.end_row();
  }
}

plot::TableWriter WavelengthsView::table(const SharedParams& shared) const {
  return [shared](plot::TableSink& t) { wavelengths_table(shared, t); };
}

TableColumns WavelengthsView::table_columns() const {
  return {"pair,frequency,wavelength,angle_range",
          "per pair: frequency, wavelength, angle over --positions (RoPE: rotary, scaled)"};
}

FigureBuilder WavelengthsView::builder(const SharedParams& shared,
                                       const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return wavelengths_figure(shared, params, request);
  };
}

}  // namespace peviz
