#include "waves_view.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "app/plot/style.hpp"
#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "core/validate.hpp"
#include "encoding_view.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kMaxCurves = 8;

// Min and max of sin(t) (or cos) for t in [a, b] (continuous; b - a < 2 pi).
std::pair<double, double> trig_range(double a, double b, bool is_cos) {
  const double pi = std::numbers::pi;
  if (is_cos) {  // cos(t) = sin(t + pi/2)
    a += pi / 2;
    b += pi / 2;
  }
  double lo = std::min(std::sin(a), std::sin(b)), hi = std::max(std::sin(a), std::sin(b));
  // Maxima at pi/2 + 2k pi, minima at -pi/2 + 2k pi.
  if (std::floor((b - pi / 2) / (2 * pi)) >= std::ceil((a - pi / 2) / (2 * pi))) hi = 1.0;
  if (std::floor((b + pi / 2) / (2 * pi)) >= std::ceil((a + pi / 2) / (2 * pi))) lo = -1.0;
  return {lo, hi};
}

}  // namespace

void WavesParams::visit(ParamVisitor& v) {
  v.visit({.name = "dims",
           .label = "dimensions",
           .help = "dimensions to draw, e.g. 0,1,10,11 (auto: four pairs from fast to slow)"},
          dims);
}

std::vector<int> wave_dimensions(const std::string& dims, int d, double base, int context,
                                 bool learned) {
  std::vector<int> out;
  if (dims.empty() || dims == "auto") {
    // Four pairs whose wavelengths spread evenly (on a log scale) from 2 pi up to twice
    // the context (or the slowest pair): lambda_i = 2 pi base^(2i/d), so
    // i = (d/2) ln(lambda / 2 pi) / ln(base).
    const double h = d / 2.0;
    const double slowest = 2 * std::numbers::pi * std::pow(base, (d - 2.0) / d);
    const double top = std::min(2.0 * std::max(context, 2), slowest);
    std::vector<int> pairs;
    for (int k = 0; k < 4; ++k) {
      const double lambda = 2 * std::numbers::pi * std::pow(top / (2 * std::numbers::pi), k / 3.0);
      const int i = std::clamp(static_cast<int>(std::lround(
                                   h * std::log(lambda / (2 * std::numbers::pi)) / std::log(base))),
                               0, d / 2 - 1);
      if (pairs.empty() || i != pairs.back()) pairs.push_back(i);
    }
    for (int i : pairs) {
      out.push_back(2 * i);
      if (!learned) out.push_back(2 * i + 1);
    }
    return out;
  }
  std::stringstream in(dims);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 0 || v >= d) {
      throw InvalidArgument("--dims: '" + item + "' is not a dimension 0.." +
                            std::to_string(d - 1));
    }
    if (std::find(out.begin(), out.end(), static_cast<int>(v)) == out.end())
      out.push_back(static_cast<int>(v));
  }
  if (out.size() > kMaxCurves) out.resize(kMaxCurves);
  return out;
}

std::vector<std::string> WavesView::shared_fields(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) return {"d", "positions", "start", "seed"};
  return {"d", "base", "positions", "start", "layout"};
}

std::string WavesView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) {
    return "A learned table has no waves: before training each column is noise, and after "
           "training it is whatever the task needed. Compare with the sinusoidal waves, which are "
           "smooth by construction.";
  }
  return "Every dimension is a wave over position. The two columns of a pair share a frequency: "
         "sin (solid) and cos (dashed) are a quarter turn apart, so together they pin down the "
         "angle. Early pairs oscillate fast, late pairs slowly; hover to see every wave's value at "
         "one position.";
}

plot::Figure waves_figure(const SharedParams& s, const WavesParams& params,
                          const plot::FigureRequest& request) {
  const bool learned = s.scheme == Scheme::Learned;
  const std::vector<int> dims = wave_dimensions(params.dims, s.d, s.base, s.positions, learned);
  const long first = s.start, last = static_cast<long>(s.start) + s.positions - 1;
  const plot::Style style = plot::ink_style();

  // Group the dimensions into panels: the two columns of a sinusoidal pair share one.
  std::vector<std::vector<int>> groups;
  for (int dim : dims) {
    bool placed = false;
    if (!learned) {
      const int pair = column_role(dim, s.d, s.layout).pair;
      for (auto& g : groups) {
        if (column_role(g.front(), s.d, s.layout).pair == pair) {
          g.push_back(dim);
          placed = true;
        }
      }
    }
    if (!placed) groups.push_back({dim});
  }

  const double W = std::max(1, request.width), H = std::max(1, request.height);
  plot::Figure f;
  f.title = learned ? fit::first_fitting({"Learned embeddings over position", "Learned embeddings"},
                                         W, fit::kTitle, true)
                    : fit::first_fitting({"Waves: each dimension over position",
                                          "Each dimension is a wave", "Waves"},
                                         W, fit::kTitle, true);
  const std::string sub_full =
      learned ? fmt("d_model = %d · positions %s · %s", s.d, span(first, last).c_str(),
                    learned_origin(s).c_str())
              : fmt("d_model = %d · base = %s · positions %s · %s columns", s.d,
                    num(s.base).c_str(), span(first, last).c_str(), layout_name(s.layout));
  const std::string sub_brief =
      learned ? fmt("d %d · %s · %s", s.d, span(first, last).c_str(), learned_origin(s).c_str())
              : fmt("d %d · base %s · %s · sin solid, cos dashed", s.d, num(s.base).c_str(),
                    span(first, last).c_str());
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_brief}, W, fit::kBody, false, 2);
  const int groups_n = static_cast<int>(groups.size());
  const plot::DataWindow* zoom = request.window("wave0");
  const double lo = zoom ? zoom->x_lo : first - 0.5, hi = zoom ? zoom->x_hi : last + 0.5;

  // The legend's words for a line (style 0: everything, 1: shorter) or for a pair's two lines
  // (2 and 3: one entry for both, the cos dashed in the same colour).
  const auto wave_of = [&](int dim) {
    const ColumnRole role = column_role(dim, s.d, s.layout);
    const double w = std::pow(s.base, -2.0 * role.pair / s.d);
    return std::make_pair(role, w);
  };
  const auto label_for = [&](const std::vector<int>& group, std::size_t k,
                             int style_id) -> std::string {
    const int dim = group[k];
    if (learned) return fmt("dim %d", dim);
    const auto [role, w] = wave_of(dim);
    const double lambda = 2 * std::numbers::pi / w;
    switch (style_id) {
      case 0:
        return fmt("dim %d: %s(p·%.4g)   λ = %.4g", dim, role.is_cos ? "cos" : "sin", w, lambda);
      case 1:
        return fmt("dim %d: %s, λ = %.4g", dim, role.is_cos ? "cos" : "sin", lambda);
      default: {
        if (k > 0) return "";  // the pair's first line names both
        std::string names;
        for (int x : group) names += (names.empty() ? "" : ", ") + std::to_string(x);
        return style_id == 2 ? fmt("dims %s: λ = %.4g", names.c_str(), lambda)
                             : fmt("λ = %.4g", lambda);
      }
    }
  };
  // The panels: one per group, or fewer with several groups each; the first layout whose
  // legend fits beside (or under) plots of a readable height.
  std::vector<std::vector<int>> panels_of;  // group indices per panel
  int label_style = 0;
  double plot_w_est = W - 200.0;
  {
    f.note = "";
    const fit::Box body = fit::figure_body(f, W, H);
    struct Option {
      int panels, style;
    };
    std::vector<Option> options;
    for (const int st : {0, 1}) options.push_back({groups_n, st});
    if (!learned) {
      for (const int st : {2, 3}) options.push_back({groups_n, st});
      for (int m = groups_n - 1; m >= 1; --m) {
        for (const int st : {2, 3}) options.push_back({m, st});
      }
    } else {
      for (int m = groups_n - 1; m >= 1; --m) options.push_back({m, 1});
    }
    bool found = false;
    for (const Option& o : options) {
      std::vector<std::vector<int>> split(o.panels);
      for (int g = 0; g < groups_n; ++g) split[g * o.panels / std::max(1, groups_n)].push_back(g);
      double label_w = 0.0;
      std::size_t entries = 0;
      for (const auto& panel_groups : split) {
        std::size_t e = 0;
        for (int g : panel_groups) {
          for (std::size_t k = 0; k < groups[g].size(); ++k) {
            const std::string l = label_for(groups[g], k, o.style);
            if (l.empty()) continue;
            label_w = std::max(label_w, fit::text_px(l, fit::kTick));
            ++e;
          }
        }
        entries = std::max(entries, e);
      }
      const double legend_w = 17.0 * 3.3 + label_w,
                   legend_h = 17.0 + 23.0 * static_cast<double>(entries);
      const bool below = legend_w > 0.42 * W;
      const double panel_h = body.height() / o.panels;
      const double plot_h = panel_h - 46.0 - 30.0 / o.panels - (below ? legend_h + 7.0 : 0.0);
      const double plot_w = W - 80.0 - (below ? 0.0 : legend_w + 14.0);
      if (plot_h >= 55.0 && (below || legend_h <= plot_h + 8.0) && plot_w >= 120.0) {
        panels_of = split;
        label_style = o.style;
        plot_w_est = plot_w;
        found = true;
        break;
      }
    }
    if (!found) {
      panels_of.assign(1, {});
      for (int g = 0; g < groups_n; ++g) panels_of[0].push_back(g);
      label_style = learned ? 1 : 3;
      plot_w_est = std::max(100.0, W * 0.5);
    }
  }
  if (label_style >= 2) {
    // One legend entry per pair: say which line is which in the subtitle.
    const std::string key = " · sin solid, cos dashed";
    const int lines = fit::lines_of(f.subtitle, W);
    const std::string with =
        fit::first_fitting({sub_full + key, sub_brief}, W, fit::kBody, false, lines);
    if (fit::lines_of(with, W) <= lines) f.subtitle = with;
  }
  const int n = static_cast<int>(panels_of.size());
  const int pixels = std::max(100, static_cast<int>(plot_w_est));
  // Every integer when they fit in twice the pixels; otherwise an envelope per pixel.
  const Samples xs = sample_range(first, last, lo, hi, 2L * pixels);
  bool envelope = xs.stride > 1;
  for (int gi = 0; gi < n; ++gi) {
    plot::Panel p;
    p.id = "wave" + std::to_string(gi);
    p.top = static_cast<float>(gi) / n;
    p.bottom = static_cast<float>(gi + 1) / n;
    p.x = position_axis(first - 0.5, last + 0.5, false);
    p.x.label = gi + 1 == n ? "position" : "";
    // Learned: a little past +-3 init deviations, or past a real table's largest |value|.
    const double range = learned ? 1.1 * learned_value_range(s.learned_table.get()) + 0.004 : 1.1;
    p.y.lo = -range;
    p.y.hi = range;
    p.x_link = "position";
    p.legend = plot::Corner::Outside;
    std::vector<int> group;  // the panel's dimensions, for its readout
    for (const int g : panels_of[gi]) {
      for (std::size_t k = 0; k < groups[g].size(); ++k) {
        const int dim = groups[g][k];
        group.push_back(dim);
        plot::LineSeries line;
        const bool paired = label_style >= 2;
        line.color =
            style.series(paired ? static_cast<std::size_t>(g) % 6
                                : static_cast<std::size_t>(g * 2 + static_cast<int>(k)) % 6);
        line.width = 2.2f;
        line.label = label_for(groups[g], k, label_style);
        if (!learned)
          line.stroke =
              column_role(dim, s.d, s.layout).is_cos ? plot::Stroke::Dashed : plot::Stroke::Solid;
        const Eigen::VectorXi col = Eigen::VectorXi::Constant(1, dim);
        if (!envelope) {
          const Eigen::MatrixXd v =
              learned ? learned_cells(xs.values, col, s.d, static_cast<std::uint64_t>(s.seed), 0.02,
                                      s.learned_table.get())
                      : sinusoidal_cells(xs.values, col, s.d, s.base, s.layout);
          line.x.assign(xs.values.data(), xs.values.data() + xs.values.size());
          line.y.assign(v.data(), v.data() + v.size());
          if (xs.values.size() <= 60) line.marker = plot::Marker::Circle;
        } else if (learned) {
          // Noise has no closed form: sample (noted below).
          const Eigen::MatrixXd v = learned_cells(
              xs.values, col, s.d, static_cast<std::uint64_t>(s.seed), 0.02, s.learned_table.get());
          line.x.assign(xs.values.data(), xs.values.data() + xs.values.size());
          line.y.assign(v.data(), v.data() + v.size());
        } else {
          // Exact envelope of the wave over each pixel's positions.
          const ColumnRole role = column_role(dim, s.d, s.layout);
          const double w = std::pow(s.base, -2.0 * role.pair / s.d);
          const double a = std::max(lo, first - 0.5), b = std::min(hi, last + 0.5);
          for (int px = 0; px < pixels; ++px) {
            const double p0 = std::ceil(a + (b - a) * px / pixels),
                         p1 = std::floor(a + (b - a) * (px + 1) / pixels);
            if (p1 < p0) continue;
            double ymin = 1.0, ymax = -1.0;
            if ((p1 - p0) * w >= 2 * std::numbers::pi) {
              ymin = -1.0;
              ymax = 1.0;
            } else if (p1 - p0 <= 64) {
              for (double q = p0; q <= p1; q += 1.0) {
                const double v = role.is_cos ? std::cos(q * w) : std::sin(q * w);
                ymin = std::min(ymin, v);
                ymax = std::max(ymax, v);
              }
            } else {
              std::tie(ymin, ymax) = trig_range(p0 * w, p1 * w, role.is_cos);
            }
            line.x.push_back(0.5 * (p0 + p1));
            line.y.push_back(ymax);
            line.y_low.push_back(ymin);
          }
        }
        p.lines.push_back(std::move(line));
      }
    }
    const SharedParams copy = s;
    p.readout = [copy, group, learned](double x, double) -> std::vector<std::string> {
      const long pos = std::lround(x);
      if (pos < copy.start || pos >= static_cast<long>(copy.start) + copy.positions) return {};
      std::vector<std::string> lines{fmt("position %ld", pos)};
      for (int dim : group) {
        if (learned) {
          lines.push_back(fmt("dim %d = %.6f", dim,
                              learned_row(pos, copy.d, static_cast<std::uint64_t>(copy.seed), 0.02,
                                          copy.learned_table.get())[dim]));
        } else {
          const SinusoidalCell c =
              sinusoidal_cell(static_cast<double>(pos), dim, copy.d, copy.base, copy.layout);
          lines.push_back(fmt("dim %d = %s(%ld × %.6g) = %.6f", dim, c.is_cos ? "cos" : "sin", pos,
                              c.frequency, c.value));
        }
      }
      return lines;
    };
    f.panels.push_back(std::move(p));
  }
  if (envelope) {
    f.note =
        learned
            ? fit::first_fitting({"Showing " + stride_note(xs, "position") +
                                      "; zoom in (mouse wheel) for every one.",
                                  "Showing " + stride_note(xs, "position") + "; zoom in for all."},
                                 W, fit::kTick, false, 2)
            : fit::first_fitting({"Each pixel shows the range the wave covers over its " +
                                      std::to_string(xs.stride) +
                                      "+ positions; zoom in (mouse wheel) to see single positions.",
                                  "Each pixel: the wave's range over " + std::to_string(xs.stride) +
                                      "+ positions; zoom in for all."},
                                 W, fit::kTick, false, 2);
  }
  if (f.panels.empty()) f.message = "No dimensions chosen: set \"dimensions\" to e.g. 0,1.";
  return f;
}

FigureBuilder WavesView::builder(const SharedParams& shared,
                                 const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return waves_figure(shared, params, request);
  };
}

}  // namespace peviz
