#include "rope_relative_view.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/plot/style.hpp"
#include "core/pope.hpp"
#include "core/random.hpp"
#include "core/rope_relative.hpp"
#include "core/validate.hpp"
#include "core/xpos.hpp"
#include "rope_clocks_view.hpp"  // reflow::
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kMaxPosition = 1048576;
const char* const kDot = " · ";  // " · "
// ASCII angle brackets: the body font has no U+27E8/U+27E9.
const char* const kLangle = "<";
const char* const kRangle = ">";

// ⟨R_a q, R_b k⟩ with a and b written out.
std::string bracket(const std::string& a, const std::string& b) {
  return fmt("%sR(%s) q, R(%s) k%s", kLangle, a.c_str(), b.c_str(), kRangle);
}

plot::Text label(double x, double y, const std::string& s, plot::Color c, float align_x,
                 float align_y, float scale = 0.9f) {
  plot::Text t;
  t.x = x;
  t.y = y;
  t.text = s;
  t.color = c;
  t.scale = scale;
  t.align_x = align_x;
  t.align_y = align_y;
  return t;
}

// The score of q at position a and k at position b under the view's scheme: RoPE's
// <R_a q, R_b k>, xPos's (core/xpos) or PoPE's a_ab (core/pope).
struct Scorer {
  Scheme scheme = Scheme::Rope;
  Eigen::VectorXd q, k, inv, zeta;
  RopePairing pairing = RopePairing::HalfSplit;
  double operator()(double a, double b) const {
    if (scheme == Scheme::Xpos) return xpos_score(q, k, a, b, inv, zeta, kXposScaleBase);
    if (scheme == Scheme::Pope) return pope_score(q, k, a, b, inv);
    return rope_score(q, k, a, b, inv, pairing);
  }
};

// The scores over the shifts for xPos and PoPE (RoPE's come from core/rope_relative). In
// key_only: score(m, n + t), or with move_query score(m + t, n) (xPos: the query moves ahead,
// away from a key behind it, the causal direction in which xPos decays).
RopeShiftScores scorer_shift_scores(const Scorer& score, double m, double n,
                                    const Eigen::VectorXd& shifts, bool move_query,
                                    const ProgressFn& progress) {
  RopeShiftScores out;
  out.shifts = shifts;
  out.both.resize(shifts.size());
  out.key_only.resize(shifts.size());
  out.reference = score(m, n);
  if (score.scheme == Scheme::Xpos && move_query)
    return xpos_shift_scores(score.q, score.k, m, n, shifts, score.inv, score.zeta, kXposScaleBase,
                             progress);
  if (score.scheme == Scheme::Pope && !move_query) {
    // PoPE's score depends on s - t alone (core/pope): moving both keeps n - m, the very same
    // sum (the integers' difference is exact), and the key alone gives the scores at the
    // distances n - m + t, whose content weights core takes once.
    out.both.setConstant(out.reference);
    out.key_only = pope_scores_at(score.q, score.k, shifts.array() + (n - m), score.inv);
    return out;
  }
  for (Eigen::Index j = 0; j < shifts.size(); ++j) {
    if (j % 64 == 0)
      report_progress(progress, static_cast<double>(j) / static_cast<double>(shifts.size()));
    out.both[j] = score(m + shifts[j], n + shifts[j]);
    out.key_only[j] = move_query ? score(m + shifts[j], n) : score(m, n + shifts[j]);
    out.max_deviation = std::max(out.max_deviation, std::abs(out.both[j] - out.reference));
  }
  return out;
}

plot::Shape arrow(double x, double y, plot::Color c, float width) {
  plot::Shape s;
  s.kind = plot::Shape::Kind::Arrow;
  s.x1 = x;
  s.y1 = y;
  s.color = c;
  s.width = width;
  return s;
}

// PoPE against RoPE for the same q and k, the key at every distance n − m in −R..R: each curve
// over its own largest |score|, and where each peaks (PoPE: at 0 for any content).
plot::Panel pope_distance_panel(const Eigen::VectorXd& q, const Eigen::VectorXd& k,
                                const SharedParams& s, long last, const plot::Style& style,
                                const std::string& title) {
  plot::Panel p;
  p.id = "distance";
  p.top = 0.6f;
  p.left = 0.62f;
  p.title = title;
  const long range = std::clamp<long>(last, 16, 128);
  const Eigen::VectorXd theta = pope_inv_freq(s.d, s.base);
  const bool with_rope = s.d % 2 == 0;
  const Eigen::VectorXd inv = with_rope ? rope_inv_freq(s.d, s.base) : Eigen::VectorXd();
  std::vector<double> xs, rope;
  for (long r = -range; r <= range; ++r) {
    xs.push_back(static_cast<double>(r));
    if (with_rope) rope.push_back(rope_score(q, k, 0.0, static_cast<double>(r), inv, s.pairing));
  }
  // PoPE's scores at every distance, its content weights taken once (core/pope).
  const Eigen::VectorXd pope_at = pope_scores_at(
      q, k, Eigen::Map<const Eigen::VectorXd>(xs.data(), static_cast<Eigen::Index>(xs.size())),
      theta);
  const std::vector<double> pope(pope_at.data(), pope_at.data() + pope_at.size());
  p.x.label = "distance n − m";
  p.x.lo = -range - 0.5;
  p.x.hi = range + 0.5;
  p.x.integer = true;
  p.y.label = "score / max |score|";
  p.y.lo = -1.15;
  p.y.hi = 1.3;
  p.legend = plot::Corner::BottomRight;
  p.refs.push_back({true, 0.0, plot::ink(plot::Ink::Muted, 0.6f), plot::Stroke::Dotted, 1.2f, ""});
  const auto add = [&](const std::vector<double>& y, const std::string& label, int color,
                       plot::Stroke stroke) {
    if (y.empty()) return;
    double top = 0.0;
    std::size_t at = 0;
    for (std::size_t j = 0; j < y.size(); ++j) {
      top = std::max(top, std::abs(y[j]));
      if (y[j] > y[at]) at = j;
    }
    plot::LineSeries l;
    l.label = label;
    l.color = style.series(color);
    l.width = 2.4f;
    l.stroke = stroke;
    l.x = xs;
    for (double v : y) l.y.push_back(top > 0.0 ? v / top : 0.0);
    plot::LineSeries peak;
    peak.x = {xs[at]};
    peak.y = {top > 0.0 ? y[at] / top : 0.0};
    peak.color = l.color;
    peak.marker = plot::Marker::Diamond;
    peak.marker_size = 7.0f;
    peak.width = 0.0f;
    p.lines.push_back(std::move(l));
    p.lines.push_back(std::move(peak));
  };
  add(pope, "PoPE", 0, plot::Stroke::Solid);
  add(rope, "RoPE", 1, plot::Stroke::Dashed);
  const SharedParams sc = s;
  p.readout = [q, k, theta, inv, sc, with_rope](double x, double) -> std::vector<std::string> {
    const double r = static_cast<double>(std::lround(x));
    std::vector<std::string> out{fmt("distance n − m = %.0f", r),
                                 fmt("PoPE score = %.12g", pope_score(q, k, 0.0, r, theta))};
    if (with_rope)
      out.push_back(fmt("RoPE score = %.12g", rope_score(q, k, 0.0, r, inv, sc.pairing)));
    return out;
  };
  return p;
}

}  // namespace

void RopeRelativeParams::visit(ParamVisitor& v) {
  v.visit({.name = "m",
           .label = "query position m",
           .help = "the position of the query q",
           .min = 0,
           .max = kMaxPosition,
           .log = true},
          m);
  v.visit({.name = "n",
           .label = "key position n",
           .help = "the position of the key k",
           .min = 0,
           .max = kMaxPosition,
           .log = true},
          n);
  v.visit({.name = "t",
           .label = "shift t shown",
           .help = "the shift whose scores and vectors are printed (the chart runs "
                   "over t = 0..positions-1)",
           .min = 0,
           .max = kMaxPosition,
           .log = true},
          t);
}

std::vector<std::string> RopeRelativeView::shared_fields(const SharedParams& s) const {
  if (s.scheme == Scheme::Xpos || s.scheme == Scheme::Pope)
    return {"d", "base", "positions", "seed"};
  return {"d", "base", "positions", "seed", "pairing", "partial-rotary"};
}

std::string RopeRelativeView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Xpos) {
    return "xPos keeps RoPE's relative property and adds a decay. Move query and key together "
           "by t and the score stays put (the flat blue line: the query's factor zeta^(m/512) "
           "and the key's zeta^(-n/512) multiply to zeta^((m-n)/512), which does not change). "
           "Move only the query ahead, away from the key behind it, and the score changes as "
           "under RoPE, but its size also shrinks: pair i is multiplied by zeta_i^((m-n)/512), "
           "and the fast pairs fade first (over a few hundred positions the brake is gentle; "
           "try 3000 positions). A key ahead of the query would be scaled up instead, which "
           "is why xPos is used with a causal mask. The dial shows pair 0, rotated and scaled.";
  }
  if (s.scheme == Scheme::Pope) {
    return "PoPE (Gopalakrishnan et al. 2025) splits what from where. Each of the d components "
           "of q and k becomes a complex number: its length softplus(x) comes from the content, "
           "its angle (position times theta_c) from the position alone. The score is "
           "sum softplus(q_c) softplus(k_c) cos((n - m) theta_c): move both by t and it stays "
           "put (flat blue line); move only the key and it changes. The panel on the right "
           "puts the same q and k at every distance n - m: under PoPE the weights are all "
           "positive, so the score always peaks at distance 0, whatever the content; under RoPE "
           "the content's own angles shift the peak to wherever they happen to line up.";
  }
  return "RoPE turns the query by its position and the key by its own. The score between them "
         "depends only on how far apart they are: move both by the same t and every pair turns by "
         "the same extra angle, so the angle between q and k, and the score, stay put (the flat "
         "blue line; what is left is floating-point rounding: about 1e-14 for short shifts, more "
         "for shifts of many thousands, where m times theta keeps fewer digits). Move only the key "
         "and the angle between them changes, and so does the score (orange). The dial "
         "shows the first pair of q and k at (m, n) and, lighter, at (m+t, n+t): both turned by "
         "the same angle.";
}

plot::Figure rope_relative_figure(const SharedParams& s, const RopeRelativeParams& params,
                                  const plot::FigureRequest& request, const ProgressFn& progress) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  const Scheme scheme =
      s.scheme == Scheme::Xpos || s.scheme == Scheme::Pope ? s.scheme : Scheme::Rope;
  const char* const scheme_label = scheme_title(scheme);
  f.title = fmt("%s relative property: the score depends only on n − m", scheme_label);
  int r = 0;
  Eigen::VectorXd inv, zeta;
  try {
    if (scheme == Scheme::Rope) {
      r = rotary_dim(s.d, s.partial_rotary);
      inv = rope_inv_freq(r, s.base);
    } else if (scheme == Scheme::Xpos) {
      r = s.d;
      inv = rope_inv_freq(r, s.base);
      zeta = xpos_zeta(s.d);
    } else {
      r = s.d;
      inv = pope_inv_freq(s.d, s.base);
    }
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  // xPos pairs side by side (torchscale rotate_every_two); PoPE has no pairs.
  const RopePairing pairing = scheme == Scheme::Xpos ? RopePairing::Interleaved : s.pairing;
  const double m = params.m, n = params.n, t = params.t;
  const std::uint64_t seed = static_cast<std::uint64_t>(s.seed);
  const Eigen::VectorXd q = normal_vector(mix_seed(seed, 1), s.d);
  const Eigen::VectorXd k = normal_vector(mix_seed(seed, 2), s.d);
  const long last = std::max(0, s.positions - 1);
  const Scorer score{scheme, q, k, inv, zeta, pairing};

  const plot::DataWindow* zoom = request.window("scores");
  const double lo = zoom ? zoom->x_lo : -0.5, hi = zoom ? zoom->x_hi : last + 0.5;
  // A shift every other pixel of the plot: each shift costs d rotations at the model's own
  // rounding (sin and cos of every pair, twice), which no cheaper formula may replace here.
  const Samples xs = sample_range(0, last, lo, hi, std::max(100, (request.width - 400) / 2));
  const RopeShiftScores sc =
      scheme == Scheme::Rope
          ? rope_shift_scores(q, k, m, n, xs.values, inv, pairing, progress)
          : scorer_shift_scores(score, m, n, xs.values, scheme == Scheme::Xpos, progress);
  const double at_t = score(m + t, n + t);

  const double width = request.width;
  const std::string dims = r == s.d ? fmt("d = %d", s.d) : fmt("head dim %d, rotary %d", s.d, r);
  const std::string pairs = scheme == Scheme::Pope
                                ? fmt("%d complex components", s.d)
                                : std::string(pairing_name(pairing)) + " pairs" +
                                      (scheme == Scheme::Xpos ? ", scale base 512" : "");
  // The words for the room there is: the long ones when they fit, on one line if they can.
  const auto heading = [width](const std::vector<std::string>& options, double px, bool bold) {
    const std::string one = reflow::first_fitting(options, px, bold, width);
    return reflow::lines(one, px, bold, width) <= 1
               ? one
               : reflow::first_fitting(options, px, bold, width, 2);
  };
  f.title = heading({f.title, fmt("%s: the score depends only on n − m", scheme_label),
                     "Score depends only on n − m", "Score depends on n − m"},
                    reflow::kTitle, true);
  f.subtitle =
      heading({fmt("%s%sbase = %s%s%s%sq, k ~ N(0, 1), seed %d%sm = %d, n = %d%sshifts t = %s",
                   dims.c_str(), kDot, num(s.base).c_str(), kDot, pairs.c_str(), kDot, s.seed, kDot,
                   params.m, params.n, kDot, span(0, last).c_str()),
               fmt("%s%sbase %s%sm = %d, n = %d%st = %s", dims.c_str(), kDot, num(s.base).c_str(),
                   kDot, params.m, params.n, kDot, span(0, last).c_str()),
               fmt("m = %d, n = %d%st = %s", params.m, params.n, kDot, span(0, last).c_str())},
              reflow::kBody, false);
  const std::string sampled = xs.stride > 1 ? " (" + stride_note(xs, "shift") + ")" : "";
  f.note = heading(
      {fmt("score(m, n) = %.12g%sat (m+t, n+t), t = %d: %.12g%smax |difference| %.2g over %ld "
           "shifts",
           sc.reference, kDot, params.t, at_t, kDot, sc.max_deviation,
           static_cast<long>(xs.values.size())) +
           sampled,
       fmt("score(m, n) = %.12g%sat t = %d: %.12g%smax |difference| %.2g", sc.reference, kDot,
           params.t, at_t, kDot, sc.max_deviation) +
           sampled,
       fmt("score(m, n) = %.12g%smax |difference| %.2g", sc.reference, kDot, sc.max_deviation),
       fmt("score %.12g, flat to %.2g", sc.reference, sc.max_deviation)},
      reflow::kSmall, false);
  // Room for the flat line up close and pair 0's dial under the scores, or the scores alone.
  const double body_h =
      request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  // Pair 0's dial (bottom right): its radius in pixels from the room left by its title and
  // by its four labels (at 0.9 of the body size, 22 pixels apart), right of the circle.
  const std::vector<std::string> geo_labels = {
      fmt("q at m = %d", params.m), fmt("k at n = %d", params.n),
      fmt("q at m+t = %d", params.m + params.t), fmt("k at n+t = %d", params.n + params.t)};
  const double label_w = reflow::widest(geo_labels, reflow::kBody * 0.9);
  const std::string geo_title =
      scheme == Scheme::Pope
          ? reflow::first_fitting({"Same q, k at distance n − m: PoPE peaks at 0, RoPE anywhere",
                                   "PoPE peaks at distance 0, RoPE anywhere",
                                   "PoPE peaks at 0, RoPE anywhere", "Peaks: PoPE at 0"},
                                  reflow::kPanelTitle, true, 0.38 * width - 30.0, 2)
          : fmt("Pair 0 (%d, %d) of q and k", rope_pair(0, r, pairing).first,
                rope_pair(0, r, pairing).second);
  const double geo_w = 0.38 * width, geo_h = 0.4 * body_h;
  const double geo_title_h =
      reflow::kPanelTitle *
      (1.5 + 1.25 * (std::min(2, reflow::lines(geo_title, reflow::kPanelTitle, true, geo_w)) - 1));
  const double geo_pw = geo_w - 27.2 - 6.0, geo_ph = geo_h - 20.4 - 10.2 - geo_title_h - 6.0;
  constexpr double kLabelPitch = 22.0, kLabelHalf = 2.0 * kLabelPitch + 7.0;  // 4 lines, a gap
  const double geo_r = std::min((geo_pw - label_w - 4.0) / 2.45, geo_ph / 2.3);
  const bool all_panels =
      width >= 700.0 && body_h >= 420.0 && geo_r >= 30.0 && geo_ph >= 2.0 * kLabelHalf;

  const plot::Color both_color = style.series(0), key_color = style.series(1);
  const plot::Color ref_color = plot::ink(plot::Ink::Text, 0.85f);

  // --- The two scores over t.
  // The legend goes under the plot when it is wide; then from the plot's left edge (ticks and
  // the axis title left of it) to the figure's right edge.
  const bool long_legend =
      reflow::width("only k moves: " + bracket("m", "n+t"), reflow::kSmall) + 60.0 <= width - 90.0;
  const bool rope = scheme == Scheme::Rope;
  const bool query_moves = scheme == Scheme::Xpos;
  const std::string key_label =
      query_moves   ? (long_legend ? "only q moves: score(m+t, n)" : "only q moves: (m+t, n)")
      : long_legend ? "only k moves: " + (rope ? bracket("m", "n+t") : std::string("score(m, n+t)"))
                    : "only k moves: (m, n+t)";
  const std::string both_label =
      long_legend ? "both move: " + (rope ? bracket("m+t", "n+t") : std::string("score(m+t, n+t)"))
                  : "both move: (m+t, n+t)";
  plot::Panel top;
  top.id = "scores";
  top.bottom = all_panels ? 0.56f : 1.0f;
  top.title =
      query_moves
          ? reflow::first_fitting(
                {"Both move (m+t, n+t): flat.  Only the query moves (m+t, n): it varies and fades.",
                 "Both move: flat.  Only the query moves: it varies and fades.",
                 "Both move: flat. Only q: fades."},
                reflow::kPanelTitle, true, width - 30.0, 2)
          : reflow::first_fitting(
                {"Both move (m+t, n+t): flat.  Only the key moves (m, n+t): it varies.",
                 "Both move: flat.  Only the key moves: it varies.",
                 "Both move: flat. Only k: varies."},
                reflow::kPanelTitle, true, width - 30.0, 2);
  top.x.label = "shift t (positions)";
  if (!all_panels) {
    // The scores alone: its title and then its axis title go when the plot would be too low
    // for the curves (the legend says what they are, the subtitle which shifts).
    const double legend_w = 56.1 + reflow::widest({key_label, both_label}, reflow::kSmall);
    const double below = legend_w > 0.42 * width ? 17.0 + 2 * 22.95 + 6.8 : 0.0;
    const double title_h =
        reflow::kPanelTitle *
        (1.5 +
         1.25 *
             (std::min(2, reflow::lines(top.title, reflow::kPanelTitle, true, width - 30.0)) - 1));
    const auto plot_h = [&](bool title, bool x_label) {
      return body_h - 10.2 - (title ? title_h : 0.0) - 35.7 - (x_label ? 30.0 : 0.0) - below;
    };
    if (plot_h(true, true) < 130.0) top.title.clear();
    if (plot_h(false, true) < 110.0) top.x.label.clear();
  }
  top.x.lo = -0.5;
  top.x.hi = last + 0.5;
  top.x.integer = true;
  top.y.label = "score";
  double y_lo = std::min(sc.reference, sc.key_only.size() ? sc.key_only.minCoeff() : sc.reference);
  double y_hi = std::max(sc.reference, sc.key_only.size() ? sc.key_only.maxCoeff() : sc.reference);
  const double pad = std::max(0.08 * (y_hi - y_lo), 0.05 * std::max(1.0, std::abs(sc.reference)));
  top.y.lo = y_lo - pad;
  top.y.hi = y_hi + pad;
  top.legend = plot::Corner::Outside;
  const bool markers = xs.values.size() <= 60;
  plot::LineSeries key_line;
  key_line.label = key_label;
  key_line.color = key_color;
  key_line.width = 2.5f;
  plot::LineSeries both_line;
  both_line.label = both_label;
  both_line.color = both_color;
  both_line.width = 3.5f;
  for (Eigen::Index j = 0; j < xs.values.size(); ++j) {
    key_line.x.push_back(xs.values[j]);
    key_line.y.push_back(sc.key_only[j]);
    both_line.x.push_back(xs.values[j]);
    both_line.y.push_back(sc.both[j]);
  }
  if (markers) {
    key_line.marker = plot::Marker::Circle;
    both_line.marker = plot::Marker::Square;
  }
  top.lines.push_back(key_line);
  top.lines.push_back(both_line);
  if (params.t <= last) {
    // Its label right of the line (the plot layer's place), or left of it near the right edge.
    const std::string t_label = fmt("t = %d", params.t);
    const double legend_w = reflow::legend_width({key_label, both_label});
    const double plot_w = width - 70.0 - reflow::kSmall -
                          (legend_w <= 0.42 * width ? legend_w + reflow::kSmall * 0.8 : 0.0);
    const double x_px = (t - lo) / std::max(1e-9, hi - lo) * plot_w;
    const bool right =
        x_px + reflow::kSmall * 0.3 + reflow::width(t_label, reflow::kSmall) <= plot_w - 4.0;
    top.refs.push_back({true, t, ref_color, plot::Stroke::Dotted, 1.5f, right ? t_label : ""});
    if (!right) {
      plot::Text tl =
          label(t - reflow::kSmall * 0.3 / std::max(1.0, plot_w) * (hi - lo),
                top.y.hi - 0.02 * (top.y.hi - top.y.lo), t_label, ref_color, 1.0f, 0.0f, 0.85f);
      top.texts.push_back(tl);
    }
  }
  {
    const double mc = m, nc = n;
    const auto pair_text = [rope](double a, double b) {
      return rope ? bracket(fmt("%g", a), fmt("%g", b)) : fmt("score(%g, %g)", a, b);
    };
    top.readout = [score, pair_text, mc, nc, last, query_moves](
                      double x, double) -> std::vector<std::string> {
      const long tt = std::lround(x);
      if (tt < 0 || tt > last) return {};
      const double shift = static_cast<double>(tt);
      const double qm = query_moves ? mc + shift : mc, kn = query_moves ? nc : nc + shift;
      return {fmt("shift t = %ld", tt),
              fmt("both move: %s = %.15g", pair_text(mc + shift, nc + shift).c_str(),
                  score(mc + shift, nc + shift)),
              fmt("only %s: %s = %.15g", query_moves ? "q" : "k", pair_text(qm, kn).c_str(),
                  score(qm, kn)),
              fmt("score(m, n) = %.15g", score(mc, nc))};
    };
  }
  f.panels.push_back(std::move(top));
  if (!all_panels) return f;  // the flat line's size is in the note

  // --- The flat line up close: what is left is rounding.
  plot::Panel dev;
  dev.id = "difference";
  dev.top = 0.6f;
  dev.right = 0.6f;
  // Counted in a power of ten near the largest difference, so the ticks read 2, 4, 6.
  const double unit = std::pow(10.0, std::floor(std::log10(std::max(sc.max_deviation, 1e-16))));
  dev.x.label = "shift t (positions)";
  dev.x.lo = std::max(lo, -0.5);        // the window of the scores above (not linked: the legend
  dev.x.hi = std::min(hi, last + 0.5);  // above is wider than this half-width panel)
  dev.x.integer = true;
  dev.title = sc.max_deviation > 0.0
                  ? fmt("Flat line up close, × %.0e: max %.2g (rounding)", unit, sc.max_deviation)
                  : std::string("Flat line up close: exactly equal");
  dev.y.label = "difference";
  const double span_dev = std::max(sc.max_deviation / unit * 1.25, 1.0);
  dev.y.lo = -span_dev;
  dev.y.hi = span_dev;
  dev.legend = plot::Corner::None;
  dev.refs.push_back({false, 0.0, ref_color, plot::Stroke::Dashed, 1.2f, ""});
  plot::LineSeries d_line;
  d_line.color = both_color;
  d_line.width = 1.8f;
  for (Eigen::Index j = 0; j < xs.values.size(); ++j) {
    d_line.x.push_back(xs.values[j]);
    d_line.y.push_back((sc.both[j] - sc.reference) / unit);
  }
  if (markers) d_line.marker = plot::Marker::Circle;
  dev.lines.push_back(d_line);
  {
    const RopeShiftScores scc = sc;
    dev.readout = [scc](double x, double) -> std::vector<std::string> {
      if (scc.shifts.size() == 0) return {};
      Eigen::Index best = 0;
      for (Eigen::Index j = 1; j < scc.shifts.size(); ++j) {
        if (std::abs(scc.shifts[j] - x) < std::abs(scc.shifts[best] - x)) best = j;
      }
      return {fmt("shift t = %.0f", scc.shifts[best]),
              fmt("both move − score(m, n) = %.3g", scc.both[best] - scc.reference)};
    };
  }
  f.panels.push_back(std::move(dev));

  if (scheme == Scheme::Pope) {
    f.panels.push_back(pope_distance_panel(q, k, s, last, style, geo_title));
    return f;
  }
  // --- The first pair of q and k, as 2-D vectors, before and after the shift (xPos: scaled).
  const auto [a, b] = rope_pair(0, r, pairing);
  const auto turn = [&](const Eigen::VectorXd& x, double pos, bool key) {
    return scheme == Scheme::Xpos ? xpos_rotate(x, pos, inv, zeta, kXposScaleBase, key)
                                  : rope_rotate(x, pos, inv, pairing);
  };
  const Eigen::VectorXd qm = turn(q, m, false), kn = turn(k, n, true);
  const Eigen::VectorXd qt = turn(q, m + t, false);
  const Eigen::VectorXd kt = turn(k, n + t, true);
  const double scale = 1.0 / std::max({std::hypot(q[a], q[b]), std::hypot(k[a], k[b]), 1e-12});
  plot::Panel geo;
  geo.id = "pair0";
  geo.top = 0.6f;
  geo.left = 0.62f;
  geo.title = geo_title;
  // The labels 0.4 of the radius apart (as on a large dial), at least a line and a gap.
  const double pitch = std::max(kLabelPitch, 0.4 * geo_r);
  const double geo_y = std::max(1.15, (2.0 * pitch + 7.0) / geo_r);
  make_dial(geo, -1.25, 1.2 + (label_w + 4.0) / geo_r, -geo_y, geo_y);
  geo.shapes.push_back(unit_circle(plot::ink(plot::Ink::Muted, 0.5f), 1.5f));
  plot::Color q_light = both_color, k_light = key_color;
  q_light.a = 0.45f;
  k_light.a = 0.45f;
  geo.shapes.push_back(arrow(scale * qm[a], scale * qm[b], both_color, 3.5f));
  geo.shapes.push_back(arrow(scale * kn[a], scale * kn[b], key_color, 3.5f));
  geo.shapes.push_back(arrow(scale * qt[a], scale * qt[b], q_light, 3.0f));
  geo.shapes.push_back(arrow(scale * kt[a], scale * kt[b], k_light, 3.0f));
  // Each label's height in pixels from the dial's centre: q and k before, then after.
  const double label_y[4] = {1.5 * pitch + 3.5, 0.5 * pitch + 3.5, -0.5 * pitch - 3.5,
                             -1.5 * pitch - 3.5};
  for (int j = 0; j < 4; ++j) {
    geo.texts.push_back(label(1.2, label_y[j] / geo_r, geo_labels[static_cast<std::size_t>(j)],
                              j % 2 == 0 ? both_color : key_color, 0.0f, 0.5f));
  }
  {
    const double qa = qm[a], qb = qm[b], ka = kn[a], kb = kn[b];
    const double qta = qt[a], qtb = qt[b], kta = kt[a], ktb = kt[b];
    const int mm = params.m, nn = params.n, tt = params.t;
    const double t0 = inv[0];
    geo.readout = [=](double, double) -> std::vector<std::string> {
      return {fmt("pair 0 = coordinates (%d, %d), turns %.6g rad per position", a, b, t0),
              fmt("R(%d) q: (%.6g, %.6g)   R(%d) k: (%.6g, %.6g)", mm, qa, qb, nn, ka, kb),
              fmt("R(%d) q: (%.6g, %.6g)   R(%d) k: (%.6g, %.6g)", mm + tt, qta, qtb, nn + tt, kta,
                  ktb),
              fmt("pair-0 part of the score: %.10g before, %.10g after", qa * ka + qb * kb,
                  qta * kta + qtb * ktb)};
    };
  }
  f.panels.push_back(std::move(geo));
  return f;
}

FigureBuilder RopeRelativeView::builder(const SharedParams& shared,
                                        const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn& progress) {
    return rope_relative_figure(shared, params, request, progress);
  };
}

}  // namespace peviz
