#include "precision_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "app/plot/style.hpp"
#include "core/validate.hpp"
#include "encoding_view.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

// Up to this many positions per pixel column are evaluated; the point is their largest error.
constexpr int kSamplesPerPixel = 8;
// Positions checked one by one for the first crossing of the limit (past a proven bound).
constexpr long kScanBudget = 1L << 20;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Curves {
  std::vector<double> x;                                   // the column's middle position
  std::array<std::vector<double>, 3> angle, cache, score;  // per format: the largest |error|
};

// Log-spaced pixel columns over [lo, hi] (lo >= 1), each the largest |error| of up to
// kSamplesPerPixel of its integer positions; an exact 0 (or a format that overflows there)
// leaves a gap on the log axis.
Curves sample_curves(long lo, long hi, int pixels, int pair, int d, double base) {
  Curves c;
  const double a = std::log(static_cast<double>(lo)), b = std::log(static_cast<double>(hi) + 1.0);
  long next = lo;
  for (int px = 0; px < pixels && next <= hi; ++px) {
    const long end = std::min(
        hi, std::max(next,
                     static_cast<long>(std::floor(std::exp(a + (b - a) * (px + 1) / pixels))) - 1));
    const long count = end - next + 1;
    const long n = std::min<long>(count, kSamplesPerPixel);
    std::array<double, 3> ang{}, cac{}, sco{};
    std::array<bool, 3> over{};
    for (long k = 0; k < n; ++k) {
      const long m = n == 1 ? next : next + (count - 1) * k / (n - 1);
      for (std::size_t f = 0; f < kFloatFormats.size(); ++f) {
        const PrecisionPoint p =
            rope_precision_at(static_cast<double>(m), pair, d, base, kFloatFormats[f]);
        if (p.overflow) {
          over[f] = true;
          continue;
        }
        ang[f] = std::max(ang[f], std::abs(p.angle_error));
        cac[f] = std::max({cac[f], std::abs(p.cos_error), std::abs(p.sin_error)});
        if (!p.score_overflow) sco[f] = std::max(sco[f], std::abs(p.score_error));
      }
    }
    c.x.push_back(0.5 * static_cast<double>(next + end));
    for (std::size_t f = 0; f < 3; ++f) {
      const auto gap = [&](double v) { return over[f] || v == 0.0 ? kNaN : v; };
      c.angle[f].push_back(gap(ang[f]));
      c.cache[f].push_back(gap(cac[f]));
      c.score[f].push_back(gap(sco[f]));
    }
    next = end + 1;
  }
  return c;
}

// The smallest and largest finite positive values of the curves (log axis limits).
std::pair<double, double> extent(const std::array<std::vector<double>, 3>& ys) {
  double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
  for (const std::vector<double>& y : ys) {
    for (double v : y) {
      if (std::isfinite(v) && v > 0.0) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (!(hi > 0.0)) return {1e-9, 1.0};
  return {lo, hi};
}

const char* format_label(FloatFormat f) {
  switch (f) {
    case FloatFormat::Fp32:
      return "fp32 (24-bit significand)";
    case FloatFormat::Bf16:
      return "bf16 (8-bit significand)";
    case FloatFormat::Fp16:
      return "fp16 (11-bit, at most 65504)";
  }
  return "";
}

}  // namespace

void PrecisionParams::visit(ParamVisitor& v) {
  v.visit({.name = "pair",
           .label = "pair i",
           .help = "the pair whose angle m·θᵢ is computed in low precision (0: θ = 1, the fastest)",
           .min = 0,
           .max = 65535},
          pair);
  v.visit({.name = "limit",
           .label = "error limit (rad)",
           .help = "the angle error whose first crossing is marked for each format",
           .min = 1e-9,
           .max = 100,
           .log = true},
          limit);
}

std::vector<std::string> PrecisionView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions", "start"};
}

std::string PrecisionView::explanation(const SharedParams&) const {
  return "A model holds the position m and the frequency θᵢ in its own number format and "
         "multiplies them there: fp32 keeps 24 significant bits, bf16 only 8, fp16 11 and no "
         "number past 65504. The angle it gets is off by up to about m·θᵢ·2⁻ᵖ, so the error grows "
         "with the position: bf16 cannot even tell position 257 from 256. The top chart is the "
         "angle error, the middle one what is left in the stored cos and sin, the bottom one how "
         "far the score of two neighbours drifts from its exact value, which RoPE promises "
         "depends only on their distance (transformers issue 25681; arXiv 2411.13476).";
}

plot::Figure precision_figure(const SharedParams& s, const PrecisionParams& params,
                              const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  const double W = std::max(1, request.width), H = std::max(1, request.height);
  plot::Figure f;
  f.title = fit::first_fitting({"RoPE's angle in fp32, bf16 and fp16", "RoPE in low precision"}, W,
                               fit::kTitle, true);
  double theta = 0.0;
  try {
    theta = precision_theta(params.pair, s.d, s.base);
    require_positive(params.limit, "the error limit");
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const long lo = std::max(1L, first);
  const bool any = last >= lo;
  const std::string sub_full =
      fmt("pair i = %d · θ = %.6g rad/position · d = %d · base = %s · positions %s", params.pair,
          theta, s.d, num(s.base).c_str(), span(first, last).c_str());
  const std::string sub_brief = fmt("pair %d · θ %.4g · d %d · base %s · %s", params.pair, theta,
                                    s.d, num(s.base).c_str(), span(first, last).c_str());
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);

  const int pixels = std::max(64, request.width - 250);
  const Curves c = any ? sample_curves(lo, last, pixels, params.pair, s.d, s.base) : Curves{};

  plot::Axis x;
  x.label = "position m (log)";
  x.log = true;
  x.lo = static_cast<double>(lo) * 0.8;
  x.hi = std::max(static_cast<double>(any ? last : lo) * 1.25, x.lo * 10.0);
  x.integer = true;

  const auto panel = [&](const char* id, const char* label,
                         const std::array<std::vector<double>, 3>& ys, float top, float bottom) {
    plot::Panel p;
    p.id = id;
    p.top = top;
    p.bottom = bottom;
    p.x = x;
    p.x.label = "";
    p.x_link = "positions";
    p.y.label = label;
    p.y.log = true;
    const auto [ylo, yhi] = extent(ys);
    p.y.lo = std::min(ylo, params.limit) * 0.3;
    p.y.hi = std::max(yhi, params.limit) * 3.0;
    p.legend = plot::Corner::TopLeft;
    for (std::size_t k = 0; k < kFloatFormats.size(); ++k) {
      // A line per run of non-zero errors (a log axis has no 0): the first one carries the
      // legend entry, even when the format is exact throughout (fp32 at pair 0).
      plot::LineSeries l;
      l.label = format_label(kFloatFormats[k]);
      l.color = style.series(static_cast<int>(k));
      l.width = 2.0f;
      if (c.x.size() <= 40) l.marker = plot::Marker::Circle;
      for (std::size_t j = 0; j <= c.x.size(); ++j) {
        if (j < c.x.size() && std::isfinite(ys[k][j])) {
          l.x.push_back(c.x[j]);
          l.y.push_back(ys[k][j]);
          continue;
        }
        if (l.x.empty() && !l.label.empty() && j < c.x.size()) continue;
        if (!l.x.empty() || !l.label.empty()) {
          // A run of one point (an error between two exact positions) is a dot.
          plot::LineSeries run = l;
          if (run.x.size() == 1 && run.marker == plot::Marker::None) {
            run.marker = plot::Marker::Circle;
            run.marker_size = 2.0f;
          }
          p.lines.push_back(std::move(run));
        }
        l.label.clear();
        l.x.clear();
        l.y.clear();
      }
    }
    return p;
  };
  plot::Panel angle = panel("angle", "|angle error| (rad)", c.angle, 0.0f, 0.34f);
  plot::Panel cache = panel("cache", "|cos, sin error|", c.cache, 0.39f, 0.64f);
  plot::Panel score = panel("score", "|score error|", c.score, 0.69f, 1.0f);
  cache.legend = plot::Corner::None;
  score.legend = plot::Corner::None;

  // The limit, and where each format's angle error first passes it.
  angle.refs.push_back(
      {false, params.limit, plot::ink(plot::Ink::Text, 0.7f), plot::Stroke::Dotted, 1.2f, ""});
  std::vector<std::string> crossings;
  for (std::size_t k = 0; k < kFloatFormats.size() && any; ++k) {
    long scanned = 0;
    const std::optional<long> at =
        first_angle_error_past(std::max(0L, first), last, params.pair, s.d, s.base,
                               kFloatFormats[k], params.limit, kScanBudget, &scanned);
    const char* name = float_format_name(kFloatFormats[k]);
    if (at) {
      f.values.push_back({std::string("first_past_limit_") + name, static_cast<double>(*at)});
      crossings.push_back(fmt("%s at m = %ld", name, *at));
      if (*at >= lo) {
        for (plot::Panel* p : {&angle, &cache, &score})
          p->refs.push_back({true, static_cast<double>(*at), style.series(static_cast<int>(k)),
                             plot::Stroke::Dashed, 1.3f, ""});
      }
    } else if (scanned < last) {
      crossings.push_back(fmt("%s not up to m = %ld", name, scanned));
    } else {
      crossings.push_back(fmt("%s never", name));
    }
  }
  if (any && last > 65504) {
    // Where fp16 ends (its legend entry says "at most 65504").
    for (plot::Panel* p : {&angle, &cache, &score})
      p->refs.push_back({true, 65504.0, style.series(2), plot::Stroke::Dotted, 1.3f, ""});
  }
  const SharedParams copy = s;
  const PrecisionParams pp = params;
  const auto readout = [copy, pp, first, last](double xv, double) -> std::vector<std::string> {
    const long m = std::lround(xv);
    if (m < first || m > last) return {};
    std::vector<std::string> lines{fmt("position m = %ld, pair %d", m, pp.pair)};
    for (const FloatFormat ff : kFloatFormats) {
      const PrecisionPoint p =
          rope_precision_at(static_cast<double>(m), pp.pair, copy.d, copy.base, ff);
      if (p.overflow) {
        lines.push_back(fmt("%s: cannot hold m (largest %s)", float_format_name(ff),
                            num(largest_finite(ff)).c_str()));
        continue;
      }
      lines.push_back(fmt("%s: angle %+.3g rad, cos %+.3g, sin %+.3g, score %+.3g",
                          float_format_name(ff), p.angle_error, p.cos_error, p.sin_error,
                          p.score_error));
    }
    return lines;
  };
  angle.readout = readout;
  cache.readout = readout;
  score.readout = readout;

  const std::string passes =
      crossings.empty() ? "" : fmt("Angle error past %s rad: ", num(params.limit).c_str());
  std::string list;
  for (const std::string& t : crossings) list += (list.empty() ? "" : "; ") + t;
  f.note = any ? fit::first_fitting(
                     {passes + list +
                          ". Each point is the largest error of up to 8 positions in "
                          "its pixel; exact points (error 0) leave gaps.",
                      passes + list + ". Largest of up to 8 positions per pixel.", passes + list},
                     W, fit::kTick, false, 2)
               : "Only position 0: every format holds it exactly. Choose more positions.";
  if (any && last > 65504)
    f.note = fit::first_fitting(
        {f.note + " The dotted line: fp16 holds no position past 65504.", f.note}, W, fit::kTick,
        false, 2);

  // An angle chart without a point: every format holds these angles exactly (pair 0 below 257
  // positions, say). Said in the chart, not left blank.
  bool any_angle = false;
  for (const plot::LineSeries& l : angle.lines) any_angle = any_angle || !l.y.empty();
  if (any && !any_angle) {
    const double mid_x = std::sqrt(angle.x.lo * angle.x.hi);
    const double mid_y = std::sqrt(angle.y.lo * angle.y.hi);
    angle.texts.push_back({mid_x, mid_y, "every format gets these angles exactly (error 0)",
                           plot::ink(plot::Ink::Muted), 1.0f, false, 0.5f, 0.5f, 0.9f});
  }

  // As many of the three charts as the height gives a readable plot (the angle's first, with
  // the legend; then the score; then the cache), the y labels' words for the plots' heights.
  const fit::Box body = fit::figure_body(f, W, H);
  const double gap = 0.05;
  const auto plot_h = [&](int panels, bool bottom) {
    return (1.0 - gap * (panels - 1)) / panels * body.height() - 10.2 - 10.2 - 25.5 -
           (bottom ? 30.0 : 0.0);
  };
  const int panels = plot_h(3, true) >= 120.0 ? 3 : plot_h(2, true) >= 120.0 ? 2 : 1;
  std::vector<plot::Panel> shown{std::move(angle)};
  if (panels == 3) shown.push_back(std::move(cache));
  if (panels >= 2) shown.push_back(std::move(score));
  const double each = (1.0 - gap * (panels - 1)) / panels;
  const double plot_w = W - 10.2 - 60.0 - 10.2 - 30.0 - 17.0;
  for (int k = 0; k < panels; ++k) {
    plot::Panel& p = shown[static_cast<std::size_t>(k)];
    p.top = static_cast<float>(k * (each + gap));
    p.bottom = k + 1 == panels ? 1.0f : static_cast<float>(k * (each + gap) + each);
    p.x.label = k + 1 == panels ? x.label : "";
    const double h = plot_h(panels, k + 1 == panels);
    const std::string full = p.y.label;
    const std::string brief = p.id == "angle"   ? "angle error"
                              : p.id == "cache" ? "cos, sin"
                                                : "score";
    p.y.label = fit::first_fitting({full, brief}, h - 8.0);
    // Legend words for the plot's width: the formats' names alone when narrow.
    for (plot::LineSeries& l : p.lines) {
      if (l.label.empty()) continue;
      const std::string name = l.label.substr(0, 4);
      l.label = fit::first_fitting({l.label, name}, plot_w * 0.45, fit::kTick);
    }
  }
  for (plot::Panel& p : shown) f.panels.push_back(std::move(p));
  return f;
}

void precision_table(const SharedParams& s, const PrecisionParams& params, plot::TableSink& table) {
  precision_theta(params.pair, s.d, s.base);  // checks the pair, d and base
  require_table_cells(static_cast<double>(s.positions) * 4.0, "the precision table",
                      "lower --positions");
  table.header({"position", "fp32_error", "bf16_error", "fp16_error"});
  for (long k = 0; k < s.positions; ++k) {
    const long m = static_cast<long>(s.start) + k;
    table.cell(m);
    for (const FloatFormat ff : kFloatFormats) {
      const PrecisionPoint p =
          rope_precision_at(static_cast<double>(m), params.pair, s.d, s.base, ff);
      table.cell(p.angle_error);  // NaN where the format overflows: an empty cell
    }
    table.end_row();
  }
}

plot::TableWriter PrecisionView::table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) { precision_table(shared, params, t); };
}

TableColumns PrecisionView::table_columns() const {
  return {"position,fp32_error,bf16_error,fp16_error",
          "per position: the angle error of --pair in each format (radians; empty past fp16's "
          "65504)"};
}

FigureBuilder PrecisionView::builder(const SharedParams& shared,
                                     const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return precision_figure(shared, params, request);
  };
}

}  // namespace peviz
