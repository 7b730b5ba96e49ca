#include "properties_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/plot/style.hpp"
#include "core/learned.hpp"
#include "core/property_checks.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"
#include "encoding_view.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr double kStddev = 0.02;  // the learned table's init (GPT-2), as in the other views
const plot::Color kPass = plot::ink(plot::Ink::Good);  // Okabe-Ito bluish green
const plot::Color kFail = plot::ink(plot::Ink::Bad);   // Okabe-Ito vermillion

SinusoidalParams sin_params(const SharedParams& s, long start, long positions) {
  return {s.d, s.base, positions, start, s.layout};
}
LearnedParams learned_params(const SharedParams& s, long start, long positions) {
  return {
      s.d, positions, start, static_cast<std::uint64_t>(s.seed), kStddev, s.learned_table.get()};
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
    const PositionTable* table = s.learned_table.get();
    return similarity_between(learned_cells(pa, all, s.d, seed, kStddev, table),
                              learned_cells(pb, all, s.d, seed, kStddev, table),
                              Metric::Cosine)(0, 0);
  }
  Eigen::VectorXd r(1);
  r << static_cast<double>(b - a);
  return sinusoidal_similarity_at_offsets(r, s.d, s.base, Metric::Cosine)[0];
}

// A tick or a cross in a filled disc and the verdict as a word, at (x, y) in the checks
// panel's pixels (y down); the claim follows at kClaimX.
void badge(plot::Panel& p, double x, double y, bool pass) {
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
}

// One check as it is written: its verdict and claim, the number it measured, and what the
// number covers (one or two lines, each may be empty).
struct CheckBlock {
  bool pass = false;
  std::string claim, number, detail, detail2;
  std::string claim_short, number_short;  // for a narrow panel
};

constexpr double kClaimX = 112.0, kTextX = 40.0;
constexpr double kNumberSize = 23.0, kDetailSize = 16.0;

// The lines of `b` in a plot `width` px wide, with `level` of detail: 0 everything, 1 without
// the second detail, 2 without details, 3 the verdict and claim only. Each is (x, text, size,
// bold, colour role 0 text / 1 muted) with its height.
struct BlockLine {
  double x;
  std::string text;
  double size;
  bool bold;
  bool muted;
  double height;
};

std::vector<BlockLine> block_lines(const CheckBlock& b, double width, int level) {
  std::vector<BlockLine> out;
  // A text on one line when it (or its short form) fits, else wrapped.
  const auto one_line = [&](const std::string& full, const std::string& brief, double room,
                            double size, bool bold) {
    if (fit::text_px(full, size, bold) <= room || brief.empty())
      return fit::wrap(full, room, size, bold);
    if (fit::text_px(brief, size, bold) <= room) return std::vector<std::string>{brief};
    return fit::wrap(brief, room, size, bold);
  };
  // The claim beside the badge, its further lines under its start.
  const std::vector<std::string> claim =
      one_line(b.claim, b.claim_short, width - kClaimX, fit::kBody, true);
  for (std::size_t i = 0; i < claim.size(); ++i)
    out.push_back({kClaimX, claim[i], fit::kBody, true, false, i == 0 ? 31.0 : 23.0});
  const auto add = [&](const std::vector<std::string>& lines, double size, bool muted,
                       double height) {
    for (const std::string& l : lines) out.push_back({kTextX, l, size, false, muted, height});
  };
  if (level <= 2) {
    // Under the verdict; from the left edge when that is what keeps it on one line.
    std::vector<std::string> number =
        one_line(b.number, b.number_short, width - kTextX, kNumberSize, false);
    const std::vector<std::string> wider =
        one_line(b.number, b.number_short, width - 2.0, kNumberSize, false);
    if (number.size() > 1 && wider.size() == 1) {
      out.push_back({2.0, wider[0], kNumberSize, false, false, 27.0});
    } else {
      add(number, kNumberSize, false, 27.0);
    }
  }
  if (level <= 1) add(fit::wrap(b.detail, width - kTextX, kDetailSize), kDetailSize, true, 20.0);
  if (level <= 0) add(fit::wrap(b.detail2, width - kTextX, kDetailSize), kDetailSize, true, 20.0);
  return out;
}

double block_height(const std::vector<BlockLine>& lines) {
  double h = 0.0;
  for (const BlockLine& l : lines) h += l.height;
  return h;
}

bool lines_fit(const std::vector<BlockLine>& lines, double width) {
  for (const BlockLine& l : lines) {
    if (l.x + fit::text_px(l.text, l.size, l.bold) > width) return false;
  }
  return true;
}

// The four checks in `plot` (its pixels), with as much detail as fits (down to `max_level`,
// see block_lines); false when not even that fits. A dry run only says whether they fit.
bool layout_checks(plot::Panel& p, const std::vector<CheckBlock>& blocks, const fit::Box& plot,
                   const plot::Style& style, bool dry_run, int max_level = 3) {
  const double w = plot.width() - 4.0, h = plot.height();
  for (int level = 0; level <= max_level; ++level) {
    std::vector<std::vector<BlockLine>> all;
    double need = 0.0;
    bool fits = true;
    for (const CheckBlock& b : blocks) {
      all.push_back(block_lines(b, w, level));
      need += block_height(all.back());
      fits = fits && lines_fit(all.back(), w);
    }
    const double gaps = 4.0 * static_cast<double>(blocks.size() - 1);
    if (!fits || need + gaps > h) continue;
    if (dry_run) return true;
    // Each block starts a quarter of the height down when it fits there (with its lines 1.3
    // times as far apart when that fits too); else they follow each other, sharing the rest.
    const double row = h / static_cast<double>(blocks.size());
    bool rows = true;
    double stretch = 1.3;
    for (const auto& l : all) {
      rows = rows && block_height(l) + 8.0 <= row;
      if (block_height(l) * stretch + 8.0 > row) stretch = 1.0;
    }
    if (!rows) stretch = 1.0;
    const double spread = rows ? 0.0 : (h - need - gaps) / static_cast<double>(blocks.size());
    double y = 0.0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (rows)
        y = row * static_cast<double>(i) +
            std::min(8.0, (row - stretch * block_height(all[i])) / 4);
      double ly = y;
      for (std::size_t j = 0; j < all[i].size(); ++j) {
        const BlockLine& l = all[i][j];
        const double lh = j == 0 ? l.height : l.height * stretch;
        const double cy = j == 0 ? ly + l.height / 2 : ly + lh - l.height / 2;
        if (j == 0) badge(p, 2, cy, blocks[i].pass);
        p.texts.push_back({l.x, cy, l.text, l.muted ? style.muted : style.text,
                           static_cast<float>(l.size / 20.0), l.bold, 0.0f, 0.5f});
        ly += lh;
      }
      if (!rows) y = ly + 4.0 + spread;
    }
    return true;
  }
  return false;
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
  if (s.scheme == Scheme::Learned && s.learned_table) {
    return "The same four claims, checked on a trained table (" + s.learned_table->source +
           "). Training bounds nothing and equalises nothing: look at the norms and at which "
           "offset is most similar to see what the model learned about distance.";
  }
  if (s.scheme == Scheme::Learned) {
    return "The same four claims, checked on a learned table at initialisation (N(0, 0.02²) "
           "entries). "
           "Its values are small and its rows distinct, but nothing keeps them so after training; "
           "the norms "
           "scatter around √"
           "d·σ instead of being equal, and similarity has nothing "
           "to do with distance: the nearest position is no more alike than any other.";
  }
  return "Explanations of sin/cos encodings make four claims. Each is checked here on the actual "
         "numbers: "
         "every value lies in [−"
         "1, 1]; no two positions share a code (the smallest distance between "
         "two rows, and which pair); every row has the same length √(d/2), since "
         "sin² + cos² = 1 "
         "for each pair; and the nearest position is the most similar, the cosine falling (not "
         "monotonically) "
         "with the distance. With a small d_model the last one fails: a far offset near a multiple "
         "of 2π "
         "can look closer than the neighbour.";
}

plot::Figure properties_figure(const SharedParams& s, const plot::FigureRequest& request,
                               const ProgressFn& progress) {
  const plot::Style style = plot::ink_style();
  const bool learned = s.scheme == Scheme::Learned;
  const long first = s.start, n = s.positions, last = first + n - 1;
  const double W = std::max(1, request.width), H = std::max(1, request.height);
  plot::Figure f;
  f.title = learned ? fit::first_fitting({"Properties of a learned table, checked live",
                                          "A learned table, checked live", "Checked live"},
                                         W, fit::kTitle, true)
                    : fit::first_fitting({"Properties of sin/cos encoding, checked live",
                                          "Sin/cos properties, checked live", "Checked live"},
                                         W, fit::kTitle, true);
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
  const std::string sub_full =
      learned ? fmt("d_model = %d · positions %s · %s · %d of 4 checks pass", s.d,
                    span(first, last).c_str(), learned_origin(s).c_str(), passed)
              : fmt("d_model = %d · base = %s · positions %s · %d of 4 checks "
                    "pass",
                    s.d, num(s.base).c_str(), span(first, last).c_str(), passed);
  const std::string sub_brief =
      learned ? fmt("d %d · %s · %s · %d of 4 pass", s.d, span(first, last).c_str(),
                    learned_origin(s).c_str(), passed)
              : fmt("d %d · base %s · %s · %d of 4 pass", s.d, num(s.base).c_str(),
                    span(first, last).c_str(), passed);
  f.subtitle = fit::first_fitting({sub_full, sub_brief}, W);
  if (fit::lines_of(f.subtitle, W) > 1)
    f.subtitle = fit::first_fitting({sub_full, sub_brief}, W, fit::kBody, false, 2);

  // --- The four checks ----------------------------------------------------------------
  plot::Panel checks;
  checks.id = "checks";
  std::vector<CheckBlock> blocks;
  const auto lines = [&](int, bool pass, const std::string& claim, const std::string& number,
                         const std::string& detail, const std::string& detail2) {
    blocks.push_back({pass, claim, number, detail, detail2, "", ""});
  };
  // A sampled learned table checks one set of rows: p0, p0 + 1, then every row_stride-th.
  const bool shared_rows = learned && c.row_stride > 1;
  const std::string rows_cover =
      c.row_stride == 1 ? "over all " + count(v.positions) + " × " + std::to_string(s.d) + " dims"
      : shared_rows ? fmt("on %ld of %ld positions: %ld, %ld, then %s", c.rows_checked, n, first,
                          first + 1, every(c.row_stride, "one").c_str())
                    : fmt("on %ld of %ld positions (%s)", c.rows_checked, n,
                          every(c.row_stride, "one").c_str());
  lines(0, c.bounded, "Bounded values",
        fmt("max |PE| = %.6g  %s 1", v.max_abs, c.bounded ? "≤" : ">"), rows_cover,
        learned ? (s.learned_table ? "a trained table: nothing bounds it"
                                   : "small at init; nothing bounds a trained table")
                : "sin and cos never leave [−"
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
    unique_detail = c.uniqueness_exact
                        ? "every pair of rows compared"
                        : fmt("estimated on a sample of %ld of %ld rows (every pair of them)",
                              v.uniqueness_rows, n);
  } else if (n >= 2) {
    unique_detail =
        c.uniqueness_exact
            ? fmt("every pair: all %ld offsets (the distance depends only on it)", n - 1)
            : fmt("offsets 1–%ld, then %s (of %ld)", c.dense_offsets,
                  every(c.offset_stride, "one").c_str(), n - 1);
  }
  lines(1, c.unique, "A unique code per position", unique_number, unique_cover, unique_detail);

  lines(2, c.constant_norm, "Same norm for every position",
        fmt("‖PE‖ from %.6g to %.6g", v.min_norm, v.max_norm),
        learned ? (s.learned_table ? std::string("a trained table: rows need not agree")
                                   : fmt("√"
                                         "d·σ = %.4g on average; each row differs",
                                         c.expected_norm))
                : fmt("√(d/2) = %.6g for every row", c.expected_norm),
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
  const bool norm_sampled = c.norm_positions.size() < n;
  norm.title = norm_sampled
                   ? fmt("Norm of %ld sampled rows", static_cast<long>(c.norm_positions.size()))
                   : std::string("Norm of every row");
  norm.x = position_axis(first - 0.5, last + 0.5, false);
  norm.y.label = "row norm";
  norm.y.lo = 0.0;
  norm.y.hi = std::max(c.expected_norm, v.max_norm) * 1.75;
  norm.legend = plot::Corner::TopRight;
  plot::LineSeries nl;
  nl.label = "‖PE[p]‖";
  nl.color = style.series(0);
  nl.width = 2.0f;
  nl.x.assign(c.norm_positions.data(), c.norm_positions.data() + c.norm_positions.size());
  nl.y.assign(c.norms.data(), c.norms.data() + c.norms.size());
  if (nl.x.size() <= 60) nl.marker = plot::Marker::Circle;
  norm.lines.push_back(std::move(nl));
  plot::LineSeries expected;  // a dashed level line, in the legend
  expected.label = learned ? fmt("expected √"
                                 "d·σ = %.4g",
                                 c.expected_norm)
                           : fmt("√(d/2) = %.6g", c.expected_norm);
  expected.color = style.series(1);
  expected.width = 2.0f;
  expected.stroke = plot::Stroke::Dashed;
  expected.x = {first - 0.5, last + 0.5};
  expected.y = {c.expected_norm, c.expected_norm};
  // A trained table has no expected norm (the init's √d·σ does not apply to it).
  if (!(learned && s.learned_table)) norm.lines.push_back(std::move(expected));
  const SharedParams copy = s;
  norm.readout = [copy](double x, double) -> std::vector<std::string> {
    const long p = std::lround(x);
    if (p < copy.start || p >= static_cast<long>(copy.start) + copy.positions) return {};
    const PropertyChecks one = checks_for(copy, p, 1, 1, {});
    return {fmt("position %ld", p), fmt("‖PE[%ld]‖ = %.15g", p, one.norms[0]),
            fmt("max |PE[%ld]| = %.6g", p, one.values.max_abs)};
  };

  // --- Cosine similarity over the distance (bottom right) --------------------------------
  plot::Panel prof;
  prof.id = "profile";
  prof.left = 0.49f;
  prof.top = 0.53f;
  prof.title = learned ? fmt("Cosine similarity of position %ld vs distance", first)
                       : "Cosine similarity vs distance (same from every p)";
  prof.x.label = "distance q − p (positions)";
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
  prof.refs.push_back(
      {false, 0.0, plot::ink(plot::Ink::Muted, 0.7f), plot::Stroke::Dotted, 1.0f, ""});
  if (c.most_similar_offset > 0) {
    prof.refs.push_back({true, static_cast<double>(c.most_similar_offset),
                         c.nearest_most_similar ? kPass : kFail, plot::Stroke::Dashed, 1.5f,
                         ""});  // labelled where there is room (below)
  }
  prof.readout = [copy](double x, double) -> std::vector<std::string> {
    const long r = std::lround(x);
    if (r < 0 || r >= copy.positions) return {};
    const long a = copy.start;
    return {fmt("positions %ld and %ld (distance %ld)", a, a + r, r),
            fmt("cosine similarity = %.6f", cosine_between(copy, a, a + r))};
  };

  // Shorter words for a narrow panel.
  blocks[1].claim_short = "Unique codes";
  blocks[2].claim_short = "Equal norms";
  blocks[3].claim_short = "Nearest most similar";
  if (n >= 2)
    blocks[3].number_short =
        fmt("most similar: %ld (cos %.4f)", c.most_similar_offset, c.most_similar);

  // The note: what was sampled, in the words that fit two lines (one in a small figure).
  std::vector<std::string> parts, brief_parts;
  const long rows = c.rows_checked;
  if (shared_rows) {
    parts.push_back(fmt("bounds, norms and similarity on %ld positions", rows));
    brief_parts.push_back(fmt("%ld positions", rows));
  } else if (c.row_stride > 1) {
    parts.push_back(fmt("bounds, norms and the norm chart on %ld positions (%s)", rows,
                        every(c.row_stride, "row").c_str()));
    brief_parts.push_back(fmt("%ld rows", rows));
  } else if (norm_sampled) {
    parts.push_back(
        fmt("the norm chart (%ld positions)", static_cast<long>(c.norm_positions.size())));
    brief_parts.push_back("norm chart");
  }
  if (!c.uniqueness_exact) {
    if (learned) {
      parts.push_back(fmt("uniqueness from every pair of %ld positions", v.uniqueness_rows));
      brief_parts.push_back(fmt("pairs of %ld", v.uniqueness_rows));
    } else {
      parts.push_back(fmt("uniqueness over offsets 1–%ld, then %s", c.dense_offsets,
                          every(c.offset_stride, "one").c_str()));
      brief_parts.push_back("uniqueness");
    }
  }
  if (c.profile_stride > 1 && !shared_rows) {
    parts.push_back("similarity (" + every(c.profile_stride, "offset") + ")");
    brief_parts.push_back("similarity");
  }
  const auto join = [](const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& x : list) out += (out.empty() ? "" : ", ") + x;
    return out;
  };
  if (!parts.empty()) {
    const int note_lines = H < 560 ? 1 : 2;
    f.note = fit::first_fitting({"Sampled to stay fast: " + join(parts) + ".",
                                 "Sampled: " + join(brief_parts) + ".", "Sampled to stay fast."},
                                W, fit::kTick, false, note_lines);
  }

  // --- The layout: today's (the checks on the left, the charts on the right) when the checks
  // fit there with their numbers and what they cover; else the checks alone, across.
  const fit::Box body = fit::figure_body(f, W, H);
  checks.left = 0.0f;
  checks.right = 0.46f;
  bool charts = W * 0.51 >= 330.0 && body.height() >= 420.0;
  if (charts) {
    plot::Panel probe = checks;
    fit::text_panel(probe, fit::bare_plot(checks, body));
    charts = layout_checks(probe, blocks, fit::bare_plot(checks, body), style, true, 1);
  }
  if (!charts) checks.right = 1.0f;
  const fit::Box checks_plot = fit::bare_plot(checks, body);
  fit::text_panel(checks, checks_plot);
  if (!layout_checks(checks, blocks, checks_plot, style, false)) {
    // Not even the verdicts fit: the claims, one a line.
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      checks.texts.push_back({2.0, 12.0 + 24.0 * static_cast<double>(i),
                              std::string(blocks[i].pass ? "PASS " : "FAIL ") + blocks[i].claim,
                              blocks[i].pass ? kPass : kFail, 1.0f, true, 0.0f, 0.5f});
    }
  }
  f.panels.push_back(std::move(checks));
  if (charts) {
    const fit::Box norm_area = fit::panel_area(norm, body), prof_area = fit::panel_area(prof, body);
    norm.title = fit::first_fitting({norm.title}, norm_area.width(), fit::kPanelTitle, true, 2);
    prof.title =
        fit::first_fitting({prof.title, learned ? fmt("Cosine of position %ld vs distance", first)
                                                : "Cosine vs distance"},
                           prof_area.width(), fit::kPanelTitle, true, 2);
    if (c.most_similar_offset > 0) {
      const plot::DataWindow w = request.window("profile")
                                     ? *request.window("profile")
                                     : plot::DataWindow{prof.x.lo, prof.x.hi, prof.y.lo, prof.y.hi};
      if (const auto t = fit::vline_label(static_cast<double>(c.most_similar_offset),
                                          fmt("most similar: %ld", c.most_similar_offset),
                                          c.nearest_most_similar ? kPass : kFail, w,
                                          prof_area.width() - 110.0, prof_area.height() - 130.0))
        prof.texts.push_back(*t);
    }
    f.panels.push_back(std::move(norm));
    f.panels.push_back(std::move(prof));
  }
  return f;
}

FigureBuilder PropertiesView::builder(const SharedParams& shared,
                                      const plot::FigureRequest& request) const {
  return [shared, request](const ProgressFn& progress) {
    return properties_figure(shared, request, progress);
  };
}

}  // namespace peviz
