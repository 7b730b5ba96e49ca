#include "rope_relative_view.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/plot/style.hpp"
#include "core/random.hpp"
#include "core/rope_relative.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kMaxPosition = 1048576;
const char* const kDot = " \xC2\xB7 ";  // " · "
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

plot::Shape arrow(double x, double y, plot::Color c, float width) {
  plot::Shape s;
  s.kind = plot::Shape::Kind::Arrow;
  s.x1 = x;
  s.y1 = y;
  s.color = c;
  s.width = width;
  return s;
}

}  // namespace

void RopeRelativeParams::visit(ParamVisitor& v) {
  v.visit({"m", "query position m", "the position of the query q", 0, kMaxPosition, true}, m);
  v.visit({"n", "key position n", "the position of the key k", 0, kMaxPosition, true}, n);
  v.visit({"t", "shift t shown",
           "the shift whose scores and vectors are printed (the chart runs "
           "over t = 0..positions-1)",
           0, kMaxPosition, true},
          t);
}

std::vector<std::string> RopeRelativeView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions", "seed", "pairing", "partial-rotary"};
}

std::string RopeRelativeView::explanation(const SharedParams&) const {
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
                                  const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  f.title = "RoPE relative property: the score depends only on n \xE2\x88\x92 m";
  int r = 0;
  Eigen::VectorXd inv;
  try {
    r = rotary_dim(s.d, s.partial_rotary);
    inv = rope_inv_freq(r, s.base);
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  const double m = params.m, n = params.n, t = params.t;
  const std::uint64_t seed = static_cast<std::uint64_t>(s.seed);
  const Eigen::VectorXd q = normal_vector(mix_seed(seed, 1), s.d);
  const Eigen::VectorXd k = normal_vector(mix_seed(seed, 2), s.d);
  const long last = std::max(0, s.positions - 1);

  const plot::DataWindow* zoom = request.window("scores");
  const double lo = zoom ? zoom->x_lo : -0.5, hi = zoom ? zoom->x_hi : last + 0.5;
  const Samples xs = sample_range(0, last, lo, hi, std::max(100, request.width - 400));
  const RopeShiftScores sc = rope_shift_scores(q, k, m, n, xs.values, inv, s.pairing);
  const double at_t = rope_score(q, k, m + t, n + t, inv, s.pairing);

  const std::string dims = r == s.d ? fmt("d = %d", s.d) : fmt("head dim %d, rotary %d", s.d, r);
  f.subtitle =
      fmt("%s%sbase = %s%s%s pairs%sq, k ~ N(0, 1), seed %d%sm = %d, n = %d%sshifts t = %s",
          dims.c_str(), kDot, num(s.base).c_str(), kDot, pairing_name(s.pairing), kDot, s.seed,
          kDot, params.m, params.n, kDot, span(0, last).c_str());
  f.note =
      fmt("score(m, n) = %.12g%sat (m+t, n+t), t = %d: %.12g%smax |difference| %.2g over %ld "
          "shifts",
          sc.reference, kDot, params.t, at_t, kDot, sc.max_deviation,
          static_cast<long>(xs.values.size()));
  if (xs.stride > 1) f.note += " (" + stride_note(xs, "shift") + ")";

  const plot::Color both_color = style.series(0), key_color = style.series(1);
  const plot::Color ref_color = plot::ink(plot::Ink::Text, 0.85f);

  // --- The two scores over t.
  plot::Panel top;
  top.id = "scores";
  top.bottom = 0.56f;
  top.title = "Both move (m+t, n+t): flat.  Only the key moves (m, n+t): it varies.";
  top.x.label = "shift t (positions)";
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
  key_line.label = "only k moves: " + bracket("m", "n+t");
  key_line.color = key_color;
  key_line.width = 2.5f;
  plot::LineSeries both_line;
  both_line.label = "both move: " + bracket("m+t", "n+t");
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
    top.refs.push_back({true, t, ref_color, plot::Stroke::Dotted, 1.5f, fmt("t = %d", params.t)});
  }
  {
    const Eigen::VectorXd qc = q, kc = k, ic = inv;
    const RopePairing pairing = s.pairing;
    const double mc = m, nc = n;
    top.readout = [qc, kc, ic, pairing, mc, nc, last](double x,
                                                      double) -> std::vector<std::string> {
      const long tt = std::lround(x);
      if (tt < 0 || tt > last) return {};
      const double shift = static_cast<double>(tt);
      return {fmt("shift t = %ld", tt),
              fmt("both move: %s = %.15g",
                  bracket(fmt("%g", mc + shift), fmt("%g", nc + shift)).c_str(),
                  rope_score(qc, kc, mc + shift, nc + shift, ic, pairing)),
              fmt("only k: %s = %.15g", bracket(fmt("%g", mc), fmt("%g", nc + shift)).c_str(),
                  rope_score(qc, kc, mc, nc + shift, ic, pairing)),
              fmt("score(m, n) = %.15g", rope_score(qc, kc, mc, nc, ic, pairing))};
    };
  }
  f.panels.push_back(std::move(top));

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
  dev.title = sc.max_deviation > 0.0 ? fmt("Flat line up close, \xC3\x97 %.0e: max %.2g (rounding)",
                                           unit, sc.max_deviation)
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
              fmt("both move \xE2\x88\x92 score(m, n) = %.3g", scc.both[best] - scc.reference)};
    };
  }
  f.panels.push_back(std::move(dev));

  // --- The first pair of q and k, as 2-D vectors, before and after the shift.
  const auto [a, b] = rope_pair(0, r, s.pairing);
  const Eigen::VectorXd qm = rope_rotate(q, m, inv, s.pairing),
                        kn = rope_rotate(k, n, inv, s.pairing);
  const Eigen::VectorXd qt = rope_rotate(q, m + t, inv, s.pairing);
  const Eigen::VectorXd kt = rope_rotate(k, n + t, inv, s.pairing);
  const double scale = 1.0 / std::max({std::hypot(q[a], q[b]), std::hypot(k[a], k[b]), 1e-12});
  plot::Panel geo;
  geo.id = "pair0";
  geo.top = 0.6f;
  geo.left = 0.62f;
  geo.title = fmt("Pair 0 (%d, %d) of q and k", a, b);
  make_dial(geo, -1.25, 2.6, -1.15, 1.15);
  geo.shapes.push_back(unit_circle(plot::ink(plot::Ink::Muted, 0.5f), 1.5f));
  plot::Color q_light = both_color, k_light = key_color;
  q_light.a = 0.45f;
  k_light.a = 0.45f;
  geo.shapes.push_back(arrow(scale * qm[a], scale * qm[b], both_color, 3.5f));
  geo.shapes.push_back(arrow(scale * kn[a], scale * kn[b], key_color, 3.5f));
  geo.shapes.push_back(arrow(scale * qt[a], scale * qt[b], q_light, 3.0f));
  geo.shapes.push_back(arrow(scale * kt[a], scale * kt[b], k_light, 3.0f));
  geo.texts.push_back(label(1.2, 0.75, fmt("q at m = %d", params.m), both_color, 0.0f, 0.5f));
  geo.texts.push_back(label(1.2, 0.35, fmt("k at n = %d", params.n), key_color, 0.0f, 0.5f));
  geo.texts.push_back(
      label(1.2, -0.25, fmt("q at m+t = %d", params.m + params.t), both_color, 0.0f, 0.5f));
  geo.texts.push_back(
      label(1.2, -0.65, fmt("k at n+t = %d", params.n + params.t), key_color, 0.0f, 0.5f));
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
  return [shared, params = params_, request](const ProgressFn&) {
    return rope_relative_figure(shared, params, request);
  };
}

}  // namespace peviz
