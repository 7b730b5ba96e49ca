#include "long_context_view.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <memory>
#include <sstream>

#include "app/plot/style.hpp"
#include "core/context_extension.hpp"
#include "core/rope.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr std::array<Scaling, 6> kOrder = {Scaling::None,       Scaling::Linear, Scaling::Ntk,
                                           Scaling::DynamicNtk, Scaling::Yarn,   Scaling::Llama3};

// How each scaling is drawn: a colour-blind-safe colour (Okabe & Ito, via the style's
// palette), a stroke and a marker, so that curves that coincide stay distinguishable.
struct Look {
  const char* name;
  std::size_t palette;
  plot::Stroke stroke;
  plot::Marker marker;
  float marker_size;  // decreasing in drawing order: coinciding markers nest
};

Look look_of(Scaling kind) {
  switch (kind) {
    case Scaling::None:
      return {"none", 6, plot::Stroke::Solid, plot::Marker::Circle, 6.5f};
    case Scaling::Linear:
      return {"linear PI", 0, plot::Stroke::Dashed, plot::Marker::Square, 5.0f};
    case Scaling::Ntk:
      return {"NTK-aware", 1, plot::Stroke::Solid, plot::Marker::Diamond, 4.5f};
    case Scaling::DynamicNtk:
      return {"dynamic NTK", 3, plot::Stroke::Dotted, plot::Marker::Circle, 4.5f};
    case Scaling::Yarn:
      return {"YaRN", 2, plot::Stroke::Solid, plot::Marker::Square, 3.5f};
    case Scaling::Llama3:
      return {"Llama 3.1", 4, plot::Stroke::Dashed, plot::Marker::Diamond, 3.0f};
  }
  return {"none", 6, plot::Stroke::Solid, plot::Marker::Circle, 6.5f};
}

const char* const kPrime = "\xE2\x80\xB2";    // ′
const char* const kDot = " \xC2\xB7 ";        // " · "
const char* const kArrow = " \xE2\x86\x92 ";  // " → "
const char* const kTimes = "\xC3\x97";        // ×
const char* const kLambda = "\xCE\xBB";       // λ
const char* const kOmega = "\xCF\x89";        // ω

// A frequency base as a plain number: 4134230 rather than 4.13423e+06.
std::string base_text(double b) {
  return b >= 1e4 && b < 1e12 ? fmt("%.0f", b) : fmt("%.6g", b);
}

// Legend entry of a curve in the wavelength chart: the number that defines it.
std::string legend_label(const ScalingCurve& c, const SharedParams& s) {
  switch (c.kind) {
    case Scaling::None:
      return "none (as trained)";
    case Scaling::Linear:
      return fmt("linear PI (positions \xC3\xB7 %s)", num(s.factor).c_str());
    case Scaling::Ntk:
      return fmt("NTK-aware (base%s = %s)", kPrime, base_text(c.scaled.effective_base).c_str());
    case Scaling::DynamicNtk:
      return fmt("dynamic NTK at %ld (base%s = %s)", s.current_context(), kPrime,
                 base_text(c.scaled.effective_base).c_str());
    case Scaling::Yarn:
      return fmt("YaRN (cos, sin %s %.4g)", kTimes, c.scaled.attention_factor);
    case Scaling::Llama3:
      return "Llama 3.1";
  }
  return look_of(c.kind).name;
}

// Legend entry of a curve in the factor chart: what it does to the fastest and slowest pair.
std::string factor_label(const ScalingCurve& c) {
  const long last = c.factor.size() - 1;
  return fmt("%s: %s%.4g%s%s%.4g", look_of(c.kind).name, kTimes, c.factor[0], kArrow, kTimes,
             c.factor[last]);
}

plot::LineSeries curve_series(const ScalingCurve& c, const Eigen::VectorXd& y,
                              const plot::Style& style, bool markers) {
  const Look look = look_of(c.kind);
  plot::LineSeries l;
  l.color = style.series(look.palette);
  l.stroke = look.stroke;
  l.width = c.kind == Scaling::None ? 3.0f : 2.5f;
  if (markers) {
    l.marker = look.marker;
    l.marker_size = look.marker_size * (y.size() > 40 ? 0.6f : 1.0f);  // 64 pairs: lighter
  }
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    l.x.push_back(static_cast<double>(i));
    l.y.push_back(y[i]);
  }
  return l;
}

// A label above a horizontal reference at the left edge of a panel.
plot::Text left_label(double x, double y, const std::string& text, plot::Color color) {
  plot::Text t;
  t.x = x;
  t.y = y;
  t.text = text;
  t.color = color;
  t.scale = 0.85f;
  t.align_x = 0.0f;
  t.align_y = 1.0f;
  return t;
}

// One row of the "where" strip: a thick bar over [from, to] (clipped to the pairs) with
// end caps, so that a short range still reads as a range; its label goes to the legend.
void strip_row(plot::Panel& strip, double row, double from, double to, double x_lo, double x_hi,
               const std::string& label, plot::Color color) {
  const double a = std::clamp(from, x_lo, x_hi), b = std::clamp(to, x_lo, x_hi);
  plot::LineSeries bar;
  bar.label = label;
  bar.x = {a, b};
  bar.y = {row, row};
  bar.color = color;
  bar.width = 9.0f;
  strip.lines.push_back(bar);
  for (double x : {a, b}) {
    plot::LineSeries cap;
    cap.x = {x, x};
    cap.y = {row - 0.32, row + 0.32};
    cap.color = color;
    cap.width = 2.5f;
    strip.lines.push_back(cap);
  }
}

}  // namespace

std::vector<Scaling> parse_scalings(const std::string& list) {
  std::vector<bool> chosen(kOrder.size(), false);
  std::string word;
  std::stringstream in(list);
  bool any = false;
  while (std::getline(in, word, ',')) {
    word.erase(std::remove_if(word.begin(), word.end(),
                              [](unsigned char c) { return std::isspace(c) != 0; }),
               word.end());
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (word.empty()) continue;
    if (word == "all") {
      std::fill(chosen.begin(), chosen.end(), true);
      any = true;
      continue;
    }
    if (word == "pi") word = "linear";
    bool found = false;
    for (std::size_t k = 0; k < kOrder.size(); ++k) {
      if (word == scaling_name(kOrder[k])) {
        chosen[k] = true;
        found = any = true;
      }
    }
    if (!found) {
      throw InvalidArgument(
          "unknown scaling '" + word +
          "' in scalings: use none, linear, ntk, dynamic-ntk, yarn, llama3 or all");
    }
  }
  if (!any)
    throw InvalidArgument(
        "scalings is empty: name at least one of none, linear, ntk, dynamic-ntk, yarn, llama3");
  std::vector<Scaling> out;
  for (std::size_t k = 0; k < kOrder.size(); ++k) {
    if (chosen[k]) out.push_back(kOrder[k]);
  }
  return out;
}

void LongContextParams::visit(ParamVisitor& v) {
  v.visit({"scalings", "scalings shown",
           "comma list of the scalings overlaid: none, linear, ntk, dynamic-ntk, yarn, llama3 (or "
           "all)"},
          scalings);
  visit_enum(
      v,
      {"lower",
       "lower chart",
       "factor: scaled / original frequency per pair (1 untouched, 1/s interpolated); turns: full "
       "turns of each pair over the target context L'",
       0,
       0,
       false,
       false,
       {"factor", "turns"}},
      lower);
}

std::vector<std::string> LongContextView::shared_fields(const SharedParams&) const {
  return {"d",
          "base",
          "original-context",
          "factor",
          "context",
          "beta-fast",
          "beta-slow",
          "low-freq-factor",
          "high-freq-factor",
          "pairing",
          "partial-rotary"};
}

std::string LongContextView::explanation(const SharedParams& s) const {
  return fmt(
      "A RoPE model trained on L = %d positions is asked to read s = %s times more. Pairs whose "
      "wavelength is longer than L (shaded) never made a full turn in training, so beyond L they "
      "would show angles the model has never seen. Linear PI divides every frequency by s, which "
      "fixes the slow pairs but blurs the fast ones; NTK raises the base, leaving the fastest pair "
      "alone and dividing the slowest by s (a straight line on the log factor chart); dynamic NTK "
      "does that for the current length; YaRN and Llama 3.1 keep the fast pairs, fully "
      "interpolate the slow ones and ramp in between (YaRN over pair indices, Llama 3.1 over "
      "wavelengths). YaRN also multiplies cos and sin by 0.1 ln s + 1.",
      s.original_context, num(s.factor).c_str());
}

plot::Figure long_context_figure(const SharedParams& s, const LongContextParams& params,
                                 const plot::FigureRequest&) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  f.title = "Long-context RoPE: every scaling, pair by pair";
  std::vector<Scaling> kinds;
  ContextExtension ext;
  int r = 0;
  try {
    kinds = parse_scalings(params.scalings);
    r = rotary_dim(s.d, s.partial_rotary);
    ext = compare_scalings(r, s.base, s.scaling_params(), kinds);
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  const long pairs = ext.inv_freq.size();
  const double L = static_cast<double>(ext.trained), Lt = static_cast<double>(ext.target);
  const bool markers = pairs <= 64;
  const bool turns_mode = params.lower == LongContextLower::Turns;
  const ScalingCurve* yarn = nullptr;
  const ScalingCurve* llama = nullptr;
  const ScalingCurve* ntk = nullptr;
  for (const ScalingCurve& c : ext.curves) {
    if (c.kind == Scaling::Yarn) yarn = &c;
    if (c.kind == Scaling::Llama3) llama = &c;
    if (c.kind == Scaling::Ntk) ntk = &c;
  }

  f.title = fmt("Long-context RoPE: L = %ld%sL%s = %ld, pair by pair", ext.trained, kArrow, kPrime,
                ext.target);
  std::string rot =
      r == s.d ? fmt("head dim d = %d", s.d) : fmt("head dim %d, rotary d = %d", s.d, r);
  f.subtitle = fmt("%s%sbase = %s%strained context L = %d%starget L%s = s\xC2\xB7L = %ld (s = %s)",
                   rot.c_str(), kDot, num(s.base).c_str(), kDot, s.original_context, kDot, kPrime,
                   ext.target, num(s.factor).c_str());
  std::string note;
  if (yarn != nullptr) {
    note += fmt("YaRN attention factor 0.1 ln s + 1 = %.5g (logits %s%.5g)",
                yarn->scaled.attention_factor, kTimes, logit_scale(yarn->scaled.attention_factor));
  }
  if (ntk != nullptr) {
    note += (note.empty() ? "" : kDot) + fmt("NTK base%s = base\xC2\xB7s^(d/(d\xE2\x88\x92"
                                             "2)) = %s",
                                             kPrime, base_text(ntk->scaled.effective_base).c_str());
  }
  if (yarn != nullptr) {
    for (const std::string& w : yarn->scaled.warnings) f.warnings.push_back(w);
  }
  f.note = note;

  plot::Axis pair_axis;
  pair_axis.label = "pair i (slow pairs to the right)";
  pair_axis.lo = -0.5;
  pair_axis.hi = static_cast<double>(pairs) - 0.5;
  pair_axis.integer = true;

  // Pairs slower than L never complete a turn in training.
  plot::Band slow;
  slow.from = static_cast<double>(ext.first_slow_pair) - 0.5;
  slow.to = pair_axis.hi;
  slow.color = plot::ink(plot::Ink::Text, 0.07f);
  const bool has_slow = ext.first_slow_pair < pairs;

  // --- Wavelengths, overlaid.
  plot::Panel top;
  top.id = "wavelength";
  top.bottom = 0.45f;
  top.x = pair_axis;
  top.x.label = "";
  top.x_link = "pairs";
  top.y.label = fmt("%s (positions)", kLambda);
  top.title = "Wavelength of every pair under each scaling";
  top.y.log = true;
  double wl_lo = ext.wavelength.minCoeff(), wl_hi = std::max(ext.wavelength.maxCoeff(), Lt);
  for (const ScalingCurve& c : ext.curves) {
    wl_lo = std::min(wl_lo, c.wavelength.minCoeff());
    wl_hi = std::max(wl_hi, c.wavelength.maxCoeff());
  }
  top.y.lo = wl_lo * 0.6;
  top.y.hi = wl_hi * 2.0;
  top.legend = plot::Corner::Outside;
  if (has_slow) {
    slow.label = fmt("%s > L: no full turn in training", kLambda);
    top.bands.push_back(slow);
    slow.label.clear();
  }
  if (llama != nullptr) {  // Llama 3.1 blends exactly the unscaled wavelengths in [L/high, L/low]
    plot::Band blend;
    blend.vertical = false;
    blend.from = L / s.high_freq_factor;
    blend.to = L / s.low_freq_factor;
    blend.color = style.series(look_of(Scaling::Llama3).palette);
    blend.color.a = 0.13f;
    blend.label = fmt("%s band Llama 3.1 blends", kLambda);
    top.bands.push_back(blend);
  }
  const plot::Color ref_color = plot::ink(plot::Ink::Text, 0.85f);
  top.refs.push_back({false, L, ref_color, plot::Stroke::Dashed, 1.5f, ""});
  top.refs.push_back({false, Lt, ref_color, plot::Stroke::Dotted, 2.0f, ""});
  top.texts.push_back(left_label(pair_axis.lo + 0.01 * pairs, L,
                                 fmt("trained context L = %ld", ext.trained), ref_color));
  top.texts.push_back(left_label(pair_axis.lo + 0.01 * pairs, Lt,
                                 fmt("target context L%s = %ld", kPrime, ext.target), ref_color));
  for (const ScalingCurve& c : ext.curves) {
    plot::LineSeries l = curve_series(c, c.wavelength, style, markers);
    l.label = legend_label(c, s);
    top.lines.push_back(std::move(l));
  }

  // --- Where YaRN ramps and Llama 3.1 blends.
  const bool has_strip = yarn != nullptr || llama != nullptr;
  plot::Panel strip;
  strip.id = "ranges";
  strip.top = 0.465f;
  strip.bottom = 0.565f;
  strip.x = pair_axis;
  strip.x_link = "pairs";
  strip.y.lo = 0.0;
  strip.y.hi = 2.0;
  strip.axes = false;
  strip.grid = false;
  strip.legend = plot::Corner::Outside;
  if (has_slow) strip.bands.push_back(slow);
  if (yarn != nullptr) {
    strip_row(strip, llama != nullptr ? 1.45 : 1.0, yarn->scaled.yarn_low, yarn->scaled.yarn_high,
              pair_axis.lo, pair_axis.hi,
              fmt("YaRN ramp: pairs %s%s%s", num(yarn->scaled.yarn_low).c_str(), kArrow,
                  num(yarn->scaled.yarn_high).c_str()),
              style.series(look_of(Scaling::Yarn).palette));
  }
  if (llama != nullptr) {
    strip_row(strip, yarn != nullptr ? 0.55 : 1.0, ext.llama_band_from, ext.llama_band_to,
              pair_axis.lo, pair_axis.hi,
              fmt("Llama 3.1 blend: %s %s%s%s", kLambda, num(L / s.high_freq_factor).c_str(),
                  kArrow, num(L / s.low_freq_factor).c_str()),
              style.series(look_of(Scaling::Llama3).palette));
  }

  // --- Interpolation factor (or turns over L') per pair.
  plot::Panel bottom;
  bottom.id = turns_mode ? "turns" : "factor";
  bottom.top = has_strip ? 0.575f : 0.49f;
  bottom.x = pair_axis;
  bottom.x_link = "pairs";
  bottom.y.log = true;
  bottom.legend = plot::Corner::Outside;
  if (has_slow) bottom.bands.push_back(slow);
  if (!turns_mode) {
    bottom.title = fmt("Interpolation factor %s%s / %s per pair", kOmega, kPrime, kOmega);
    bottom.y.label = fmt("%s%s/%s", kOmega, kPrime, kOmega);
    double lo = 1.0 / s.factor;
    for (const ScalingCurve& c : ext.curves) lo = std::min(lo, c.factor.minCoeff());
    // Room above 1 for the label of the untouched line, in proportion to the log range.
    const double decades = std::max(std::log10(1.0 / lo), 0.3);
    bottom.y.lo = lo * std::pow(10.0, -0.08 * decades);
    bottom.y.hi = std::pow(10.0, 0.3 * decades);
    bottom.refs.push_back({false, 1.0, ref_color, plot::Stroke::Dashed, 1.5f, ""});
    // Lifted clear of the markers that sit on the line.
    bottom.texts.push_back(left_label(pair_axis.lo + 0.01 * pairs, std::pow(10.0, 0.05 * decades),
                                      "1: untouched", ref_color));
    if (s.factor > 1.0) {
      bottom.refs.push_back({false, 1.0 / s.factor, ref_color, plot::Stroke::Dotted, 2.0f, ""});
      bottom.texts.push_back(left_label(pair_axis.lo + 0.01 * pairs, 1.0 / s.factor,
                                        fmt("1/s = %.4g: fully interpolated", 1.0 / s.factor),
                                        ref_color));
    }
    for (const ScalingCurve& c : ext.curves) {
      plot::LineSeries l = curve_series(c, c.factor, style, markers);
      l.label = factor_label(c);
      bottom.lines.push_back(std::move(l));
    }
  } else {
    bottom.title =
        fmt("Full turns of each pair over the target context L%s = %ld", kPrime, ext.target);
    bottom.y.label = "turns";
    plot::LineSeries trained = curve_series(ScalingCurve{}, ext.turns_trained, style, false);
    trained.color = plot::ink(plot::Ink::Text, 0.18f);
    trained.width = 9.0f;
    trained.label = fmt("as trained: none over L = %ld", ext.trained);
    bottom.lines.push_back(trained);
    double lo = ext.turns_trained.minCoeff(), hi = ext.turns_trained.maxCoeff();
    for (const ScalingCurve& c : ext.curves) {
      lo = std::min(lo, c.turns_target.minCoeff());
      hi = std::max(hi, c.turns_target.maxCoeff());
      plot::LineSeries l = curve_series(c, c.turns_target, style, markers);
      l.label = fmt("%s over L%s", look_of(c.kind).name, kPrime);
      bottom.lines.push_back(std::move(l));
    }
    bottom.y.lo = std::min(lo, 0.5) * 0.5;
    bottom.y.hi = std::max(hi, 2.0) * 2.5;
    bottom.refs.push_back({false, 1.0, ref_color, plot::Stroke::Dashed, 1.5f, ""});
    bottom.texts.push_back(
        left_label(pair_axis.lo + 0.01 * pairs, 1.0, "one full turn", ref_color));
  }

  // Hover: the exact numbers of every scaling at the pair under the cursor.
  const auto shared_ext = std::make_shared<const ContextExtension>(std::move(ext));
  const RopePairing pairing = s.pairing;
  const auto readout = [shared_ext, pairing, r](double x, double) -> std::vector<std::string> {
    const ContextExtension& e = *shared_ext;
    const long i = std::lround(x);
    if (i < 0 || i >= e.inv_freq.size()) return {};
    const auto [a, b] = rope_pair(static_cast<int>(i), r, pairing);
    std::vector<std::string> out;
    out.push_back(fmt("pair %ld: dimensions %d and %d (%s)", i, a, b, pairing_name(pairing)));
    out.push_back(fmt("unscaled: %s = %.6g rad/position, %s = %.6g, %.6g turns in L = %ld", kOmega,
                      e.inv_freq[i], kLambda, e.wavelength[i], e.turns_trained[i], e.trained));
    for (const ScalingCurve& c : e.curves) {
      out.push_back(fmt("%s: %s%s = %.6g, %s%s = %.6g, %s%.6g, %.6g turns in L%s",
                        look_of(c.kind).name, kOmega, kPrime, c.scaled.inv_freq[i], kLambda, kPrime,
                        c.wavelength[i], kTimes, c.factor[i], c.turns_target[i], kPrime));
    }
    return out;
  };
  top.readout = readout;
  strip.readout = readout;
  bottom.readout = readout;

  f.panels.push_back(std::move(top));
  if (has_strip) f.panels.push_back(std::move(strip));
  f.panels.push_back(std::move(bottom));
  return f;
}

FigureBuilder LongContextView::builder(const SharedParams& shared,
                                       const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return long_context_figure(shared, params, request);
  };
}

}  // namespace peviz
