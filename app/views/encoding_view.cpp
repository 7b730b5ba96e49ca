#include "encoding_view.hpp"

#include "app/plot/text_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "core/box_mean.hpp"
#include "core/learned.hpp"
#include "core/progress.hpp"
#include "core/sinusoidal.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {

namespace fit {

double text_px(const std::string& text, double size, bool bold) {
  // The font's own advances (plot/text_metrics), 3% generous.
  return plot::text_width(text, size, bold) * 1.03;
}

std::vector<std::string> wrap(const std::string& text, double width, double size, bool bold) {
  if (text.empty()) return {};
  if (text_px(text, size, bold) <= width) return {text};
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t j = text.find(' ', i);
    words.push_back(text.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  std::vector<std::string> lines;
  std::string line;
  for (const std::string& word : words) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || text_px(candidate, size, bold) <= width) {
      line = candidate;
    } else {
      lines.push_back(line);
      line = word;
    }
  }
  lines.push_back(line);
  return lines;
}

int lines_of(const std::string& text, double width, double size, bool bold) {
  return static_cast<int>(wrap(text, width, size, bold).size());
}

std::string first_fitting(const std::vector<std::string>& options, double width, double size,
                          bool bold, int max_lines) {
  for (const std::string& o : options) {
    const std::vector<std::string> l = wrap(o, width, size, bold);
    bool fits = static_cast<int>(l.size()) <= max_lines;
    for (const std::string& line : l) fits = fits && text_px(line, size, bold) <= width;
    if (fits) return o;
  }
  return options.empty() ? std::string() : options.back();
}

Box figure_body(const plot::Figure& f, double width, double height) {
  Box b{0.0, 0.0, width, height};
  const auto n = [&](const std::string& t, double size, bool bold) {
    return static_cast<double>(std::min(2, lines_of(t, width, size, bold)));
  };
  if (!f.title.empty()) b.y0 += kTitle * 1.35 * n(f.title, kTitle, true);
  if (!f.subtitle.empty()) b.y0 += kBody * 1.3 * n(f.subtitle, kBody, false);
  if (!f.title.empty() || !f.subtitle.empty()) b.y0 += kBody * 0.4;
  std::string warnings;
  for (const std::string& w : f.warnings) warnings += (warnings.empty() ? "warning: " : "; ") + w;
  const double footer = n(f.note, kTick, false) + n(warnings, kTick, false);
  if (footer > 0) b.y1 -= kBody * (0.25 + 1.15 * footer);
  b.y1 = std::max(b.y0 + 1.0, b.y1);
  return b;
}

Box panel_area(const plot::Panel& p, const Box& body) {
  return {body.x0 + p.left * body.width(), body.y0 + p.top * body.height(),
          body.x0 + p.right * body.width(), body.y0 + p.bottom * body.height()};
}

Box bare_plot(const plot::Panel& p, const Box& body) {
  const Box a = panel_area(p, body);
  double t = kTick * 0.6;
  if (!p.title.empty()) {
    const int n = std::min(2, lines_of(p.title, a.width(), kPanelTitle, true));
    t += kPanelTitle * (1.5 + 1.25 * (n - 1));
  }
  return {a.x0 + kTick * 0.6, a.y0 + t, std::max(a.x0 + kTick * 0.6 + 10.0, a.x1 - kTick),
          std::max(a.y0 + t + 10.0, a.y1 - kTick * 0.6)};
}

void text_panel(plot::Panel& p, const Box& plot) {
  p.axes = false;
  p.grid = false;
  p.legend = plot::Corner::None;
  p.equal_aspect = false;
  p.x.lo = 0.0;
  p.x.hi = std::max(1.0, plot.width());
  p.y.lo = 0.0;
  p.y.hi = std::max(1.0, plot.height());
  p.y.inverted = true;
}

std::optional<plot::Text> vline_label(double at, const std::string& text, plot::Color color,
                                      const plot::DataWindow& window, double plot_w,
                                      double plot_h) {
  const double lo = std::min(window.x_lo, window.x_hi), hi = std::max(window.x_lo, window.x_hi);
  const double ylo = std::min(window.y_lo, window.y_hi), yhi = std::max(window.y_lo, window.y_hi);
  if (!(hi > lo) || !(yhi > ylo) || at < lo || at > hi || plot_w <= 0 || plot_h <= 0)
    return std::nullopt;
  const double per = plot_w / (hi - lo);  // pixels per data unit
  const double need = text_px(text, kTick) + 10.0;
  const double y = yhi - (yhi - ylo) * 5.0 / plot_h;
  if ((hi - at) * per >= need)
    return plot::Text{at + 5.0 / per, y, text, color, 0.85f, false, 0.0f, 0.0f};
  if ((at - lo) * per >= need)
    return plot::Text{at - 5.0 / per, y, text, color, 0.85f, false, 1.0f, 0.0f};
  return std::nullopt;
}

std::optional<plot::Text> hline_label(double at, const std::string& text, plot::Color color,
                                      const PlotFrame& frame, std::vector<Box>& taken) {
  const plot::DataWindow& w = frame.window;
  const double ylo = std::min(w.y_lo, w.y_hi), yhi = std::max(w.y_lo, w.y_hi);
  const double xlo = std::min(w.x_lo, w.x_hi), xhi = std::max(w.x_lo, w.x_hi);
  if (frame.width <= 0 || frame.height <= 0 || !(yhi > ylo) || !(xhi > xlo)) return std::nullopt;
  if (frame.log_y && (ylo <= 0 || at <= 0)) return std::nullopt;
  const auto to_py = [&](double y) {
    const double u = frame.log_y
                         ? (std::log10(y) - std::log10(ylo)) / (std::log10(yhi) - std::log10(ylo))
                         : (y - ylo) / (yhi - ylo);
    return frame.height * (1.0 - u);
  };
  const auto to_y = [&](double py) {
    const double u = 1.0 - py / frame.height;
    return frame.log_y ? std::pow(10.0, std::log10(ylo) + u * (std::log10(yhi) - std::log10(ylo)))
                       : ylo + u * (yhi - ylo);
  };
  const double line = to_py(at);
  if (line < 0.0 || line > frame.height) return std::nullopt;
  const double tw = text_px(text, kTick) + 2.0, th = kTick;
  constexpr double kEdge = 5.0, kAbove = 3.0;
  for (int k = 0; k < 4; ++k) {
    const bool right = k % 2 == 0, above = k < 2;
    Box b;
    b.x0 = right ? frame.width - kEdge - tw : kEdge;
    b.x1 = b.x0 + tw;
    b.y1 = above ? line - kAbove : line + kAbove + th;
    b.y0 = b.y1 - th;
    if (b.x0 < 0.0 || b.y0 < 2.0 || b.y1 > frame.height - 2.0) continue;
    bool clear = true;
    for (const Box& t : taken) {
      clear = clear && (b.x1 + 4.0 <= t.x0 || t.x1 + 4.0 <= b.x0 || b.y1 + 3.0 <= t.y0 ||
                        t.y1 + 3.0 <= b.y0);
    }
    if (!clear) continue;
    taken.push_back(b);
    const double x = xlo + (right ? b.x1 : b.x0) / frame.width * (xhi - xlo);
    return plot::Text{x, to_y(b.y0), text, color, 0.85f, false, right ? 1.0f : 0.0f, 0.0f};
  }
  return std::nullopt;
}

}  // namespace fit

namespace {

constexpr const char* kMinus = "−";

std::vector<std::string> sinusoidal_readout(const SharedParams& s, long p, int col) {
  const SinusoidalCell c = sinusoidal_cell(static_cast<double>(p), col, s.d, s.base, s.layout);
  const char* fn = c.is_cos ? "cos" : "sin";
  return {
      fmt("position %ld, dimension %d (pair i = %d, %s)", p, col, c.pair, fn),
      fmt("PE(%ld, %d) = %s(%ld · %s^(%s%d/%d))", p, col, fn, p, num(s.base).c_str(), kMinus,
          2 * c.pair, s.d),
      fmt("         = %s(%ld × %.6g)", fn, p, c.frequency),
      fmt("         = %s(%.6g)", fn, c.angle),
      fmt("         = %.6f", c.value),
  };
}

// A learned picture averages its pixel rows when that reads at most this many table entries
// (0.6 s at the limit: 262144 positions x 64 on 650 rows); beyond, it shows one sampled
// position per row and says so on the colorbar.
constexpr double kLearnedMeanBudget = 16777216.0;  // 2^24

// What a row of the picture is: one position's value (every position, or a sample that does
// not alias), the mean of the positions it covers, or a sample the figure names on its colorbar.
enum class RowKind { Value, Mean, Sampled };

plot::Figure build_encoding(const SharedParams& s, const EncodingParams& params,
                            const plot::FigureRequest& request, const ProgressFn& progress);

}  // namespace

void EncodingParams::visit(ParamVisitor& v) {
  v.visit({.name = "values",
           .label = "numbers in cells",
           .help = "print each value in its cell when at most 32 x 32 are visible"},
          values);
}

std::vector<std::string> EncodingView::shared_fields(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) return {"d", "positions", "start", "seed"};
  return {"d", "base", "positions", "start", "layout"};
}

std::string EncodingView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) {
    return "A learned encoding is a table with one trainable vector per position. Here it is at "
           "initialisation: every entry drawn from N(0, 0.02²), like GPT-2. There is no "
           "pattern "
           "until training writes one, and a position beyond the table has no vector at all.";
  }
  return "Each row is the code of one position: d_model numbers added to the word's embedding. "
         "Pair i turns at the frequency ωᵢ = base^(−"
         "2i/d). The first "
         "columns turn fast (ω₀ = 1 radian per position), the last ones crawl, "
         "like "
         "the second, minute and hour hands of a clock, so every position gets its own pattern.";
}

plot::Figure encoding_figure(const SharedParams& s, const EncodingParams& params,
                             const plot::FigureRequest& request) {
  return build_encoding(s, params, request, {});
}

namespace {

plot::Figure build_encoding(const SharedParams& s, const EncodingParams& params,
                            const plot::FigureRequest& request, const ProgressFn& progress) {
  const bool learned = s.scheme == Scheme::Learned;
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  plot::Panel panel;
  panel.id = "encoding";
  panel.x.label = "dimension";
  panel.x.lo = -0.5;
  panel.x.hi = s.d - 0.5;
  panel.x.integer = true;
  panel.y = position_axis(first - 0.5, last + 0.5, true);
  panel.legend = plot::Corner::None;
  const plot::DataWindow w = request.window(panel.id)
                                 ? *request.window(panel.id)
                                 : plot::DataWindow{panel.x.lo, panel.x.hi, panel.y.lo, panel.y.hi};
  // A cell a pixel; the random init's cells 2 x 2 pixels: it is noise, which a cell of four
  // pixels shows as well as one, at a quarter of the draws (a drawn cell costs a Gaussian
  // draw, the cost that follows the pixels here). A loaded table keeps a cell a pixel.
  const int cell_px = learned && !s.learned_table ? 2 : 1;
  const Samples rows =
      sample_range(first, last, w.y_lo, w.y_hi, std::max(64, (request.height - 150) / cell_px));
  const Samples cols =
      sample_range(0, s.d - 1, w.x_lo, w.x_hi, std::max(64, (request.width - 250) / cell_px));
  const Eigen::VectorXi columns = cols.values.cast<int>();
  // A pixel row of one position shows its value; of many, their exact mean (sinusoidal: the
  // Dirichlet kernel, O(1) a cell, where one sample would alias the fast dimensions into
  // patterns that are not there; learned: summed while that stays cheap, else one sample a row
  // and the colorbar says so).
  const std::vector<PositionRun> runs = runs_from_samples(rows.values, rows.stride, last);
  // Sinusoidal: samples of strides 2 and 3 are faithful (Nyquist), drawn as before and noted.
  const RowKind kind =
      rows.stride == 1 ? RowKind::Value
      : !learned       ? (sinusoidal_stride_aliases(rows.stride) ? RowKind::Mean : RowKind::Value)
      : learned_box_entries(runs, columns) <= kLearnedMeanBudget ? RowKind::Mean
                                                                 : RowKind::Sampled;
  const auto seed = static_cast<std::uint64_t>(s.seed);
  Eigen::MatrixXd values;
  if (kind == RowKind::Mean) {
    values =
        learned ? learned_box_means(runs, columns, s.d, seed, 0.02, s.learned_table.get(), progress)
                : sinusoidal_box_means(runs, columns, s.d, s.base, s.layout, progress);
  } else {
    // One position per row, in blocks of rows between which a superseded build stops.
    const Eigen::Index n = rows.values.size();
    values.resize(n, columns.size());
    constexpr Eigen::Index kBlock = 64;
    for (Eigen::Index r = 0; r < n; r += kBlock) {
      report_progress(progress, static_cast<double>(r) / static_cast<double>(n));
      const Eigen::Index k = std::min(kBlock, n - r);
      const auto at = rows.values.segment(r, k);
      values.middleRows(r, k) =
          learned ? learned_cells(at, columns, s.d, seed, 0.02, s.learned_table.get())
                  : sinusoidal_cells(at, columns, s.d, s.base, s.layout);
    }
  }
  report_progress(progress, 1.0);
  plot::HeatmapLayer h = heatmap_over(rows, cols, std::move(values));
  h.value_label = kind == RowKind::Mean      ? fmt("mean over %ld positions", rows.stride)
                  : kind == RowKind::Sampled ? stride_note(rows, "position") + " shown"
                                             : "PE value";
  // Learned: +-3 standard deviations of the init, or a real table's largest |value|.
  const double range = learned ? learned_value_range(s.learned_table.get()) : 1.0;
  h.lo = -range;
  h.hi = range;
  h.print_values = params.values;
  h.decimals = learned ? 3 : 2;
  panel.heatmap = std::move(h);
  const SharedParams copy = s;
  // The hover gives the exact value at the hovered position, and what its cell shows.
  panel.readout = [copy, learned, runs, kind](double x, double y) -> std::vector<std::string> {
    const long p = std::lround(y);
    const int col = static_cast<int>(std::lround(x));
    if (col < 0 || col >= copy.d || p < copy.start ||
        p >= static_cast<long>(copy.start) + copy.positions)
      return {};
    std::vector<std::string> lines;
    if (!learned) {
      lines = sinusoidal_readout(copy, p, col);
    } else {
      const double v = learned_row(p, copy.d, static_cast<std::uint64_t>(copy.seed), 0.02,
                                   copy.learned_table.get())[col];
      lines = {fmt("position %ld, dimension %d", p, col),
               fmt("value %.6f (%s)", v, learned_origin(copy).c_str())};
    }
    if (kind == RowKind::Value || runs.empty()) return lines;
    const long stride = runs.front().count;
    const long k = (p - runs.front().first) / stride;
    if (p < runs.front().first || k >= static_cast<long>(runs.size())) return lines;
    const PositionRun& run = runs[static_cast<std::size_t>(k)];
    const long end = run.first + run.count - 1;
    if (kind == RowKind::Sampled) {
      lines.push_back(fmt("its row shows position %ld of %ld..%ld", run.first, run.first, end));
      return lines;
    }
    Eigen::VectorXi one(1);
    one << col;
    const double mean =
        learned ? learned_box_means({run}, one, copy.d, static_cast<std::uint64_t>(copy.seed), 0.02,
                                    copy.learned_table.get())(0, 0)
                : sinusoidal_box_means({run}, one, copy.d, copy.base, copy.layout)(0, 0);
    lines.push_back(fmt("its cell: mean over positions %ld..%ld = %.6f", run.first, end, mean));
    return lines;
  };

  const double W = std::max(1, request.width);
  plot::Figure f;
  f.title =
      learned && s.learned_table
          ? fit::first_fitting({"Learned positional embeddings (a trained table)",
                                "Learned embeddings (trained)", "Learned embeddings"},
                               W, fit::kTitle, true)
      : learned
          ? fit::first_fitting({"Learned positional embeddings (at initialisation)",
                                "Learned embeddings (at initialisation)", "Learned embeddings"},
                               W, fit::kTitle, true)
          : fit::first_fitting({"Sinusoidal positional encoding", "Sinusoidal encoding"}, W,
                               fit::kTitle, true);
  const std::string sub_full =
      learned ? fmt("d_model = %d · positions %s · %s", s.d, span(first, last).c_str(),
                    learned_origin_long(s).c_str())
              : fmt("d_model = %d · base = %s · positions %s · %s columns", s.d,
                    num(s.base).c_str(), span(first, last).c_str(), layout_name(s.layout));
  const std::string sub_brief =
      learned ? fmt("d %d · %s · %s", s.d, span(first, last).c_str(), learned_origin(s).c_str())
              : fmt("d %d · base %s · %s · %s", s.d, num(s.base).c_str(), span(first, last).c_str(),
                    layout_name(s.layout));
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_brief}, W, fit::kBody, false, 2);
  std::string note;
  // Rows that are means show every position (the colorbar says over how many).
  const std::string rn = kind != RowKind::Mean ? stride_note(rows, "position") : "",
                    cn = stride_note(cols, "dimension");
  if (!rn.empty() || !cn.empty()) {
    const std::string what = rn + (rn.empty() || cn.empty() ? "" : " and ") + cn;
    note =
        fit::first_fitting({"Showing " + what + "; zoom in (mouse wheel) for every one.",
                            "Showing " + what + "; zoom in for all.", "Sampled; zoom in for all."},
                           W, fit::kTick, false, request.height < 560 ? 1 : 2);
  }
  f.note = note;
  f.panels.push_back(std::move(panel));
  return f;
}

}  // namespace

void encoding_table(const SharedParams& s, plot::TableSink& table) {
  require_table_cells(static_cast<double>(s.positions) * s.d, "the encoding",
                      "lower --positions or --d");
  const Eigen::MatrixXd pe =
      s.scheme == Scheme::Learned
          ? learned_encoding({s.d, s.positions, s.start, static_cast<std::uint64_t>(s.seed), 0.02,
                              s.learned_table.get()})
          : sinusoidal_encoding({s.d, s.base, s.positions, s.start, s.layout});
  std::vector<std::string> header{"position"};
  for (int j = 0; j < s.d; ++j) header.push_back("dim_" + std::to_string(j));
  table.header(header);
  for (Eigen::Index r = 0; r < pe.rows(); ++r) {
    table.cell(static_cast<long>(s.start) + static_cast<long>(r));
    for (Eigen::Index c = 0; c < pe.cols(); ++c) table.cell(pe(r, c));
    table.end_row();
  }
}

plot::TableWriter EncodingView::table(const SharedParams& shared) const {
  return [shared](plot::TableSink& t) { encoding_table(shared, t); };
}

TableColumns EncodingView::table_columns() const {
  return {"position,dim_0,...,dim_{d-1}", "the encoding matrix (--scheme sinusoidal or learned)"};
}

FigureBuilder EncodingView::builder(const SharedParams& shared,
                                    const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn& progress) {
    return build_encoding(shared, params, request, progress);
  };
}

}  // namespace peviz
