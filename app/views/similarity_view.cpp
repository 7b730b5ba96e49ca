#include "similarity_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/box_mean.hpp"
#include "core/learned.hpp"
#include "core/progress.hpp"
#include "core/sinusoidal.hpp"
#include "encoding_view.hpp"
#include "table_size.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

// Learned rows for sampled positions (all columns), in blocks between which `progress` (from
// `from` to `to`) may stop the build.
Eigen::MatrixXd learned_rows_at(const Eigen::VectorXd& positions, const SharedParams& s,
                                const ProgressFn& progress = {}, double from = 0.0,
                                double to = 0.0) {
  const Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(s.d, 0, s.d - 1);
  Eigen::MatrixXd out(positions.size(), s.d);
  constexpr Eigen::Index kBlock = 64;
  for (Eigen::Index r = 0; r < positions.size(); r += kBlock) {
    const double done = static_cast<double>(r) / static_cast<double>(positions.size());
    report_progress(progress, from + (to - from) * done);
    const Eigen::Index n = std::min(kBlock, positions.size() - r);
    out.middleRows(r, n) =
        learned_cells(positions.segment(r, n), all, s.d, static_cast<std::uint64_t>(s.seed), 0.02,
                      s.learned_table.get());
  }
  return out;
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

// What the profile's note says: every position drawn, a min-max band per pixel, or the
// grid's own samples (learned, whose rows are costly).
enum class Profile { Every, Band, OnGrid };

// The two panels' places (figure-body fractions) and what the grid keeps at this size.
struct SimilarityLayout {
  fit::Box grid{0, 0, 0.6, 1}, profile{0.63, 0.1, 1, 0.9};
  bool colorbar = true, grid_labels = true;
  double grid_side = 0.0;  // the grid's square plot, in pixels
  double profile_w = 0.0;  // the profile's plot width
};

// The side of the grid's square plot in `area` (pixels), with `tick_w` wide tick labels.
double grid_side(const fit::Box& area, double tick_w, bool labels, bool colorbar) {
  const double w = area.width() - 10.2 - tick_w - 10.2 - (labels ? 30.0 : 0.0) - 17.0 -
                   (colorbar ? 20.4 + 20.4 + 45.0 : 0.0);
  const double h =
      area.height() - 10.2 - (colorbar ? 23.8 : 0.0) - 10.2 - 25.5 - (labels ? 30.0 : 0.0);
  return std::min(w, h);
}

// The profile's plot width in `area`.
double profile_width(const fit::Box& area) {
  return area.width() - 10.2 - 34.0 - 10.2 - 30.0 - 17.0;
}

SimilarityLayout similarity_layout(const fit::Box& body, double tick_w) {
  const auto at = [&](const fit::Box& f) {
    return fit::Box{body.x0 + f.x0 * body.width(), body.y0 + f.y0 * body.height(),
                    body.x0 + f.x1 * body.width(), body.y0 + f.y1 * body.height()};
  };
  // Today's: a large grid with its colorbar on the left, the profile on the right.
  SimilarityLayout l;
  l.grid_side = grid_side(at(l.grid), tick_w, true, true);
  l.profile_w = profile_width(at(l.profile));
  if (l.grid_side >= 220.0 && l.profile_w >= 200.0) return l;
  // Narrower: the split that gives both panels the most room, the profile the full height,
  // the grid without its colorbar or axis labels when they would squeeze it.
  SimilarityLayout best;
  double best_score = -1.0;
  for (double split = 0.62; split >= 0.34; split -= 0.01) {
    for (const bool colorbar : {true, false}) {
      for (const bool labels : {true, false}) {
        SimilarityLayout c;
        c.grid = {0, 0, split, 1};
        c.profile = {split + 0.03, 0.0, 1, 1};
        c.colorbar = colorbar;
        c.grid_labels = labels;
        c.grid_side = grid_side(at(c.grid), tick_w, labels, colorbar);
        c.profile_w = profile_width(at(c.profile));
        // Room for both, the colorbar and labels worth about 40 px of plot each.
        const double score = std::min(c.grid_side, 1.2 * c.profile_w) + (colorbar ? 40.0 : 0.0) +
                             (labels ? 40.0 : 0.0);
        if (c.grid_side >= 80.0 && c.profile_w >= 90.0 && score > best_score) {
          best_score = score;
          best = c;
        }
      }
    }
  }
  if (best_score >= 0.0) return best;
  l.grid = {0, 0, 0.55, 1};
  l.profile = {0.58, 0, 1, 1};
  l.colorbar = l.grid_labels = false;
  l.grid_side = std::max(32.0, grid_side(at(l.grid), tick_w, false, false));
  l.profile_w = std::max(40.0, profile_width(at(l.profile)));
  return l;
}

// A learned grid's cost: a row of the random init is d Gaussian draws, and a cell d
// multiply-adds, so its grid keeps samples^2 d under kLearnedGridBudget (d = 4096: 128 a side,
// about 15 ms on two cores; it is noise, and its cells say so no worse for being 6 pixels). A
// loaded table's rows are read, not drawn, and its structure is worth the pixels: it keeps
// samples^2 d under kLoadedGridBudget (GPT-2's 1024 x 768: every other position, about 50 ms).
// Sinusoidal cells cost O(1) (Toeplitz).
constexpr double kLearnedGridBudget = 0x1p26;
constexpr double kLoadedGridBudget = 0x1p29;

// The samples per axis of the grid: one per pixel of its side, fewer for a learned table whose
// rows are long.
long grid_samples(const SharedParams& s, const SimilarityLayout& l) {
  const long side = std::max(32L, static_cast<long>(l.grid_side));
  if (s.scheme != Scheme::Learned) return side;
  const double budget = s.learned_table ? kLoadedGridBudget : kLearnedGridBudget;
  return std::min(side, std::max(64L, static_cast<long>(std::sqrt(budget / s.d))));
}

}  // namespace

void SimilarityParams::visit(ParamVisitor& v) {
  visit_enum(v,
             {.name = "metric",
              .label = "metric",
              .help = "cosine: dot / (|a||b|), in [-1, 1]; dot: the raw dot product",
              .choices = {metric_name(Metric::Cosine), metric_name(Metric::Dot)}},
             metric);
  v.visit({.name = "row",
           .label = "profile of position",
           .help = "the position compared with all others in the lower chart",
           .min = 0,
           .max = 10000000},
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
  const double W = std::max(1, request.width), H = std::max(1, request.height);

  // The headings first: the panels get what they leave.
  plot::Figure f;
  f.title =
      learned ? fit::first_fitting({"Similarity of learned position vectors", "Learned similarity"},
                                   W, fit::kTitle, true)
              : fit::first_fitting({"Similarity between positions", "Similarity of positions",
                                    "Position similarity"},
                                   W, fit::kTitle, true);
  const std::string sub_full =
      learned ? fmt("%s · d_model = %d · positions %s · %s", metric_name(metric), s.d,
                    span(first, last).c_str(), learned_origin(s).c_str())
              : fmt("%s · d_model = %d · base = %s · positions %s", metric_name(metric), s.d,
                    num(s.base).c_str(), span(first, last).c_str());
  const std::string sub_brief = learned ? fmt("%s · d %d · %s · %s", metric_name(metric), s.d,
                                              span(first, last).c_str(), learned_origin(s).c_str())
                                        : fmt("%s · d %d · base %s · %s", metric_name(metric), s.d,
                                              num(s.base).c_str(), span(first, last).c_str());
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_brief}, W, fit::kBody, false, 2);
  // The note says what is sampled, which depends on the panels' sizes: lay out, and again
  // when the note it implies needs other lines than were reserved.
  const double tick_w =
      fit::text_px(std::to_string(std::max(std::labs(first), std::labs(last))), fit::kTick) + 4.0;
  const auto note_for = [&](long grid_stride, Profile profile, long p_stride = 0,
                            long q_stride = 0) {
    std::string grid_part, band_part;
    // Sinusoidal cells of many positions are their exact means; learned ones are samples.
    if (grid_stride > 1)
      grid_part =
          learned || !sinusoidal_stride_aliases(grid_stride)
              ? "Grid: " +
                    stride_note(Samples{Eigen::VectorXd(), grid_stride, 0.0, 0.0}, "position")
              : fmt("Grid: each cell the mean over its %ld × %ld positions",
                    p_stride > 0 ? p_stride : grid_stride, q_stride > 0 ? q_stride : grid_stride);
    if (profile == Profile::Band) band_part = "the band is the range of 4 samples in each pixel";
    if (profile == Profile::OnGrid) band_part = "the same positions";
    const std::string band_brief =
        profile == Profile::OnGrid ? "same positions" : "range of 4 per pixel";
    if (grid_part.empty() && band_part.empty()) return std::string();
    const std::string both = grid_part.empty()   ? "Profile: " + band_part + "."
                             : band_part.empty() ? grid_part + "."
                                                 : grid_part + ". Profile: " + band_part + ".";
    const std::string brief = grid_part.empty()   ? "Profile: " + band_brief
                              : band_part.empty() ? grid_part
                                                  : grid_part + "; profile: " + band_brief;
    return fit::first_fitting({both + " Zoom in (mouse wheel) for every position.",
                               brief + "; zoom in for all.", "Sampled; zoom in for all."},
                              W, fit::kTick, false, 2);
  };
  const auto profile_pixels = [](const SimilarityLayout& l) {
    return std::max(100, static_cast<int>(l.profile_w));
  };
  SimilarityLayout layout;
  for (int pass = 0; pass < 3; ++pass) {
    layout = similarity_layout(fit::figure_body(f, W, H), tick_w);
    const long side = grid_samples(s, layout);
    const long stride = (s.positions + side - 1) / side;
    const std::string note =
        note_for(stride, learned && stride > 1                       ? Profile::OnGrid
                         : s.positions > 2L * profile_pixels(layout) ? Profile::Band
                                                                     : Profile::Every);
    if (fit::lines_of(note, W, fit::kTick) == fit::lines_of(f.note, W, fit::kTick)) break;
    f.note = note;
  }
  const fit::Box body = fit::figure_body(f, W, H);

  // The grid: a square panel on the left.
  plot::Panel grid;
  grid.id = "grid";
  grid.left = static_cast<float>(layout.grid.x0);
  grid.right = static_cast<float>(layout.grid.x1);
  grid.x = position_axis(first - 0.5, last + 0.5, false, layout.grid_labels ? "position q" : "");
  grid.y = position_axis(first - 0.5, last + 0.5, true, layout.grid_labels ? "position p" : "");
  grid.equal_aspect = true;
  grid.legend = plot::Corner::None;
  const plot::DataWindow gw = request.window("grid")
                                  ? *request.window("grid")
                                  : plot::DataWindow{grid.x.lo, grid.x.hi, grid.y.lo, grid.y.hi};
  const long side = grid_samples(s, layout);
  const Samples ps = sample_range(first, last, gw.y_lo, gw.y_hi, side);
  const Samples qs = sample_range(first, last, gw.x_lo, gw.x_hi, side);
  report_progress(progress, 0.05);
  // A cell of many positions (sinusoidal): the exact mean of the similarity over its box, from
  // core's Dirichlet-kernel sums, where a sample would alias (strides of 4 and more); else
  // the value at its position.
  const bool box =
      !learned && (sinusoidal_stride_aliases(ps.stride) || sinusoidal_stride_aliases(qs.stride));
  const std::vector<PositionRun> p_runs = runs_from_samples(ps.values, ps.stride, last);
  const std::vector<PositionRun> q_runs = runs_from_samples(qs.values, qs.stride, last);
  const ProgressFn grid_progress = [&progress](double fraction) {
    report_progress(progress, 0.05 + 0.55 * fraction);
    return true;
  };
  // Learned: the sampled rows, drawn once when both axes sample the same positions (the
  // unzoomed grid), and their product (core, on both cores).
  Eigen::MatrixXd p_rows, q_rows;
  if (learned) {
    p_rows = learned_rows_at(ps.values, s, progress, 0.05, 0.3);
    if (qs.values != ps.values) q_rows = learned_rows_at(qs.values, s, progress, 0.3, 0.45);
  }
  const Eigen::MatrixXd& q_learned = qs.values != ps.values ? q_rows : p_rows;
  Eigen::MatrixXd values =
      learned ? similarity_between(p_rows, q_learned, metric)
      : box   ? sinusoidal_similarity_box_means(p_runs, q_runs, s.d, s.base, metric, grid_progress)
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
  h.value_label = box ? (metric == Metric::Cosine ? "mean cosine" : "mean dot")
                      : (metric == Metric::Cosine ? "cosine" : "dot");
  h.print_values = true;
  h.colorbar = layout.colorbar;
  grid.heatmap = std::move(h);
  const SharedParams copy = s;
  grid.readout = [copy, metric, box, p_runs, q_runs](double x,
                                                     double y) -> std::vector<std::string> {
    const long p = std::lround(y), q = std::lround(x);
    const long a = copy.start, b = static_cast<long>(copy.start) + copy.positions - 1;
    if (p < a || p > b || q < a || q > b) return {};
    std::vector<std::string> lines{
        fmt("positions p = %ld and q = %ld (distance %ld)", p, q, std::labs(q - p)),
        fmt("%s = %.6f", metric == Metric::Cosine ? "cosine similarity" : "dot product",
            exact(copy, metric, p, q))};
    if (!box) return lines;
    // The cell's box, and its mean (as drawn).
    const auto run_of = [](const std::vector<PositionRun>& runs, long at) -> const PositionRun* {
      for (const PositionRun& r : runs) {
        if (at >= r.first && at < r.first + r.count) return &r;
      }
      return nullptr;
    };
    const PositionRun* rp = run_of(p_runs, p);
    const PositionRun* rq = run_of(q_runs, q);
    if (!rp || !rq) return lines;
    const double mean =
        sinusoidal_similarity_box_means({*rp}, {*rq}, copy.d, copy.base, metric)(0, 0);
    lines.push_back(fmt("its cell: mean over p %ld..%ld, q %ld..%ld = %.6f", rp->first,
                        rp->first + rp->count - 1, rq->first, rq->first + rq->count - 1, mean));
    return lines;
  };

  // The profile of one row, on the right.
  plot::Panel profile;
  profile.id = "profile";
  profile.left = static_cast<float>(layout.profile.x0);
  profile.top = static_cast<float>(layout.profile.y0);
  profile.bottom = static_cast<float>(layout.profile.y1);
  const double profile_area_w = layout.profile.width() * body.width();
  profile.title =
      fit::first_fitting({fmt("Position %ld against all others", row),
                          fmt("Position %ld against all", row), fmt("p = %ld against all", row)},
                         profile_area_w, fit::kPanelTitle, true, 2);
  profile.x = position_axis(first - 0.5, last + 0.5, false, "position q");
  profile.y.label = metric == Metric::Cosine ? "cosine similarity" : "dot product";
  const plot::DataWindow* pz = request.window("profile");
  const double lo = pz ? pz->x_lo : first - 0.5, hi = pz ? pz->x_hi : last + 0.5;
  const int pixels = profile_pixels(layout);
  // Every position when they fit in 4 per pixel; otherwise 4 samples per pixel and the
  // range they cover (noted). Learned rows cost d draws each: where the grid's columns sample
  // too few positions for that (and the profile shows the grid's range), the profile takes the
  // grid's own samples (noted).
  const bool profile_on_grid = learned && qs.stride > 1 && lo == gw.x_lo && hi == gw.x_hi;
  const Samples qs2 = profile_on_grid ? qs : sample_range(first, last, lo, hi, 4L * pixels);
  Eigen::VectorXd sims;
  if (learned) {
    Eigen::VectorXd p1(1);
    p1 << static_cast<double>(row);
    sims = similarity_between(
               learned_rows_at(p1, s),
               profile_on_grid ? q_learned : learned_rows_at(qs2.values, s, progress, 0.6, 0.9),
               metric)
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
  // The row's position as a dashed line, labelled beside it at the top, on the side with room
  // (not at all when neither has it: the title names it).
  profile.refs.push_back(
      {true, static_cast<double>(row), plot::series_ink(1), plot::Stroke::Dashed, 1.5f, ""});
  {
    const plot::DataWindow w = pz ? *pz : plot::DataWindow{lo, hi, profile.y.lo, profile.y.hi};
    const double plot_h = std::max(60.0, layout.profile.height() * body.height() - 130.0);
    if (const auto t = fit::vline_label(static_cast<double>(row), fmt("p = %ld", row),
                                        plot::series_ink(1), w, layout.profile_w, plot_h))
      profile.texts.push_back(*t);
  }
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

  // The note, from what was sampled (as reserved above).
  f.note = note_for(std::max(ps.stride, qs.stride),
                    profile_on_grid                                     ? Profile::OnGrid
                    : qs2.values.size() > 2L * pixels || qs2.stride > 1 ? Profile::Band
                                                                        : Profile::Every,
                    ps.stride, qs.stride);
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
          ? similarity_grid(
                learned_encoding({s.d, s.positions, s.start, static_cast<std::uint64_t>(s.seed),
                                  0.02, s.learned_table.get()}),
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
