#include "waves_view.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "app/plot/style.hpp"
#include "core/learned.hpp"
#include "core/sinusoidal.hpp"
#include "core/validate.hpp"
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
  v.visit({"dims", "dimensions", "dimensions to draw, e.g. 0,1,10,11 (auto: four pairs from fast to slow)"}, dims);
}

std::vector<int> wave_dimensions(const std::string& dims, int d, double base, int context, bool learned) {
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
      const int i = std::clamp(static_cast<int>(std::lround(h * std::log(lambda / (2 * std::numbers::pi)) / std::log(base))),
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
      throw InvalidArgument("--dims: '" + item + "' is not a dimension 0.." + std::to_string(d - 1));
    }
    if (std::find(out.begin(), out.end(), static_cast<int>(v)) == out.end()) out.push_back(static_cast<int>(v));
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

plot::Figure waves_figure(const SharedParams& s, const WavesParams& params, const plot::FigureRequest& request) {
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

  plot::Figure f;
  f.title = learned ? "Learned embeddings over position" : "Waves: each dimension over position";
  f.subtitle = learned ? fmt("d_model = %d \xC2\xB7 positions %s \xC2\xB7 seed %d", s.d, span(first, last).c_str(), s.seed)
                       : fmt("d_model = %d \xC2\xB7 base = %s \xC2\xB7 positions %s \xC2\xB7 %s columns", s.d,
                             num(s.base).c_str(), span(first, last).c_str(), layout_name(s.layout));
  const int n = static_cast<int>(groups.size());
  const plot::DataWindow* zoom = request.window("wave0");
  const double lo = zoom ? zoom->x_lo : first - 0.5, hi = zoom ? zoom->x_hi : last + 0.5;
  const int pixels = std::max(100, request.width - 200);
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
    p.y.lo = learned ? -0.07 : -1.1;
    p.y.hi = learned ? 0.07 : 1.1;
    p.x_link = "position";
    p.legend = plot::Corner::Outside;
    for (std::size_t k = 0; k < groups[gi].size(); ++k) {
      const int dim = groups[gi][k];
      plot::LineSeries line;
      line.color = style.series(static_cast<std::size_t>(gi * 2 + static_cast<int>(k)) % 6);
      line.width = 2.2f;
      if (learned) {
        line.label = fmt("dim %d", dim);
      } else {
        const ColumnRole role = column_role(dim, s.d, s.layout);
        const double w = std::pow(s.base, -2.0 * role.pair / s.d);
        line.label = fmt("dim %d: %s(p\xC2\xB7%.4g)   \xCE\xBB = %.4g", dim, role.is_cos ? "cos" : "sin", w,
                         2 * std::numbers::pi / w);
        line.stroke = role.is_cos ? plot::Stroke::Dashed : plot::Stroke::Solid;
      }
      const Eigen::VectorXi col = Eigen::VectorXi::Constant(1, dim);
      if (!envelope) {
        const Eigen::MatrixXd v = learned ? learned_cells(xs.values, col, s.d, static_cast<std::uint64_t>(s.seed))
                                          : sinusoidal_cells(xs.values, col, s.d, s.base, s.layout);
        line.x.assign(xs.values.data(), xs.values.data() + xs.values.size());
        line.y.assign(v.data(), v.data() + v.size());
        if (xs.values.size() <= 60) line.marker = plot::Marker::Circle;
      } else if (learned) {
        // Noise has no closed form: sample (noted below).
        const Eigen::MatrixXd v = learned_cells(xs.values, col, s.d, static_cast<std::uint64_t>(s.seed));
        line.x.assign(xs.values.data(), xs.values.data() + xs.values.size());
        line.y.assign(v.data(), v.data() + v.size());
      } else {
        // Exact envelope of the wave over each pixel's positions.
        const ColumnRole role = column_role(dim, s.d, s.layout);
        const double w = std::pow(s.base, -2.0 * role.pair / s.d);
        const double a = std::max(lo, first - 0.5), b = std::min(hi, last + 0.5);
        for (int px = 0; px < pixels; ++px) {
          const double p0 = std::ceil(a + (b - a) * px / pixels), p1 = std::floor(a + (b - a) * (px + 1) / pixels);
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
    const SharedParams copy = s;
    const std::vector<int> group = groups[gi];
    p.readout = [copy, group, learned](double x, double) -> std::vector<std::string> {
      const long pos = std::lround(x);
      if (pos < copy.start || pos >= static_cast<long>(copy.start) + copy.positions) return {};
      std::vector<std::string> lines{fmt("position %ld", pos)};
      for (int dim : group) {
        if (learned) {
          lines.push_back(fmt("dim %d = %.6f", dim, learned_row(pos, copy.d, static_cast<std::uint64_t>(copy.seed))[dim]));
        } else {
          const SinusoidalCell c = sinusoidal_cell(static_cast<double>(pos), dim, copy.d, copy.base, copy.layout);
          lines.push_back(fmt("dim %d = %s(%ld \xC3\x97 %.6g) = %.6f", dim, c.is_cos ? "cos" : "sin", pos, c.frequency,
                              c.value));
        }
      }
      return lines;
    };
    f.panels.push_back(std::move(p));
  }
  if (envelope) {
    f.note = learned ? "Showing " + stride_note(xs, "position") + "; zoom in (mouse wheel) for every one."
                     : "Each pixel shows the range the wave covers over its " + std::to_string(xs.stride) +
                           "+ positions; zoom in (mouse wheel) to see single positions.";
  }
  if (f.panels.empty()) f.message = "No dimensions chosen: set \"dimensions\" to e.g. 0,1.";
  return f;
}

FigureBuilder WavesView::builder(const SharedParams& shared, const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) { return waves_figure(shared, params, request); };
}

}  // namespace peviz
