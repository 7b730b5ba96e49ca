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
#include "rope_clocks_view.hpp"  // reflow::
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
    case Scaling::LongRope:
      return {"LongRoPE", 5, plot::Stroke::Dotted, plot::Marker::Square, 3.0f};
  }
  return {"none", 6, plot::Stroke::Solid, plot::Marker::Circle, 6.5f};
}

const char* const kPrime = "′";    // ′
const char* const kDot = " · ";    // " · "
const char* const kArrow = " → ";  // " → "
const char* const kTimes = "×";    // ×
const char* const kLambda = "λ";   // λ
const char* const kOmega = "ω";    // ω

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
      return fmt("linear PI (positions ÷ %s)", num(s.factor).c_str());
    case Scaling::Ntk:
      return fmt("NTK-aware (base%s = %s)", kPrime, base_text(c.scaled.effective_base).c_str());
    case Scaling::DynamicNtk:
      return fmt("dynamic NTK at %ld (base%s = %s)", s.current_context(), kPrime,
                 base_text(c.scaled.effective_base).c_str());
    case Scaling::Yarn:
      // DeepSeek's attention also multiplies the softmax scale (mscale_all_dim).
      if (c.scaled.softmax_scale_factor != 1.0) {
        return fmt("YaRN (cos, sin %s %.4g; softmax %s %.4g)", kTimes, c.scaled.attention_factor,
                   kTimes, c.scaled.softmax_scale_factor);
      }
      return fmt("YaRN (cos, sin %s %.4g)", kTimes, c.scaled.attention_factor);
    case Scaling::Llama3:
      return "Llama 3.1";
    case Scaling::LongRope:
      return fmt("LongRoPE (cos, sin %s %.4g)", kTimes, c.scaled.attention_factor);
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

// The words of the legends, each from the fullest (what a large window shows) to the briefest.
struct LegendWords {
  std::vector<std::string> top_curves;           // the wavelength chart's curves
  std::vector<std::string> slow, band;           // its bands: the slow pairs, Llama 3.1's
  std::vector<std::vector<std::string>> strip;   // per row of the strip
  std::vector<std::vector<std::string>> bottom;  // per level: one entry per series
};
// Reference lines to label: their value and wordings, fullest first.
using RefWords = std::vector<std::pair<double, std::vector<std::string>>>;

struct Shown {
  bool top = true, strip = true;
};

// Where an Outside legend goes (draw_figure.cpp): right of the plot, or under it when it
// is wider than 0.42 of the panel.
struct LegendFit {
  double right = 0.0, below = 0.0, height = 0.0;
  bool fits = true;
};
LegendFit legend_fit(const std::vector<std::string>& entries, double width) {
  LegendFit l;
  if (entries.empty()) return l;
  const double w = reflow::legend_width(entries);
  l.height = reflow::legend_height(entries.size());
  if (w <= 0.42 * width) {
    l.right = w + reflow::kSmall * 0.8;
  } else {
    l.below = l.height + reflow::kSmall * 0.4;
    l.fits = w <= width - 110.0;
  }
  return l;
}

// Labels of horizontal reference lines at the left of a log-y plot of plot_w x plot_h pixels
// over [lo, hi]: above or under their lines (above first; for lines too close for that, the
// lower line's label goes under it), in the fullest wording that fits the width, inside the
// plot and clear of each other. Labels that cannot be placed so are left out, the last first
// (the subtitle states their numbers).
std::vector<plot::Text> ref_labels(const RefWords& refs, double lo, double hi, double plot_w,
                                   double plot_h, double x, double gap, plot::Color color) {
  std::vector<plot::Text> out;
  if (!(plot_h > 0.0) || !(hi > lo) || !(lo > 0.0) || refs.empty()) return out;
  const double decades = std::log10(hi / lo);
  const double text_h = reflow::kBody * 0.85;
  std::size_t levels = 0;
  for (const auto& r : refs) levels = std::max(levels, r.second.size());
  for (std::size_t n = refs.size(); n >= 1; --n) {
    for (std::size_t level = 0; level < levels; ++level) {
      // Every above/under choice for the first n labels, fewer "under" first.
      std::vector<unsigned> masks;
      for (unsigned m = 0; m < (1u << n); ++m) masks.push_back(m);
      std::stable_sort(masks.begin(), masks.end(), [](unsigned a, unsigned b) {
        return __builtin_popcount(a) < __builtin_popcount(b);
      });
      for (unsigned m : masks) {
        std::vector<std::pair<double, double>> boxes;
        std::vector<plot::Text> texts;
        bool ok = true;
        for (std::size_t k = 0; k < n && ok; ++k) {
          const auto& [value, words] = refs[k];
          const std::string& w = words[std::min(level, words.size() - 1)];
          const bool above = (m & (1u << k)) == 0;
          const double y = plot_h * (1.0 - std::log10(value / lo) / decades);
          const double y0 = above ? y - gap - text_h : y + gap, y1 = y0 + text_h;
          ok = reflow::width(w, text_h) <= plot_w * 0.98 - 6.0 && y0 >= 1.0 && y1 <= plot_h - 1.0;
          for (const auto& [a, b] : boxes) ok = ok && (y1 + 2.0 <= a || y0 >= b + 2.0);
          if (!ok) break;
          boxes.push_back({y0, y1});
          plot::Text t = left_label(
              x, value * std::pow(10.0, (above ? gap : -gap) * decades / plot_h), w, color);
          t.align_y = above ? 1.0f : 0.0f;
          texts.push_back(t);
        }
        if (ok) return texts;
      }
    }
    if (n == 1) break;
  }
  return out;
}

// Lays the long-context figure out for the room there is (text keeps its size): the
// wavelengths, the strip and the factor chart with their legends right of the plots; then
// with the curves named once (in the lower legend) and briefer words; else the lower chart
// alone. Sets the panels' areas, legend words and reference labels.
Shown lay_out_long_context(plot::Figure& f, plot::Panel& top, plot::Panel& strip,
                           plot::Panel& bottom, bool has_strip, const plot::FigureRequest& request,
                           const LegendWords& words, const RefWords& top_refs,
                           const RefWords& bottom_refs, long pairs) {
  const double width = request.width;
  const double body =
      request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  const double ytick_w = reflow::width("10000", reflow::kSmall);
  const double left = reflow::kSmall * 1.2 + ytick_w + reflow::kBody * 1.5;  // y ticks and title
  const auto title_h = [&](const std::string& t) {
    return reflow::kSmall * 0.6 +
           reflow::panel_title_height(
               t.empty() ? 0 : reflow::lines(t, reflow::kPanelTitle, true, width));
  };
  // A legend right of the plot that reaches below it leaves the axis title (centred under
  // the plot) only the plot's width and the gap before the legend.
  const auto fit_x_label = [&](const LegendFit& l, double plot_w, double plot_h) {
    if (l.right > 0.0 && l.height > plot_h - 4.0 &&
        reflow::width(bottom.x.label, reflow::kBody) > plot_w + reflow::kSmall * 1.6 - 8.0) {
      bottom.x.label = "pair i";
    }
  };
  const std::string top_title = top.title, bottom_title = bottom.title;
  const std::string bottom_short = bottom.id == "turns" ? std::string("Full turns over L′")
                                                        : std::string("Factor ω′/ω per pair");
  const double label_x = top.x.lo + 0.01 * static_cast<double>(pairs);
  const plot::Color ref_color = plot::ink(plot::Ink::Text, 0.85f);
  const auto set_labels = [](plot::Panel& p, const std::vector<std::string>& labels) {
    std::size_t k = 0;
    for (plot::LineSeries& l : p.lines) {
      if (l.label.empty()) continue;
      l.label = k < labels.size() ? labels[k] : std::string();
      ++k;
    }
  };
  const auto set_strip = [&](std::size_t level) {
    std::size_t row = 0;
    for (plot::LineSeries& l : strip.lines) {
      if (l.label.empty()) continue;
      if (row < words.strip.size())
        l.label = words.strip[row][std::min(level, words.strip[row].size() - 1)];
      ++row;
    }
  };
  const auto band_word = [](const std::vector<std::string>& w, std::size_t level) {
    return w.empty() ? std::string() : w[std::min(level, w.size() - 1)];
  };

  // Three charts, at four levels of brevity.
  for (int level = 0; level < 4; ++level) {
    const std::size_t band_level = level <= 1 ? 0 : static_cast<std::size_t>(level - 1);
    std::vector<std::string> top_entries =
        level == 0 ? words.top_curves : std::vector<std::string>{};
    for (const plot::Band& b : top.bands) {
      top_entries.push_back(band_word(b.vertical ? words.slow : words.band, band_level));
    }
    std::vector<std::string> strip_entries;
    for (const auto& w : words.strip)
      strip_entries.push_back(w[std::min(band_level, w.size() - 1)]);
    const std::vector<std::string>& bottom_entries = words.bottom[level <= 2 ? 0 : 1];
    const LegendFit lt = legend_fit(top_entries, width), ls = legend_fit(strip_entries, width),
                    lb = legend_fit(bottom_entries, width);
    if (!lt.fits || !ls.fits || !lb.fits) continue;
    const double plot_w = width - left - reflow::kSmall - std::max({lt.right, ls.right, lb.right});
    if (plot_w < 200.0) continue;
    const std::string tt = level <= 1 ? top_title : std::string("Wavelength per pair");
    const std::string bt = level <= 1 ? bottom_title : bottom_short;
    const double gap = 0.015 * body;
    const double strip_h =
        has_strip ? std::max(0.08 * body, ls.right > 0.0 ? ls.height + 16.0 : 56.0 + ls.below)
                  : 0.0;
    const double rest = body - strip_h - gap * (has_strip ? 2.0 : 1.0);
    const double top_h = 0.46 * rest, bottom_h = rest - top_h;
    const double top_plot = top_h - title_h(tt) - reflow::kSmall * 2.1 - lt.below;
    const double bottom_plot =
        bottom_h - title_h(bt) - reflow::kSmall * 2.1 - reflow::kBody * 1.5 - lb.below;
    if (top_plot < 110.0 || bottom_plot < 110.0) continue;
    if (lt.right > 0.0 && lt.height > top_h - title_h(tt) - 4.0) continue;
    if (lb.right > 0.0 && lb.height > bottom_h - title_h(bt) - 4.0) continue;
    // It fits: the areas, the words, the reference labels.
    top.title = tt;
    bottom.title = bt;
    top.bottom = static_cast<float>(top_h / body);
    strip.top = static_cast<float>((top_h + gap) / body);
    strip.bottom = static_cast<float>((top_h + gap + strip_h) / body);
    bottom.top = static_cast<float>((top_h + gap + (has_strip ? strip_h + gap : 0.0)) / body);
    {
      std::size_t k = 0;
      for (plot::LineSeries& l : top.lines)
        l.label = level == 0 && k < words.top_curves.size() ? words.top_curves[k++] : "";
      for (plot::Band& b : top.bands)
        b.label = band_word(b.vertical ? words.slow : words.band, band_level);
    }
    set_strip(band_level);
    set_labels(bottom, bottom_entries);
    fit_x_label(lb, plot_w, bottom_plot);
    for (plot::Text& t :
         ref_labels(top_refs, top.y.lo, top.y.hi, plot_w, top_plot, label_x, 2.0, ref_color)) {
      top.texts.push_back(t);
    }
    for (plot::Text& t : ref_labels(bottom_refs, bottom.y.lo, bottom.y.hi, plot_w, bottom_plot,
                                    label_x, 6.0, ref_color)) {
      bottom.texts.push_back(t);
    }
    return {};
  }

  // The lower chart alone (its numbers are what the scalings do; the wavelengths' and the
  // strip's are under the mouse, and L, L' in the subtitle), the slow band named in its legend.
  bottom.top = 0.0f;
  for (int level = 0; level < 4; ++level) {
    std::vector<std::string> entries =
        words.bottom[level <= 1 ? 0 : static_cast<std::size_t>(level - 1)];
    const bool slow = !bottom.bands.empty();
    if (slow) entries.push_back(band_word(words.slow, level == 0 ? 0 : level == 3 ? 2 : 1));
    const LegendFit lb = legend_fit(entries, width);
    const double plot_w = width - left - reflow::kSmall - lb.right;
    if ((!lb.fits || plot_w < 120.0) && level < 3) continue;
    const auto plot_h = [&](const std::string& t, bool x_label) {
      return body - title_h(t) - reflow::kSmall * 2.1 - (x_label ? reflow::kBody * 1.5 : 0.0) -
             lb.below;
    };
    std::string t = bottom_title;
    if (plot_h(t, true) < 170.0) t = bottom_short;
    if (plot_h(t, true) < 140.0) t.clear();
    const bool x_label = plot_h(t, true) >= 100.0;
    const bool fits =
        plot_h(t, x_label) >= 90.0 && !(lb.right > 0.0 && lb.height > body - title_h(t) - 4.0);
    if (!fits && level < 3) continue;
    if (plot_h(t, true) < 120.0) bottom.x.label = "pair i";
    fit_x_label(lb, plot_w, plot_h(t, x_label));
    bottom.title = t;
    if (!x_label) bottom.x.label.clear();
    if (slow) {
      bottom.bands.front().label = entries.back();
      entries.pop_back();
    }
    set_labels(bottom, entries);
    for (plot::Text& x : ref_labels(bottom_refs, bottom.y.lo, bottom.y.hi, plot_w,
                                    plot_h(t, x_label), label_x, 6.0, ref_color)) {
      bottom.texts.push_back(x);
    }
    break;
  }
  return {false, false};
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
  v.visit({.name = "scalings",
           .label = "scalings shown",
           .help = "comma list of the scalings overlaid: none, linear, ntk, dynamic-ntk, yarn, "
                   "llama3 (or all)"},
          scalings);
  visit_enum(v,
             {.name = "lower",
              .label = "lower chart",
              .help = "factor: scaled / original frequency per pair (1 untouched, 1/s "
                      "interpolated); turns: full turns of each pair over the target context L'",
              .choices = choices_of(kLongContextLowerNames)},
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
                                 const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  f.title = "Long-context RoPE: every scaling, pair by pair";
  std::vector<Scaling> kinds;
  ContextExtension ext;
  int r = 0;
  try {
    kinds = parse_scalings(params.scalings);
    // A LongRoPE model (Phi-3) brings its own per-pair factors: its curve joins the others.
    if (s.scaling == Scaling::LongRope && !s.short_factor.empty())
      kinds.push_back(Scaling::LongRope);
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
  const double width = request.width;

  f.title = reflow::heading(
      {fmt("Long-context RoPE: L = %ld%sL%s = %ld, pair by pair", ext.trained, kArrow, kPrime,
           ext.target),
       fmt("Long-context RoPE: L = %ld%sL%s = %ld", ext.trained, kArrow, kPrime, ext.target),
       fmt("RoPE: L = %ld%sL%s = %ld", ext.trained, kArrow, kPrime, ext.target),
       fmt("L = %ld%sL%s = %ld", ext.trained, kArrow, kPrime, ext.target)},
      reflow::kTitle, true, width);
  std::string rot =
      r == s.d ? fmt("head dim d = %d", s.d) : fmt("head dim %d, rotary d = %d", s.d, r);
  f.subtitle = reflow::heading(
      {fmt("%s%sbase = %s%strained context L = %d%starget L%s = s·L = %ld (s = %s)", rot.c_str(),
           kDot, num(s.base).c_str(), kDot, s.original_context, kDot, kPrime, ext.target,
           num(s.factor).c_str()),
       fmt("%s%sbase %s%strained L = %d%ss = %s", rot.c_str(), kDot, num(s.base).c_str(), kDot,
           s.original_context, kDot, num(s.factor).c_str()),
       fmt("d = %d%sbase %s%ss = %s", r, kDot, num(s.base).c_str(), kDot, num(s.factor).c_str())},
      reflow::kBody, false, width);
  // The note: the numbers the curves do not show, shorter when the room is short.
  std::vector<std::string> yarn_note, ntk_note;
  if (yarn != nullptr) {
    // The formula's name only when the formula made it (not a config's attention_factor or
    // DeepSeek's mscale ratio); DeepSeek's softmax multiplier when there is one.
    const bool formula = s.attention_factor <= 0.0 && (s.mscale == 0.0 || s.mscale_all_dim == 0.0);
    const std::string softmax =
        yarn->scaled.softmax_scale_factor == 1.0
            ? ""
            : fmt(", softmax scale %s%.5g", kTimes, yarn->scaled.softmax_scale_factor);
    yarn_note = {fmt("YaRN attention factor %s = %.5g (logits %s%.5g%s)",
                     formula ? "0.1 ln s + 1" : "(the config's)", yarn->scaled.attention_factor,
                     kTimes, logit_scale(yarn->scaled.attention_factor), softmax.c_str()),
                 fmt("YaRN cos, sin %s%.5g (logits %s%.5g)", kTimes, yarn->scaled.attention_factor,
                     kTimes, logit_scale(yarn->scaled.attention_factor)),
                 fmt("YaRN %s%.5g (logits %s%.5g)", kTimes, yarn->scaled.attention_factor, kTimes,
                     logit_scale(yarn->scaled.attention_factor))};
  }
  if (ntk != nullptr) {
    const std::string b = base_text(ntk->scaled.effective_base);
    ntk_note = {fmt("NTK base%s = base·s^(d/(d−"
                    "2)) = %s",
                    kPrime, b.c_str()),
                fmt("NTK base%s = %s", kPrime, b.c_str()), fmt("NTK base%s %s", kPrime, b.c_str())};
  }
  std::vector<std::string> notes;
  for (std::size_t k = 0; k < 3; ++k) {
    std::string n;
    if (!yarn_note.empty()) n += yarn_note[k];
    if (!ntk_note.empty()) n += (n.empty() ? "" : kDot) + ntk_note[k];
    notes.push_back(n);
  }
  f.note = reflow::heading(notes, reflow::kSmall, false, width);
  if (yarn != nullptr) {
    for (const std::string& w : yarn->scaled.warnings) f.warnings.push_back(w);
  }

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

  // The legends' words, from the fullest (what the normal window shows) to the briefest;
  // the layout below takes the fullest that fits.
  const std::vector<std::string> slow_words = {fmt("%s > L: no full turn in training", kLambda),
                                               fmt("%s > L: no full turn", kLambda),
                                               fmt("%s > L", kLambda)};
  const std::vector<std::string> band_words = {fmt("%s band Llama 3.1 blends", kLambda),
                                               fmt("Llama 3.1 %s band", kLambda), "Llama band"};
  const auto tiny_name = [](Scaling k) -> std::string {
    switch (k) {
      case Scaling::Linear:
        return "PI";
      case Scaling::Ntk:
        return "NTK";
      case Scaling::DynamicNtk:
        return "dyn. NTK";
      default:
        return look_of(k).name;
    }
  };

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
    slow.label = slow_words[0];
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
    blend.label = band_words[0];
    top.bands.push_back(blend);
  }
  const plot::Color ref_color = plot::ink(plot::Ink::Text, 0.85f);
  top.refs.push_back({false, L, ref_color, plot::Stroke::Dashed, 1.5f, ""});
  top.refs.push_back({false, Lt, ref_color, plot::Stroke::Dotted, 2.0f, ""});
  std::vector<std::string> top_full;
  for (const ScalingCurve& c : ext.curves) {
    plot::LineSeries l = curve_series(c, c.wavelength, style, markers);
    l.label = legend_label(c, s);
    top_full.push_back(l.label);
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
  std::vector<std::vector<std::string>> strip_words;  // per row: fullest first
  if (yarn != nullptr) {
    const std::string a = num(yarn->scaled.yarn_low), b = num(yarn->scaled.yarn_high);
    strip_words.push_back({fmt("YaRN ramp: pairs %s%s%s", a.c_str(), kArrow, b.c_str()),
                           fmt("YaRN ramp %s%s%s", a.c_str(), kArrow, b.c_str()),
                           fmt("YaRN %s%s%s", a.c_str(), kArrow, b.c_str())});
    strip_row(strip, llama != nullptr ? 1.45 : 1.0, yarn->scaled.yarn_low, yarn->scaled.yarn_high,
              pair_axis.lo, pair_axis.hi, strip_words.back()[0],
              style.series(look_of(Scaling::Yarn).palette));
  }
  if (llama != nullptr) {
    const std::string a = num(L / s.high_freq_factor), b = num(L / s.low_freq_factor);
    strip_words.push_back({fmt("Llama 3.1 blend: %s %s%s%s", kLambda, a.c_str(), kArrow, b.c_str()),
                           fmt("Llama blend %s %s%s%s", kLambda, a.c_str(), kArrow, b.c_str()),
                           fmt("Llama %s%s%s", a.c_str(), kArrow, b.c_str())});
    strip_row(strip, yarn != nullptr ? 0.55 : 1.0, ext.llama_band_from, ext.llama_band_to,
              pair_axis.lo, pair_axis.hi, strip_words.back()[0],
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
  // The bottom legend's entries at each level of brevity (the trained turns first).
  std::vector<std::vector<std::string>> bottom_words;
  // Labels above (or under) the bottom's reference lines: (value, wordings).
  std::vector<std::pair<double, std::vector<std::string>>> bottom_refs;
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
    bottom_refs.push_back({1.0, {"1: untouched", "1"}});
    if (s.factor > 1.0) {
      bottom.refs.push_back({false, 1.0 / s.factor, ref_color, plot::Stroke::Dotted, 2.0f, ""});
      bottom_refs.push_back({1.0 / s.factor,
                             {fmt("1/s = %.4g: fully interpolated", 1.0 / s.factor),
                              fmt("1/s = %.4g", 1.0 / s.factor)}});
    }
    for (const ScalingCurve& c : ext.curves) {
      plot::LineSeries l = curve_series(c, c.factor, style, markers);
      l.label = factor_label(c);
      bottom.lines.push_back(std::move(l));
    }
    for (int level = 0; level < 3; ++level) {
      std::vector<std::string> w;
      for (const ScalingCurve& c : ext.curves) {
        w.push_back(level == 0   ? factor_label(c)
                    : level == 1 ? look_of(c.kind).name
                                 : tiny_name(c.kind));
      }
      bottom_words.push_back(w);
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
    bottom_refs.push_back({1.0, {"one full turn", "1 turn"}});
    for (int level = 0; level < 3; ++level) {
      std::vector<std::string> w = {level == 0 ? fmt("as trained: none over L = %ld", ext.trained)
                                               : std::string("as trained")};
      for (const ScalingCurve& c : ext.curves) {
        w.push_back(level == 0   ? fmt("%s over L%s", look_of(c.kind).name, kPrime)
                    : level == 1 ? look_of(c.kind).name
                                 : tiny_name(c.kind));
      }
      bottom_words.push_back(w);
    }
  }

  const Shown shown = lay_out_long_context(
      f, top, strip, bottom, has_strip, request,
      {top_full, slow_words, band_words, strip_words, bottom_words},
      {{L, {fmt("trained context L = %ld", ext.trained), fmt("L = %ld", ext.trained)}},
       {Lt,
        {fmt("target context L%s = %ld", kPrime, ext.target),
         fmt("L%s = %ld", kPrime, ext.target)}}},
      bottom_refs, pairs);

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

  if (shown.top) f.panels.push_back(std::move(top));
  if (has_strip && shown.strip) f.panels.push_back(std::move(strip));
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
