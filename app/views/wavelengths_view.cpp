#include "wavelengths_view.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "app/plot/style.hpp"
#include "core/rope.hpp"
#include "core/rope_scaling.hpp"
#include "core/sinusoidal.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {

void WavelengthsParams::visit(ParamVisitor& v) {
  v.visit({"log", "log scale", "logarithmic wavelength and cycle axes"}, log);
}

std::vector<std::string> WavelengthsView::shared_fields(const SharedParams& s) const {
  std::vector<std::string> out{"d", "base", "positions"};
  if (s.scheme != Scheme::Rope) return out;
  out.insert(out.end(), {"partial-rotary", "scaling", "factor", "original-context"});
  switch (s.scaling) {
    case Scaling::DynamicNtk:
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
                                const plot::FigureRequest&) {
  const plot::Style style = plot::ink_style();
  const bool rope = s.scheme == Scheme::Rope;
  plot::Figure f;
  f.title = rope ? "RoPE wavelengths per dimension pair" : "Wavelengths per dimension pair";
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
  wl.label = "wavelength 2\xCF\x80/\xCF\x89\xE1\xB5\xA2";
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
  top.refs.push_back({false, context, plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed, 1.5f,
                      fmt("context = %d positions", s.positions)});
  top.refs.push_back({false, 2 * std::numbers::pi, plot::ink(plot::Ink::Muted, 0.8f),
                      plot::Stroke::Dotted, 1.2f, "2\xCF\x80 (the fastest possible)"});
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
      {false, 1.0, plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed, 1.5f, "one full turn"});
  bottom.lines.push_back(cycles);

  const SharedParams copy = s;
  const bool scaled_rope = rope && s.scaling != Scaling::None;
  const auto readout = [copy, w, lambda, angles, dims, rope, scaled_rope](
                           double x, double) -> std::vector<std::string> {
    const long i = std::lround(x);
    if (i < 0 || i >= w.size()) return {};
    const double turns = angles[i] / (2 * std::numbers::pi);
    const std::string freq =
        scaled_rope
            ? fmt("\xCE\xB8 = %.6g rad/position (%s scaling)", w[i], scaling_name(copy.scaling))
            : fmt("%s = %s^(\xE2\x88\x92%ld/%d) = %.6g rad/position",
                  rope ? "\xCE\xB8" : "\xCF\x89", num(copy.base).c_str(), 2 * i, dims, w[i]);
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
  std::string scaling_text;
  if (scaled_rope) {
    scaling_text = fmt(" \xC2\xB7 %s scaling, s = %s, trained on %d", scaling_name(s.scaling),
                       num(s.factor).c_str(), s.original_context);
  }
  f.subtitle = fmt(
      "%s \xC2\xB7 base = %s%s \xC2\xB7 context = %d positions \xC2\xB7 longest wavelength %.6g",
      dim_text.c_str(), num(s.base).c_str(), scaling_text.c_str(), s.positions, lambda[pairs - 1]);
  f.panels.push_back(std::move(top));
  f.panels.push_back(std::move(bottom));
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
