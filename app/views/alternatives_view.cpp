#include "alternatives_view.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/plot/style.hpp"
#include "core/alternative_checks.hpp"
#include "core/alternative_encoding.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr const char* kTick = "\xE2\x9C\x93";     // ✓
constexpr const char* kCross = "\xE2\x9C\x97";    // ✗
constexpr const char* kInf = "\xE2\x88\x9E";      // ∞
constexpr const char* kArrow = "\xE2\x86\x92";    // →
constexpr const char* kPointer = "\xE2\x96\xB6";  // ▶
constexpr const char* kMinus = "\xE2\x88\x92";    // −
constexpr const char* kDot = "\xC2\xB7";          // ·
constexpr const char* kNorm = "\xE2\x80\x96";     // ‖
constexpr double kTanColours = 3.0;  // tan's colours are clipped at +-3 (hover shows the value)
constexpr double kLogFloor = 1e-18;  // the residual axis starts here (exact fits sit on it)

AltEncodingParams alt_params(const SharedParams& s, AltEncoding kind, long positions) {
  AltEncodingParams p;
  p.kind = kind;
  p.d = s.d;
  p.base = s.base;
  p.positions = positions;
  p.start = s.start;
  p.layout = s.layout;
  return p;
}

AltEncoding chosen(const AlternativesParams& params) {
  const int i = std::clamp(params.encoding, 0, static_cast<int>(std::size(kAllAltEncodings)) - 1);
  return kAllAltEncodings[i];
}

// Short names for the table and the bars.
const char* short_name(AltEncoding k) {
  switch (k) {
    case AltEncoding::Integer:
      return "integer";
    case AltEncoding::Normalised:
      return "normalised";
    case AltEncoding::Binary:
      return "binary";
    case AltEncoding::SinOnly:
      return "sin only";
    case AltEncoding::Tan:
      return "tan";
    case AltEncoding::SinCos:
      return "sin/cos";
  }
  return "";
}

// What goes wrong, in a few words, under the name in the table.
const char* reason(AltEncoding k) {
  switch (k) {
    case AltEncoding::Integer:
      return "grows with p";
    case AltEncoding::Normalised:
      return "depends on length";
    case AltEncoding::Binary:
      return "repeats after 2^d";
    case AltEncoding::SinOnly:
      return "no cos partner";
    case AltEncoding::Tan:
      return "poles at \xCF\x80/2 + m\xCF\x80";
    case AltEncoding::SinCos:
      return "each pair rotates";
  }
  return "";
}

// Normalised's divisor: the last position L - 1 of the sequence 0 .. L-1 shown (at least 1),
// as core/alternative_encoding.hpp defines it.
long last_position(const SharedParams& s) {
  return std::max(1L, static_cast<long>(s.start) + s.positions - 1);
}

// The heatmap's title: the formula of the chosen encoding.
std::string formula_title(AltEncoding k, const SharedParams& s) {
  const long div = last_position(s);
  switch (k) {
    case AltEncoding::Integer:
      return "Raw integer: PE(p, j) = p";
    case AltEncoding::Normalised:
      return s.start == 0 ? fmt("Normalised: p / (N%s1) = p / %ld", kMinus, div)
                          : fmt("Normalised: p / %ld, the last p", div);
    case AltEncoding::Binary:
      return "Binary: bit j of p";
    case AltEncoding::SinOnly:
      return fmt("Sin only: sin(p%sbase^(%sj/d))", kDot, kMinus);
    case AltEncoding::Tan:
      return fmt("Tan: tan(p%sbase^(%sj/d))", kDot, kMinus);
    case AltEncoding::SinCos:
      return "Sin/cos: sin(p\xC2\xB7\xCF\x89\xE1\xB5\xA2), cos(p\xC2\xB7\xCF\x89\xE1\xB5\xA2)";
  }
  return "";
}

// `text` in lines of at most about `chars` characters, broken between words.
std::vector<std::string> wrap_words(const std::string& text, int chars) {
  std::vector<std::string> lines{""};
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    if (!lines.back().empty() && static_cast<int>(lines.back().size() + 1 + word.size()) > chars)
      lines.emplace_back();
    lines.back() += (lines.back().empty() ? "" : " ") + word;
    at = end + 1;
  }
  return lines;
}

// p in binary, most significant bit first ("100101").
std::string binary_text(long p) {
  if (p == 0) return "0";
  std::string s;
  for (unsigned long long u = static_cast<unsigned long long>(p); u != 0; u >>= 1)
    s.insert(s.begin(), (u & 1ULL) ? '1' : '0');
  return s;
}

// The hover readout of cell (p, j), every number from core.
std::vector<std::string> cell_readout(const SharedParams& s, AltEncoding kind, long p, int j) {
  const AltEncodingParams ap = alt_params(s, kind, s.positions);
  const AltCell c = alternative_cell(ap, p, j);
  std::vector<std::string> out{fmt("position %ld, dimension %d", p, j)};
  switch (kind) {
    case AltEncoding::Integer:
      out.push_back(fmt("PE(%ld, %d) = p = %.17g", p, j, c.value));
      break;
    case AltEncoding::Normalised: {
      const long div = last_position(s);
      out.push_back(fmt("PE(%ld, %d) = %ld / %ld = %.6g", p, j, p, div, c.value));
      // The same position in a sequence twice as long: 0 .. 2L-1.
      const long length = static_cast<long>(s.start) + s.positions;
      const AltCell twice = alternative_cell(alt_params(s, kind, 2L * length - s.start), p, j);
      out.push_back(fmt("in a sequence of %ld it would be %ld / %ld = %.6g", 2L * length, p,
                        2L * length - 1, twice.value));
      break;
    }
    case AltEncoding::Binary:
      out.push_back(fmt("PE(%ld, %d) = bit %d of %ld = %.0f", p, j, j, p, c.value));
      out.push_back(fmt("%ld = %s in binary (bit 0 on the right)", p, binary_text(p).c_str()));
      break;
    case AltEncoding::SinOnly:
    case AltEncoding::Tan: {
      const char* fn = kind == AltEncoding::Tan ? "tan" : "sin";
      out.push_back(
          fmt("v = %s^(%s%d/%d) = %.6g", num(s.base).c_str(), kMinus, j, s.d, c.frequency));
      out.push_back(fmt("PE(%ld, %d) = %s(%ld \xC3\x97 %.6g) = %s(%.6g) = %.6g", p, j, fn, p,
                        c.frequency, fn, c.angle, c.value));
      break;
    }
    case AltEncoding::SinCos: {
      const char* fn = c.is_cos ? "cos" : "sin";
      out.push_back(fmt("pair %d: \xCF\x89 = %s^(%s2\xC2\xB7%d/%d) = %.6g",
                        column_role(j, s.d, s.layout).pair, num(s.base).c_str(), kMinus,
                        column_role(j, s.d, s.layout).pair, s.d, c.frequency));
      out.push_back(fmt("PE(%ld, %d) = %s(%ld \xC3\x97 %.6g) = %s(%.6g) = %.6g", p, j, fn, p,
                        c.frequency, fn, c.angle, c.value));
      break;
    }
  }
  return out;
}

// --- The heatmap of the chosen encoding --------------------------------------------------
plot::Panel encoding_panel(const SharedParams& s, AltEncoding kind,
                           const plot::FigureRequest& request, std::string& note) {
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  plot::Panel panel;
  panel.id = "encoding";
  panel.right = 0.31f;
  panel.title = formula_title(kind, s);
  panel.x.label = "dimension j";
  panel.x.lo = -0.5;
  panel.x.hi = s.d - 0.5;
  panel.x.integer = true;
  panel.y = position_axis(first - 0.5, last + 0.5, true, "position p");
  panel.legend = plot::Corner::None;
  const plot::DataWindow w = window_of(panel, request);
  const Samples rows =
      sample_range(first, last, w.y_lo, w.y_hi, std::max(64, request.height - 180));
  const Samples cols =
      sample_range(0, s.d - 1, w.x_lo, w.x_hi, std::max(32, request.width * 31 / 100 - 150));
  const AltEncodingParams ap = alt_params(s, kind, s.positions);
  plot::HeatmapLayer h =
      heatmap_over(rows, cols, alternative_cells(ap, rows.values, cols.values.cast<int>()));
  const auto div = static_cast<double>(last_position(s));
  switch (kind) {
    case AltEncoding::Integer:
      h.colormap = ColormapId::Viridis;
      h.lo = static_cast<double>(first);
      h.hi = std::max<double>(last, first + 1.0);
      h.value_label = "value";
      break;
    case AltEncoding::Normalised:
      h.colormap = ColormapId::Viridis;
      h.lo = static_cast<double>(first) / div;
      h.hi = std::max(last / div, h.lo + 1e-9);
      h.value_label = "value";
      break;
    case AltEncoding::Binary:
      h.colormap = ColormapId::Viridis;
      h.lo = 0.0;
      h.hi = 1.0;
      h.value_label = "bit";
      break;
    case AltEncoding::Tan:
      h.lo = -kTanColours;
      h.hi = kTanColours;
      h.value_label = "tan";
      note +=
          "Tan's colours stop at \xC2\xB1"
          "3 (hover for the value). ";
      break;
    case AltEncoding::SinOnly:
    case AltEncoding::SinCos:
      h.lo = -1.0;
      h.hi = 1.0;
      h.value_label = "PE value";
      break;
  }
  h.print_values = rows.values.size() <= 16 && cols.values.size() <= 12;
  h.decimals = kind == AltEncoding::Integer || kind == AltEncoding::Binary ? 0 : 2;
  panel.heatmap = std::move(h);
  const SharedParams copy = s;
  panel.readout = [copy, kind](double x, double y) -> std::vector<std::string> {
    const long p = std::lround(y);
    const int j = static_cast<int>(std::lround(x));
    if (j < 0 || j >= copy.d || p < copy.start ||
        p >= static_cast<long>(copy.start) + copy.positions)
      return {};
    return cell_readout(copy, kind, p, j);
  };
  const std::string rn = stride_note(rows, "position"), cn = stride_note(cols, "dimension");
  if (!rn.empty() || !cn.empty())
    note += "Heatmap: " + rn + (rn.empty() || cn.empty() ? "" : " and ") + cn + ". ";
  return panel;
}

// A verdict glyph and its number in a table cell at (x, y).
void cell(plot::Panel& t, double x, double y, int verdict, const std::string& number,
          const plot::Style& style, bool bold) {
  // verdict: 1 pass, 0 fail, -1 cannot tell
  const plot::Color c = verdict > 0 ? style.good : (verdict == 0 ? style.bad : style.muted);
  t.texts.push_back(
      {x, y, verdict > 0 ? kTick : (verdict == 0 ? kCross : "?"), c, 1.25f, true, 0.0f, 0.5f});
  t.texts.push_back({x + 30, y, number, style.text, 1.0f, bold, 0.0f, 0.5f});
}

std::string residual_text(const ShiftFit& f) {
  return fmt("%.2g", f.relative);
}

// A largest value, readable: 2806 rather than 2.81e+03, 1.25e+06 when it is huge.
std::string size_text(double v) {
  return v >= 100.0 && v < 1e6 ? fmt("%.0f", v) : fmt("%.3g", v);
}

// --- The table: six encodings x the checks ----------------------------------------------
plot::Panel table_panel(const std::vector<AlternativeChecks>& all, AltEncoding kind, long k,
                        long first, const plot::FigureRequest& request, const plot::Style& style,
                        const std::string& coverage) {
  plot::Panel t;
  t.id = "checks";
  t.left = 0.35f;
  t.bottom = 0.56f;
  t.title = "Six encodings, three checks " + coverage;
  t.axes = false;
  t.grid = false;
  t.legend = plot::Corner::None;
  t.equal_aspect = true;
  // Data units are about pixels (equal_aspect fixes the real scale).
  const double W = std::max(400.0, request.width * 0.65 - 20.0);
  const double H = std::max(220.0, request.height * 0.56 - 60.0);
  t.x.lo = 0.0;
  t.x.hi = W;
  t.y.lo = 0.0;
  t.y.hi = H;
  t.y.inverted = true;
  // Columns sized for their widest cells at the body font (the name, "✗ 2806 → ∞",
  // "✗ 0: p 0, 16", "✓ 1.1e-15"), so that the table fits a 760-pixel-wide panel.
  const double cx[] = {8.0, 0.235 * W, 0.42 * W, 0.62 * W, 0.815 * W};
  const double head = 24.0, sub = 52.0;
  const double row_h = (H - 78.0) / 6.0;
  const char* heads[] = {"encoding", "bounded?", "unique?", "linear shift?", "affine shift?"};
  for (int c = 0; c < 5; ++c)
    t.texts.push_back({cx[c], head, heads[c], style.text, 1.05f, true, 0.0f, 0.5f});
  const std::string subs[] = {"", "max |PE|", "min distance", fmt("residual, k = %ld", k),
                              "with an offset b"};
  for (int c = 1; c < 5; ++c)
    t.texts.push_back({cx[c], sub, subs[c], style.muted, 0.8f, false, 0.0f, 0.5f});
  for (std::size_t i = 0; i < all.size(); ++i) {
    const AlternativeChecks& a = all[i];
    const bool me = a.kind == kind;
    const double y = 78.0 + row_h * (i + 0.5);
    if (me) {
      t.bands.push_back({false, y - row_h / 2, y + row_h / 2, plot::series_ink(0, 0.16f), ""});
      t.texts.push_back({cx[0] - 2, y - 10, kPointer, style.series(0), 0.8f, false, 0.0f, 0.5f});
    }
    t.texts.push_back({cx[0] + 20, y - 10, short_name(a.kind), style.text, 1.0f, true, 0.0f, 0.5f});
    t.texts.push_back({cx[0] + 20, y + 13, reason(a.kind), style.muted, 0.75f, false, 0.0f, 0.5f});
    const std::string bound = a.bounded ? size_text(a.bound.max_abs)
                                        : size_text(a.bound.max_abs) + " " + kArrow + " " + kInf;
    cell(t, cx[1], y, a.bounded ? 1 : 0, bound, style, me);
    // Not unique: the closest pair shares a code (rows are positions first, first+1, ...).
    const std::string unique = a.unique
                                   ? fmt("%.3g", a.uniqueness.min_distance)
                                   : fmt("%.3g: p %ld, %ld", a.uniqueness.min_distance,
                                         first + a.uniqueness.first, first + a.uniqueness.second);
    cell(t, cx[2], y, a.unique ? 1 : 0, unique, style, me);
    cell(t, cx[3], y, a.linear.informative ? int{a.linear_shift} : -1, residual_text(a.linear),
         style, me);
    cell(t, cx[4], y, a.affine.informative ? int{a.affine_shift} : -1, residual_text(a.affine),
         style, me);
  }
  return t;
}

// --- The residuals as bars on a log scale -----------------------------------------------
plot::Panel residual_panel(const std::vector<AlternativeChecks>& all, AltEncoding kind, long k,
                           const plot::Style& style) {
  plot::Panel b;
  b.id = "residuals";
  b.left = 0.35f;
  b.top = 0.60f;
  b.title = fmt("Shift residual %sPE[p+k] %s M%sPE[p]%s / %sPE[p+k]%s  (k = %ld)", kNorm, kMinus,
                kDot, kNorm, kNorm, kNorm, k);
  b.x.lo = -0.7;  // room for the value over the last bar
  b.x.hi = all.size() - 0.3;
  for (const AlternativeChecks& a : all) b.x.categories.push_back(short_name(a.kind));
  b.y.label = "relative residual";
  b.y.log = true;
  b.y.lo = kLogFloor;
  b.y.hi = 300.0;  // room for the values over the bars
  b.grid = true;
  b.legend = plot::Corner::Outside;
  plot::Bars pass, fail, unknown;
  pass.label = "linear M";
  pass.color = style.good;
  fail.label = "no linear M";
  fail.color = style.bad;
  unknown.label = "too few pairs to tell";
  unknown.color = style.muted;
  for (plot::Bars* bars : {&pass, &fail, &unknown}) {
    bars->base = kLogFloor;
    bars->width = 0.6;
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    const AlternativeChecks& a = all[i];
    plot::Bars& to = !a.linear.informative ? unknown : (a.linear_shift ? pass : fail);
    const double v = std::max(a.linear.relative, kLogFloor);
    to.x.push_back(static_cast<double>(i));
    to.height.push_back(v);
    const bool me = a.kind == kind;
    b.texts.push_back({static_cast<double>(i), v * 2.5, residual_text(a.linear), style.text,
                       me ? 1.0f : 0.9f, me, 0.5f, 1.0f});
  }
  for (plot::Bars* bars : {&pass, &fail, &unknown}) {
    if (!bars->x.empty()) b.bars.push_back(std::move(*bars));
  }
  // The tolerance as a dashed level in the legend (a label on the line would cross the bars).
  plot::LineSeries tol;
  tol.label = "tolerance 1e-8";
  tol.color = style.text;
  tol.width = 1.5f;
  tol.stroke = plot::Stroke::Dashed;
  tol.x = {b.x.lo, b.x.hi};
  tol.y = {kShiftTolerance, kShiftTolerance};
  b.lines.push_back(std::move(tol));
  return b;
}

}  // namespace

void AlternativesParams::visit(ParamVisitor& v) {
  visit_enum(v,
             {"encoding",
              "heatmap of",
              "the encoding drawn as a heatmap (the table shows all six)",
              0,
              0,
              false,
              false,
              {"integer", "normalised", "binary", "sin", "tan", "sincos"}},
             encoding);
  v.visit({"offset", "offset k",
           "the shift k of the linear-shift test: fit M with PE[p+k] = M PE[p] (may be negative)",
           -100000, 100000, false},
          offset);
}

std::vector<std::string> AlternativesView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions", "start", "layout"};
}

std::string AlternativesView::explanation(const SharedParams&) const {
  return "Why not just add the position number p, or use sin alone, or tan? Each candidate is "
         "checked on the real numbers. Bounded: a raw p grows without limit and drowns the word's "
         "embedding, and tan shoots to \xC2\xB1\xE2\x88\x9E near odd multiples of \xCF\x80/2, "
         "which "
         "integers keep approaching. Unique: every position needs its own code; d bits repeat "
         "after 2^d positions. Linear shift: the best single matrix M with PE[p+k] \xE2\x89\x88 "
         "M\xC2\xB7PE[p] for every p is fitted by least squares, and its residual says whether one "
         "exists. With sin AND cos of the same frequency, moving k positions turns each (sin, cos) "
         "pair by the angle k\xC2\xB7\xCF\x89 (the angle-addition formulas), so the residual is "
         "only "
         "rounding, about 1e-15. sin alone would need the missing cos, tan's poles and the carries "
         "of binary counting break any linear map, and p or p/(N\xE2\x88\x92"
         "1) shift by adding a "
         "constant: affine, not linear. Normalised positions also change whenever the sequence "
         "length N changes. Only sin/cos passes all three.";
}

plot::Figure alternatives_figure(const SharedParams& s, const AlternativesParams& params,
                                 const plot::FigureRequest& request, const ProgressFn& progress) {
  const plot::Style style = plot::ink_style();
  const AltEncoding kind = chosen(params);
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const long k = params.offset;
  plot::Figure f;
  f.title = "Why sin AND cos? Six encodings, three checks";
  f.subtitle = fmt("d_model = %d %s base = %s %s positions %s %s offset k = %ld %s heatmap: %s",
                   s.d, kDot, num(s.base).c_str(), kDot, span(first, last).c_str(), kDot, k, kDot,
                   alt_encoding_title(kind));
  if (s.positions < 1) {
    f.message = "No positions: set positions to 1 or more.";
    return f;
  }
  std::string note;
  f.panels.push_back(encoding_panel(s, kind, request, note));
  report_progress(progress, 0.05);

  // The checks: on at most kCheckPositions rows and kCheckDims dimensions (the fit costs N d^2).
  const long checked = std::min({static_cast<long>(s.positions), AlternativesView::kCheckPositions,
                                 AlternativesView::kCheckWork / (static_cast<long>(s.d) * s.d)});
  const std::string coverage =
      checked == s.positions
          ? fmt("(positions %s)", span(first, last).c_str())
          : fmt("(the first %ld positions, %s)", checked, span(first, first + checked - 1).c_str());
  std::string problem;
  std::vector<AlternativeChecks> all;
  if (s.d > AlternativesView::kCheckDims) {
    problem =
        fmt("The checks fit a d\xC3\x97"
            "d matrix M by least squares for six encodings "
            "(about N\xC2\xB7"
            "d\xC2\xB2 work each): they run up to d_model = %d. Lower "
            "d_model to see them.",
            AlternativesView::kCheckDims);
  } else {
    try {
      all = check_all_alternatives(alt_params(s, kind, checked), k, [&](double x) {
        return progress ? progress(0.05 + 0.95 * x) : true;
      });
    } catch (const InvalidArgument& e) {
      problem = std::string("The checks cannot run: ") + e.what() + ".";
    }
  }
  if (!problem.empty()) {
    plot::Panel t;
    t.id = "checks";
    t.left = 0.35f;
    t.title = "Six encodings, three checks";
    t.axes = false;
    t.grid = false;
    t.legend = plot::Corner::None;
    t.x.lo = 0.0;
    t.x.hi = 1.0;
    t.y.lo = 0.0;
    t.y.hi = 1.0;
    t.y.inverted = true;
    const std::vector<std::string> lines = wrap_words(problem, std::max(30, request.width / 20));
    for (std::size_t i = 0; i < lines.size(); ++i)
      t.texts.push_back({0.02, 0.08 + 0.04 * i, lines[i], style.bad, 1.0f, false, 0.0f, 0.5f});
    f.panels.push_back(std::move(t));
  } else {
    // The table's numbers, by encoding and check, for the CSV.
    for (const AlternativeChecks& a : all) {
      const std::string name = alt_encoding_name(a.kind);
      f.values.emplace_back(name + "_max_abs", a.bound.max_abs);
      f.values.emplace_back(name + "_supremum", a.bound.supremum);
      f.values.emplace_back(name + "_bounded", a.bounded ? 1.0 : 0.0);
      f.values.emplace_back(name + "_min_distance", a.uniqueness.min_distance);
      f.values.emplace_back(name + "_unique", a.unique ? 1.0 : 0.0);
      f.values.emplace_back(name + "_shift_residual", a.linear.relative);
      f.values.emplace_back(name + "_linear_shift", a.linear_shift ? 1.0 : 0.0);
    }
    f.panels.push_back(table_panel(all, kind, k, first, request, style, coverage));
    f.panels.push_back(residual_panel(all, kind, k, style));
    if (checked < s.positions)
      note +=
          fmt("The checks use the first %ld of %d positions (the fit costs N\xC2\xB7"
              "d\xC2\xB2). ",
              checked, s.positions);
    bool unsure = false;
    for (const AlternativeChecks& a : all) {
      unsure = unsure || !a.linear.informative;
      if (!a.unique) {
        note += fmt("%s: positions %ld and %ld get the same code. ", short_name(a.kind),
                    first + a.uniqueness.first, first + a.uniqueness.second);
      }
    }
    if (unsure)
      note +=
          "?: no more position pairs than independent inputs, so any map fits: use more "
          "positions. ";
  }
  if (!note.empty()) note.pop_back();
  f.note = note;
  return f;
}

FigureBuilder AlternativesView::builder(const SharedParams& shared,
                                        const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn& progress) {
    return alternatives_figure(shared, params, request, progress);
  };
}

}  // namespace peviz
