#include "shift_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/plot/style.hpp"
#include "core/shift.hpp"
#include "core/shift_apply.hpp"
#include "core/sinusoidal.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr const char* kDot = "\xC2\xB7";
constexpr const char* kMinus = "\xE2\x88\x92";

// 12 -> "₁₂", -3 -> "₋₃" (subscript digits for M_k).
std::string sub(long k) {
  static constexpr const char* kDigits[] = {
      "\xE2\x82\x80", "\xE2\x82\x81", "\xE2\x82\x82", "\xE2\x82\x83", "\xE2\x82\x84",
      "\xE2\x82\x85", "\xE2\x82\x86", "\xE2\x82\x87", "\xE2\x82\x88", "\xE2\x82\x89"};
  std::string out = k < 0 ? "\xE2\x82\x8B" : "";
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

}  // namespace

void ShiftParams::visit(ParamVisitor& v) {
  v.visit({"offset", "offset k", "the shift k: M_k maps PE[p] to PE[p+k] (may be negative)",
           -1000000, 1000000, false},
          offset);
  v.visit({"position", "position p", "the position whose row is shifted (clamped into the range)",
           0, 10000000, false},
          position);
}

std::vector<std::string> ShiftView::shared_fields(const SharedParams&) const {
  return {"d", "base", "positions", "start", "layout"};
}

std::string ShiftView::explanation(const SharedParams&) const {
  return "Moving k positions further is one linear map for every position: M\xE2\x82\x96 turns "
         "each "
         "(sin, cos) pair by the angle k\xC2\xB7\xCF\x89\xE1\xB5\xA2 (Vaswani et al., Sec. 3.5). "
         "So "
         "M\xE2\x82\x96\xC2\xB7PE[p] reproduces PE[p+k] whatever p is: the markers sit on the "
         "line. What is "
         "left is floating-point rounding, about 1e-16, and it grows with p because the angle "
         "p\xC2\xB7\xCF\x89"
         "\xE2\x82\x80 = p keeps fewer digits after the point as p grows.";
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
  std::string note;

  plot::Figure f;
  f.title = "Shift matrix: PE[p+k] = M\xE2\x82\x96" + std::string(kDot) + "PE[p] for every p";
  f.subtitle =
      fmt("k = %ld \xC2\xB7 p = %ld \xC2\xB7 d_model = %d \xC2\xB7 base = %s \xC2\xB7 positions %s "
          "\xC2\xB7 %s columns",
          k, p, d, num(s.base).c_str(), span(first, last).c_str(), layout_name(s.layout));
  if (s.positions < 1) {
    f.message = "No positions: set positions to 1 or more.";
    return f;
  }
  const SharedParams copy = s;

  // --- The matrix M_k (left, square) ---------------------------------------------
  plot::Panel matrix;
  matrix.id = "matrix";
  matrix.right = 0.42f;
  matrix.title = concat ? mk + ": blocks on columns (i, i+d/2)"
                        : mk + ": 2\xC3\x97"
                               "2 rotations on the diagonal";
  matrix.x.label = "input dimension";
  matrix.x.lo = -0.5;
  matrix.x.hi = d - 0.5;
  matrix.x.integer = true;
  matrix.y.label = "output dimension";
  matrix.y.lo = -0.5;
  matrix.y.hi = d - 0.5;
  matrix.y.integer = true;
  matrix.y.inverted = true;
  matrix.equal_aspect = true;
  matrix.legend = plot::Corner::None;
  const plot::DataWindow mw = request.window("matrix") ? *request.window("matrix")
                                                       : plot::DataWindow{matrix.x.lo, matrix.x.hi,
                                                                          matrix.y.lo, matrix.y.hi};
  const long side = std::max(32, std::min(request.width * 42 / 100 - 160, request.height - 220));
  const Samples mr = sample_range(0, d - 1, mw.y_lo, mw.y_hi, side);
  const Samples mc = sample_range(0, d - 1, mw.x_lo, mw.x_hi, side);
  plot::HeatmapLayer mh = heatmap_over(
      mr, mc,
      shift_matrix_cells(mr.values.cast<int>(), mc.values.cast<int>(), d, s.base, k, s.layout));
  mh.value_label = "entry";
  mh.print_values = true;
  mh.decimals = 2;
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
      const char* fn = a.is_cos == b.is_cos ? "cos" : (a.is_cos ? "\xE2\x88\x92sin" : "sin");
      out.push_back(
          fmt("M = %s(k\xC2\xB7\xCF\x89) = %s(%ld \xC3\x97 %.6g) = %.6f", fn, fn, k, w, v));
    }
    return out;
  };
  if (mr.stride > 1 || mc.stride > 1) {
    note += "matrix " + stride_note(mr.stride >= mc.stride ? mr : mc, "dimension") +
            " (2\xC3\x97"
            "2 blocks thinner than a pixel), ";
  }
  report_progress(progress, 0.2);

  // --- The three rows side by side (top right) ------------------------------------
  const Eigen::VectorXd pe_p = row_at(static_cast<double>(p), s);
  const Eigen::VectorXd pe_pk = row_at(static_cast<double>(p + k), s);
  const Eigen::VectorXd predicted = shift_apply(pe_p, d, s.base, k, s.layout);
  plot::Panel strips;
  strips.id = "rows";
  strips.left = 0.46f;
  strips.bottom = 0.27f;
  strips.title = pp + ", " + mk + kDot + pp + " and " + pk + ", side by side";
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
  const plot::DataWindow* dz = request.window("rows");
  if (dz == nullptr) dz = request.window("prediction");
  const double dlo = dz ? dz->x_lo : -0.5, dhi = dz ? dz->x_hi : d - 0.5;
  const int dpx = std::max(64, request.width * 54 / 100 - 200);
  const Samples ds = sample_range(0, d - 1, dlo, dhi, dpx);
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
            fmt("PE[%ld] = %.15f", p, a[c]),
            fmt("M%s\xC2\xB7PE[%ld] = %.15f", sub(k).c_str(), p, m[c]),
            fmt("PE[%ld] = %.15f", p + k, b[c]), fmt("difference = %.3g", m[c] - b[c])};
  };
  strips.readout = vector_readout;

  // --- Prediction on the actual row (middle right) --------------------------------
  plot::Panel pred;
  pred.id = "prediction";
  pred.left = 0.46f;
  pred.top = 0.29f;
  pred.bottom = 0.63f;
  pred.title = "Predicted " + mk + kDot + pp + " (\xE2\x97\x86) on actual " + pk + " (line)";
  pred.x.label = "dimension";
  pred.x.lo = -0.5;
  pred.x.hi = d - 0.5;
  pred.x.integer = true;
  pred.x_link = "dims";
  pred.y.label = "value";
  pred.y.lo = -1.15;
  pred.y.hi = 1.15;
  pred.legend = plot::Corner::None;
  // Markers need room: at most ~3 per 10 pixels.
  const Samples ms = sample_range(0, d - 1, dlo, dhi, std::min<long>(dpx / 3, 380));
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
  if (ds.stride > 1 || ms.stride > 1) {
    note += (ds.stride > 1 ? "rows " + stride_note(ds, "dimension") + ", " : std::string()) +
            "markers " + stride_note(ms, "dimension") + ", ";
  }
  report_progress(progress, 0.4);

  // --- The error over every position (bottom right) -------------------------------
  plot::Panel errs;
  errs.id = "errors";
  errs.left = 0.46f;
  errs.right = 0.78f;
  errs.top = 0.66f;
  errs.title = "Error over all positions";
  errs.x = position_axis(first - 0.5, last + 0.5, false, "position p");
  errs.y.label = "max error";
  errs.y.log = true;
  errs.legend = plot::Corner::None;
  const plot::DataWindow* ez = request.window("errors");
  const double elo = ez ? ez->x_lo : first - 0.5, ehi = ez ? ez->x_hi : last + 0.5;
  const int epx = std::max(50, request.width * 32 / 100 - 150);
  const Samples es = sample_range(first, last, elo, ehi, epx);
  // Each sample is the worst of up to `block` consecutive positions (about 1M cells in all).
  const long block =
      std::clamp<long>((1L << 20) / std::max<long>(1, es.values.size() * d), 1, es.stride);
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
  const double eps = std::numeric_limits<double>::epsilon();
  errs.y.lo = 1e-17;
  errs.y.hi = std::max(1e-13, worst * 20.0);
  errs.lines.push_back(std::move(eline));
  plot::LineSeries
      eps_line;  // a dashed level, named in the legend (top left stays empty: errors start small)
  eps_line.label =
      "machine \xCE\xB5 = 2.2e\xE2\x88\x92"
      "16";
  eps_line.color = plot::ink(plot::Ink::Text, 0.75f);
  eps_line.width = 1.5f;
  eps_line.stroke = plot::Stroke::Dashed;
  eps_line.x = {first - 0.5, last + 0.5};
  eps_line.y = {eps, eps};
  errs.lines.push_back(std::move(eps_line));
  errs.legend = plot::Corner::TopLeft;
  errs.refs.push_back({true, static_cast<double>(p), style.series(1), plot::Stroke::Dashed, 1.5f,
                       ""});  // p is in the subtitle
  errs.readout = [copy, k](double x, double) -> std::vector<std::string> {
    const long q = std::lround(x);
    if (q < copy.start || q >= static_cast<long>(copy.start) + copy.positions) return {};
    return {fmt("position %ld, k = %ld", q, k),
            fmt("max |M%s\xC2\xB7PE[%ld] \xE2\x88\x92 PE[%ld]| = %.3g", sub(k).c_str(), q, q + k,
                error_at(static_cast<double>(q), copy, k))};
  };
  if (es.stride > 1) {
    note += "errors " + stride_note(es, "position") +
            (block > 1 ? fmt(" (worst of %ld)", block) : std::string()) + ", ";
  }
  report_progress(progress, 0.8);

  // --- The reconstruction error of p in large text --------------------------------
  const double err_p = error_at(static_cast<double>(p), s, k);
  plot::Panel big;
  big.id = "error";
  big.left = 0.80f;
  big.top = 0.66f;
  big.axes = false;
  big.grid = false;
  big.legend = plot::Corner::None;
  big.x.lo = 0.0;
  big.x.hi = 1.0;
  big.y.lo = 0.0;
  big.y.hi = 1.0;
  const auto text = [&](double y, std::string t, float scale, bool bold, plot::Color c) {
    big.texts.push_back({0.0, y, std::move(t), c, scale, bold, 0.0f, 0.5f});
  };
  text(0.93, "max |" + mk + kDot + pp + " " + kMinus + " " + pk + "|", 0.85f, false, style.text);
  text(0.68, err_p == 0.0 ? std::string("0") : fmt("%.1e", err_p), 2.6f, true, style.series(1));
  text(0.42,
       err_p == 0.0         ? std::string("exact: no rounding here")
       : err_p <= 4.0 * eps ? "a few \xCE\xB5: rounding only"
                            : fmt("%.0f \xC3\x97 machine \xCE\xB5 (rounding)", err_p / eps),
       0.85f, false, style.text);
  text(0.2, worst == 0.0 ? std::string("worst shown: 0") : fmt("worst shown: %.1e", worst), 0.8f,
       false, style.muted);
  text(0.05, fmt("at p = %ld", worst_p), 0.8f, false, style.muted);

  f.panels.push_back(std::move(matrix));
  f.panels.push_back(std::move(strips));
  f.panels.push_back(std::move(pred));
  f.panels.push_back(std::move(errs));
  f.panels.push_back(std::move(big));
  if (!note.empty())
    note = "Sampled: " + note.substr(0, note.size() - 2) + ". Zoom in (mouse wheel) for all.";
  f.note = note;
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
