#include "shift_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "app/plot/style.hpp"
#include "core/shift.hpp"
#include "core/shift_apply.hpp"
#include "core/sinusoidal.hpp"
#include "encoding_view.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr const char* kDot = "·";
constexpr const char* kMinus = "−";

// 12 -> "₁₂", -3 -> "₋₃" (subscript digits for M_k).
std::string sub(long k) {
  static constexpr const char* kDigits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out = k < 0 ? "₋" : "";
  for (char c : std::to_string(std::labs(k))) out += kDigits[c - '0'];
  return out;
}

std::string role_text(int column, int d, Layout layout) {
  const ColumnRole r = column_role(column, d, layout);
  return fmt("%s of pair %d", r.is_cos ? "cos" : "sin", r.pair);
}

// One row PE[p] as a vector.
Eigen::VectorXd row_at(double p, const SharedParams& s) {
  Eigen::VectorXd v(1);
  v << p;
  return sinusoidal_rows(v, s.d, s.base, s.layout).row(0).transpose();
}

double error_at(double p, const SharedParams& s, long k) {
  Eigen::VectorXd v(1);
  v << p;
  return shift_errors_at(v, s.d, s.base, k, s.layout)[0];
}

// Where the panels go, as fractions of the figure's body (an empty box: not drawn).
struct ShiftLayout {
  fit::Box matrix, rows, prediction, errors, big;
  bool big_across = false;    // the big number with its words beside it, not under it
  bool matrix_labels = true;  // the matrix's axis labels
  bool colorbar = true;       // the matrix's colorbar
  bool eps_legend = true;     // machine epsilon named in a legend (else in the title)
};

bool shown(const fit::Box& b) {
  return b.x1 > b.x0 && b.y1 > b.y0;
}

void place(plot::Panel& p, const fit::Box& b) {
  p.left = static_cast<float>(b.x0);
  p.right = static_cast<float>(b.x1);
  p.top = static_cast<float>(b.y0);
  p.bottom = static_cast<float>(b.y1);
}

fit::Box scaled(const fit::Box& fraction, const fit::Box& body) {
  return {body.x0 + fraction.x0 * body.width(), body.y0 + fraction.y0 * body.height(),
          body.x0 + fraction.x1 * body.width(), body.y0 + fraction.y1 * body.height()};
}

// The texts of the big number's panel: what is measured, the number, what it means, and the
// worst error shown with its position.
struct BigTexts {
  std::string label, number, words, worst, where;
};

// Lays the big number's texts out in `plot` (logical pixels, y down): under each other, or
// (across) the number with the words and the worst error to its right. Returns false when
// they do not fit; `out` gets them in the order label, number, words, worst, where.
bool big_layout(const BigTexts& t, const fit::Box& plot, bool across, const plot::Style& style,
                std::vector<plot::Text>* out, double* need_h = nullptr) {
  constexpr double kSmall = 17.0, kNumber = 52.0, kMuted = 16.0;
  const double w = plot.width() - 4.0, h = plot.height();
  const std::vector<std::string> label = fit::wrap(t.label, w, kSmall);
  const double number_w = fit::text_px(t.number, kNumber, true);
  std::vector<std::pair<plot::Text, double>> items;  // text, its height
  const auto add = [&](double x, const std::string& text, double size, bool bold, plot::Color c) {
    items.push_back({{x, 0.0, text, c, static_cast<float>(size / 20.0), bold, 0.0f, 0.5f}, size});
  };
  for (const std::string& l : label) {
    if (fit::text_px(l, kSmall) > w) return false;
    add(0.0, l, kSmall, false, style.text);
  }
  if (number_w > w) return false;
  double need = 0.0;
  if (!across) {
    add(0.0, t.number, kNumber, true, style.series(1));
    for (const std::string& l : fit::wrap(t.words, w, kSmall))
      add(0.0, l, kSmall, false, style.text);
    add(0.0, t.worst, kMuted, false, style.muted);
    add(0.0, t.where, kMuted, false, style.muted);
    for (const auto& it : items) {
      if (fit::text_px(it.first.text, it.second, it.first.bold) > w) return false;
      need += it.second + 6.0;
    }
    if (need_h != nullptr) *need_h = need;
    if (need > h) return false;
    // Spread the spare height between the lines (up to twice the gaps).
    const double gap = 6.0 + std::min(12.0, (h - need) / static_cast<double>(items.size()));
    double y = 0.0;
    for (auto& it : items) {
      it.first.y = y + it.second / 2;
      y += it.second + gap;
    }
  } else {
    // Beside the number: the words and the worst error, in the lines they need.
    const double side_x = number_w + 16.0, side_w = w - side_x;
    if (side_w < 80.0) return false;
    std::vector<std::pair<std::string, double>> side;
    for (const std::string& l : fit::wrap(t.words, side_w, kSmall)) side.push_back({l, kSmall});
    side.push_back({t.worst, kMuted});
    side.push_back({t.where, kMuted});
    for (const auto& [text, size] : side) {
      if (fit::text_px(text, size) > side_w) return false;
    }
    const double side_h = static_cast<double>(side.size()) * 20.0;
    const double label_h = static_cast<double>(label.size()) * 21.0;
    need = label_h + 4.0 + std::max(kNumber, side_h);
    if (need_h != nullptr) *need_h = need;
    if (need > h) return false;
    double y = std::min(8.0, (h - need) / 3.0);
    for (std::size_t i = 0; i < label.size(); ++i) {
      items[i].first.y = y + 8.5;
      y += 21.0;
    }
    const double row = y + 4.0 + std::max(kNumber, side_h) / 2;
    add(0.0, t.number, kNumber, true, style.series(1));
    items.back().first.y = row;
    double sy = row - side_h / 2 + 10.0;
    for (const auto& [text, size] : side) {
      add(side_x, text, size, false, size == kMuted ? style.muted : style.text);
      items.back().first.y = sy;
      sy += 20.0;
    }
  }
  if (out != nullptr) {
    // The number second, after the label's first line (tests and readers find it there).
    out->clear();
    for (const auto& it : items) out->push_back(it.first);
    const auto number = std::find_if(out->begin(), out->end(),
                                     [&](const plot::Text& x) { return x.text == t.number; });
    if (number != out->end() && out->size() > 1) std::rotate(out->begin() + 1, number, number + 1);
  }
  return true;
}

}  // namespace

void ShiftParams::visit(ParamVisitor& v) {
  v.visit({.name = "offset",
           .label = "offset k",
           .help = "the shift k: M_k maps PE[p] to PE[p+k] (may be negative)",
           .min = -1000000,
           .max = 1000000},
          offset);
  v.visit({.name = "position",
           .label = "position p",
           .help = "the position whose row is shifted (clamped into the range)",
           .min = 0,
           .max = 10000000},
          position);
}

std::vector<std::string> ShiftView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions", "start", "layout"};
}

std::string ShiftView::explanation(const SharedParams&) const {
  return "Moving k positions further is one linear map for every position: Mₖ turns "
         "each "
         "(sin, cos) pair by the angle k·ωᵢ (Vaswani et al., Sec. 3.5). "
         "So "
         "Mₖ·PE[p] reproduces PE[p+k] whatever p is: the markers sit on the "
         "line. What is "
         "left is floating-point rounding, about 1e-16, and it grows with p because the angle "
         "p·ω"
         "₀ = p keeps fewer digits after the point as p grows.";
}

plot::Figure shift_figure(const SharedParams& s, const ShiftParams& params,
                          const plot::FigureRequest& request, const ProgressFn& progress) {
  const plot::Style style = plot::ink_style();
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const long k = params.offset;
  const long p = std::clamp<long>(params.position, first, std::max(first, last));
  const int d = s.d;
  const std::string mk = "M" + sub(k);
  const std::string pk = fmt("PE[%ld]", p + k);
  const std::string pp = fmt("PE[%ld]", p);
  const bool concat = s.layout == Layout::Concat;
  const double W = std::max(1, request.width), H = std::max(1, request.height);

  plot::Figure f;
  const std::string mkk = "Mₖ";
  f.title =
      fit::first_fitting({"Shift matrix: PE[p+k] = " + mkk + kDot + "PE[p] for every p",
                          "PE[p+k] = " + mkk + kDot + "PE[p] for every p", "Shift matrix " + mk},
                         W, fit::kTitle, true);
  const std::string sub_full =
      fmt("k = %ld · p = %ld · d_model = %d · base = %s · positions %s "
          "· %s columns",
          k, p, d, num(s.base).c_str(), span(first, last).c_str(), layout_name(s.layout));
  const std::string sub_mid =
      fmt("k = %ld · p = %ld · d_model = %d · base = %s "
          "· positions %s",
          k, p, d, num(s.base).c_str(), span(first, last).c_str());
  const std::string sub_brief = fmt("k = %ld · p = %ld · d %d · base %s · %s", k, p, d,
                                    num(s.base).c_str(), span(first, last).c_str());
  f.subtitle = fit::first_fitting({sub_full, sub_mid, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_mid, sub_brief}, W, fit::kBody, false, 2);
  if (s.positions < 1) {
    f.message = "No positions: set positions to 1 or more.";
    return f;
  }
  const SharedParams copy = s;
  const double eps = std::numeric_limits<double>::epsilon();
  const double err_p = error_at(static_cast<double>(p), s, k);
  BigTexts big_texts;
  big_texts.label = "max |" + mk + kDot + pp + " " + kMinus + " " + pk + "|";
  big_texts.number = err_p == 0.0 ? std::string("0") : fmt("%.1e", err_p);
  big_texts.words = err_p == 0.0         ? std::string("exact: no rounding here")
                    : err_p <= 4.0 * eps ? "a few ε: rounding only"
                                         : fmt("%.0f × machine ε (rounding)", err_p / eps);
  // The worst error is known once the errors are sampled: its widest form stands in.
  big_texts.worst = "worst shown: 8.8e-88";
  big_texts.where = fmt("at p = %ld", last);

  // --- The layout: the first that fits ---------------------------------------------------
  const std::string matrix_title = concat ? mk + ": blocks on columns (i, i+d/2)"
                                          : mk + ": 2×"
                                                 "2 rotations on the diagonal";
  const std::string matrix_brief = concat ? mk + ": (i, i+d/2) blocks"
                                          : mk + ": 2×"
                                                 "2 rotations";
  // The side of the matrix's plot in `area` (it is square), roughly.
  const auto matrix_side = [&](const fit::Box& area, bool labels, bool colorbar) {
    const double title_h =
        21.0 *
        (1.5 + 1.25 * (std::min(2, fit::lines_of(matrix_brief, area.width(), 21.0, true)) - 1));
    const double w = area.width() - 10.2 - 30.0 - 10.2 - (labels ? 30.0 : 0.0) - 17.0 -
                     (colorbar ? 20.4 + 20.4 + 45.0 : 0.0);
    const double h = area.height() - 10.2 - title_h - (colorbar ? 23.8 : 0.0) - 10.2 - 25.5 -
                     (labels ? 30.0 : 0.0);
    return std::min(w, h);
  };
  const auto big_need = [&](const fit::Box& area, bool across, double* need_h) {
    plot::Panel probe;
    const fit::Box plot = fit::bare_plot(probe, {area.x0, area.y0, area.x1, area.y0 + 1e6});
    return big_layout(big_texts, plot, across, style, nullptr, need_h);
  };
  // The width the big number needs, stacked: its widest line and the margins.
  const double big_w =
      std::max({fit::text_px(big_texts.number, 52.0, true), fit::text_px(big_texts.label, 17.0),
                fit::text_px(big_texts.words, 17.0), fit::text_px(big_texts.worst, 16.0)}) +
      34.0;
  const auto choose = [&](const fit::Box& body) -> std::optional<ShiftLayout> {
    const double bw = body.width(), bh = body.height();
    double need = 0.0;
    // Today's five panels: the matrix on the left; the rows, the prediction, and the errors
    // beside the big number, on the right.
    {
      ShiftLayout l;
      const double split = 0.46, bl = 1.0 - big_w / bw;
      l.matrix = {0, 0, 0.42, 1};
      l.rows = {split, 0, 1, 0.27};
      l.prediction = {split, 0.29, 1, 0.63};
      l.errors = {split, 0.66, std::min(0.78, bl - 0.02), 1};
      l.big = {std::min(0.80, bl), 0.66, 1, 1};
      const fit::Box big = scaled(l.big, body);
      if (bw >= 780.0 && (l.errors.x1 - l.errors.x0) * bw >= 240.0 && 0.27 * bh >= 110.0 &&
          0.34 * bh >= 150.0 && big_need(big, false, &need) && need + 24.0 <= big.height() &&
          matrix_side(scaled(l.matrix, body), true, true) >= 120.0) {
        l.eps_legend = (l.errors.x1 - l.errors.x0) * bw - 110.0 >= fit::text_px(
                                                                       "machine ε = 2.2e−"
                                                                       "16",
                                                                       17.0) +
                                                                       70.0;
        return l;
      }
    }
    // The same, with the big number under the matrix (when the matrix is as wide as it can be
    // and leaves room below it) and the errors across the right.
    {
      ShiftLayout l;
      const double split = 0.46;
      l.rows = {split, 0, 1, 0.27};
      l.prediction = {split, 0.29, 1, 0.63};
      l.errors = {split, 0.66, 1, 1};
      const fit::Box left = scaled({0, 0, 0.42, 1}, body);
      if (bw >= 700.0 && big_need(left, false, &need) && 0.27 * bh >= 110.0 && 0.34 * bh >= 150.0) {
        const double hb = (need + 30.0) / bh;
        l.matrix = {0, 0, 0.42, 1.0 - hb - 0.03};
        l.big = {0, 1.0 - hb, 0.42, 1};
        if (hb < 0.5 && matrix_side(scaled(l.matrix, body), true, true) >= 150.0) {
          l.eps_legend = (1.0 - split) * bw - 110.0 >= fit::text_px(
                                                           "machine ε = 2.2e−"
                                                           "16",
                                                           17.0) +
                                                           70.0;
          return l;
        }
      }
    }
    // The matrix, and beside it the big number over the errors (or alone).
    for (const bool labels : {true, false}) {
      ShiftLayout l;
      const double right = std::max(big_w, 250.0) / bw;
      if (right > 0.6) break;
      l.matrix = {0, 0, 1.0 - right - 0.03, 1};
      l.matrix_labels = labels;
      const fit::Box big_area = scaled({1.0 - right, 0, 1, 1}, body);
      if (!big_need(big_area, false, &need)) continue;
      const double hb = std::min(1.0, (need + 30.0) / bh);
      l.big = {1.0 - right, 0, 1, hb};
      if ((1.0 - hb - 0.05) * bh >= 190.0) l.errors = {1.0 - right, hb + 0.05, 1, 1};
      l.colorbar = matrix_side(scaled(l.matrix, body), labels, true) >= 170.0;
      if (hb < 1.0 &&
          matrix_side(scaled(l.matrix, body), labels, l.colorbar) >= (labels ? 180.0 : 150.0)) {
        l.eps_legend = right * bw - 110.0 >= fit::text_px(
                                                 "machine ε = 2.2e−"
                                                 "16",
                                                 17.0) +
                                                 70.0;
        return l;
      }
    }
    // The matrix over the big number (with its words beside it when they fit).
    for (const bool across : {true, false}) {
      for (const bool labels : {true, false}) {
        ShiftLayout l;
        l.big_across = across;
        l.matrix_labels = labels;
        if (!big_need(body, across, &need)) continue;
        const double hb = (need + 30.0) / bh;
        if (hb > 0.6) continue;
        l.matrix = {0, 0, 1, 1.0 - hb - 0.03};
        l.big = {0, 1.0 - hb, 1, 1};
        l.colorbar = matrix_side(scaled(l.matrix, body), labels, true) >= 150.0;
        const double side = matrix_side(scaled(l.matrix, body), labels, l.colorbar);
        if (side >= (labels ? 180.0 : 90.0)) return l;
      }
    }
    // Only the big number.
    ShiftLayout l;
    l.big_across = big_need(body, true, &need) && need + 30.0 <= bh;
    l.big = {0, 0, 1, 1};
    return l;
  };
  // The note's lines depend on the sampling, which depends on the layout: lay out, sample,
  // and once more if the note needs another number of lines than was reserved.
  std::string note_text;
  ShiftLayout layout;
  fit::Box body;
  Samples mr, mc, ds, ms, es;
  long block = 1;
  plot::DataWindow mw{-0.5, d - 0.5, -0.5, d - 0.5};
  if (const plot::DataWindow* z = request.window("matrix")) mw = *z;
  const plot::DataWindow* dz = request.window("rows");
  if (dz == nullptr) dz = request.window("prediction");
  const double dlo = dz ? dz->x_lo : -0.5, dhi = dz ? dz->x_hi : d - 0.5;
  const plot::DataWindow* ez = request.window("errors");
  const double elo = ez ? ez->x_lo : first - 0.5, ehi = ez ? ez->x_hi : last + 0.5;
  for (int pass = 0; pass < 2; ++pass) {
    f.note = note_text;
    body = fit::figure_body(f, W, H);
    layout = *choose(body);
    const fit::Box matrix_area = scaled(layout.matrix, body);
    const long side = std::max(
        32L, static_cast<long>(shown(layout.matrix)
                                   ? matrix_side(matrix_area, layout.matrix_labels, layout.colorbar)
                                   : 32.0));
    mr = sample_range(0, d - 1, mw.y_lo, mw.y_hi, side);
    mc = sample_range(0, d - 1, mw.x_lo, mw.x_hi, side);
    const int dpx = std::max(64, static_cast<int>(scaled(layout.prediction, body).width()) - 200);
    ds = sample_range(0, d - 1, dlo, dhi, dpx);
    ms = sample_range(0, d - 1, dlo, dhi, std::min<long>(dpx / 3, 380));
    const int epx = std::max(50, static_cast<int>(scaled(layout.errors, body).width()) - 120);
    es = sample_range(first, last, elo, ehi, epx);
    // Each sample is the worst of up to `block` consecutive positions (about 1M cells in all).
    block = std::clamp<long>((1L << 20) / std::max<long>(1, es.values.size() * d), 1, es.stride);
    // What was sampled, in the words that fit the note's lines.
    std::vector<std::string> parts_long, parts_short;
    if (shown(layout.matrix) && (mr.stride > 1 || mc.stride > 1)) {
      const std::string m = stride_note(mr.stride >= mc.stride ? mr : mc, "dimension");
      parts_long.push_back("matrix " + m +
                           " (2×"
                           "2 blocks thinner than a pixel)");
      parts_short.push_back("matrix " + m);
    }
    if (shown(layout.prediction) && (ds.stride > 1 || ms.stride > 1)) {
      const std::string r =
          ds.stride > 1 ? "rows " + stride_note(ds, "dimension") + ", " : std::string();
      parts_long.push_back(r + "markers " + stride_note(ms, "dimension"));
      parts_short.push_back(r + "markers " + stride_note(ms, "dimension"));
    }
    if (shown(layout.errors) && es.stride > 1) {
      const std::string e = "errors " + stride_note(es, "position");
      parts_long.push_back(e + (block > 1 ? fmt(" (worst of %ld)", block) : std::string()));
      parts_short.push_back(e);
    }
    const auto join = [](const std::vector<std::string>& parts) {
      std::string out;
      for (const std::string& x : parts) out += (out.empty() ? "" : ", ") + x;
      return out;
    };
    std::string chosen;
    if (!parts_long.empty()) {
      chosen = fit::first_fitting(
          {"Sampled: " + join(parts_long) + ". Zoom in (mouse wheel) for all.",
           "Sampled: " + join(parts_short) + "; zoom in for all.",
           "Sampled to fit; zoom in (mouse wheel) for all.", "Sampled; zoom in for all."},
          W, fit::kTick, false, 2);
    }
    if (fit::lines_of(chosen, W, fit::kTick) == fit::lines_of(note_text, W, fit::kTick)) {
      note_text = chosen;
      break;
    }
    note_text = chosen;
  }
  f.note = note_text;

  // --- The matrix M_k -----------------------------------------------------------------
  plot::Panel matrix;
  matrix.id = "matrix";
  matrix.title = fit::first_fitting({matrix_title, matrix_brief},
                                    scaled(layout.matrix, body).width(), fit::kPanelTitle, true, 2);
  matrix.x.label = layout.matrix_labels ? "input dimension" : "";
  matrix.x.lo = -0.5;
  matrix.x.hi = d - 0.5;
  matrix.x.integer = true;
  matrix.y.label = layout.matrix_labels ? "output dimension" : "";
  matrix.y.lo = -0.5;
  matrix.y.hi = d - 0.5;
  matrix.y.integer = true;
  matrix.y.inverted = true;
  matrix.equal_aspect = true;
  matrix.legend = plot::Corner::None;
  plot::HeatmapLayer mh = heatmap_over(
      mr, mc,
      shift_matrix_cells(mr.values.cast<int>(), mc.values.cast<int>(), d, s.base, k, s.layout));
  mh.value_label = "entry";
  mh.print_values = true;
  mh.decimals = 2;
  mh.colorbar = layout.colorbar;
  matrix.heatmap = std::move(mh);
  matrix.readout = [copy, k](double x, double y) -> std::vector<std::string> {
    const int c = static_cast<int>(std::lround(x)), r = static_cast<int>(std::lround(y));
    if (r < 0 || c < 0 || r >= copy.d || c >= copy.d) return {};
    Eigen::VectorXi rr(1), cc(1);
    rr << r;
    cc << c;
    const double v = shift_matrix_cells(rr, cc, copy.d, copy.base, k, copy.layout)(0, 0);
    const ColumnRole a = column_role(r, copy.d, copy.layout),
                     b = column_role(c, copy.d, copy.layout);
    std::vector<std::string> out{fmt("row %d (%s), column %d (%s)", r,
                                     role_text(r, copy.d, copy.layout).c_str(), c,
                                     role_text(c, copy.d, copy.layout).c_str())};
    if (a.pair != b.pair) {
      out.push_back(fmt("M = %.6f: different pairs never mix", v));
    } else {
      const double w = sinusoidal_frequencies(copy.d, copy.base)[a.pair];
      const char* fn = a.is_cos == b.is_cos ? "cos" : (a.is_cos ? "−sin" : "sin");
      out.push_back(fmt("M = %s(k·ω) = %s(%ld × %.6g) = %.6f", fn, fn, k, w, v));
    }
    return out;
  };
  report_progress(progress, 0.2);

  // --- The three rows side by side ----------------------------------------------------
  const Eigen::VectorXd pe_p = row_at(static_cast<double>(p), s);
  const Eigen::VectorXd pe_pk = row_at(static_cast<double>(p + k), s);
  const Eigen::VectorXd predicted = shift_apply(pe_p, d, s.base, k, s.layout);
  plot::Panel strips;
  strips.id = "rows";
  strips.title = fit::first_fitting({pp + ", " + mk + kDot + pp + " and " + pk + ", side by side",
                                     pp + ", " + mk + kDot + pp + ", " + pk},
                                    scaled(layout.rows, body).width(), fit::kPanelTitle, true, 2);
  strips.x.label = "";
  strips.x.lo = -0.5;
  strips.x.hi = d - 0.5;
  strips.x.integer = true;
  strips.x_link = "dims";
  strips.y.lo = -0.5;
  strips.y.hi = 2.5;
  strips.y.inverted = true;
  strips.y.categories = {pp, mk + kDot + pp, pk};
  strips.legend = plot::Corner::None;
  strips.grid = false;
  Eigen::MatrixXd three(3, ds.values.size());
  for (Eigen::Index j = 0; j < ds.values.size(); ++j) {
    const auto c = static_cast<Eigen::Index>(ds.values[j]);
    three(0, j) = pe_p[c];
    three(1, j) = predicted[c];
    three(2, j) = pe_pk[c];
  }
  plot::HeatmapLayer sh;
  sh.values = std::make_shared<const Eigen::MatrixXd>(std::move(three));
  sh.x_lo = ds.lo;
  sh.x_hi = ds.hi;
  sh.y_lo = -0.5;
  sh.y_hi = 2.5;
  sh.value_label = "value";
  sh.print_values = true;
  sh.decimals = 2;
  strips.heatmap = std::move(sh);
  const auto vector_readout = [copy, k, p](double x, double) -> std::vector<std::string> {
    const int c = static_cast<int>(std::lround(x));
    if (c < 0 || c >= copy.d) return {};
    const Eigen::VectorXd a = row_at(static_cast<double>(p), copy);
    const Eigen::VectorXd b = row_at(static_cast<double>(p + k), copy);
    const Eigen::VectorXd m = shift_apply(a, copy.d, copy.base, k, copy.layout);
    return {fmt("dimension %d (%s)", c, role_text(c, copy.d, copy.layout).c_str()),
            fmt("PE[%ld] = %.15f", p, a[c]), fmt("M%s·PE[%ld] = %.15f", sub(k).c_str(), p, m[c]),
            fmt("PE[%ld] = %.15f", p + k, b[c]), fmt("difference = %.3g", m[c] - b[c])};
  };
  strips.readout = vector_readout;

  // --- Prediction on the actual row -------------------------------------------------
  plot::Panel pred;
  pred.id = "prediction";
  pred.title =
      fit::first_fitting({"Predicted " + mk + kDot + pp + " (◆) on actual " + pk + " (line)",
                          mk + kDot + pp + " (◆) on " + pk + " (line)"},
                         scaled(layout.prediction, body).width(), fit::kPanelTitle, true, 2);
  pred.x.label = "dimension";
  pred.x.lo = -0.5;
  pred.x.hi = d - 0.5;
  pred.x.integer = true;
  pred.x_link = "dims";
  pred.y.label = "value";
  pred.y.lo = -1.15;
  pred.y.hi = 1.15;
  pred.legend = plot::Corner::None;
  plot::LineSeries actual, marks;
  actual.label = "actual " + pk;
  actual.color = style.series(0);
  actual.width = 3.5f;
  marks.label = "predicted " + mk + kDot + pp;
  marks.color = style.series(1);
  marks.width = 1.0f;
  marks.marker = plot::Marker::Diamond;
  marks.marker_size = ms.values.size() > 120 ? 3.0f : 5.0f;
  for (Eigen::Index j = 0; j < ms.values.size(); ++j) {
    const auto c = static_cast<Eigen::Index>(ms.values[j]);
    actual.x.push_back(ms.values[j]);
    actual.y.push_back(pe_pk[c]);
    marks.x.push_back(ms.values[j]);
    marks.y.push_back(predicted[c]);
  }
  pred.lines.push_back(std::move(actual));
  pred.lines.push_back(std::move(marks));
  pred.refs.push_back(
      {false, 0.0, plot::ink(plot::Ink::Muted, 0.7f), plot::Stroke::Dotted, 1.0f, ""});
  pred.readout = vector_readout;
  report_progress(progress, 0.4);

  // --- The error over every position ------------------------------------------------
  plot::Panel errs;
  errs.id = "errors";
  errs.title =
      layout.eps_legend
          ? "Error over all positions"
          : fit::first_fitting(
                {"Error over all positions (dashed: machine ε)", "Error (dashed: machine ε)"},
                scaled(layout.errors, body).width(), fit::kPanelTitle, true, 2);
  errs.x = position_axis(first - 0.5, last + 0.5, false, "position p");
  errs.y.label = "max error";
  errs.y.log = true;
  errs.legend = plot::Corner::None;
  Eigen::VectorXd at(es.values.size() * block);
  for (Eigen::Index j = 0; j < es.values.size(); ++j) {
    for (long b = 0; b < block; ++b) at[j * block + b] = es.values[j] + static_cast<double>(b);
  }
  const Eigen::VectorXd e = shift_errors_at(at, d, s.base, k, s.layout);
  plot::LineSeries eline;
  eline.label = "";
  eline.color = style.series(2);
  eline.width = 2.0f;
  double worst = 0.0;
  long worst_p = first;
  for (Eigen::Index j = 0; j < es.values.size(); ++j) {
    Eigen::Index arg = 0;
    const double m = e.segment(j * block, block).maxCoeff(&arg);
    eline.x.push_back(es.values[j]);
    eline.y.push_back(m);
    if (m > worst) {
      worst = m;
      worst_p = static_cast<long>(at[j * block + arg]);
    }
  }
  if (eline.x.size() <= 60) eline.marker = plot::Marker::Circle;
  errs.y.lo = 1e-17;
  errs.y.hi = std::max(1e-13, worst * 20.0);
  errs.lines.push_back(std::move(eline));
  plot::LineSeries eps_line;  // a dashed level, named in the legend or the title
  eps_line.label = layout.eps_legend ? "machine ε = 2.2e−"
                                       "16"
                                     : "";
  eps_line.color = plot::ink(plot::Ink::Text, 0.75f);
  eps_line.width = 1.5f;
  eps_line.stroke = plot::Stroke::Dashed;
  eps_line.x = {first - 0.5, last + 0.5};
  eps_line.y = {eps, eps};
  errs.lines.push_back(std::move(eps_line));
  errs.legend = layout.eps_legend ? plot::Corner::TopLeft : plot::Corner::None;
  errs.refs.push_back({true, static_cast<double>(p), style.series(1), plot::Stroke::Dashed, 1.5f,
                       ""});  // p is in the subtitle
  errs.readout = [copy, k](double x, double) -> std::vector<std::string> {
    const long q = std::lround(x);
    if (q < copy.start || q >= static_cast<long>(copy.start) + copy.positions) return {};
    return {fmt("position %ld, k = %ld", q, k),
            fmt("max |M%s·PE[%ld] − PE[%ld]| = %.3g", sub(k).c_str(), q, q + k,
                error_at(static_cast<double>(q), copy, k))};
  };
  report_progress(progress, 0.8);

  // --- The reconstruction error of p in large text ------------------------------------
  plot::Panel big;
  big.id = "error";
  big_texts.worst = worst == 0.0 ? std::string("worst shown: 0") : fmt("worst shown: %.1e", worst);
  big_texts.where = fmt("at p = %ld", worst_p);
  place(big, layout.big);
  const fit::Box big_plot = fit::bare_plot(big, body);
  fit::text_panel(big, big_plot);
  std::vector<plot::Text> texts;
  if (!big_layout(big_texts, big_plot, layout.big_across, style, &texts)) {
    // No room for all of it (a tiny window): the number at least, under its label.
    texts = {{0.0, 8.5, big_texts.label, style.text, 0.85f, false, 0.0f, 0.5f},
             {0.0, 45.0, big_texts.number, style.series(1), 2.6f, true, 0.0f, 0.5f}};
  }
  big.texts = std::move(texts);

  if (shown(layout.matrix)) {
    place(matrix, layout.matrix);
    f.panels.push_back(std::move(matrix));
  }
  if (shown(layout.rows)) {
    place(strips, layout.rows);
    f.panels.push_back(std::move(strips));
  }
  if (shown(layout.prediction)) {
    place(pred, layout.prediction);
    f.panels.push_back(std::move(pred));
  }
  if (shown(layout.errors)) {
    place(errs, layout.errors);
    f.panels.push_back(std::move(errs));
  }
  f.panels.push_back(std::move(big));
  report_progress(progress, 1.0);
  return f;
}

void shift_table(const SharedParams& s, const ShiftParams& params, plot::TableSink& table) {
  require_table_cells(static_cast<double>(s.positions) * s.d, "the shift check",
                      "lower --positions or --d");
  const Eigen::VectorXd err =
      shift_errors({s.d, s.base, s.positions, s.start, s.layout}, params.offset);
  table.header({"position", "error"});
  for (Eigen::Index r = 0; r < err.size(); ++r) {
    table.cell(static_cast<long>(s.start) + static_cast<long>(r)).cell(err[r]);
    table.end_row();
  }
}

plot::TableWriter ShiftView::table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) { shift_table(shared, params, t); };
}

TableColumns ShiftView::table_columns() const {
  return {"position,error", "max |M_k PE[p] - PE[p+k]| of every position for --offset k"};
}

FigureBuilder ShiftView::builder(const SharedParams& shared,
                                 const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn& progress) {
    return shift_figure(shared, params, request, progress);
  };
}

}  // namespace peviz
