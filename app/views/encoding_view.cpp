#include "encoding_view.hpp"

#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr const char* kMinus = "\xE2\x88\x92";

std::vector<std::string> sinusoidal_readout(const SharedParams& s, long p, int col) {
  const SinusoidalCell c = sinusoidal_cell(static_cast<double>(p), col, s.d, s.base, s.layout);
  const char* fn = c.is_cos ? "cos" : "sin";
  return {
      fmt("position %ld, dimension %d (pair i = %d, %s)", p, col, c.pair, fn),
      fmt("PE(%ld, %d) = %s(%ld \xC2\xB7 %s^(%s%d/%d))", p, col, fn, p, num(s.base).c_str(), kMinus,
          2 * c.pair, s.d),
      fmt("         = %s(%ld \xC3\x97 %.6g)", fn, p, c.frequency),
      fmt("         = %s(%.6g)", fn, c.angle),
      fmt("         = %.6f", c.value),
  };
}

}  // namespace

void EncodingParams::visit(ParamVisitor& v) {
  v.visit({"values", "numbers in cells",
           "print each value in its cell when at most 32 x 32 are visible"},
          values);
}

std::vector<std::string> EncodingView::shared_fields(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) return {"d", "positions", "start", "seed"};
  return {"d", "base", "positions", "start", "layout"};
}

std::string EncodingView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) {
    return "A learned encoding is a table with one trainable vector per position. Here it is at "
           "initialisation: every entry drawn from N(0, 0.02\xC2\xB2), like GPT-2. There is no "
           "pattern "
           "until training writes one, and a position beyond the table has no vector at all.";
  }
  return "Each row is the code of one position: d_model numbers added to the word's embedding. "
         "Pair i turns at the frequency \xCF\x89\xE1\xB5\xA2 = base^(\xE2\x88\x92"
         "2i/d). The first "
         "columns turn fast (\xCF\x89\xE2\x82\x80 = 1 radian per position), the last ones crawl, "
         "like "
         "the second, minute and hour hands of a clock, so every position gets its own pattern.";
}

plot::Figure encoding_figure(const SharedParams& s, const EncodingParams& params,
                             const plot::FigureRequest& request) {
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
  const Samples rows =
      sample_range(first, last, w.y_lo, w.y_hi, std::max(64, request.height - 150));
  const Samples cols = sample_range(0, s.d - 1, w.x_lo, w.x_hi, std::max(64, request.width - 250));
  const Eigen::VectorXi columns = cols.values.cast<int>();
  Eigen::MatrixXd values =
      learned ? learned_cells(rows.values, columns, s.d, static_cast<std::uint64_t>(s.seed), 0.02)
              : sinusoidal_cells(rows.values, columns, s.d, s.base, s.layout);
  plot::HeatmapLayer h = heatmap_over(rows, cols, std::move(values));
  h.value_label = "PE value";
  h.lo = learned ? -0.06 : -1.0;  // learned: +-3 standard deviations
  h.hi = learned ? 0.06 : 1.0;
  h.print_values = params.values;
  h.decimals = learned ? 3 : 2;
  panel.heatmap = std::move(h);
  const SharedParams copy = s;
  panel.readout = [copy, learned](double x, double y) -> std::vector<std::string> {
    const long p = std::lround(y);
    const int col = static_cast<int>(std::lround(x));
    if (col < 0 || col >= copy.d || p < copy.start ||
        p >= static_cast<long>(copy.start) + copy.positions)
      return {};
    if (!learned) return sinusoidal_readout(copy, p, col);
    const double v = learned_row(p, copy.d, static_cast<std::uint64_t>(copy.seed), 0.02)[col];
    return {fmt("position %ld, dimension %d", p, col), fmt("value %.6f (seed %d)", v, copy.seed)};
  };

  plot::Figure f;
  f.title = learned ? "Learned positional embeddings (at initialisation)"
                    : "Sinusoidal positional encoding";
  f.subtitle =
      learned ? fmt("d_model = %d \xC2\xB7 positions %s \xC2\xB7 N(0, 0.02\xC2\xB2), seed %d", s.d,
                    span(first, last).c_str(), s.seed)
              : fmt("d_model = %d \xC2\xB7 base = %s \xC2\xB7 positions %s \xC2\xB7 %s columns",
                    s.d, num(s.base).c_str(), span(first, last).c_str(), layout_name(s.layout));
  std::string note;
  const std::string rn = stride_note(rows, "position"), cn = stride_note(cols, "dimension");
  if (!rn.empty() || !cn.empty()) {
    note = "Showing " + rn + (rn.empty() || cn.empty() ? "" : " and ") + cn +
           "; zoom in (mouse wheel) for every one.";
  }
  f.note = note;
  f.panels.push_back(std::move(panel));
  return f;
}

void encoding_table(const SharedParams& s, plot::TableSink& table) {
  require_table_cells(static_cast<double>(s.positions) * s.d, "the encoding",
                      "lower --positions or --d");
  const Eigen::MatrixXd pe =
      s.scheme == Scheme::Learned
          ? learned_encoding({s.d, s.positions, s.start, static_cast<std::uint64_t>(s.seed), 0.02})
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
  return [shared, params = params_, request](const ProgressFn&) {
    return encoding_figure(shared, params, request);
  };
}

}  // namespace peviz
