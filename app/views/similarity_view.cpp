#include "similarity_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

// Learned rows for sampled positions (all columns).
Eigen::MatrixXd learned_rows_at(const Eigen::VectorXd& positions, const SharedParams& s) {
  const Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(s.d, 0, s.d - 1);
  return learned_cells(positions, all, s.d, static_cast<std::uint64_t>(s.seed), 0.02);
}

// Similarity of position p and q, computed exactly with core.
double exact(const SharedParams& s, Metric metric, long p, long q) {
  if (s.scheme == Scheme::Learned) {
    Eigen::VectorXd a(1), b(1);
    a << static_cast<double>(p);
    b << static_cast<double>(q);
    return similarity_between(learned_rows_at(a, s), learned_rows_at(b, s), metric)(0, 0);
  }
  Eigen::VectorXd r(1);
  r << static_cast<double>(q - p);
  return sinusoidal_similarity_at_offsets(r, s.d, s.base, metric)[0];
}

}  // namespace

void SimilarityParams::visit(ParamVisitor& v) {
  visit_enum(v,
             {"metric",
              "metric",
              "cosine: dot / (|a||b|), in [-1, 1]; dot: the raw dot product",
              0,
              0,
              false,
              false,
              {"cosine", "dot"}},
             metric);
  v.visit({"row", "profile of position", "the position compared with all others in the lower chart",
           0, 10000000, false},
          row);
}

std::vector<std::string> SimilarityView::shared_fields(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) return {"d", "positions", "start", "seed"};
  return {"d", "base", "positions", "start"};
}

std::string SimilarityView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) {
    return "Random (untrained) learned vectors are nearly orthogonal: every position is about "
           "equally dissimilar to every other, so the grid is a bright diagonal on grey. Distance "
           "carries no meaning until training puts it there.";
  }
  return "Cell (p, q) compares the codes of positions p and q. For sin/cos the dot product is "
         "Σᵢ cos((p−q)·ωᵢ): it depends only on the distance p−q, so every diagonal is constant. "
         "Nearby positions look alike and the similarity falls off with distance, though not "
         "monotonically (it is a sum of cosines). The right chart is one row of the grid.";
}

plot::Figure similarity_figure(const SharedParams& s, const SimilarityParams& params,
                               const plot::FigureRequest& request, const ProgressFn& progress) {
  const bool learned = s.scheme == Scheme::Learned;
  const plot::Style style = plot::ink_style();
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const long row = std::clamp<long>(params.row, first, last);
  const Metric metric = params.metric;
  const double dot_max = learned ? 0.0 : s.d / 2.0;

  // The grid: a square panel on the left.
  plot::Panel grid;
  grid.id = "grid";
  grid.right = 0.6f;
  grid.x = position_axis(first - 0.5, last + 0.5, false, "position q");
  grid.y = position_axis(first - 0.5, last + 0.5, true, "position p");
  grid.equal_aspect = true;
  grid.legend = plot::Corner::None;
  const plot::DataWindow gw = request.window("grid")
                                  ? *request.window("grid")
                                  : plot::DataWindow{grid.x.lo, grid.x.hi, grid.y.lo, grid.y.hi};
  const long side = std::max(32, std::min(request.width * 6 / 10 - 150, request.height - 250));
  const Samples ps = sample_range(first, last, gw.y_lo, gw.y_hi, side);
  const Samples qs = sample_range(first, last, gw.x_lo, gw.x_hi, side);
  report_progress(progress, 0.1);
  Eigen::MatrixXd values =
      learned
          ? similarity_between(learned_rows_at(ps.values, s), learned_rows_at(qs.values, s), metric)
          : sinusoidal_similarity_between(ps.values, qs.values, s.d, s.base, metric);
  report_progress(progress, 0.6);
  double range = 1.0;
  if (metric == Metric::Dot)
    range = learned ? std::max(values.cwiseAbs().maxCoeff(), 1e-12) : dot_max;
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(std::move(values));
  h.x_lo = qs.lo;
  h.x_hi = qs.hi;
  h.y_lo = ps.lo;
  h.y_hi = ps.hi;
  h.lo = -range;
  h.hi = range;
  h.value_label = metric == Metric::Cosine ? "cosine" : "dot";
  h.print_values = true;
  grid.heatmap = std::move(h);
  const SharedParams copy = s;
  grid.readout = [copy, metric](double x, double y) -> std::vector<std::string> {
    const long p = std::lround(y), q = std::lround(x);
    const long a = copy.start, b = static_cast<long>(copy.start) + copy.positions - 1;
    if (p < a || p > b || q < a || q > b) return {};
    return {fmt("positions p = %ld and q = %ld (distance %ld)", p, q, std::labs(q - p)),
            fmt("%s = %.6f", metric == Metric::Cosine ? "cosine similarity" : "dot product",
                exact(copy, metric, p, q))};
  };

  // The profile of one row, on the right.
  plot::Panel profile;
  profile.id = "profile";
  profile.left = 0.63f;
  profile.top = 0.1f;
  profile.bottom = 0.9f;
  profile.title = fmt("Position %ld against all others", row);
  profile.x = position_axis(first - 0.5, last + 0.5, false, "position q");
  profile.y.label = metric == Metric::Cosine ? "cosine similarity" : "dot product";
  const plot::DataWindow* pz = request.window("profile");
  const double lo = pz ? pz->x_lo : first - 0.5, hi = pz ? pz->x_hi : last + 0.5;
  const int pixels = std::max(100, request.width * 4 / 10 - 150);
  // Every position when they fit in 4 per pixel; otherwise 4 samples per pixel and the
  // range they cover (noted).
  const Samples qs2 = sample_range(first, last, lo, hi, 4L * pixels);
  Eigen::VectorXd sims;
  if (learned) {
    Eigen::VectorXd p1(1);
    p1 << static_cast<double>(row);
    sims = similarity_between(learned_rows_at(p1, s), learned_rows_at(qs2.values, s), metric)
               .row(0)
               .transpose();
  } else {
    sims = sinusoidal_similarity_at_offsets(qs2.values.array() - static_cast<double>(row), s.d,
                                            s.base, metric);
  }
  report_progress(progress, 0.95);
  plot::LineSeries line;
  line.color = style.series(0);
  line.width = 2.0f;
  line.label = fmt("similarity to position %ld", row);
  if (qs2.values.size() <= 2L * pixels) {
    line.x.assign(qs2.values.data(), qs2.values.data() + qs2.values.size());
    line.y.assign(sims.data(), sims.data() + sims.size());
    if (qs2.values.size() <= 60) line.marker = plot::Marker::Circle;
  } else {
    // Min-max per pixel over the samples.
    const long per = (qs2.values.size() + pixels - 1) / pixels;
    for (long k = 0; k < qs2.values.size(); k += per) {
      const long n = std::min(per, static_cast<long>(qs2.values.size()) - k);
      line.x.push_back(qs2.values.segment(k, n).mean());
      line.y.push_back(sims.segment(k, n).maxCoeff());
      line.y_low.push_back(sims.segment(k, n).minCoeff());
    }
  }
  profile.lines.push_back(std::move(line));
  const double ylo = metric == Metric::Cosine ? -1.05 : -range * 1.05;
  profile.y.lo = learned && metric == Metric::Cosine ? -0.5 : ylo;
  profile.y.hi = metric == Metric::Cosine ? 1.05 : range * 1.05;
  profile.refs.push_back({true, static_cast<double>(row), plot::series_ink(1), plot::Stroke::Dashed,
                          1.5f, fmt("p = %ld", row)});
  profile.refs.push_back(
      {false, 0.0, plot::ink(plot::Ink::Muted, 0.7f), plot::Stroke::Dotted, 1.0f, ""});
  profile.legend = plot::Corner::None;
  profile.readout = [copy, metric, row](double x, double) -> std::vector<std::string> {
    const long q = std::lround(x);
    if (q < copy.start || q >= static_cast<long>(copy.start) + copy.positions) return {};
    return {fmt("position %ld vs %ld (distance %ld)", row, q, std::labs(q - row)),
            fmt("%s = %.6f", metric == Metric::Cosine ? "cosine similarity" : "dot product",
                exact(copy, metric, row, q))};
  };

  plot::Figure f;
  f.title = learned ? "Similarity of learned position vectors" : "Similarity between positions";
  f.subtitle = learned
                   ? fmt("%s \xC2\xB7 d_model = %d \xC2\xB7 positions %s \xC2\xB7 seed %d",
                         metric_name(metric), s.d, span(first, last).c_str(), s.seed)
                   : fmt("%s \xC2\xB7 d_model = %d \xC2\xB7 base = %s \xC2\xB7 positions %s",
                         metric_name(metric), s.d, num(s.base).c_str(), span(first, last).c_str());
  std::string note;
  if (ps.stride > 1 || qs.stride > 1)
    note = "Grid: " + stride_note(ps.stride >= qs.stride ? ps : qs, "position") + ". ";
  if (qs2.values.size() > 2L * pixels || qs2.stride > 1)
    note += "Profile: the band is the range within each pixel. ";
  if (!note.empty()) note += "Zoom in (mouse wheel) for every position.";
  f.note = note;
  f.panels.push_back(std::move(grid));
  f.panels.push_back(std::move(profile));
  return f;
}

void similarity_table(const SharedParams& s, const SimilarityParams& params,
                      plot::TableSink& table) {
  const double n = static_cast<double>(s.positions);
  require_table_cells(n * n, "the similarity grid", "lower --positions");
  const Eigen::MatrixXd grid =
      s.scheme == Scheme::Learned
          ? similarity_grid(learned_encoding({s.d, s.positions, s.start,
                                              static_cast<std::uint64_t>(s.seed), 0.02}),
                            params.metric)
          // Toeplitz fast path: O(N d) trigonometry instead of O(N^2 d).
          : sinusoidal_similarity_grid({s.d, s.base, s.positions, s.start, s.layout},
                                       params.metric);
  std::vector<std::string> header{"position"};
  for (long j = 0; j < s.positions; ++j) header.push_back("pos_" + std::to_string(s.start + j));
  table.header(header);
  for (Eigen::Index r = 0; r < grid.rows(); ++r) {
    table.cell(static_cast<long>(s.start) + static_cast<long>(r));
    for (Eigen::Index c = 0; c < grid.cols(); ++c) table.cell(grid(r, c));
    table.end_row();
  }
}

plot::TableWriter SimilarityView::table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) { similarity_table(shared, params, t); };
}

TableColumns SimilarityView::table_columns() const {
  return {"position,pos_<p>,...", "the cosine or dot-product grid between positions (--metric)"};
}

FigureBuilder SimilarityView::builder(const SharedParams& shared,
                                      const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn& progress) {
    return similarity_figure(shared, params, request, progress);
  };
}

}  // namespace peviz
