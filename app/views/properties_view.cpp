#include "properties_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/learned.hpp"
#include "core/property_checks.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr double kStddev = 0.02;  // the learned table's init (GPT-2), as in the other views
const plot::Color kPass = plot::ink(plot::Ink::Good);  // Okabe-Ito bluish green
const plot::Color kFail = plot::ink(plot::Ink::Bad);  // Okabe-Ito vermillion

SinusoidalParams sin_params(const SharedParams& s, long start, long positions) {
  return {s.d, s.base, positions, start, s.layout};
}
LearnedParams learned_params(const SharedParams& s, long start, long positions) {
  return {s.d, positions, start, static_cast<std::uint64_t>(s.seed), kStddev};
}

PropertyChecks checks_for(const SharedParams& s, long start, long positions, long points,
                          const ProgressFn& progress) {
  if (s.scheme == Scheme::Learned)
    return learned_property_checks(learned_params(s, start, positions), points, 1L << 21, progress);
  return sinusoidal_property_checks(sin_params(s, start, positions), points, 1L << 21, progress);
}

// The cosine similarity of positions a and b (core), for the readout.
double cosine_between(const SharedParams& s, long a, long b) {
  if (s.scheme == Scheme::Learned) {
    const Eigen::VectorXi all = Eigen::VectorXi::LinSpaced(s.d, 0, s.d - 1);
    Eigen::VectorXd pa(1), pb(1);
    pa << static_cast<double>(a);
    pb << static_cast<double>(b);
    const auto seed = static_cast<std::uint64_t>(s.seed);
    return similarity_between(learned_cells(pa, all, s.d, seed, kStddev),
                              learned_cells(pb, all, s.d, seed, kStddev), Metric::Cosine)(0, 0);
  }
  Eigen::VectorXd r(1);
  r << static_cast<double>(b - a);
  return sinusoidal_similarity_at_offsets(r, s.d, s.base, Metric::Cosine)[0];
}

// A tick or a cross in a filled disc, the verdict as a word, and the claim, at (x, y)
// in the checks panel's pixel-like data units (y down).
void badge(plot::Panel& p, double x, double y, bool pass, const std::string& claim,
           const plot::Style& style) {
  const plot::Color c = pass ? kPass : kFail;
  const plot::Color white = plot::ink(plot::Ink::Paper);  // white on light themes, dark on dark
  plot::Shape disc;
  disc.kind = plot::Shape::Kind::Circle;
  disc.x0 = x + 15;
  disc.y0 = y;
  disc.x1 = 15;
  disc.color = c;
  disc.filled = true;
  disc.fill = c;
  p.shapes.push_back(disc);
  const auto seg = [&](double x0, double y0, double x1, double y1) {
    plot::Shape sh;
    sh.x0 = x + 15 + x0;
    sh.y0 = y + y0;
    sh.x1 = x + 15 + x1;
    sh.y1 = y + y1;
    sh.color = white;
    sh.width = 3.2f;
    p.shapes.push_back(sh);
  };
  if (pass) {
    seg(-8, 0, -2.5, 6.5);
    seg(-2.5, 6.5, 8.5, -6.5);
  } else {
    seg(-6.5, -6.5, 6.5, 6.5);
    seg(-6.5, 6.5, 6.5, -6.5);
  }
  p.texts.push_back({x + 40, y, pass ? "PASS" : "FAIL", c, 1.0f, true, 0.0f, 0.5f});
  p.texts.push_back({x + 112, y, claim, style.text, 1.0f, true, 0.0f, 0.5f});
}

// "every 32nd row".
std::string every(long stride, const char* what) {
  return stride_note(Samples{Eigen::VectorXd(), stride, 0.0, 0.0}, what);
}

std::string count(long n) {
  return n == 1 ? "1 position" : std::to_string(n) + " positions";
}

}  // namespace

std::vector<std::string> PropertiesView::shared_fields(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) return {"d", "positions", "start", "seed"};
  return {"d", "base", "positions", "start", "layout"};
}

std::string PropertiesView::explanation(const SharedParams& s) const {
  if (s.scheme == Scheme::Learned) {
    return "The same four claims, checked on a learned table at initialisation (N(0, 0.02\xC2\xB2) "
           "entries). "
           "Its values are small and its rows distinct, but nothing keeps them so after training; "
           "the norms "
           "scatter around \xE2\x88\x9A"
           "d\xC2\xB7\xCF\x83 instead of being equal, and similarity has nothing "
           "to do with distance: the nearest position is no more alike than any other.";
  }
  return "Explanations of sin/cos encodings make four claims. Each is checked here on the actual "
         "numbers: "
         "every value lies in [\xE2\x88\x92"
         "1, 1]; no two positions share a code (the smallest distance between "
         "two rows, and which pair); every row has the same length \xE2\x88\x9A(d/2), since "
         "sin\xC2\xB2 + cos\xC2\xB2 = 1 "
         "for each pair; and the nearest position is the most similar, the cosine falling (not "
         "monotonically) "
         "with the distance. With a small d_model the last one fails: a far offset near a multiple "
         "of 2\xCF\x80 "
         "can look closer than the neighbour.";
}

plot::Figure properties_figure(const SharedParams& s, const plot::FigureRequest& request,
                               const ProgressFn& progress) {
  const plot::Style style = plot::ink_style();
  const bool learned = s.scheme == Scheme::Learned;
  const long first = s.start, n = s.positions, last = first + n - 1;
  plot::Figure f;
  f.title = learned ? "Properties of a learned table, checked live"
                    : "Properties of sin/cos encoding, checked live";
  if (n < 1) {
    f.message = "No positions: set positions to 1 or more.";
    return f;
  }
  const int pixels = std::max(100, request.width * 52 / 100 - 150);
  const PropertyChecks c = checks_for(s, first, n, 2L * pixels, progress);
  const EncodingProperties& v = c.values;
  const int passed =
      int{c.bounded} + int{c.unique} + int{c.constant_norm} + int{c.nearest_most_similar};
  // The four checks as numbers (1 = holds, 0 = fails), and what they measured.
  f.values = {{"bounded", c.bounded ? 1.0 : 0.0},
              {"max_abs_value", v.max_abs},
              {"unique", c.unique ? 1.0 : 0.0},
              {"min_distance", v.min_distance},
              {"closest_p", static_cast<double>(v.closest_p)},
              {"closest_q", static_cast<double>(v.closest_q)},
              {"uniqueness_exact", c.uniqueness_exact ? 1.0 : 0.0},
              {"constant_norm", c.constant_norm ? 1.0 : 0.0},
              {"min_norm", v.min_norm},
              {"max_norm", v.max_norm},
              {"expected_norm", c.expected_norm},
              {"nearest_most_similar", c.nearest_most_similar ? 1.0 : 0.0},
              {"most_similar_offset", static_cast<double>(c.most_similar_offset)},
              {"most_similar_cosine", c.most_similar},
              {"checks_passed", static_cast<double>(passed)}};
  f.subtitle =
      learned
          ? fmt("d_model = %d \xC2\xB7 positions %s \xC2\xB7 seed %d \xC2\xB7 %d of 4 checks pass",
                s.d, span(first, last).c_str(), s.seed, passed)
          : fmt("d_model = %d \xC2\xB7 base = %s \xC2\xB7 positions %s \xC2\xB7 %d of 4 checks "
                "pass",
                s.d, num(s.base).c_str(), span(first, last).c_str(), passed);

  // --- The four checks (left) ---------------------------------------------------------
  plot::Panel checks;
  checks.id = "checks";
  checks.right = 0.46f;
  checks.axes = false;
  checks.grid = false;
  checks.legend = plot::Corner::None;
  checks.equal_aspect = true;
  // Data units are about pixels (the real scale is fixed by equal_aspect).
  const double W = std::max(200.0, request.width * 0.46 - 30.0),
               H = std::max(200.0, request.height - 150.0);
  checks.x.lo = 0.0;
  checks.x.hi = W;
  checks.y.lo = 0.0;
  checks.y.hi = H;
  checks.y.inverted = true;
  const double row_h = H / 4.0;
  const auto lines = [&](int i, bool pass, const std::string& claim, const std::string& number,
                         const std::string& detail, const std::string& detail2) {
    const double y = row_h * i + 22;
    badge(checks, 2, y, pass, claim, style);
    checks.texts.push_back({40, y + 40, number, style.text, 1.15f, false, 0.0f, 0.5f});
    checks.texts.push_back({40, y + 74, detail, style.muted, 0.8f, false, 0.0f, 0.5f});
    if (!detail2.empty())
      checks.texts.push_back({40, y + 100, detail2, style.muted, 0.8f, false, 0.0f, 0.5f});
  };
  const std::string rows_cover =
      c.row_stride == 1
          ? "over all " + count(v.positions) + " \xC3\x97 " + std::to_string(s.d) + " dims"
          : fmt("on %ld of %ld positions (%s)", c.rows_checked, n,
                every(c.row_stride, "one").c_str());
  lines(0, c.bounded, "Bounded values",
        fmt("max |PE| = %.6g  %s 1", v.max_abs, c.bounded ? "\xE2\x89\xA4" : ">"), rows_cover,
        learned ? "small at init; nothing bounds a trained table"
                : "sin and cos never leave [\xE2\x88\x92"
                  "1, 1]");

  std::string unique_number, unique_cover;
  if (n < 2) {
    unique_number = "one position: nothing to compare";
  } else {
    unique_number = fmt("min distance = %.6g", v.min_distance);
    unique_cover = fmt("closest: positions %ld and %ld", v.closest_p, v.closest_q);
  }
  std::string unique_detail;
  if (learned) {
    unique_detail = c.uniqueness_exact ? "every pair of rows compared"
                                       : fmt("on a sample of %ld of %ld rows (every pair of them)",
                                             v.uniqueness_rows, n);
  } else if (n >= 2) {
    unique_detail =
        c.uniqueness_exact
            ? fmt("every pair: all %ld offsets (the distance depends only on it)", n - 1)
            : fmt("offsets 1\xE2\x80\x93%ld, then %s (of %ld)", c.dense_offsets,
                  every(c.offset_stride, "one").c_str(), n - 1);
  }
  lines(1, c.unique, "A unique code per position", unique_number, unique_cover, unique_detail);

  lines(2, c.constant_norm, "Same norm for every position",
        fmt("\xE2\x80\x96PE\xE2\x80\x96 from %.6g to %.6g", v.min_norm, v.max_norm),
        learned ? fmt("\xE2\x88\x9A"
                      "d\xC2\xB7\xCF\x83 = %.4g on average; each row differs",
                      c.expected_norm)
                : fmt("\xE2\x88\x9A(d/2) = %.6g for every row", c.expected_norm),
        c.row_stride == 1 ? "" : "rows as for the bounds");

  std::string near_number = "one position: nothing to compare";
  if (n >= 2)
    near_number = fmt("most similar: offset %ld (cos %.4f)", c.most_similar_offset, c.most_similar);
  std::string near_detail;
  if (n >= 2) {
    near_detail = learned ? fmt("cosine of position %ld against the others", first)
                          : (c.uniqueness_exact ? std::string("over every offset")
                                                : fmt("over the offsets checked for uniqueness"));
  }
  lines(3, c.nearest_most_similar, "Nearest is most similar", near_number, near_detail,
        learned || n < 2 ? (learned && c.profile_stride > 1
                                ? "sampled: offset 1, then " + every(c.profile_stride, "one")
                                : "")
                         : "equal norms: most similar = closest");

  // --- Norm over position (top right) ---------------------------------------------------
  plot::Panel norm;
  norm.id = "norm";
  norm.left = 0.49f;
  norm.bottom = 0.46f;
  norm.title = "Norm of every row";
  norm.x = position_axis(first - 0.5, last + 0.5, false);
  norm.y.label = "row norm";
  norm.y.lo = 0.0;
  norm.y.hi = std::max(c.expected_norm, v.max_norm) * 1.75;
  norm.legend = plot::Corner::TopRight;
  plot::LineSeries nl;
  nl.label = "\xE2\x80\x96PE[p]\xE2\x80\x96";
  nl.color = style.series(0);
  nl.width = 2.0f;
  nl.x.assign(c.norm_positions.data(), c.norm_positions.data() + c.norm_positions.size());
  nl.y.assign(c.norms.data(), c.norms.data() + c.norms.size());
  if (nl.x.size() <= 60) nl.marker = plot::Marker::Circle;
  norm.lines.push_back(std::move(nl));
  plot::LineSeries expected;  // a dashed level line, in the legend
  expected.label = learned ? fmt("expected \xE2\x88\x9A"
                                 "d\xC2\xB7\xCF\x83 = %.4g",
                                 c.expected_norm)
                           : fmt("\xE2\x88\x9A(d/2) = %.6g", c.expected_norm);
  expected.color = style.series(1);
  expected.width = 2.0f;
  expected.stroke = plot::Stroke::Dashed;
  expected.x = {first - 0.5, last + 0.5};
  expected.y = {c.expected_norm, c.expected_norm};
  norm.lines.push_back(std::move(expected));
  const SharedParams copy = s;
  norm.readout = [copy](double x, double) -> std::vector<std::string> {
    const long p = std::lround(x);
    if (p < copy.start || p >= static_cast<long>(copy.start) + copy.positions) return {};
    const PropertyChecks one = checks_for(copy, p, 1, 1, {});
    return {fmt("position %ld", p), fmt("\xE2\x80\x96PE[%ld]\xE2\x80\x96 = %.15g", p, one.norms[0]),
            fmt("max |PE[%ld]| = %.6g", p, one.values.max_abs)};
  };

  // --- Cosine similarity over the distance (bottom right) --------------------------------
  plot::Panel prof;
  prof.id = "profile";
  prof.left = 0.49f;
  prof.top = 0.53f;
  prof.title = learned ? fmt("Cosine similarity of position %ld vs distance", first)
                       : "Cosine similarity vs distance (same from every p)";
  prof.x.label = "distance q \xE2\x88\x92 p (positions)";
  prof.x.lo = -0.5;
  prof.x.hi = std::max(1.0, n - 0.5);
  prof.x.integer = true;
  prof.y.label = "cosine";
  prof.y.lo = learned ? -0.5 : -1.05;
  prof.y.hi = 1.05;
  prof.legend = plot::Corner::None;
  plot::LineSeries pl;
  pl.label = "cosine";
  pl.color = style.series(2);
  pl.width = 2.0f;
  pl.x.assign(c.offsets.data(), c.offsets.data() + c.offsets.size());
  pl.y.assign(c.similarity.data(), c.similarity.data() + c.similarity.size());
  if (pl.x.size() <= 60) pl.marker = plot::Marker::Circle;
  prof.lines.push_back(std::move(pl));
  prof.refs.push_back({false, 0.0, plot::ink(plot::Ink::Muted, 0.7f), plot::Stroke::Dotted, 1.0f, ""});
  if (c.most_similar_offset > 0) {
    prof.refs.push_back({true, static_cast<double>(c.most_similar_offset),
                         c.nearest_most_similar ? kPass : kFail, plot::Stroke::Dashed, 1.5f,
                         fmt("most similar: %ld", c.most_similar_offset)});
  }
  prof.readout = [copy](double x, double) -> std::vector<std::string> {
    const long r = std::lround(x);
    if (r < 0 || r >= copy.positions) return {};
    const long a = copy.start;
    return {fmt("positions %ld and %ld (distance %ld)", a, a + r, r),
            fmt("cosine similarity = %.6f", cosine_between(copy, a, a + r))};
  };

  std::string note;
  if (c.row_stride > 1) note += "bounds and norms (" + every(c.row_stride, "row") + "), ";
  if (!c.uniqueness_exact) note += "uniqueness, ";
  if (c.norm_positions.size() > 1 && c.norm_positions.size() < n) note += "the norm chart, ";
  if (c.profile_stride > 1) note += "similarity (" + every(c.profile_stride, "offset") + "), ";
  if (!note.empty()) note = "Sampled to stay fast: " + note.substr(0, note.size() - 2) + ".";
  f.note = note;
  f.panels.push_back(std::move(checks));
  f.panels.push_back(std::move(norm));
  f.panels.push_back(std::move(prof));
  return f;
}

FigureBuilder PropertiesView::builder(const SharedParams& shared,
                                      const plot::FigureRequest& request) const {
  return [shared, request](const ProgressFn& progress) {
    return properties_figure(shared, request, progress);
  };
}

}  // namespace peviz
