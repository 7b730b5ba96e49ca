#include "learned_structure_view.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <thread>
#include <tuple>
#include <utility>

#include "app/plot/style.hpp"
#include "core/colormap.hpp"
#include "core/learned.hpp"
#include "core/parallel.hpp"
#include "core/sinusoidal.hpp"
#include "core/table_structure.hpp"
#include "core/validate.hpp"
#include "encoding_view.hpp"
#include "view_util.hpp"

namespace peviz {

namespace {

constexpr int kPositionGroups = 8;  // the scatter's colours, from the first positions to the last

// Where one table's panels go: a column [left, right] of the figure, in `rows` rows (3: PCA
// scatter, components against position, spectrum; 2: no components; 1: the scatter alone), and
// the column's width in logical pixels, for the words that fit.
struct Column {
  float left = 0.0f, right = 1.0f;
  int rows = 3;
  double width = 600.0;
};
// Row r of `rows`, as figure fractions (top, bottom).
std::pair<float, float> row_span(int r, int rows) {
  const float gap = 0.07f, h = (1.0f - gap * static_cast<float>(rows - 1)) / rows;
  return {static_cast<float>(r) * (h + gap), static_cast<float>(r) * (h + gap) + h};
}

// One table's numbers (n positions x d dimensions): its PCA and its spectrum.
struct Analysis {
  long n = 0, d = 0;
  TablePca pca;
  TableSpectrum spectrum;
};

// The PCA and spectrum panels of one table, in the figure's column [left, right].
// Takes the analysis' amplitudes for the spectrum's readout.
void add_table_panels(plot::Figure& f, Analysis& analysis, const std::string& what,
                      const std::string& id, const Column& col,
                      const LearnedStructureParams& params) {
  const float left = col.left, right = col.right;
  const bool roomy = col.width >= 560.0;  // legends beside the plots
  const plot::Style style = plot::ink_style();
  const long n = analysis.n, d = analysis.d;
  const TablePca& pca = analysis.pca;
  TableSpectrum& spectrum = analysis.spectrum;
  f.values.push_back({"explained_pc1_" + id, pca.explained.size() > 0 ? pca.explained[0] : 0.0});
  f.values.push_back({"likeness_mean_" + id, spectrum.likeness.mean()});
  const long k = pca.coords.cols();
  const auto coord = [&](long p, long j) { return j < k ? pca.coords(p, j) : 0.0; };
  const auto percent = [&](long j) {
    return j < pca.explained.size() ? 100.0 * pca.explained[j] : 0.0;
  };

  // PC1 against PC2, joined in position order, coloured by position.
  plot::Panel scatter;
  scatter.id = "pca-" + id;
  scatter.title = fit::first_fitting({what + ": PCA of the rows", what + ": PCA"}, col.width,
                                     fit::kPanelTitle, true);
  scatter.left = left;
  scatter.right = right;
  std::tie(scatter.top, scatter.bottom) = row_span(0, col.rows);
  scatter.x.label = fmt("PC1 (%.1f%%)", percent(0));
  scatter.y.label = fmt("PC2 (%.1f%%)", percent(1));
  double lo_x = 0, hi_x = 0, lo_y = 0, hi_y = 0;
  plot::LineSeries path;
  path.color = plot::ink(plot::Ink::Muted, 0.6f);
  path.width = 1.0f;
  for (long p = 0; p < n; ++p) {
    path.x.push_back(coord(p, 0));
    path.y.push_back(coord(p, 1));
    lo_x = std::min(lo_x, coord(p, 0));
    hi_x = std::max(hi_x, coord(p, 0));
    lo_y = std::min(lo_y, coord(p, 1));
    hi_y = std::max(hi_y, coord(p, 1));
  }
  scatter.lines.push_back(path);
  const long groups = std::min<long>(kPositionGroups, n);
  const Colormap& viridis = colormap(ColormapId::Viridis);
  for (long g = 0; g < groups; ++g) {
    const long first = g * n / groups, last = (g + 1) * n / groups - 1;
    plot::LineSeries dots;
    const Rgb c = colormap_sample(viridis, (g + 0.5) / static_cast<double>(groups));
    dots.color = {static_cast<float>(c.r), static_cast<float>(c.g), static_cast<float>(c.b), 1.0f};
    dots.width = 0.0f;
    dots.marker = plot::Marker::Circle;
    dots.marker_size = n > 300 ? 2.5f : 4.0f;
    if (g == 0 || g == groups - 1) dots.label = "positions " + span(first, last);
    for (long p = first; p <= last; ++p) {
      dots.x.push_back(coord(p, 0));
      dots.y.push_back(coord(p, 1));
    }
    scatter.lines.push_back(std::move(dots));
  }
  const double pad_x = std::max(1e-12, 0.06 * (hi_x - lo_x)),
               pad_y = std::max(1e-12, 0.06 * (hi_y - lo_y));
  scatter.x.lo = lo_x - pad_x;
  scatter.x.hi = hi_x + pad_x;
  scatter.y.lo = lo_y - pad_y;
  scatter.y.hi = hi_y + pad_y;
  // The hovered point: the nearest row in the plot's coordinates (in units of each axis' range).
  const Eigen::MatrixXd xy = pca.coords.leftCols(std::min<long>(2, k));
  const double span_x = scatter.x.hi - scatter.x.lo, span_y = scatter.y.hi - scatter.y.lo;
  scatter.readout = [xy, span_x, span_y](double x, double y) -> std::vector<std::string> {
    long best = -1;
    double best_d = 0.02 * 0.02;  // within 2% of the plot
    for (long p = 0; p < xy.rows(); ++p) {
      const double dx = (xy(p, 0) - x) / span_x;
      const double dy = (xy.cols() > 1 ? xy(p, 1) - y : -y) / span_y;
      if (dx * dx + dy * dy < best_d) {
        best_d = dx * dx + dy * dy;
        best = p;
      }
    }
    if (best < 0) return {};
    return {fmt("position %ld", best),
            fmt("PC1 = %.6g, PC2 = %.6g", xy(best, 0), xy.cols() > 1 ? xy(best, 1) : 0.0)};
  };
  // The points fill the plot: the legend goes beside it, or there is none.
  scatter.legend = roomy ? plot::Corner::Outside : plot::Corner::None;
  f.panels.push_back(std::move(scatter));
  if (col.rows == 1) return;

  // The first three components against position.
  plot::Panel pcs;
  pcs.id = "components-" + id;
  const double top3 = 100.0 * pca.explained.head(std::min<long>(3, pca.explained.size())).sum();
  pcs.title = fit::first_fitting({fmt("first components: %.1f%% of the variance", top3),
                                  fmt("PC1–3: %.1f%% of the variance", top3)},
                                 col.width, fit::kPanelTitle, true);
  pcs.left = left;
  pcs.right = right;
  std::tie(pcs.top, pcs.bottom) = row_span(1, col.rows);
  pcs.x = position_axis(0, static_cast<double>(std::max(1L, n - 1)), false);
  double lo = 0, hi = 0;
  for (long j = 0; j < std::min<long>(3, k); ++j) {
    plot::LineSeries l;
    l.label = fmt("PC%ld (%.1f%%)", j + 1, percent(j));
    l.color = style.series(static_cast<std::size_t>(j));
    l.width = 1.8f;
    for (long p = 0; p < n; ++p) {
      l.x.push_back(static_cast<double>(p));
      l.y.push_back(pca.coords(p, j));
      lo = std::min(lo, pca.coords(p, j));
      hi = std::max(hi, pca.coords(p, j));
    }
    pcs.lines.push_back(std::move(l));
  }
  const double pad = std::max(1e-12, 0.08 * (hi - lo));
  pcs.y.label = "coordinate";
  pcs.y.lo = lo - pad;
  pcs.y.hi = hi + pad;
  pcs.legend = roomy ? plot::Corner::Outside : plot::Corner::TopRight;
  const Eigen::MatrixXd coords = pca.coords;
  pcs.readout = [coords](double x, double) -> std::vector<std::string> {
    const long p = std::lround(x);
    if (p < 0 || p >= coords.rows()) return {};
    std::vector<std::string> out{fmt("position %ld", p)};
    for (long j = 0; j < coords.cols(); ++j)
      out.push_back(fmt("PC%ld = %.6g", j + 1, coords(p, j)));
    return out;
  };
  if (col.rows == 3) f.panels.push_back(std::move(pcs));

  // The spectrum of each dimension over positions.
  plot::Panel sp;
  sp.id = "spectrum-" + id;
  sp.left = left;
  sp.right = right;
  std::tie(sp.top, sp.bottom) = row_span(col.rows - 1, col.rows);
  sp.x.label = "dimension";
  sp.x.lo = -0.5;
  sp.x.hi = static_cast<double>(d) - 0.5;
  sp.x.integer = true;
  const double mean_likeness = spectrum.likeness.mean();
  if (params.spectrum == SpectrumShow::Heatmap) {
    sp.title =
        fit::first_fitting({fmt("spectrum per dimension (sinusoid-likeness %.2f)", mean_likeness),
                            fmt("spectrum (likeness %.2f)", mean_likeness)},
                           col.width, fit::kPanelTitle, true);
    Eigen::MatrixXd values = spectrum.amplitude;  // bins x d: rows are frequencies
    for (long c = 0; c < d; ++c) {
      const double top = values.col(c).maxCoeff();
      values.col(c) =
          top > 0 ? Eigen::VectorXd(values.col(c) / top) : Eigen::VectorXd::Zero(values.rows());
    }
    const long bins = values.rows();
    plot::HeatmapLayer h;
    h.values = std::make_shared<const Eigen::MatrixXd>(std::move(values));
    h.x_lo = -0.5;
    h.x_hi = static_cast<double>(d) - 0.5;
    h.y_lo = -0.5 / static_cast<double>(n);
    h.y_hi = (static_cast<double>(bins) - 0.5) / static_cast<double>(n);
    h.colormap = ColormapId::Viridis;
    h.lo = 0.0;
    h.hi = 1.0;
    h.value_label = "|DFT| / its largest";
    sp.heatmap = std::move(h);
    sp.y.label = "cycles per position";
    sp.y.lo = -0.5 / static_cast<double>(n);
    sp.y.hi = (static_cast<double>(bins) - 0.5) / static_cast<double>(n);
    sp.grid = false;
    sp.legend = plot::Corner::None;
  } else {
    sp.title =
        fit::first_fitting({fmt("sinusoid-likeness per dimension (mean %.2f)", mean_likeness),
                            fmt("sinusoid-likeness (mean %.2f)", mean_likeness)},
                           col.width, fit::kPanelTitle, true);
    plot::Bars b;
    b.label = "energy in the dominant frequency ± 1 bin";
    b.color = style.series(0);
    for (long c = 0; c < d; ++c) {
      b.x.push_back(static_cast<double>(c));
      b.height.push_back(spectrum.likeness[c]);
    }
    sp.bars.push_back(std::move(b));
    sp.y.label = "sinusoid-likeness";
    sp.y.lo = 0.0;
    sp.y.hi = 1.05;
    sp.legend = plot::Corner::None;
  }
  const Eigen::VectorXd dominant = spectrum.dominant, likeness = spectrum.likeness;
  const auto amplitude = std::make_shared<const Eigen::MatrixXd>(std::move(spectrum.amplitude));
  sp.readout = [dominant, likeness, amplitude, n](double x, double y) -> std::vector<std::string> {
    const long c = std::lround(x);
    if (c < 0 || c >= dominant.size()) return {};
    std::vector<std::string> out{fmt("dimension %ld", c),
                                 fmt("dominant: %.6g cycles/position (period %.4g)", dominant[c],
                                     dominant[c] > 0 ? 1.0 / dominant[c] : 0.0),
                                 fmt("sinusoid-likeness %.3f", likeness[c])};
    const long bin = std::lround(y * static_cast<double>(n));
    if (bin >= 0 && bin < amplitude->rows())
      out.push_back(fmt("amplitude at %.6g cycles/position: %.4g",
                        static_cast<double>(bin) / static_cast<double>(n), (*amplitude)(bin, c)));
    return out;
  };
  f.panels.push_back(std::move(sp));
}

}  // namespace

void LearnedStructureParams::visit(ParamVisitor& v) {
  visit_enum(v,
             {.name = "spectrum",
              .label = "spectrum as",
              .help = "each dimension's spectrum as a heatmap, or its sinusoid-likeness",
              .choices = choices_of(kSpectrumShowNames)},
             spectrum);
  v.visit({.name = "compare",
           .label = "sinusoidal beside",
           .help = "show the sinusoidal table of the same size beside"},
          compare);
}

std::vector<std::string> LearnedStructureView::shared_fields(const SharedParams& s) const {
  if (s.learned_table) return {"base"};
  return {"d", "positions", "seed", "base"};
}

std::string LearnedStructureView::explanation(const SharedParams&) const {
  return "PCA finds the directions in which the rows (positions) vary most. A sinusoidal table "
         "puts its slowest pairs there, so consecutive positions trace smooth curves; trained "
         "learned tables (GPT-2's wpe) show smooth curves too, a random-init table a cloud. The "
         "spectrum shows, per dimension, which frequencies over positions it holds: a sinusoidal "
         "column is one bright bin, and its sinusoid-likeness (energy in the dominant bin ± 1) "
         "is near 1 (so is a column slower than the table, whose energy sits in the lowest bins); "
         "noise spreads over all bins.";
}

std::pair<long, long> structure_size(const SharedParams& s) {
  if (s.learned_table) return {s.learned_table->values.rows(), s.learned_table->values.cols()};
  return {std::max(0, s.positions), std::max(0, s.d)};
}

long structure_cols_limit(const SharedParams& s) {
  return s.learned_table ? kMaxLoadedStructureCols : kMaxStructureCols;
}

Eigen::MatrixXd structure_table(const SharedParams& s) {
  const auto [rows, cols] = structure_size(s);
  const long n = std::min(rows, kMaxStructureRows), d = std::min(cols, structure_cols_limit(s));
  if (s.learned_table) return s.learned_table->values.topLeftCorner(n, d);
  // Cells (p, 2k) and (p, 2k + 1) depend on (seed, p, k) alone: the d-wide table is the first d
  // columns of the full-width one, and its rows can be drawn on both cores.
  Eigen::MatrixXd table(n, d);
  split_over_threads(n, parallel_threads(static_cast<double>(n) * d), [&](long begin, long end) {
    LearnedParams p;
    p.d = static_cast<int>(d);
    p.start = begin;
    p.positions = end - begin;
    p.seed = static_cast<std::uint64_t>(s.seed);
    table.middleRows(begin, end - begin) = learned_encoding(p);
  });
  return table;
}

Eigen::MatrixXd structure_reference(const SharedParams& s, long rows, long cols) {
  SinusoidalParams p;
  p.d = static_cast<int>(cols + cols % 2);
  p.base = s.base;
  p.positions = rows;
  p.layout = s.layout;
  if (cols % 2 == 0) return sinusoidal_encoding(p);
  return sinusoidal_encoding(p).leftCols(cols);
}

plot::Figure learned_structure_figure(const SharedParams& s, const LearnedStructureParams& params,
                                      const plot::FigureRequest& request,
                                      const ProgressFn& progress) {
  const double W = std::max(1, request.width);
  plot::Figure f;
  const bool loaded = static_cast<bool>(s.learned_table);
  const std::string random = fmt("random init table (seed %d)", s.seed);
  f.title =
      loaded
          ? fit::first_fitting(
                {"Learned table structure: PCA and spectrum", "Learned table structure"}, W,
                fit::kTitle, true)
          : fit::first_fitting(
                {"Learned structure of a " + random + " — open a real table with --table FILE",
                 random + " — open a real table with --table FILE", random + " — use --table FILE"},
                W, fit::kTitle, true);
  // The sinusoidal table does not depend on the learned one: it is made and analysed on a
  // second thread while this one makes and analyses the learned table. `stop` ends it early
  // when this one fails or is cancelled.
  const auto [rows, cols] = structure_size(s);
  const long n = std::min(rows, kMaxStructureRows), d = std::min(cols, structure_cols_limit(s));
  Analysis learned, sinusoidal;
  std::string problem;
  std::exception_ptr failure;
  std::atomic<bool> stop{false};
  const auto beside = [&] {
    try {
      const Eigen::MatrixXd reference = structure_reference(s, n, d);
      if (stop) return;
      sinusoidal.n = n;
      sinusoidal.d = d;
      sinusoidal.pca = table_pca(reference);
      if (stop) return;
      sinusoidal.spectrum = table_spectrum(reference);
    } catch (const InvalidArgument& e) {
      problem = std::string("sinusoidal table: ") + e.what();
    } catch (...) {
      failure = std::current_exception();
    }
  };
  {
    std::jthread worker;
    if (params.compare && n > 0 && d > 0) worker = std::jthread(beside);
    try {
      Eigen::MatrixXd table;
      try {
        table = structure_table(s);
        if (table.rows() == 0 || table.cols() == 0) throw InvalidArgument("the table is empty");
        if (!table.allFinite()) throw InvalidArgument("the table holds NaN or infinity");
      } catch (const InvalidArgument& e) {
        f.message = e.what();
        stop = true;
        return f;
      }
      report_progress(progress, 0.2);
      learned.n = n;
      learned.d = d;
      learned.pca = table_pca(table);
      report_progress(progress, 0.5);
      learned.spectrum = table_spectrum(table);
      report_progress(progress, 0.7);
    } catch (...) {
      stop = true;
      throw;
    }
  }
  if (failure) std::rethrow_exception(failure);
  report_progress(progress, 0.9);
  if (rows > n || cols > d) {
    f.note =
        fmt("analysed: positions 0–%ld of %ld, dimensions 0–%ld of %ld (a bigger table's PCA "
            "takes too long to redraw)",
            n - 1, rows, d - 1, cols);
  }
  const std::string source = loaded ? s.learned_table->source : random;
  const std::string base = num(s.base);
  f.subtitle = fit::first_fitting(
      {fmt("%s · %ld positions × %ld dimensions%s", source.c_str(), n, d,
           params.compare ? (" · beside: sinusoidal, base " + base + ", same size").c_str() : ""),
       fmt("%s · %ld × %ld", source.c_str(), n, d)},
      W);
  const std::string what = loaded ? "learned" : "random init";
  // Rows of at least about 190 pixels each (the scatter first, the spectrum next).
  const double body = fit::figure_body(f, W, std::max(1, request.height)).height();
  Column col;
  col.rows = body >= 620.0 ? 3 : body >= 400.0 ? 2 : 1;
  if (!params.compare) {
    col.width = W;
    add_table_panels(f, learned, what, "learned", col, params);
    return f;
  }
  col.right = 0.47f;
  col.width = 0.47 * W;
  add_table_panels(f, learned, what, "learned", col, params);
  if (!problem.empty()) {
    f.problem = problem;
    return f;
  }
  col.left = 0.53f;
  col.right = 1.0f;
  add_table_panels(f, sinusoidal, "sinusoidal", "sinusoidal", col, params);
  return f;
}

FigureBuilder LearnedStructureView::builder(const SharedParams& shared,
                                            const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn& progress) {
    return learned_structure_figure(shared, params, request, progress);
  };
}

}  // namespace peviz
