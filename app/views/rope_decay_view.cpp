#include "rope_decay_view.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/plot/style.hpp"
#include "core/rope_decay.hpp"
#include "core/rope_decay_sampled.hpp"
#include "core/validate.hpp"
#include "core/xpos.hpp"
#include "rope_clocks_view.hpp"  // reflow::
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kMaxDistance = 1048576;
constexpr std::size_t kMaxOverlays = 6;
const char* const kDot = " · ";  // " · "

// Integers 1..max spread evenly on a log scale, at most `count` of them, no repeats.
Eigen::VectorXd log_distances(long max, long count) {
  std::vector<double> out;
  const double top = std::log(static_cast<double>(std::max(1L, max)));
  for (long j = 0; j < count; ++j) {
    const double r = std::round(std::exp(top * j / std::max(1L, count - 1)));
    if (out.empty() || r > out.back()) out.push_back(r);
  }
  return Eigen::Map<const Eigen::VectorXd>(out.data(), static_cast<Eigen::Index>(out.size()));
}

// Places the legend, the B(0) label and the panel's titles for the room there is: the legend
// in the plot's empty top-right corner when it fits beside the B(0) label (full labels, then
// shorter ones, then without the markers' entry), else outside the plot; then the panel title
// and the axis title go when the plot would be too low. Text keeps its size.
// brief_labels / compact_labels: the curves' shorter names, in order (empty: from "base X").
void lay_out_decay(plot::Panel& p, const plot::Figure& f, double width, double height,
                   const std::string& b0, const std::vector<std::string>& brief_labels = {},
                   const std::vector<std::string>& compact_labels = {}) {
  const double body_h = height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  // The curves (the bases first) and the markers of the lowest and higher-again points.
  std::vector<plot::LineSeries*> curves;
  plot::LineSeries* lowest = nullptr;
  for (plot::LineSeries& l : p.lines) {
    if (l.width == 0.0f) {
      if (!l.label.empty()) lowest = &l;
    } else {
      curves.push_back(&l);
    }
  }
  const std::vector<std::string> full_labels = [&] {
    std::vector<std::string> out;
    for (const plot::LineSeries* c : curves) out.push_back(c->label);
    return out;
  }();
  const auto base_of = [](const std::string& label) {  // "base 500 (overlay)" -> "500"
    std::string b = label.substr(std::min<std::size_t>(label.size(), 5));
    const std::size_t space = b.find(' ');
    return space == std::string::npos ? b : b.substr(0, space);
  };
  struct Labels {
    std::vector<std::string> curves;
    std::string lowest;
  };
  std::vector<Labels> sets;
  sets.push_back({full_labels, lowest ? lowest->label : ""});
  Labels brief;
  if (brief_labels.size() == full_labels.size()) {
    brief.curves = brief_labels;
  } else {
    for (const std::string& l : full_labels) brief.curves.push_back("base " + base_of(l));
  }
  brief.lowest = lowest ? "lowest, then higher again" : "";
  sets.push_back(brief);
  brief.lowest.clear();
  sets.push_back(brief);
  Labels compact = brief;  // "base 10000", "500", "500000": one list
  if (compact_labels.size() == full_labels.size()) {
    compact.curves = compact_labels;
  } else {
    for (std::size_t j = 1; j < compact.curves.size(); ++j)
      compact.curves[j] = base_of(full_labels[j]);
  }

  const std::string long_title = p.title;
  const std::string short_title = "B(r): relative upper bound on |q·k|";
  const double ytick_w = reflow::width("00.0", reflow::kSmall);
  const auto room = [&](const std::string& title, bool x_label, double right, double below) {
    const int n =
        title.empty() ? 0 : std::min(2, reflow::lines(title, reflow::kPanelTitle, true, width));
    reflow::Room r = reflow::plot_room(width - right, body_h - below, n, ytick_w, true, x_label);
    return r;
  };
  const std::string b0_long = "B(0) = (d/2 + 1)/2 = " + b0, b0_short = "B(0) = " + b0;
  const double label_px = reflow::kBody * 0.85;
  const auto entries = [](const Labels& l) {
    std::vector<std::string> out = l.curves;
    if (!l.lowest.empty()) out.push_back(l.lowest);
    return out;
  };
  const auto apply = [&](const Labels& l) {
    for (std::size_t j = 0; j < curves.size() && j < l.curves.size(); ++j)
      curves[j]->label = l.curves[j];
    if (lowest) lowest->label = l.lowest;
  };

  // Inside, top right: beside the B(0) label (which starts 5% into the plot) and above the
  // curves, which have fallen away from the top by the right edge.
  const reflow::Room inside = room(long_title, true, 0.0, 0.0);
  bool placed = false;
  std::string b0_text = b0_long;
  for (const Labels& l : sets) {
    const std::vector<std::string> e = entries(l);
    const double lw = reflow::legend_width(e), lh = reflow::legend_height(e.size());
    for (const std::string* label : {&b0_long, &b0_short}) {
      const double need = 0.05 * inside.w + reflow::width(*label, label_px) + 14.0 + lw + 9.0;
      if (need <= inside.w && lh + 40.0 <= inside.h) {
        apply(l);
        p.legend = plot::Corner::TopRight;
        b0_text = *label;
        placed = true;
        break;
      }
    }
    if (placed) break;
  }
  double right = 0.0, below = 0.0;
  if (!placed) {
    const Labels& l = reflow::legend_width(entries(compact)) <= 0.42 * width ? compact : brief;
    apply(l);
    p.legend = plot::Corner::Outside;
    const std::vector<std::string> e = entries(l);
    if (reflow::legend_width(e) > 0.42 * width) {
      below = reflow::legend_height(e.size()) + reflow::kSmall * 0.4;
    } else {
      right = reflow::legend_width(e) + reflow::kSmall * 0.8;
    }
  }
  // The titles, while the plot keeps some height.
  if (room(long_title, true, right, below).h < 200.0) {
    p.title = room(short_title, true, right, below).h >= 160.0 ? short_title : std::string();
  }
  if (room(p.title, true, right, below).h < 110.0) p.x.label.clear();
  const reflow::Room plot = room(p.title, !p.x.label.empty(), right, below);
  if (0.05 * plot.w + reflow::width(b0_text, label_px) + 6.0 > plot.w) b0_text = b0_short;
  for (plot::Text& t : p.texts) {
    if (t.text.rfind("B(0) = ", 0) == 0) t.text = b0_text;
  }
}

// The decay panel's id, its distance axis (linear from -0.5, or log from 1) up to `max`,
// and the bound's axis: the same for RoPE's bound and xPos's.
void decay_axes(plot::Panel& p, const RopeDecayParams& params, long max,
                const std::string& linear_label) {
  p.id = "decay";
  p.x.label = params.log_x ? "relative distance r (log)" : linear_label;
  p.x.log = params.log_x;
  p.x.lo = params.log_x ? 1.0 : -0.5;
  p.x.hi = params.log_x ? std::max(2.0, static_cast<double>(max)) : max + 0.5;
  p.x.integer = !params.log_x;
  p.y.label = "bound B(r)";
  p.legend = plot::Corner::TopRight;
}

// The bound's axis over [lowest, highest] (log or linear) and B(0) as a dotted line; returns
// B(0)'s label, just right of the start and under the line (the curves have fallen away from it
// there), for the caller to add after its curves' marks.
plot::Text mark_b0(plot::Panel& p, const RopeDecayParams& params, double b0, double lowest,
                   double highest) {
  if (params.log_y) {
    p.y.log = true;
    p.y.lo = std::max(lowest, 1e-3) * 0.7;
    p.y.hi = highest * 1.6;
  } else {
    p.y.lo = 0.0;
    p.y.hi = highest * 1.12;
  }
  const plot::Color ref_color = plot::ink(plot::Ink::Text, 0.85f);
  p.refs.push_back({false, b0, ref_color, plot::Stroke::Dotted, 1.5f, ""});
  plot::Text b0_text;
  b0_text.x = params.log_x ? std::pow(p.x.hi, 0.05) : p.x.lo + 0.05 * (p.x.hi - p.x.lo);
  b0_text.y = b0;
  b0_text.text = fmt("B(0) = (d/2 + 1)/2 = %s", num(b0).c_str());
  b0_text.color = ref_color;
  b0_text.scale = 0.85f;
  b0_text.align_x = 0.0f;
  b0_text.align_y = 0.0f;  // below the line
  return b0_text;
}

// xPos's bound beside RoPE's, and the smooth envelope B(0) * mean zeta^(r/B) (core/xpos).
plot::Figure xpos_decay_figure(const SharedParams& s, plot::Figure f, const Eigen::VectorXd& rs,
                               long max, double b0, const RopeDecayParams& params,
                               const std::string& sampled, double width, double height) {
  const plot::Style style = plot::ink_style();
  f.title = reflow::heading(
      {"xPos decay against RoPE's bound B(r)", "xPos against RoPE: B(r)", "xPos decay B(r)"},
      reflow::kTitle, true, width);
  const std::string subtitle =
      fmt("d = %d%sbase = %s%sscale base 512, zeta_i = (2i/d + 0.4)/1.4%sr = 0%s%ld", s.d, kDot,
          num(s.base).c_str(), kDot, kDot, "–", max);
  const std::string brief = fmt("d = %d%sbase %s%sscale base 512%sr = 0%s%ld", s.d, kDot,
                                num(s.base).c_str(), kDot, kDot, "–", max);
  f.subtitle = reflow::heading({subtitle, brief}, reflow::kBody, false, width);
  plot::Panel p;
  p.title = "B(r) with each pair scaled by zeta_k^(r/512), against RoPE's B(r)";
  decay_axes(p, params, max, "relative distance r = m − n");
  const Eigen::VectorXd xb = xpos_decay_bound_at(s.d, s.base, kXposScaleBase, rs);
  const Eigen::VectorXd rb = rope_decay_bound_at(s.d, s.base, rs);
  const Eigen::VectorXd env = b0 * xpos_envelope(xpos_zeta(s.d), kXposScaleBase, rs);
  const auto line = [&](const std::string& label, const Eigen::VectorXd& y, int color, float w,
                        plot::Stroke stroke) {
    plot::LineSeries l;
    l.label = label;
    l.color = style.series(color);
    l.width = w;
    l.stroke = stroke;
    l.x.assign(rs.data(), rs.data() + rs.size());
    l.y.assign(y.data(), y.data() + y.size());
    if (rs.size() <= 60 && stroke == plot::Stroke::Solid) l.marker = plot::Marker::Circle;
    p.lines.push_back(std::move(l));
  };
  line("xPos: B(r) with zeta^(r/512)", xb, 0, 3.0f, plot::Stroke::Solid);
  line("RoPE: B(r), same d and base", rb, 1, 2.2f, plot::Stroke::Dashed);
  line("envelope B(0) · mean zeta^(r/512)", env, 2, 2.0f, plot::Stroke::Dotted);
  double lowest = b0, highest = b0;
  for (const Eigen::VectorXd* v : {&xb, &rb}) {
    if (v->size() > 0) {
      lowest = std::min(lowest, v->minCoeff());
      highest = std::max(highest, v->maxCoeff());
    }
  }
  p.texts.push_back(mark_b0(p, params, b0, lowest, highest));
  const int d = s.d;
  const double base = s.base;
  const bool log_x = params.log_x;
  p.readout = [d, base, max, log_x](double x, double) -> std::vector<std::string> {
    const long r = std::lround(x);
    if (r < (log_x ? 1 : 0) || r > max) return {};
    Eigen::VectorXd at(1);
    at << static_cast<double>(r);
    const double b0r = (d / 2 + 1) / 2.0;
    return {fmt("distance r = %ld", r),
            fmt("xPos: B(%ld) = %.12g", r, xpos_decay_bound_at(d, base, kXposScaleBase, at)[0]),
            fmt("RoPE: B(%ld) = %.12g", r, rope_decay_bound_at(d, base, at)[0]),
            fmt("mean zeta^(r/512) = %.12g", xpos_envelope(xpos_zeta(d), kXposScaleBase, at)[0]),
            fmt("envelope = %.12g", b0r * xpos_envelope(xpos_zeta(d), kXposScaleBase, at)[0])};
  };
  const double ratio =
      xb.size() > 0 && rb[rb.size() - 1] > 0.0 ? xb[xb.size() - 1] / rb[rb.size() - 1] : 1.0;
  const std::string plain_note =
      rs.size() > 0 ? fmt("at r = %.0f: xPos %.4g, RoPE %.4g (ratio %.3g)", rs[rs.size() - 1],
                          xb[xb.size() - 1], rb[rb.size() - 1], ratio)
                    : std::string("B(r) over the distances shown");
  f.note = reflow::heading({sampled.empty() ? plain_note : plain_note + kDot + sampled, plain_note},
                           reflow::kSmall, false, width);
  lay_out_decay(p, f, width, height, num(b0), {"xPos B(r)", "RoPE B(r)", "xPos envelope"},
                {"xPos", "RoPE", "envelope"});
  f.panels.push_back(std::move(p));
  return f;
}

}  // namespace

std::vector<double> parse_bases(const std::string& list) {
  std::vector<double> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(std::remove_if(item.begin(), item.end(),
                              [](unsigned char c) { return std::isspace(c) != 0; }),
               item.end());
    if (item.empty()) continue;
    char* end = nullptr;
    const double b = std::strtod(item.c_str(), &end);
    if (*end != '\0' || !(b > 1.0) || !std::isfinite(b)) {
      throw InvalidArgument("bases: '" + item +
                            "' is not a base > 1 (write e.g. 500,10000,500000)");
    }
    if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(b);
  }
  return out;
}

std::vector<double> decay_bases(const SharedParams& s, const RopeDecayParams& params) {
  require_even_dim(s.d);
  require_base(s.base);
  std::vector<double> bases{s.base};
  const std::vector<double> overlays = parse_bases(params.bases);
  if (s.scheme == Scheme::Xpos) return bases;  // xPos against RoPE at one base
  for (double b : overlays) {
    if (b != s.base && bases.size() < kMaxOverlays + 1) bases.push_back(b);
  }
  return bases;
}

void RopeDecayParams::visit(ParamVisitor& v) {
  v.visit({.name = "max-distance",
           .label = "max distance r",
           .help = "the largest relative distance r = |m - n| drawn",
           .min = 1,
           .max = kMaxDistance,
           .log = true},
          max_distance);
  v.visit({.name = "bases",
           .label = "overlay bases",
           .help = "other bases to draw too, e.g. 500,10000,500000 (empty: none)"},
          bases);
  v.visit(
      {.name = "log-x", .label = "log distance axis", .help = "logarithmic r axis (from r = 1)"},
      log_x);
  v.visit({.name = "log-y", .label = "log bound axis", .help = "logarithmic B(r) axis"}, log_y);
}

std::vector<std::string> RopeDecayView::shared_fields(const SharedParams&) const {
  return {"d", "base"};
}

std::string RopeDecayView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Xpos) {
    return "xPos (Sun et al. 2022) is RoPE with a brake: pair i of the query is scaled by "
           "zeta_i^(m/512) and of the key by zeta_i^(-n/512), zeta_i = (2i/d + 0.4)/1.4, so pair "
           "i's share of the score is multiplied by zeta_i^((m-n)/512), less than 1 for a key "
           "behind the query. The fast pairs (small i, zeta near 0.29) fade first. The solid "
           "curve is RoFormer's bound B(r) with these factors inside the sums; the dashed one is "
           "RoPE's own B(r), which wiggles and climbs back; the dotted one, B(0) times the mean "
           "of zeta_i^(r/512), is a smooth envelope the xPos bound never crosses. Over a few "
           "hundred positions the brake is gentle; over thousands it dominates.";
  }
  return "RoFormer (Sec. 3.4.3) bounds the size of a RoPE attention score by a quantity B(r) that "
         "depends only on the distance r between query and key: the average length of the partial "
         "sums of the pair rotations e^(i r theta_k). At r = 0 every rotation points the same way "
         "and B(0) = (d/2 + 1)/2; as r grows the fast pairs point every which way and the sums "
         "shrink. The bound falls on the whole, but not steadily: it wiggles and climbs back up in "
         "places, so 'RoPE decays with distance' is a trend, not a law. A larger base keeps it "
         "high "
         "for longer.";
}

plot::Figure rope_decay_figure(const SharedParams& s, const RopeDecayParams& params,
                               const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  f.title = "RoPE long-term decay: the RoFormer bound B(r)";
  std::vector<double> bases;
  try {
    bases = decay_bases(s, params);
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  const long max = std::clamp(params.max_distance, 1, kMaxDistance);
  const long pixels = std::max(100, request.width - 420);
  Eigen::VectorXd rs;
  std::string sampled;
  const plot::DataWindow* zoom = request.window("decay");
  if (params.log_x) {
    rs = log_distances(max, pixels);
    if (rs.size() < max)
      sampled = fmt("%ld distances spread on the log axis", static_cast<long>(rs.size()));
  } else {
    const double lo = zoom ? zoom->x_lo : -0.5, hi = zoom ? zoom->x_hi : max + 0.5;
    const Samples xs = sample_range(0, max, lo, hi, pixels);
    rs = xs.values;
    if (xs.stride > 1) sampled = stride_note(xs, "distance") + " (zoom in for all)";
  }
  Eigen::VectorXd zero(1);
  zero << 0.0;
  const double b0 = rope_decay_bound_at(s.d, s.base, zero)[0];

  const double width = request.width;
  if (s.scheme == Scheme::Xpos)
    return xpos_decay_figure(s, f, rs, max, b0, params, sampled, width, request.height);
  f.title =
      reflow::heading({f.title, "RoPE decay: the RoFormer bound B(r)", "RoPE decay bound B(r)"},
                      reflow::kTitle, true, width);
  std::string subtitle =
      fmt("d = %d%sbase = %s%sr = 0%s%ld", s.d, kDot, num(s.base).c_str(), kDot, "–", max);
  std::string brief =
      fmt("d = %d%sr = 0%s%ld%sbase %s", s.d, kDot, "–", max, kDot, num(s.base).c_str());
  if (bases.size() > 1) {
    subtitle += kDot + std::string("overlaid bases");
    for (std::size_t j = 1; j < bases.size(); ++j) {
      subtitle += (j == 1 ? " " : ", ") + num(bases[j]);
      brief += ", " + num(bases[j]);
    }
  }
  f.subtitle = reflow::heading({subtitle, brief}, reflow::kBody, false, width);
  plot::Panel p;
  p.title =
      "B(r) = (2/d) Σ_j |Σ_{k<j} e^{i r θ_k}|: relative upper bound on "
      "|q·k|";
  decay_axes(p, params, max, "relative distance r = |m − n|");

  double lowest = b0, highest = b0;
  std::vector<Eigen::VectorXd> curves;
  for (std::size_t j = 0; j < bases.size(); ++j) {
    const Eigen::VectorXd b = rope_decay_bound_at(s.d, bases[j], rs);
    curves.push_back(b);
    if (b.size() > 0) {
      lowest = std::min(lowest, b.minCoeff());
      highest = std::max(highest, b.maxCoeff());
    }
    plot::LineSeries l;
    l.label = j == 0 ? fmt("base %s", num(bases[j]).c_str())
                     : fmt("base %s (overlay)", num(bases[j]).c_str());
    l.color = style.series(j);
    l.width = j == 0 ? 3.0f : 2.2f;
    l.stroke = j == 0 ? plot::Stroke::Solid : plot::Stroke::Dashed;
    l.x.assign(rs.data(), rs.data() + rs.size());
    l.y.assign(b.data(), b.data() + b.size());
    if (rs.size() <= 60) l.marker = plot::Marker::Circle;
    p.lines.push_back(std::move(l));
  }
  const plot::Text b0_text = mark_b0(p, params, b0, lowest, highest);

  // Not monotone: the lowest value of the chosen base and the highest one after it.
  const Eigen::VectorXd& main = curves.front();
  std::string rise;
  if (main.size() > 2) {
    Eigen::Index at_min = 0;
    main.minCoeff(&at_min);
    if (at_min + 1 < main.size()) {
      Eigen::Index at_max = 0;
      const double later = main.tail(main.size() - at_min - 1).maxCoeff(&at_max);
      at_max += at_min + 1;
      if (later > main[at_min] * (1.0 + 1e-6)) {  // a real rise, not rounding (d = 2: B = 1)
        rise = fmt("not monotone: B(%.0f) = %.4g < B(%.0f) = %.4g", rs[at_min], main[at_min],
                   rs[at_max], later);
        for (Eigen::Index idx : {at_min, at_max}) {
          plot::LineSeries dot;
          dot.x = {rs[idx]};
          dot.y = {main[idx]};
          dot.color = style.series(6);
          dot.marker = plot::Marker::Diamond;
          dot.marker_size = 7.0f;
          dot.width = 0.0f;
          if (idx == at_min) dot.label = "lowest shown, then higher again";
          p.lines.push_back(dot);
        }
      }
    }
  }
  p.texts.push_back(b0_text);
  const int d = s.d;
  const std::vector<double> bs = bases;
  const bool log_x = params.log_x;
  p.readout = [d, bs, max, log_x](double x, double) -> std::vector<std::string> {
    const long r = std::lround(x);
    if (r < (log_x ? 1 : 0) || r > max) return {};
    Eigen::VectorXd at(1);
    at << static_cast<double>(r);
    std::vector<std::string> lines{fmt("distance r = %ld", r)};
    for (double b : bs)
      lines.push_back(
          fmt("base %s: B(%ld) = %.12g", num(b).c_str(), r, rope_decay_bound_at(d, b, at)[0]));
    return lines;
  };
  const std::string plain_note = rise.empty() ? std::string("B(r) over the distances shown") : rise;
  f.note = reflow::heading({sampled.empty() ? plain_note : plain_note + kDot + sampled, plain_note},
                           reflow::kSmall, false, width);
  lay_out_decay(p, f, width, request.height, num(b0));
  f.panels.push_back(std::move(p));
  return f;
}

void rope_decay_table(const SharedParams& s, const RopeDecayParams& params,
                      plot::TableSink& table) {
  const std::vector<double> bases = decay_bases(s, params);
  const long max = std::clamp(params.max_distance, 1, kMaxDistance);
  if (s.scheme == Scheme::Xpos) {
    require_table_cells(static_cast<double>(max) * s.d / 64.0 * 3.0, "the decay bound",
                        "lower --max-distance or --d");
    const Eigen::VectorXd rs = Eigen::VectorXd::LinSpaced(max + 1, 0.0, static_cast<double>(max));
    const Eigen::VectorXd xb = xpos_decay_bound_at(s.d, s.base, kXposScaleBase, rs);
    const Eigen::VectorXd rb = rope_decay_bound(s.d, s.base, max);
    const Eigen::VectorXd env = xpos_envelope(xpos_zeta(s.d), kXposScaleBase, rs);
    table.header({"distance", "xpos_bound", "rope_bound", "mean_zeta_power"});
    for (long r = 0; r <= max; ++r) {
      table.cell(r).cell(xb[r]).cell(rb[r]).cell(env[r]);
      table.end_row();
    }
    return;
  }
  // B(r) costs d/2 complex additions per distance and base.
  require_table_cells(static_cast<double>(max) * s.d / 64.0 * static_cast<double>(bases.size()),
                      "the decay bound", "lower --max-distance or --d");
  std::vector<Eigen::VectorXd> bounds;
  for (double b : bases) bounds.push_back(rope_decay_bound(s.d, b, max));
  std::vector<std::string> header{"distance"};
  for (double b : bases) {
    // Whole bases in digits (bound_500000), others as the shortest exact text (bound_1234.5).
    char text[32];
    char* end = text + std::snprintf(text, sizeof text, "%.0f", b);
    if (b != std::floor(b) || b >= 1e15) end = std::to_chars(text, text + sizeof text, b).ptr;
    const std::string base_text(text, static_cast<std::size_t>(end - text));
    header.push_back(bases.size() == 1 ? "bound" : "bound_" + base_text);
  }
  table.header(header);
  for (long r = 0; r <= max; ++r) {
    table.cell(r);
    for (const Eigen::VectorXd& bound : bounds) table.cell(bound[r]);
    table.end_row();
  }
}

plot::TableWriter RopeDecayView::table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) { rope_decay_table(shared, params, t); };
}

TableColumns RopeDecayView::table_columns() const {
  return {
      "distance,bound (with --bases: distance,bound_<base>,...; xPos: "
      "distance,xpos_bound,rope_bound,mean_zeta_power)",
      "RoFormer's decay bound B(r), r = 0..--max-distance, per base drawn; xPos: its bound, "
      "RoPE's and the mean of zeta_i^(r/512)"};
}

FigureBuilder RopeDecayView::builder(const SharedParams& shared,
                                     const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return rope_decay_figure(shared, params, request);
  };
}

}  // namespace peviz
