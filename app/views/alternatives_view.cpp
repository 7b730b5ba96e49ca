#include "alternatives_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>

#include "app/plot/style.hpp"
#include "core/alternative_checks.hpp"
#include "core/alternative_encoding.hpp"
#include "core/validate.hpp"
#include "encoding_view.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr const char* kTick = "✓";     // ✓
constexpr const char* kCross = "✗";    // ✗
constexpr const char* kInf = "∞";      // ∞
constexpr const char* kArrow = "→";    // →
constexpr const char* kPointer = "▶";  // ▶
constexpr const char* kMinus = "−";    // −
constexpr const char* kDot = "·";      // ·
constexpr const char* kNorm = "‖";     // ‖
constexpr double kTanColours = 3.0;    // tan's colours are clipped at +-3 (hover shows the value)
constexpr double kLogFloor = 1e-18;    // the residual axis starts here (exact fits sit on it)

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

// The encodings' command-line names (core's), in kAllAltEncodings order.
std::vector<const char*> encoding_names() {
  std::vector<const char*> names;
  for (AltEncoding kind : kAllAltEncodings) names.push_back(alt_encoding_name(kind));
  return names;
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
      return "poles at π/2 + mπ";
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
      return "Sin/cos: sin(p·ωᵢ), cos(p·ωᵢ)";
  }
  return "";
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
      out.push_back(fmt("PE(%ld, %d) = %s(%ld × %.6g) = %s(%.6g) = %.6g", p, j, fn, p, c.frequency,
                        fn, c.angle, c.value));
      break;
    }
    case AltEncoding::SinCos: {
      const char* fn = c.is_cos ? "cos" : "sin";
      out.push_back(fmt("pair %d: ω = %s^(%s2·%d/%d) = %.6g", column_role(j, s.d, s.layout).pair,
                        num(s.base).c_str(), kMinus, column_role(j, s.d, s.layout).pair, s.d,
                        c.frequency));
      out.push_back(fmt("PE(%ld, %d) = %s(%ld × %.6g) = %s(%.6g) = %.6g", p, j, fn, p, c.frequency,
                        fn, c.angle, c.value));
      break;
    }
  }
  return out;
}

// --- The heatmap of the chosen encoding --------------------------------------------------
plot::Panel encoding_panel(const SharedParams& s, AltEncoding kind,
                           const plot::FigureRequest& request, const fit::Box& area,
                           std::string& note) {
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  plot::Panel panel;
  panel.id = "encoding";
  // The formula as the title, or the encoding's name when two lines of the panel cannot hold it.
  panel.title = fit::first_fitting({formula_title(kind, s), alt_encoding_title(kind)}, area.width(),
                                   fit::kPanelTitle, true, 2);
  panel.x.label = "dimension j";
  panel.x.lo = -0.5;
  panel.x.hi = s.d - 0.5;
  panel.x.integer = true;
  panel.y = position_axis(first - 0.5, last + 0.5, true, "position p");
  panel.legend = plot::Corner::None;
  const plot::DataWindow w = window_of(panel, request);
  const Samples rows = sample_range(first, last, w.y_lo, w.y_hi,
                                    std::max(64, static_cast<int>(area.height()) - 100));
  const Samples cols =
      sample_range(0, s.d - 1, w.x_lo, w.x_hi, std::max(32, static_cast<int>(area.width()) - 150));
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
          "Tan's colours stop at ±"
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

std::string residual_text(const ShiftFit& f) {
  return fmt("%.2g", f.relative);
}

// A largest value, readable: 2806 rather than 2.81e+03, 1.25e+06 when it is huge.
std::string size_text(double v) {
  return v >= 100.0 && v < 1e6 ? fmt("%.0f", v) : fmt("%.3g", v);
}

// Shorter names for a narrow table ("p/(N−1)" for normalised).
const char* narrow_name(AltEncoding k) {
  return k == AltEncoding::Normalised ? "p/(N−"
                                        "1)"
                                      : short_name(k);
}

// --- The table: six encodings x the checks ----------------------------------------------
// Sizes of the table's texts, relative to the body font (20 px), and their heights in px.
constexpr float kHeadScale = 1.05f, kSubScale = 0.8f, kGlyphScale = 1.25f, kReasonScale = 0.75f;
constexpr double kGlyphW = 0.84 * 25.0 * 1.03;  // ✓ / ✗ at 1.25
constexpr double kNumberAt = 28.0;  // a cell's number starts this far right of its glyph
constexpr double kGap = 12.0;       // between columns, at least

// How the table is written: from the full one (every number, the checks' names with what
// they measure, each encoding's problem under its name) to a narrow one (verdicts only, and
// the numbers of the encoding shown in lines below).
struct TableSpec {
  bool numbers = true;        // every cell's number beside its glyph
  bool linear_number = true;  // (without numbers) the linear residuals still beside their glyph
  bool subs = true;           // "max |PE|", "min distance", ... under the headers
  bool reasons = true;        // "grows with p" under each name
  bool narrow_names = false;  // "p/(N−1)" and short headers
};

// Where the table's columns go (x of each column's left edge or centre), and its size.
struct TableGeometry {
  double x[5] = {};
  bool stagger = false;  // headers on two rows, alternating
  bool centred = false;  // glyph-only columns: header and glyph centred on x
  double width = 0.0, height = 0.0, rows_top = 0.0, row_h = 0.0;
  double min_width = 0.0;  // the width it needs at the narrowest gaps
};

struct TableTexts {
  std::string head[5], sub[5];
  std::vector<std::array<std::string, 5>> cells;  // [0] the name
};

TableTexts table_texts(const std::vector<AlternativeChecks>& all, long k, long first,
                       const TableSpec& spec) {
  TableTexts t;
  const char* heads[] = {"encoding", "bounded?", "unique?", "linear shift?", "affine shift?"};
  const char* short_heads[] = {"", "bounded", "unique", "linear", "affine"};
  const std::string subs[] = {"", "max |PE|", "min distance", fmt("residual, k = %ld", k),
                              "with an offset b"};
  for (int c = 0; c < 5; ++c) {
    t.head[c] = spec.narrow_names ? short_heads[c] : heads[c];
    t.sub[c] = spec.subs ? subs[c] : "";
  }
  for (const AlternativeChecks& a : all) {
    std::array<std::string, 5> row;
    row[0] = spec.narrow_names ? narrow_name(a.kind) : short_name(a.kind);
    row[1] = a.bounded ? size_text(a.bound.max_abs)
                       : size_text(a.bound.max_abs) + " " + kArrow + " " + kInf;
    // Not unique: the closest pair shares a code (rows are positions first, first+1, ...).
    row[2] = a.unique ? fmt("%.3g", a.uniqueness.min_distance)
                      : fmt("%.3g: p %ld, %ld", a.uniqueness.min_distance,
                            first + a.uniqueness.first, first + a.uniqueness.second);
    row[3] = residual_text(a.linear);
    row[4] = residual_text(a.affine);
    if (!spec.numbers) {
      row[1] = row[2] = row[4] = "";
      if (!spec.linear_number) row[3] = "";
    }
    t.cells.push_back(std::move(row));
  }
  return t;
}

// The table's columns for a plot `width` px wide, or nullopt when they do not fit.
std::optional<TableGeometry> table_geometry(const TableTexts& t, const TableSpec& spec,
                                            double width, double lines_below) {
  TableGeometry g;
  const double body = fit::kBody;
  // The name column: the pointer, then the name (and its reason).
  double name_w = fit::text_px(t.head[0], body * kHeadScale, true);
  for (std::size_t i = 0; i < t.cells.size(); ++i) {
    name_w = std::max(name_w, 18.0 + fit::text_px(t.cells[i][0], body, true));
    if (spec.reasons)
      name_w =
          std::max(name_w, 18.0 + fit::text_px(reason(kAllAltEncodings[i]), body * kReasonScale));
  }
  double cell_w[5] = {}, head_w[5] = {};
  for (int c = 1; c < 5; ++c) {
    head_w[c] = std::max(fit::text_px(t.head[c], body * kHeadScale, true),
                         fit::text_px(t.sub[c], body * kSubScale));
    cell_w[c] = kGlyphW;
    for (const auto& row : t.cells) {
      if (!row[c].empty())
        cell_w[c] = std::max(cell_w[c], kNumberAt + fit::text_px(row[c], body, true));
    }
  }
  const bool glyphs_only = !spec.numbers;
  g.x[0] = 2.0;
  if (!glyphs_only) {
    // Left-aligned columns under their headers, headers side by side.
    double need = g.x[0] + name_w;
    double w[5] = {name_w};
    for (int c = 1; c < 5; ++c) {
      w[c] = std::max(cell_w[c], head_w[c]);
      need += kGap + w[c];
    }
    if (need > width) return std::nullopt;
    g.min_width = need;
    // Spare room widens the gaps (up to four times), then stays on the right.
    const double gap = kGap + std::min(3.0 * kGap, (width - need) / 4.0);
    for (int c = 1; c < 5; ++c) g.x[c] = g.x[c - 1] + w[c - 1] + gap;
    g.width = g.x[4] + w[4];
  } else {
    // Glyph columns centred on x, headers centred over them; on two alternating rows when
    // neighbours would touch.
    g.centred = true;
    const auto place = [&](bool stagger) {
      double x[5] = {g.x[0]};
      // Column 1's glyph (and, unstaggered, its header) clears the names.
      x[1] = g.x[0] + name_w + kGap + std::max(cell_w[1] / 2, 0.0);
      if (!spec.subs && !stagger) x[1] = std::max(x[1], g.x[0] + name_w + kGap + head_w[1] / 2);
      for (int c = 2; c < 5; ++c) {
        // The previous column's cell (its glyph centred, a number to its right).
        const double prev_right = cell_w[c - 1] > kGlyphW ? x[c - 1] - kGlyphW / 2 + cell_w[c - 1]
                                                          : x[c - 1] + kGlyphW / 2;
        x[c] = prev_right + kGap + kGlyphW / 2;
        if (!stagger) x[c] = std::max(x[c], x[c - 1] + (head_w[c - 1] + head_w[c]) / 2 + kGap);
        if (stagger && c >= 3)
          x[c] = std::max(x[c], x[c - 2] + (head_w[c - 2] + head_w[c]) / 2 + kGap);
      }
      double right = x[4] + std::max(kGlyphW, head_w[4]) / 2;
      for (int c = 1; c < 5; ++c) {
        if (cell_w[c] > kGlyphW) right = std::max(right, x[c] - kGlyphW / 2 + cell_w[c]);
      }
      // Headers must not start left of the plot.
      const double left = x[1] - head_w[1] / 2;
      const double shift = left < 0 ? -left : 0.0;
      for (int c = 1; c < 5; ++c) g.x[c] = x[c] + shift;
      g.width = g.min_width = right + shift;
      return g.width <= width;
    };
    g.stagger = false;
    if (!place(false)) {
      g.stagger = true;
      if (!place(true)) return std::nullopt;
    }
  }
  // Rows: under one or two header lines (and the subs).
  const double head_h = g.stagger ? 45.0 : 24.0;
  g.rows_top = head_h + (spec.subs ? 28.0 : 0.0);
  g.row_h = spec.reasons ? 44.0 : 25.0;
  g.height = g.rows_top + g.row_h * static_cast<double>(t.cells.size()) +
             (lines_below > 0 ? 4.0 + 22.0 * lines_below : 0.0);
  return g;
}

// The lines under a narrow table: the numbers of the encoding shown that its glyphs do not
// say (what fails, and its shift residual), after its formula when `formula`.
std::vector<std::string> detail_lines(const AlternativeChecks& a, long first, const TableSpec& spec,
                                      const SharedParams& s, double width, bool formula) {
  std::vector<std::string> items;
  if (!a.bounded)
    items.push_back(fmt("max |PE| %s %s %s", size_text(a.bound.max_abs).c_str(), kArrow, kInf));
  if (!a.unique)
    items.push_back(fmt("distance %.3g: p %ld and %ld", a.uniqueness.min_distance,
                        first + a.uniqueness.first, first + a.uniqueness.second));
  if (!spec.linear_number) items.push_back("residual " + residual_text(a.linear));
  if (!a.linear_shift) items.push_back("affine fit " + residual_text(a.affine));
  std::string text;
  for (const std::string& item : items)
    text += (text.empty() ? "" : std::string(" ") + kDot + " ") + item;
  std::vector<std::string> out;
  if (formula) out = fit::wrap(formula_title(a.kind, s), width);
  for (const std::string& l : fit::wrap(text, width)) out.push_back(l);
  return out;
}

void emit_table(plot::Panel& t, const TableTexts& tx, const TableSpec& spec, const TableGeometry& g,
                const std::vector<AlternativeChecks>& all, AltEncoding kind,
                const std::vector<std::string>& below, const plot::Style& style, double plot_h) {
  // Rows share what the plot has beyond the table's need (up to 1.4 times their height).
  double row_h = g.row_h;
  const double spare = plot_h - g.height;
  if (spare > 0) row_h = std::min(g.row_h * 1.4, g.row_h + spare / static_cast<double>(all.size()));
  const double x0 = g.x[0];
  const float head_align = g.centred ? 0.5f : 0.0f;
  for (int c = 0; c < 5; ++c) {
    if (tx.head[c].empty()) continue;
    const double y = g.stagger && c % 2 == 0 ? 33.0 : 11.0;
    t.texts.push_back({c == 0 ? x0 : g.x[c], y, tx.head[c], style.text, kHeadScale, true,
                       c == 0 ? 0.0f : head_align, 0.5f});
    if (!tx.sub[c].empty())
      t.texts.push_back({c == 0 ? x0 : g.x[c], y + 26.0, tx.sub[c], style.muted, kSubScale, false,
                         c == 0 ? 0.0f : head_align, 0.5f});
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    const AlternativeChecks& a = all[i];
    const bool me = a.kind == kind;
    const double y = g.rows_top + row_h * (static_cast<double>(i) + 0.5);
    const double name_y = spec.reasons ? y - 10 : y;
    if (me) {
      t.bands.push_back({false, y - row_h / 2, y + row_h / 2, plot::series_ink(0, 0.16f), ""});
      t.texts.push_back({x0, name_y, kPointer, style.series(0), 0.8f, false, 0.0f, 0.5f});
    }
    t.texts.push_back({x0 + 18, name_y, tx.cells[i][0], style.text, 1.0f, true, 0.0f, 0.5f});
    if (spec.reasons)
      t.texts.push_back(
          {x0 + 18, y + 12, reason(a.kind), style.muted, kReasonScale, false, 0.0f, 0.5f});
    const int verdicts[5] = {0, a.bounded ? 1 : 0, a.unique ? 1 : 0,
                             a.linear.informative ? int{a.linear_shift} : -1,
                             a.affine.informative ? int{a.affine_shift} : -1};
    for (int c = 1; c < 5; ++c) {
      const int v = verdicts[c];
      const plot::Color col = v > 0 ? style.good : (v == 0 ? style.bad : style.muted);
      const double gx = g.centred ? g.x[c] - kGlyphW / 2 : g.x[c];
      t.texts.push_back(
          {gx, y, v > 0 ? kTick : (v == 0 ? kCross : "?"), col, kGlyphScale, true, 0.0f, 0.5f});
      if (!tx.cells[i][c].empty())
        t.texts.push_back({gx + kNumberAt, y, tx.cells[i][c], style.text, 1.0f, me, 0.0f, 0.5f});
    }
  }
  double y = g.rows_top + row_h * static_cast<double>(all.size()) + 4.0 + 11.0;
  for (const std::string& line : below) {
    t.texts.push_back({x0, y, line, style.text, 1.0f, false, 0.0f, 0.5f});
    y += 22.0;
  }
}

// --- The residuals as bars on a log scale -----------------------------------------------
plot::Panel residual_panel(const std::vector<AlternativeChecks>& all, AltEncoding kind, long k,
                           const plot::Style& style, const fit::Box& area) {
  plot::Panel b;
  b.id = "residuals";
  b.title = fit::first_fitting(
      {fmt("Shift residual %sPE[p+k] %s M%sPE[p]%s / %sPE[p+k]%s  (k = %ld)", kNorm, kMinus, kDot,
           kNorm, kNorm, kNorm, k),
       fmt("Shift residual of the best M (k = %ld)", k), fmt("Shift residual (k = %ld)", k)},
      area.width(), fit::kPanelTitle, true, 2);
  b.x.lo = -0.7;  // room for the value over the last bar
  b.x.hi = all.size() - 0.3;
  for (const AlternativeChecks& a : all) b.x.categories.push_back(short_name(a.kind));
  b.y.label = "relative residual";
  b.y.log = true;
  b.y.lo = kLogFloor;
  b.grid = true;
  b.legend = plot::Corner::Outside;
  // The plot's size, roughly: the area less the title, the ticks and labels, and the legend
  // (beside the plot, or below it when it would take most of the width).
  bool unknown_any = false;
  for (const AlternativeChecks& a : all) unknown_any = unknown_any || !a.linear.informative;
  const double legend_w =
      17.0 * 3.3 +
      fit::text_px(unknown_any ? "too few pairs to tell" : "tolerance 1e-8", fit::kTick);
  const bool legend_below = legend_w > 0.42 * area.width();
  const double title_h =
      21.0 * (1.5 + 1.25 * (fit::lines_of(b.title, area.width(), 21.0, true) - 1));
  const double plot_w = area.width() - 100.0 - (legend_below ? 17.0 : legend_w + 31.0);
  const double plot_h = area.height() - title_h - 75.0 - (legend_below ? 17.0 * 5.0 : 0.0);
  // The values over the bars, when neighbours do not touch.
  const double pitch = plot_w / (b.x.hi - b.x.lo);
  bool values = plot_h > 60.0;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    const auto w = [&](std::size_t j) {
      const bool me = all[j].kind == kind;
      return fit::text_px(residual_text(all[j].linear), me ? 20.0 : 18.0, me);
    };
    values = values && pitch >= (w(i) + w(i + 1)) / 2 + 6.0;
  }
  // Room above the highest bar for its value (a 22 px line), in decades of the log axis.
  double top = 0.0;
  for (const AlternativeChecks& a : all)
    top = std::max(top, std::max(a.linear.relative, kLogFloor));
  const double highest = std::log10(top * 2.5), floor = -std::log10(kLogFloor);
  const double f = values ? std::min(0.6, 24.0 / std::max(plot_h, 1.0)) : 0.0;
  b.y.hi = std::max(300.0, std::pow(10.0, (highest + floor * f) / (1.0 - f) + 0.1));
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
    if (values)
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
             {.name = "encoding",
              .label = "heatmap of",
              .help = "the encoding drawn as a heatmap (the table shows all six)",
              .choices = encoding_names()},
             encoding);
  v.visit({.name = "offset",
           .label = "offset k",
           .help = "the shift k of the linear-shift test: fit M with PE[p+k] = M PE[p] (may be "
                   "negative)",
           .min = -100000,
           .max = 100000},
          offset);
}

std::vector<std::string> AlternativesView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions", "start", "layout"};
}

std::string AlternativesView::explanation(const SharedParams&) const {
  return "Why not just add the position number p, or use sin alone, or tan? Each candidate is "
         "checked on the real numbers. Bounded: a raw p grows without limit and drowns the word's "
         "embedding, and tan shoots to ±∞ near odd multiples of π/2, "
         "which "
         "integers keep approaching. Unique: every position needs its own code; d bits repeat "
         "after 2^d positions. Linear shift: the best single matrix M with PE[p+k] ≈ "
         "M·PE[p] for every p is fitted by least squares, and its residual says whether one "
         "exists. With sin AND cos of the same frequency, moving k positions turns each (sin, cos) "
         "pair by the angle k·ω (the angle-addition formulas), so the residual is "
         "only "
         "rounding, about 1e-15. sin alone would need the missing cos, tan's poles and the carries "
         "of binary counting break any linear map, and p or p/(N−"
         "1) shift by adding a "
         "constant: affine, not linear. Normalised positions also change whenever the sequence "
         "length N changes. Only sin/cos passes all three.";
}

namespace {

// One way to lay the figure out: which panels, where, and how the table is written.
struct AltLayout {
  enum class Kind { Wide, Stacked, TableOnly } kind = Kind::Wide;
  TableSpec spec;
  bool heatmap = false, bars = false, details = false, formula = false;
  float split = 0.31f;  // Wide: the heatmap's share of the width
  float table_bottom = 0.56f;
  std::string title, subtitle, table_title, note;
  fit::Box table_plot;
  TableGeometry geometry;
  std::vector<std::string> below;
};

}  // namespace

plot::Figure alternatives_figure(const SharedParams& s, const AlternativesParams& params,
                                 const plot::FigureRequest& request, const ProgressFn& progress) {
  const plot::Style style = plot::ink_style();
  const AltEncoding kind = chosen(params);
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const long k = params.offset;
  const double W = std::max(1, request.width), H = std::max(1, request.height);
  plot::Figure f;
  const std::string long_title = "Why sin AND cos? Six encodings, three checks";
  const std::string short_title = "Why sin AND cos?";
  const std::string parameters =
      fmt("d_model = %d %s base = %s %s positions %s %s offset k = %ld", s.d, kDot,
          num(s.base).c_str(), kDot, span(first, last).c_str(), kDot, k);
  const std::string brief = fmt("d %d %s base %s %s p %s %s k = %ld", s.d, kDot,
                                num(s.base).c_str(), kDot, span(first, last).c_str(), kDot, k);
  const std::string heat = fmt(" %s heatmap: %s", kDot, alt_encoding_title(kind));
  f.title = fit::first_fitting({long_title, short_title}, W, fit::kTitle, true);
  f.subtitle = parameters + heat;
  if (s.positions < 1) {
    f.message = "No positions: set positions to 1 or more.";
    return f;
  }
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
        fmt("The checks fit a d×"
            "d matrix M by least squares for six encodings "
            "(about N·"
            "d² work each): they run up to d_model = %d. Lower "
            "d_model to see them.",
            AlternativesView::kCheckDims);
  } else {
    try {
      all = check_all_alternatives(alt_params(s, kind, checked), k, [&](double x) {
        return progress ? progress(0.05 + 0.9 * x) : true;
      });
    } catch (const InvalidArgument& e) {
      problem = std::string("The checks cannot run: ") + e.what() + ".";
    }
  }

  // What the note says about the checks (the heatmap adds its own when it is drawn).
  const auto checks_note = [&](bool skip_chosen_repeat) {
    std::string note;
    if (!problem.empty()) return note;
    if (checked < s.positions)
      note +=
          fmt("The checks use the first %ld of %d positions (the fit costs N·"
              "d²). ",
              checked, s.positions);
    bool unsure = false;
    for (const AlternativeChecks& a : all) {
      unsure = unsure || !a.linear.informative;
      if (!a.unique && !(skip_chosen_repeat && a.kind == kind)) {
        note += fmt("%s: positions %ld and %ld get the same code. ", short_name(a.kind),
                    first + a.uniqueness.first, first + a.uniqueness.second);
      }
    }
    if (unsure)
      note +=
          "?: no more position pairs than independent inputs, so any map fits: use more "
          "positions. ";
    return note;
  };
  // A stand-in for the heatmap's own note, to reserve its lines.
  const auto heat_note = [&](const fit::Box& area) {
    std::string note;
    if (kind == AltEncoding::Tan)
      note +=
          "Tan's colours stop at ±"
          "3 (hover for the value). ";
    if (s.positions > area.height() - 100 || s.d > area.width() - 150)
      note += "Heatmap: every 10th position and every 10th dimension. ";
    return note;
  };

  // --- Choose the layout: the first of these that fits the request -------------------------
  std::vector<AltLayout> candidates;
  if (problem.empty()) {
    const TableSpec full{true, true, true, true, false};
    const TableSpec no_reasons{true, true, true, false, false};
    const TableSpec numbers{true, true, false, false, true};
    const TableSpec linear_only{false, true, false, false, true};
    const TableSpec linear_reasons{false, true, false, true, true};
    const TableSpec verdicts{false, false, false, false, true};
    for (const TableSpec& spec : {full, no_reasons}) {
      AltLayout l;
      l.kind = AltLayout::Kind::Wide;
      l.spec = spec;
      l.heatmap = l.bars = true;
      candidates.push_back(l);
    }
    for (const TableSpec& spec : {full, no_reasons}) {
      AltLayout l;
      l.kind = AltLayout::Kind::Stacked;
      l.spec = spec;
      l.heatmap = l.bars = true;
      candidates.push_back(l);
    }
    for (const TableSpec& spec :
         {full, no_reasons, numbers, linear_reasons, linear_only, verdicts}) {
      for (const bool formula : {true, false}) {
        AltLayout l;
        l.kind = AltLayout::Kind::TableOnly;
        l.spec = spec;
        l.details = !spec.numbers;
        l.formula = formula;
        if (!formula && !l.details) continue;
        candidates.push_back(l);
      }
    }
  }
  const auto table_need = [&](AltLayout& l, double width) -> std::optional<TableGeometry> {
    const TableTexts tx = table_texts(all, k, first, l.spec);
    l.below.clear();
    if (l.details) {
      const AlternativeChecks* me = nullptr;
      for (const AlternativeChecks& a : all) me = a.kind == kind ? &a : me;
      if (me != nullptr) {
        l.below = detail_lines(*me, first, l.spec, s, width, l.formula);
      }
    }
    return table_geometry(tx, l.spec, width, static_cast<double>(l.below.size()));
  };
  const auto chrome = [&](AltLayout& l, const fit::Box& heat_area) {
    l.title = f.title;
    if (l.heatmap) {
      l.subtitle = fit::first_fitting({parameters + heat, brief + heat}, W, fit::kBody, false, 2);
    } else {
      l.subtitle = fit::first_fitting({parameters, brief}, W, fit::kBody, false, 1);
      if (fit::lines_of(l.subtitle, W) > 1)
        l.subtitle = fit::first_fitting({parameters, brief}, W, fit::kBody, false, 2);
    }
    l.note = (l.heatmap ? heat_note(heat_area) : std::string()) + checks_note(l.details);
    plot::Figure probe;
    probe.title = l.title;
    probe.subtitle = l.subtitle;
    probe.note = l.note;
    return fit::figure_body(probe, W, H);
  };
  const AltLayout* pick = nullptr;
  AltLayout chosen_layout;
  for (AltLayout& l : candidates) {
    // A first guess of the body, to size the heatmap's note; then the body itself.
    fit::Box body = chrome(l, {0, 0, W * 0.3, H * 0.8});
    plot::Panel t;
    const auto table_title = [&](double width) {
      return fit::first_fitting(
          {"Six encodings, three checks " + coverage, "Three checks " + coverage, "Three checks"},
          width, fit::kPanelTitle, true, 2);
    };
    if (l.kind == AltLayout::Kind::Wide) {
      const std::optional<TableGeometry> g0 = table_need(l, W);
      if (!g0) continue;
      const double split = std::min(0.31, 1.0 - 0.04 - (g0->min_width + 30.0) / W);
      if (split * W < 230.0) continue;
      l.split = static_cast<float>(split);
      body = chrome(l, {0, 0, split * W, body.height()});
      t.left = l.split + 0.04f;
      t.title = table_title((1.0 - t.left) * W);
      const double title_h = fit::bare_plot(t, body).y0 - body.y0;
      const double need = (title_h + 10.2 + g0->height + 8.0) / body.height();
      const double bars_min = 210.0 / body.height();
      if (need + 0.04 + bars_min > 1.0) continue;
      l.table_bottom = static_cast<float>(std::max(need, std::min(0.56, 1.0 - 0.04 - bars_min)));
    } else if (l.kind == AltLayout::Kind::Stacked) {
      body = chrome(l, {0, 0, 0.4 * W, H * 0.4});
      t.title = table_title(W);
      const std::optional<TableGeometry> g0 = table_need(l, fit::bare_plot(t, body).width());
      if (!g0) continue;
      const double title_h = fit::bare_plot(t, body).y0 - body.y0;
      const double need = (title_h + 10.2 + g0->height + 8.0) / body.height();
      const double rest = (1.0 - need - 0.04) * body.height();
      if (rest < 220.0) continue;
      l.heatmap = 0.4 * W >= 230.0;
      if (!l.heatmap) body = chrome(l, {});
      l.table_bottom = static_cast<float>(need);
    } else {
      body = chrome(l, {});
      if (!l.spec.narrow_names) t.title = table_title(W);
      const std::optional<TableGeometry> g0 = table_need(l, fit::bare_plot(t, body).width());
      if (!g0) continue;
      const double title_h = fit::bare_plot(t, body).y0 - body.y0;
      const double need = (title_h + 10.2 + g0->height + 4.0) / body.height();
      if (need > 1.0 && &l != &candidates.back()) continue;
      const double rest = (1.0 - need - 0.04) * body.height();
      l.bars = rest >= 220.0 && W >= 330.0;
      l.table_bottom = l.bars ? static_cast<float>(std::max(need, 0.5)) : 1.0f;
    }
    t.right = 1.0f;
    t.bottom = l.table_bottom;
    if (l.kind == AltLayout::Kind::Wide) t.left = l.split + 0.04f;
    l.table_title = t.title;
    l.table_plot = fit::bare_plot(t, body);
    const std::optional<TableGeometry> g = table_need(l, l.table_plot.width());
    if (!g) continue;
    l.geometry = *g;
    chosen_layout = l;
    pick = &chosen_layout;
    break;
  }

  // The table's numbers, by encoding and check, for the CSV (whatever the layout shows).
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
  std::string note;
  if (!problem.empty() || pick == nullptr) {
    // No checks (or no room for them): the heatmap beside the reason, in lines that fit.
    f.subtitle = fit::first_fitting({parameters + heat, brief + heat}, W, fit::kBody, false, 2);
    f.note = checks_note(false);
    const fit::Box body = fit::figure_body(f, W, H);
    plot::Panel hp;
    hp.right = 0.31f;
    const fit::Box heat_area = fit::panel_area(hp, body);
    plot::Panel heat_panel = encoding_panel(s, kind, request, heat_area, note);
    heat_panel.right = 0.31f;
    f.panels.push_back(std::move(heat_panel));
    plot::Panel t;
    t.id = "checks";
    t.left = 0.35f;
    t.title = "Six encodings, three checks";
    const fit::Box plot_box = fit::bare_plot(t, body);
    fit::text_panel(t, plot_box);
    const std::string text =
        problem.empty() ? "No room for the table: make the window larger." : problem;
    double y = 12.0;
    for (const std::string& line : fit::wrap(text, plot_box.width() - 8.0)) {
      t.texts.push_back({2.0, y, line, style.bad, 1.0f, false, 0.0f, 0.5f});
      y += 24.0;
    }
    f.panels.push_back(std::move(t));
  } else {
    const AltLayout& l = *pick;
    f.title = l.title;
    f.subtitle = l.subtitle;
    f.note = l.note;  // for the body's size; the real note follows
    const fit::Box body = fit::figure_body(f, W, H);
    const float below = l.table_bottom + 0.04f;
    if (l.heatmap) {
      plot::Panel hp;
      if (l.kind == AltLayout::Kind::Wide) {
        hp.right = l.split;
      } else {
        hp.top = below;
        hp.right = l.bars ? 0.4f : 1.0f;
      }
      plot::Panel heat_panel = encoding_panel(s, kind, request, fit::panel_area(hp, body), note);
      heat_panel.left = hp.left;
      heat_panel.right = hp.right;
      heat_panel.top = hp.top;
      heat_panel.bottom = hp.bottom;
      f.panels.push_back(std::move(heat_panel));
    }
    plot::Panel t;
    t.id = "checks";
    t.left = l.kind == AltLayout::Kind::Wide ? l.split + 0.04f : 0.0f;
    t.bottom = l.table_bottom;
    t.title = l.table_title;
    fit::text_panel(t, l.table_plot);
    const TableTexts tx = table_texts(all, k, first, l.spec);
    emit_table(t, tx, l.spec, l.geometry, all, kind, l.below, style, l.table_plot.height());
    f.panels.push_back(std::move(t));
    if (l.bars) {
      plot::Panel bp;
      bp.top = below;
      if (l.kind == AltLayout::Kind::Wide) bp.left = l.split + 0.04f;
      if (l.kind == AltLayout::Kind::Stacked && l.heatmap) bp.left = 0.45f;
      plot::Panel bars = residual_panel(all, kind, k, style, fit::panel_area(bp, body));
      bars.left = bp.left;
      bars.top = bp.top;
      f.panels.push_back(std::move(bars));
    }
    note += checks_note(l.details);
  }
  report_progress(progress, 1.0);
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
