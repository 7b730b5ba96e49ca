#include "model_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numbers>

#include "app/plot/style.hpp"
#include "core/validate.hpp"
#include "encoding_view.hpp"  // fit::
#include "view_util.hpp"

namespace peviz {
namespace {

// What the scaling is, in a few words ("llama3, s = 8", "LongRoPE, long factors").
std::string scaling_words(const SharedParams& s) {
  switch (s.scaling) {
    case Scaling::None:
      return "no scaling";
    case Scaling::LongRope:
      return fmt("LongRoPE, %s factors",
                 s.current_context() > s.original_context ? "long" : "short");
    default:
      return fmt("%s, s = %s", scaling_name(s.scaling), num(s.factor).c_str());
  }
}

std::string pairing_words(const ModelPositions& m) {
  return m.pairing == RopePairing::HalfSplit ? fmt("half-split: i with i+%d", m.rotary_dim / 2)
                                             : std::string("interleaved: 2i with 2i+1");
}

// A horizontal line across the pairs, as a legend entry (a context, a reference factor).
plot::LineSeries level(double y, long pairs, const std::string& label, plot::Color color,
                       plot::Stroke stroke) {
  plot::LineSeries l;
  l.label = label;
  l.x = {-0.5, static_cast<double>(pairs) - 0.5};
  l.y = {y, y};
  l.color = color;
  l.stroke = stroke;
  l.width = 1.5f;
  return l;
}

plot::LineSeries per_pair(const Eigen::VectorXd& y, const std::string& label, plot::Color color,
                          bool markers) {
  plot::LineSeries l;
  l.label = label;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    l.x.push_back(static_cast<double>(i));
    l.y.push_back(y[i]);
  }
  l.color = color;
  l.width = 2.5f;
  if (markers) l.marker = plot::Marker::Circle;
  return l;
}

// Where the scaling changes the pairs most visibly: YaRN's ramp, Llama 3.1's blend.
std::optional<plot::Band> scaling_band(const SharedParams& s, const ModelPositions& m) {
  plot::Band b;
  b.color = plot::ink(plot::Ink::Text, 0.07f);
  const long pairs = m.scaled.inv_freq.size();
  if (s.scaling == Scaling::Yarn) {
    b.from = std::clamp(m.scaled.yarn_low, 0.0, static_cast<double>(pairs - 1));
    b.to = std::clamp(m.scaled.yarn_high, 0.0, static_cast<double>(pairs - 1));
    b.label = "YaRN ramp";
  } else if (s.scaling == Scaling::Llama3) {
    // The pairs whose unscaled wavelength lies between L0/high and L0/low are blended.
    const Eigen::VectorXd plain = wavelengths_of(m.plain);
    const double L0 = static_cast<double>(s.original_context);
    long first = pairs, last = -1;
    for (long i = 0; i < pairs; ++i) {
      if (plain[i] >= L0 / s.high_freq_factor && plain[i] <= L0 / s.low_freq_factor) {
        first = std::min(first, i);
        last = std::max(last, i);
      }
    }
    if (last < 0) return std::nullopt;
    b.from = static_cast<double>(first) - 0.5;
    b.to = static_cast<double>(last) + 0.5;
    b.label = "Llama 3.1 blend";
  } else {
    return std::nullopt;
  }
  if (b.to <= b.from) return std::nullopt;
  return b;
}

}  // namespace

ModelPositions model_positions_of(const SharedParams& s) {
  // The trained context: the scaling's L0; without a scaling the model's own context.
  return model_positions(s.d, s.partial_rotary, s.pairing, s.base, s.scaling_params(),
                         s.original_context, s.current_context());
}

std::vector<std::string> ModelView::shared_fields(const SharedParams& s) const {
  std::vector<std::string> out{"d",       "base",   "partial-rotary",   "pairing",
                               "scaling", "factor", "original-context", "context"};
  switch (s.scaling) {
    case Scaling::Yarn:
      out.insert(out.end(), {"beta-fast", "beta-slow", "mscale", "mscale-all-dim",
                             "attention-factor", "truncate"});
      break;
    case Scaling::Llama3:
      out.insert(out.end(), {"low-freq-factor", "high-freq-factor"});
      break;
    case Scaling::LongRope:
      out.push_back("attention-factor");
      break;
    case Scaling::None:
    case Scaling::Linear:
    case Scaling::Ntk:
    case Scaling::DynamicNtk:
      break;
  }
  return out;
}

std::string ModelView::explanation(const SharedParams& s) const {
  return std::string(
             "A model's positions as its config sets them. The strip shows the channels of "
             "one attention head: coloured channels rotate (the colour is their pair), grey "
             "ones pass through unchanged (partial rotary). The middle chart gives each pair's "
             "wavelength against the context the model was trained on and the one it is used "
             "at; pairs in the shaded band never complete a turn in training. The lower chart "
             "is the factor the scaling gave each pair's frequency: 1 kept, 1/s divided by s. "
             "The note gives the factor on cos and sin (YaRN, LongRoPE) and the one on the "
             "softmax scale (DeepSeek).") +
         (s.versus_params ? " The last chart divides each pair's wavelength by the other "
                            "model's."
                          : " Open a preset with --preset or the sidebar; --versus NAME (or "
                            "compare mode) adds a per-pair comparison.");
}

plot::Figure model_figure(const SharedParams& s, const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  const double W = std::max(1, request.width), H = std::max(1, request.height);
  plot::Figure f;
  ModelPositions m;
  try {
    m = model_positions_of(s);
  } catch (const InvalidArgument& e) {
    f.title = "Model positions";
    f.message = e.what();
    return f;
  }
  // The other model: its ratio chart, or why there is none (the note says it).
  Eigen::VectorXd ratio;
  std::string versus_problem;
  if (s.versus_params) {
    try {
      ratio = wavelength_ratio(model_positions_of(*s.versus_params), m);
    } catch (const InvalidArgument& e) {
      versus_problem = e.what();
    }
  }
  const bool versus = ratio.size() > 0;
  const std::string model = s.model.empty() ? "RoPE" : s.model;
  f.title = fit::first_fitting({model + ": positions, pair by pair", model + ": positions", model},
                               W, fit::kTitle, true);
  f.warnings = m.scaled.warnings;
  const long pairs = m.scaled.inv_freq.size();
  const std::string rotate = m.rotary_dim == m.head_dim
                                 ? fmt("all %d channels rotate", m.head_dim)
                                 : fmt("%d of %d channels rotate", m.rotary_dim, m.head_dim);
  const std::string sub_full = fmt("%s (%s) · base %s · %s · trained %ld, used at %ld",
                                   rotate.c_str(), pairing_words(m).c_str(), num(s.base).c_str(),
                                   scaling_words(s).c_str(), m.trained, m.target);
  const std::string sub_brief =
      fmt("%d/%d rotate · base %s · %s · %ld → %ld", m.rotary_dim, m.head_dim, num(s.base).c_str(),
          scaling_words(s).c_str(), m.trained, m.target);
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_brief}, W, fit::kBody, false, 2);
  const std::string softmax = m.scaled.softmax_scale_factor == 1.0
                                  ? "softmax scale unchanged"
                                  : fmt("softmax scale × %.6g", m.scaled.softmax_scale_factor);
  const std::string note_full =
      fmt("cos, sin × %.6g · %s · %ld of %ld pairs never turn in %ld positions, %ld in %ld",
          m.scaled.attention_factor, softmax.c_str(), m.no_turn_trained, pairs, m.trained,
          m.no_turn_target, m.target);
  const std::string note_brief =
      fmt("cos, sin × %.4g · %s · no turn: %ld of %ld", m.scaled.attention_factor, softmax.c_str(),
          m.no_turn_trained, pairs);
  f.note = fit::first_fitting({note_full, note_brief}, W, fit::kTick, false, 2);
  f.values = {{"head_dim", static_cast<double>(m.head_dim)},
              {"rotary_dim", static_cast<double>(m.rotary_dim)},
              {"attention_factor", m.scaled.attention_factor},
              {"softmax_scale_factor", m.scaled.softmax_scale_factor},
              {"pairs_without_turn_trained", static_cast<double>(m.no_turn_trained)},
              {"pairs_without_turn_target", static_cast<double>(m.no_turn_target)}};

  // --- The channels of one head.
  plot::Panel strip;
  strip.id = "channels";
  strip.title = fit::first_fitting({"Channels of a head: colour = pair, grey = not rotated",
                                    "Channels: colour = pair", "Channels"},
                                   W - 40.0, fit::kPanelTitle, true);
  strip.x.label = "channel";
  strip.x.lo = -0.5;
  strip.x.hi = m.head_dim - 0.5;
  strip.x.integer = true;
  strip.y.lo = 0.0;
  strip.y.hi = 1.0;
  strip.y.categories = {""};
  strip.grid = false;
  strip.legend = plot::Corner::None;
  {
    auto values = std::make_shared<Eigen::MatrixXd>(1, m.head_dim);
    for (int c = 0; c < m.head_dim; ++c) {
      (*values)(0, c) = m.channel_pair[c] < 0 ? std::numeric_limits<double>::quiet_NaN()
                                              : static_cast<double>(m.channel_pair[c]);
    }
    plot::HeatmapLayer h;
    h.values = values;
    h.x_lo = -0.5;
    h.x_hi = m.head_dim - 0.5;
    h.y_lo = 0.0;
    h.y_hi = 1.0;
    h.colormap = ColormapId::Viridis;
    h.lo = 0.0;
    h.hi = std::max<double>(1.0, static_cast<double>(pairs - 1));
    h.value_label = "pair";
    h.colorbar = false;  // the pairs' colours speak through the readout and the subtitle
    h.masked = m.rotary_dim < m.head_dim;
    strip.heatmap = h;
  }
  const ModelPositions copy = m;
  strip.readout = [copy](double x, double) -> std::vector<std::string> {
    const long c = std::lround(x);
    if (c < 0 || c >= copy.head_dim) return {};
    if (copy.channel_pair[c] < 0)
      return {fmt("channel %ld", c), "passes through: not rotated (partial rotary)"};
    return {fmt("channel %ld", c),
            fmt("pair %d, with channel %d", copy.channel_pair[c], copy.partner[c]),
            fmt("wavelength %.6g positions", copy.wavelength[copy.channel_pair[c]])};
  };

  // --- Wavelengths against the two contexts.
  plot::Axis pair_axis;
  pair_axis.label = "pair i";
  pair_axis.lo = -0.5;
  pair_axis.hi = pairs - 0.5;
  pair_axis.integer = true;
  const bool scaled = (m.factor.array() != 1.0).any();
  plot::Panel wl;
  wl.id = "wavelength";
  wl.title = fit::first_fitting({"Wavelength of every pair, and the contexts", "Wavelengths"},
                                W - 40.0, fit::kPanelTitle, true);
  wl.x = pair_axis;
  wl.x.label = "";
  wl.x_link = "pairs";
  wl.y.label = "positions per turn";
  wl.y.log = true;
  const double hi = std::max(
      {m.wavelength.maxCoeff(), wavelengths_of(m.plain).maxCoeff(), static_cast<double>(m.target)});
  wl.y.lo = m.wavelength.minCoeff() * 0.6;
  wl.y.hi = hi * 2.5;
  wl.legend = plot::Corner::Outside;  // five entries: beside the chart, not over it
  const bool markers = pairs <= 64;
  if (m.no_turn_trained > 0) {
    plot::Band slow;
    slow.from = static_cast<double>(pairs - m.no_turn_trained) - 0.5;
    slow.to = static_cast<double>(pairs) - 0.5;
    slow.color = plot::series_ink(1, 0.10f);
    slow.label = fmt("no full turn in %ld", m.trained);
    wl.bands.push_back(slow);
  }
  if (scaled) {
    wl.lines.push_back(
        per_pair(wavelengths_of(m.plain), "unscaled", plot::ink(plot::Ink::Muted), false));
    wl.lines.back().stroke = plot::Stroke::Dashed;
    wl.lines.back().width = 2.0f;
  }
  wl.lines.push_back(
      per_pair(m.wavelength, scaled ? "scaled" : "wavelength", style.series(0), markers));
  wl.lines.push_back(level(static_cast<double>(m.trained), pairs, fmt("trained %ld", m.trained),
                           plot::ink(plot::Ink::Text, 0.8f), plot::Stroke::Dashed));
  if (m.target != m.trained) {
    wl.lines.push_back(level(static_cast<double>(m.target), pairs, fmt("used at %ld", m.target),
                             style.series(3), plot::Stroke::Dotted));
  }

  // --- The factor each pair's frequency got.
  plot::Panel factor;
  factor.id = "factor";
  factor.title = fit::first_fitting({"Frequency factor per pair: 1 kept, 1/s interpolated",
                                     "Frequency factor per pair", "Factor"},
                                    W - 40.0, fit::kPanelTitle, true);
  factor.x = pair_axis;
  factor.x_link = "pairs";
  factor.y.label = "scaled / unscaled";
  factor.y.lo = 0.0;
  factor.y.hi = std::max(1.08, m.factor.maxCoeff() * 1.08);
  factor.legend = plot::Corner::BottomLeft;
  if (const auto band = scaling_band(s, m)) factor.bands.push_back(*band);
  factor.lines.push_back(per_pair(m.factor, "", style.series(2), markers));

  plot::Panel ratio_panel;
  if (versus) {
    const std::string other_name =
        s.versus_params->model.empty() ? "the other" : s.versus_params->model;
    ratio_panel.id = "ratio";
    ratio_panel.title = fit::first_fitting(
        {fmt("Wavelength over %s's, pair by pair", other_name.c_str()), "Wavelength ratio"},
        W - 40.0, fit::kPanelTitle, true);
    ratio_panel.x = pair_axis;
    ratio_panel.x_link = "pairs";
    ratio_panel.y.label = "ratio";
    ratio_panel.y.log = true;
    ratio_panel.y.lo = std::min(0.8, ratio.minCoeff() * 0.8);
    ratio_panel.y.hi = std::max(1.25, ratio.maxCoeff() * 1.25);
    ratio_panel.legend = plot::Corner::None;
    ratio_panel.lines.push_back(per_pair(ratio, "", style.series(4), markers));
    ratio_panel.lines.push_back(
        level(1.0, pairs, "", plot::ink(plot::Ink::Muted, 0.8f), plot::Stroke::Dashed));
    // Pairs whose wavelength moved by more than rounding.
    const long changed = ((ratio.array() - 1.0).abs() > 1e-12).count();
    f.values.push_back({"pairs_changed", static_cast<double>(changed)});
    f.note += fmt(" · %ld of %ld pairs differ from %s", changed, pairs, other_name.c_str());
    f.note = fit::first_fitting({f.note, note_brief + fmt(" · %ld differ", changed)}, W, fit::kTick,
                                false, 2);
  }
  if (!versus_problem.empty()) {
    f.note = fit::first_fitting({f.note + " · no comparison: " + versus_problem, f.note}, W,
                                fit::kTick, false, 2);
  }
  // The panels share the body: the strip, then the charts.
  strip.bottom = 0.14f;
  wl.top = 0.19f;
  if (versus) {
    // The two per-pair charts side by side under the wavelengths, each tall enough to read.
    wl.bottom = 0.56f;
    factor.top = ratio_panel.top = 0.63f;
    factor.right = 0.48f;
    ratio_panel.left = 0.52f;
    factor.x_link.clear();  // side by side, their edges cannot line up with the chart above
    ratio_panel.x_link.clear();
    factor.title = fit::first_fitting(
        {"Frequency factor: 1 kept, 1/s interpolated", "Frequency factor", "Factor"},
        W * 0.48 - 40.0, fit::kPanelTitle, true);
    ratio_panel.title = fit::first_fitting({ratio_panel.title, "Wavelength ratio", "Ratio"},
                                           W * 0.48 - 40.0, fit::kPanelTitle, true);
  } else {
    wl.bottom = 0.60f;
    factor.top = 0.66f;
  }
  const auto readout = [copy](double x, double) -> std::vector<std::string> {
    const long i = std::lround(x);
    if (i < 0 || i >= copy.scaled.inv_freq.size()) return {};
    const auto [a, b] = rope_pair(static_cast<int>(i), copy.rotary_dim, copy.pairing);
    return {fmt("pair %ld: channels %d and %d", i, a, b),
            fmt("θ = %.6g rad/position (× %.6g)", copy.scaled.inv_freq[i], copy.factor[i]),
            fmt("wavelength %.6g positions", copy.wavelength[i]),
            fmt("%.4g turns in %ld, %.4g in %ld", copy.turns_trained[i], copy.trained,
                copy.turns_target[i], copy.target)};
  };
  wl.readout = readout;
  factor.readout = readout;
  ratio_panel.readout = readout;
  f.panels.push_back(std::move(strip));
  f.panels.push_back(std::move(wl));
  f.panels.push_back(std::move(factor));
  if (versus) f.panels.push_back(std::move(ratio_panel));
  (void)H;
  return f;
}

void model_table(const SharedParams& s, plot::TableSink& table) {
  const ModelPositions m = model_positions_of(s);
  std::vector<std::string> header{"pair",       "channel_a",          "channel_b",
                                  "frequency",  "unscaled_frequency", "factor",
                                  "wavelength", "turns_trained",      "turns_target"};
  ModelPositions other;
  Eigen::VectorXd ratio;
  if (s.versus_params) {
    other = model_positions_of(*s.versus_params);
    ratio = wavelength_ratio(other, m);
    header.insert(header.end(), {"versus_wavelength", "wavelength_ratio"});
  }
  table.header(header);
  for (Eigen::Index i = 0; i < m.scaled.inv_freq.size(); ++i) {
    const auto [a, b] = rope_pair(static_cast<int>(i), m.rotary_dim, m.pairing);
    table.cell(static_cast<long>(i)).cell(a).cell(b);
    table.cell(m.scaled.inv_freq[i]).cell(m.plain[i]).cell(m.factor[i]).cell(m.wavelength[i]);
    table.cell(m.turns_trained[i]).cell(m.turns_target[i]);
    if (s.versus_params) table.cell(other.wavelength[i]).cell(ratio[i]);
    table.end_row();
  }
}

plot::TableWriter ModelView::table(const SharedParams& shared) const {
  return [shared](plot::TableSink& t) { model_table(shared, t); };
}

TableColumns ModelView::table_columns() const {
  return {
      "pair,channel_a,channel_b,frequency,unscaled_frequency,factor,wavelength,turns_trained,"
      "turns_target[,versus_wavelength,wavelength_ratio]",
      "per rotated pair: its channels, frequency before and after scaling, wavelength, "
      "turns over the trained and target contexts; with --versus, the other model's "
      "wavelength and the ratio"};
}

FigureBuilder ModelView::builder(const SharedParams& shared,
                                 const plot::FigureRequest& request) const {
  return [shared, request](const ProgressFn&) { return model_figure(shared, request); };
}

}  // namespace peviz
