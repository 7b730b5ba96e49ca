#include "wavelengths_view.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "app/plot/style.hpp"
#include "core/rope.hpp"
#include "core/rope_scaling.hpp"
#include "core/sinusoidal.hpp"
#include "view_util.hpp"

namespace peviz {

void WavelengthsParams::visit(ParamVisitor& v) {
  v.visit({"log", "log scale", "logarithmic wavelength and cycle axes"}, log);
}

std::vector<std::string> WavelengthsView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions"};
}

std::string WavelengthsView::explanation(const SharedParams& s) const {
  return fmt("Pair i repeats every λᵢ = 2π·base^(2i/d) positions: a geometric progression from 2π "
             "to 2π·%s^((d−2)/d), just under 2π·base. On a log scale it is a straight line. The lower "
             "chart counts the full turns each pair makes inside the %d positions: pairs below 1 "
             "(shaded) never complete a turn, so their angle alone tells positions apart.",
             num(s.base).c_str(), s.positions);
}

plot::Figure wavelengths_figure(const SharedParams& s, const WavelengthsParams& params, const plot::FigureRequest&) {
  const plot::Style style = plot::ink_style();
  const Eigen::VectorXd w = sinusoidal_frequencies(s.d, s.base);
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
  pair_axis.label = "pair i (dimensions 2i, 2i+1)";
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
  top.refs.push_back({false, 2 * std::numbers::pi, plot::ink(plot::Ink::Muted, 0.8f), plot::Stroke::Dotted, 1.2f,
                      "2\xCF\x80 (the fastest possible)"});
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
  bottom.refs.push_back({false, 1.0, plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed, 1.5f, "one full turn"});
  bottom.lines.push_back(cycles);

  const SharedParams copy = s;
  const auto readout = [copy](double x, double) -> std::vector<std::string> {
    const long i = std::lround(x);
    const Eigen::VectorXd freq = sinusoidal_frequencies(copy.d, copy.base);
    if (i < 0 || i >= freq.size()) return {};
    const double lam = wavelengths_of(freq)[i];
    const double turns = angle_ranges(freq, copy.positions)[i] / (2 * std::numbers::pi);
    return {fmt("pair %ld: dimensions %ld and %ld", i, 2 * i, 2 * i + 1),
            fmt("\xCF\x89 = %s^(\xE2\x88\x92%ld/%d) = %.6g rad/position", num(copy.base).c_str(), 2 * i, copy.d, freq[i]),
            fmt("wavelength = %.6g positions", lam),
            fmt("%.4g full turns in %d positions", turns, copy.positions)};
  };
  top.readout = readout;
  bottom.readout = readout;

  plot::Figure f;
  f.title = s.scheme == Scheme::Rope ? "RoPE wavelengths per dimension pair" : "Wavelengths per dimension pair";
  f.subtitle = fmt("d_model = %d \xC2\xB7 base = %s \xC2\xB7 context = %d positions \xC2\xB7 longest wavelength %.6g",
                   s.d, num(s.base).c_str(), s.positions, lambda[pairs - 1]);
  f.panels.push_back(std::move(top));
  f.panels.push_back(std::move(bottom));
  return f;
}

FigureBuilder WavelengthsView::builder(const SharedParams& shared, const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) { return wavelengths_figure(shared, params, request); };
}

}  // namespace peviz
