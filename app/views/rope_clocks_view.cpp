#include "rope_clocks_view.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "app/plot/style.hpp"
#include "app/plot/text_metrics.hpp"
#include "core/rope_clock.hpp"
#include "core/rope_scaling.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {

namespace reflow {

double width(const std::string& text, double px, bool bold) {
  // The font's own advances (plot/text_metrics), 2% generous.
  return plot::text_width(text, px, bold) * 1.02;
}

std::vector<std::string> wrap(const std::string& text, double px, bool bold, double room) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::string line;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string word = text.substr(i, j - i);
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || width(candidate, px, bold) <= room) {
      line = candidate;
    } else {
      out.push_back(line);
      line = word;
    }
    i = j + 1;
  }
  out.push_back(line);
  return out;
}

std::string first_fitting(const std::vector<std::string>& options, double px, bool bold,
                          double room, int max_lines) {
  for (const std::string& o : options) {
    const std::vector<std::string> l = wrap(o, px, bold, room);
    if (static_cast<int>(l.size()) > max_lines) continue;
    bool fits = true;
    for (const std::string& line : l) fits = fits && width(line, px, bold) <= room;
    if (fits) return o;
  }
  return options.empty() ? std::string() : options.back();
}

double header_height(const plot::Figure& f, double w) {
  double h = 0.0;
  if (!f.title.empty()) h += kTitle * 1.35 * std::min(2, lines(f.title, kTitle, true, w));
  if (!f.subtitle.empty()) h += kBody * 1.3 * std::min(2, lines(f.subtitle, kBody, false, w));
  if (!f.title.empty() || !f.subtitle.empty()) h += kBody * 0.4;
  return h;
}

double footer_height(const plot::Figure& f, double w) {
  std::string warnings;
  for (const std::string& x : f.warnings) warnings += (warnings.empty() ? "warning: " : "; ") + x;
  const int n = (f.note.empty() ? 0 : std::min(2, lines(f.note, kSmall, false, w))) +
                (warnings.empty() ? 0 : std::min(2, lines(warnings, kSmall, false, w)));
  return n == 0 ? 0.0 : kBody * (0.25 + 1.15 * n);
}

double widest(const std::vector<std::string>& texts, double px, bool bold) {
  double w = 0.0;
  for (const std::string& t : texts) w = std::max(w, width(t, px, bold));
  return w;
}

std::string heading(const std::vector<std::string>& options, double px, bool bold, double room) {
  const std::string one = first_fitting(options, px, bold, room);
  return lines(one, px, bold, room) <= 1 ? one : first_fitting(options, px, bold, room, 2);
}

double panel_title_height(int n) {
  return n <= 0 ? 0.0 : kPanelTitle * (1.5 + 1.25 * (std::min(n, 2) - 1));
}

Room plot_room(double w, double h, int title_lines, double ytick_w, bool y_label, bool x_label) {
  const double l = kSmall * 0.6 + ytick_w + kSmall * 0.6 + (y_label ? kBody * 1.5 : 0.0);
  const double r = kSmall;
  const double t = kSmall * 0.6 + panel_title_height(title_lines);
  const double b = kSmall * 0.6 + kSmall * 1.5 + (x_label ? kBody * 1.5 : 0.0);
  return {w - l - r, h - t - b};
}

double legend_width(const std::vector<std::string>& labels) {
  return labels.empty() ? 0.0 : kSmall * (0.5 * 3 + 1.8) + widest(labels, kSmall);
}

double legend_height(std::size_t entries) {
  return entries == 0 ? 0.0 : kSmall * (1.0 + 1.35 * static_cast<double>(entries));
}

}  // namespace reflow

namespace {

constexpr int kMaxPosition = 1048576;
constexpr int kMaxDials = 32;
// Data extent of a dial panel: the pair's name on top, the unit circle on the left, four
// lines of text on the right.
const char* const kTheta = "θ";   // θ
const char* const kLambda = "λ";  // λ
const char* const kDot = " · ";   // " · "

// A number in few characters: 6.28, 62.8, 6283, 6.28e+05.
std::string compact(double v) {
  if (v >= 1000.0 && v < 1e6) return fmt("%.0f", v);
  return fmt("%.3g", v);
}

// 213.0°, 4.3°, 0.0762°: readable to a tenth of a degree, small angles to three digits.
std::string degrees_text(double deg) {
  return (deg >= 10.0 ? fmt("%.1f", deg) : fmt("%.3g", deg)) + "°";
}

plot::Text text_at(double x, double y, const std::string& s, plot::Color c, float scale,
                   float align_x) {
  plot::Text t;
  t.x = x;
  t.y = y;
  t.text = s;
  t.color = c;
  t.scale = scale;
  t.align_x = align_x;
  return t;
}

// How the words of a dial sit: four lines (angle, turns, frequency, wavelength) or the two
// that matter most (angle, frequency), right of the dial or under it.
struct DialMode {
  bool below = false;
  int lines = 4;
};
constexpr DialMode kModes[] = {{false, 4}, {true, 4}, {false, 2}, {true, 2}};

// Pixel sizes of a dial's words (logical pixels, the body font at 20 px).
constexpr double kNameScale = 1.05;  // the pair's name, bold
constexpr double kLinePitch = 25.0;  // one line of the words, with its gap
constexpr double kNameGap = 6.0;     // between the dial (or the words) and the name
constexpr double kMargin = 4.0;
constexpr double kMinRadius = 26.0;  // the smallest dial worth drawing
constexpr double kMaxRadius = 150.0;

// The box a dial of radius r and its words take, in pixels from the dial's centre.
struct DialBox {
  double left, right, bottom, top;
  double width() const { return right - left; }
  double height() const { return top - bottom; }
};
DialBox dial_box(const DialMode& mode, double r, double name_w, double text_w) {
  const double name_h = reflow::kBody * kNameScale;
  const double block = mode.lines * kLinePitch;
  if (mode.below) {
    const double half = std::max({r * 1.05, text_w / 2, name_w / 2}) + kMargin;
    return {-half, half, -r - kNameGap - block - kMargin, r + kNameGap + name_h + kMargin};
  }
  const double half_h = std::max(r * 1.05, block / 2);
  const double gap = std::max(8.0, 0.25 * r);
  return {-r * 1.08 - kMargin, std::max(r + gap + text_w, -r + name_w) + kMargin, -half_h - kMargin,
          half_h + kNameGap + name_h + kMargin};
}

// The largest radius whose box fits in plot_w x plot_h pixels (0 when none from kMinRadius).
double fit_radius(const DialMode& mode, double plot_w, double plot_h, double name_w,
                  double text_w) {
  for (double r = kMaxRadius; r >= kMinRadius; r -= 1.0) {
    const DialBox b = dial_box(mode, r, name_w, text_w);
    if (b.width() <= plot_w && b.height() <= plot_h) return r;
  }
  return 0.0;
}

// A dial panel's plot in a cols x rows grid over width x height pixels: the panel less
// its margins (no title, no axes) and a few pixels to spare.
double cell_plot_w(double width, int cols) {
  return width / cols - 27.2 - 6.0;
}
double cell_plot_h(double height, int rows) {
  return height / rows - 20.4 - 6.0;
}

}  // namespace

void RopeClocksParams::visit(ParamVisitor& v) {
  v.visit({.name = "position",
           .label = "position m",
           .help = "the token position the hands show (play walks it forward)",
           .min = 0,
           .max = kMaxPosition,
           .log = true},
          position);
  v.visit({.name = "dials",
           .label = "dials",
           .help = "how many pairs get a dial, spread evenly from the fastest to the slowest",
           .min = 1,
           .max = kMaxDials},
          dials);
  v.visit({.name = "speed",
           .label = "speed",
           .help = "positions per second while playing",
           .min = 0.5,
           .max = 100000,
           .log = true},
          speed);
}

std::vector<std::string> RopeClocksView::shared_fields(const SharedParams&) const {
  return {"d", "base", "pairing", "partial-rotary", "scaling", "factor", "original-context"};
}

std::string RopeClocksView::explanation(const SharedParams&) const {
  return "RoPE cuts the query and key into pairs of coordinates and turns each pair like the hand "
         "of "
         "a clock: at position m, pair i has turned m times its own angle per step. The first "
         "pairs "
         "are second hands (about a radian per token), the last ones hour hands that barely move "
         "across a whole book. Press play to walk along the sequence; the grey line is where the "
         "hand stood one token earlier. Each hand turns counter-clockwise from the pair's first "
         "coordinate. Hover a dial for its exact angle.";
}

std::vector<ViewAction> RopeClocksView::actions() {
  return {
      {.label = playing_ ? "Pause" : "Play",
       .tooltip = "Walk along the sequence, one position per step at the chosen speed",
       .run =
           [this] {
             playing_ = !playing_;
             carry_ = 0.0;
             return true;
           }},
      {.label = "Step +1",
       .tooltip = "Move the token one position on",
       .run =
           [this] {
             if (params_.position >= kMaxPosition) return false;
             ++params_.position;
             return true;
           },
       .enabled = params_.position < kMaxPosition},
      {.label = "Back to 0",
       .tooltip = "Put the token back at position 0",
       .run =
           [this] {
             params_.position = 0;
             carry_ = 0.0;
             return true;
           }},
  };
}

bool RopeClocksView::tick(double seconds) {
  if (!playing_ || !(seconds > 0.0)) return false;
  carry_ += params_.speed * seconds;
  const double steps = std::floor(carry_);
  if (steps < 1.0) return false;
  carry_ -= steps;
  const long next = static_cast<long>(params_.position) + static_cast<long>(steps);
  params_.position = static_cast<int>(next > kMaxPosition ? next % (kMaxPosition + 1) : next);
  return true;
}

plot::Figure rope_clocks_figure(const SharedParams& s, const RopeClocksParams& params,
                                const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  f.title = fmt("RoPE clocks at position m = %d", params.position);
  int r = 0;
  ScaledFrequencies freq;
  try {
    r = rotary_dim(s.d, s.partial_rotary);
    freq = scale_frequencies(r, s.base, s.scaling_params());
  } catch (const InvalidArgument& e) {
    f.message = e.what();
    return f;
  }
  const int pairs = static_cast<int>(freq.inv_freq.size());
  const std::vector<int> shown = spread_pairs(pairs, std::clamp(params.dials, 1, kMaxDials));
  std::vector<RopeHand> hands = rope_hands(params.position, freq.inv_freq, s.pairing, shown);
  std::vector<RopeHand> before = rope_hands(params.position - 1.0, freq.inv_freq, s.pairing, shown);

  const double width = request.width;
  f.title = reflow::first_fitting({f.title, fmt("RoPE clocks, m = %d", params.position)},
                                  reflow::kTitle, true, width);
  const std::string dims = r == s.d ? fmt("d = %d", s.d) : fmt("head dim %d, rotary %d", s.d, r);
  const char* const pair_dims = s.pairing == RopePairing::Interleaved ? "(2i, 2i+1)"
                                : r == s.d                            ? "(i, i+d/2)"
                                                                      : "(i, i+r/2)";
  std::string subtitle = fmt("%s%sbase = %s%s%s pairs %s", dims.c_str(), kDot, num(s.base).c_str(),
                             kDot, pairing_name(s.pairing), pair_dims);
  std::string short_subtitle = fmt("%s%sbase %s%s%s", dims.c_str(), kDot, num(s.base).c_str(), kDot,
                                   pairing_name(s.pairing));
  if (s.scaling != Scaling::None) {
    subtitle += fmt("%s%s scaling, s = %s, trained on %d", kDot, scaling_name(s.scaling),
                    num(s.factor).c_str(), s.original_context);
    short_subtitle += fmt("%s%s, s = %s", kDot, scaling_name(s.scaling), num(s.factor).c_str());
  }
  f.subtitle = reflow::heading({subtitle, short_subtitle}, reflow::kBody, false, width);

  // Each dial's words at the body size (never smaller: a presenter's larger text gets fewer
  // dials, not smaller words).
  struct Words {
    std::string name, short_name, angle, turns, freq, wave;
  };
  std::vector<Words> words;
  const auto words_of = [](const RopeHand& h) {
    return Words{fmt("pair %d %s (%d, %d)", h.pair, "·", h.first, h.second),
                 fmt("pair %d", h.pair),
                 "angle " + degrees_text(h.degrees),
                 fmt("%s turns", compact(h.turns).c_str()),
                 fmt("%s = %s", kTheta, compact(h.inv_freq).c_str()),
                 fmt("%s = %s pos", kLambda, compact(h.wavelength).c_str())};
  };
  for (const RopeHand& h : hands) words.push_back(words_of(h));
  // The room the words take: the widest of every dial's (and of an angle and a count of
  // turns as wide as they get while the hands move, so that playing keeps the layout).
  const double body = reflow::kBody;
  const double name_scale_px = body * kNameScale;
  double name_full_w = 0.0, name_short_w = 0.0;
  double angle_w = reflow::width("angle 359.9°", body, true);
  double turns_w = reflow::width("00.0 turns", body), freq_w = 0.0, wave_w = 0.0;
  for (const Words& w : words) {
    name_full_w = std::max(name_full_w, reflow::width(w.name, name_scale_px, true));
    name_short_w = std::max(name_short_w, reflow::width(w.short_name, name_scale_px, true));
    angle_w = std::max(angle_w, reflow::width(w.angle, body, true));
    turns_w = std::max(turns_w, reflow::width(w.turns, body));
    freq_w = std::max(freq_w, reflow::width(w.freq, body));
    wave_w = std::max(wave_w, reflow::width(w.wave, body));
  }
  const double text4_w = std::max({angle_w, turns_w, freq_w, wave_w});
  const double text2_w = std::max(angle_w, freq_w);

  // The note, then the grid: the most dials (up to the count asked for) that fit with their
  // words, the fuller words first, then the largest dials.
  const auto note_for = [&](int count) {
    const std::vector<int> some = spread_pairs(pairs, count);
    const bool all = static_cast<int>(some.size()) >= pairs;
    const std::string which =
        !all ? fmt("%zu of %d pairs, evenly spread from the fastest (0) to the slowest (%d)",
                   some.size(), pairs, pairs - 1)
             : (pairs == 1 ? std::string("the only pair")
                           : fmt("all %d pairs, fastest first", pairs));
    const std::string brief =
        !all ? fmt("%zu of %d pairs, fastest (0) to slowest (%d)", some.size(), pairs, pairs - 1)
             : which;
    const std::vector<std::string> options = {
        which +
            fmt("%s%s in rad per position%sgrey hand: position m %s 1", kDot, kTheta, kDot, "−"),
        brief + fmt("%s%s in rad per position%sgrey hand: m %s 1", kDot, kTheta, kDot, "−"),
        brief + fmt("%s%s: rad per position", kDot, kTheta), brief};
    return reflow::heading(options, reflow::kSmall, false, width);
  };
  struct Grid {
    int count = 1, cols = 1, rows = 1;
    DialMode mode;
    bool full_names = false;
    double radius = 0.0;
  };
  const int asked = static_cast<int>(hands.size());
  Grid grid;
  bool found = false;
  for (int count = asked; count >= 1 && !found; --count) {
    f.note = note_for(count);
    const double body_h =
        request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
    for (const DialMode& mode : kModes) {
      for (const bool full : {true, false}) {
        Grid best;
        for (int cols = 1; cols <= count; ++cols) {
          const int rows = (count + cols - 1) / cols;
          const double rad =
              fit_radius(mode, cell_plot_w(width, cols), cell_plot_h(body_h, rows),
                         full ? name_full_w : name_short_w, mode.lines == 4 ? text4_w : text2_w);
          if (rad > best.radius) best = {count, cols, rows, mode, full, rad};
        }
        if (best.radius >= kMinRadius) {
          grid = best;
          found = true;
          break;
        }
      }
      if (found) break;
    }
  }
  if (!found) {  // not even one dial fits: one, as large as the room allows
    f.note = note_for(1);
    const double body_h =
        request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
    grid = {1,
            1,
            1,
            kModes[3],
            false,
            std::max(4.0, std::min((cell_plot_w(width, 1) - text2_w) / 2.2,
                                   (cell_plot_h(body_h, 1) - 80.0) / 2.1))};
  }
  // The dials drawn: spread over the pairs like the ones asked for, fewer when they do not fit.
  if (grid.count < asked) {
    const std::vector<int> some = spread_pairs(pairs, grid.count);
    hands = rope_hands(params.position, freq.inv_freq, s.pairing, some);
    before = rope_hands(params.position - 1.0, freq.inv_freq, s.pairing, some);
    words.clear();
    for (const RopeHand& h : hands) words.push_back(words_of(h));
  }
  const int cols = grid.cols, rows = grid.rows;
  const double rad = grid.radius;
  const DialMode mode = grid.mode;
  const double text_w = mode.lines == 4 ? text4_w : text2_w;
  const DialBox box = dial_box(mode, rad, grid.full_names ? name_full_w : name_short_w, text_w);
  // The panel's data window: the box, widened to the plot's shape so that one data unit is
  // `rad` pixels whichever way the plot is limited.
  const double body_h =
      request.height - reflow::header_height(f, width) - reflow::footer_height(f, width);
  const double pw = cell_plot_w(width, cols) + 6.0, ph = cell_plot_h(body_h, rows) + 6.0;
  double x_lo = box.left, x_hi = box.right, y_lo = box.bottom, y_hi = box.top;
  if (pw > 0 && ph > 0) {
    if (box.width() / box.height() < pw / ph) {
      const double extra = (box.height() * pw / ph - box.width()) / 2;
      x_lo -= extra;
      x_hi += extra;
    } else {
      const double extra = (box.width() * ph / pw - box.height()) / 2;
      y_lo -= extra;
      y_hi += extra;
    }
  }
  const plot::Color hand_color = style.series(0);
  const plot::Color arc_color = style.series(4);
  const plot::Color ghost = plot::ink(plot::Ink::Muted, 0.75f);
  const plot::Color face = plot::ink(plot::Ink::Surface);
  const int n = static_cast<int>(hands.size());
  for (int k = 0; k < n; ++k) {
    const RopeHand& h = hands[static_cast<std::size_t>(k)];
    plot::Panel p;
    p.id = fmt("dial%d", k);
    p.left = static_cast<float>(k % cols) / cols;
    p.right = static_cast<float>(k % cols + 1) / cols;
    p.top = static_cast<float>(k / cols) / rows;
    p.bottom = static_cast<float>(k / cols + 1) / rows;
    make_dial(p, x_lo / rad, x_hi / rad, y_lo / rad, y_hi / rad);
    // The face, quarter ticks, the angle swept since the last full turn, the hand a step
    // earlier and the hand now.
    p.shapes.push_back(unit_circle(face, 1.0f, face));
    // The rim as 120 short segments: round even when one dial fills the screen.
    for (int j = 0; j < 120; ++j) {
      const double a0 = 2 * std::numbers::pi * j / 120, a1 = 2 * std::numbers::pi * (j + 1) / 120;
      plot::Shape rim;
      rim.x0 = std::cos(a0);
      rim.y0 = std::sin(a0);
      rim.x1 = std::cos(a1);
      rim.y1 = std::sin(a1);
      rim.color = plot::ink(plot::Ink::Axis);
      rim.width = 2.0f;
      p.shapes.push_back(rim);
    }
    for (int q = 0; q < 4; ++q) {
      const double a = q * std::numbers::pi / 2;
      plot::Shape tick;
      tick.x0 = 0.86 * std::cos(a);
      tick.y0 = 0.86 * std::sin(a);
      tick.x1 = std::cos(a);
      tick.y1 = std::sin(a);
      tick.color = plot::ink(plot::Ink::Axis);
      tick.width = q == 0 ? 3.0f : 1.5f;
      p.shapes.push_back(tick);
    }
    // The angle swept since the last full turn, as short segments over the face.
    const int steps =
        std::max(2, static_cast<int>(std::ceil(h.angle / (2 * std::numbers::pi) * 96)));
    for (int j = 0; j < steps; ++j) {
      const double a0 = h.angle * j / steps, a1 = h.angle * (j + 1) / steps;
      plot::Shape seg;
      seg.x0 = 0.5 * std::cos(a0);
      seg.y0 = 0.5 * std::sin(a0);
      seg.x1 = 0.5 * std::cos(a1);
      seg.y1 = 0.5 * std::sin(a1);
      seg.color = arc_color;
      seg.width = 3.0f;
      p.shapes.push_back(seg);
    }
    const RopeHand& b = before[static_cast<std::size_t>(k)];
    plot::Shape prev;
    prev.x1 = 0.9 * b.x;
    prev.y1 = 0.9 * b.y;
    prev.color = ghost;
    prev.width = 2.0f;
    p.shapes.push_back(prev);
    plot::Shape hand;
    hand.kind = plot::Shape::Kind::Arrow;
    hand.x1 = 0.92 * h.x;
    hand.y1 = 0.92 * h.y;
    hand.color = hand_color;
    hand.width = 3.5f;
    p.shapes.push_back(hand);
    plot::Shape hub;
    hub.kind = plot::Shape::Kind::Circle;
    hub.x1 = 0.045;
    hub.color = hand_color;
    hub.filled = true;
    hub.fill = hand_color;
    p.shapes.push_back(hub);

    const Words& w = words[static_cast<std::size_t>(k)];
    const double name_y = (mode.below ? rad : std::max(rad * 1.05, mode.lines * kLinePitch / 2)) +
                          kNameGap + name_scale_px / 2;
    p.texts.push_back(text_at(mode.below ? 0.0 : -rad / rad, name_y / rad,
                              grid.full_names ? w.name : w.short_name, style.text,
                              static_cast<float>(kNameScale), mode.below ? 0.5f : 0.0f));
    p.texts.back().bold = true;
    const std::vector<std::pair<const std::string*, plot::Color>> lines =
        mode.lines == 4
            ? std::vector<std::pair<const std::string*, plot::Color>>{{&w.angle, hand_color},
                                                                      {&w.turns, style.muted},
                                                                      {&w.freq, style.muted},
                                                                      {&w.wave, style.muted}}
            : std::vector<std::pair<const std::string*, plot::Color>>{{&w.angle, hand_color},
                                                                      {&w.freq, style.muted}};
    for (std::size_t j = 0; j < lines.size(); ++j) {
      const double y =
          mode.below
              ? -rad - kNameGap - kLinePitch * (static_cast<double>(j) + 0.5)
              : kLinePitch * ((static_cast<double>(lines.size()) - 1) / 2 - static_cast<double>(j));
      const double x = mode.below ? 0.0 : rad + std::max(8.0, 0.25 * rad);
      p.texts.push_back(text_at(x / rad, y / rad, *lines[j].first, lines[j].second, 1.0f,
                                mode.below ? 0.5f : 0.0f));
      p.texts.back().bold = j == 0;
    }

    const RopeHand hc = h;
    const int m = params.position;
    const RopePairing pairing = s.pairing;
    p.readout = [hc, m, pairing](double, double) -> std::vector<std::string> {
      return {fmt("pair %d: coordinates (%d, %d), %s", hc.pair, hc.first, hc.second,
                  pairing_name(pairing)),
              fmt("θ_%d = %.10g rad per position", hc.pair, hc.inv_freq),
              fmt("λ_%d = 2π/θ = %.10g positions per turn", hc.pair, hc.wavelength),
              fmt("at m = %d: m·θ = %.10g turns", m, hc.turns),
              fmt("hand angle (mod 2π) = %.12g rad = %.10g°", hc.angle, hc.degrees)};
    };
    f.panels.push_back(std::move(p));
  }
  return f;
}

void rope_clocks_table(const SharedParams& s, const RopeClocksParams& params,
                       plot::TableSink& table) {
  const int r = rotary_dim(s.d, s.partial_rotary);
  const ScaledFrequencies freq = scale_frequencies(r, s.base, s.scaling_params());
  const int pairs = static_cast<int>(freq.inv_freq.size());
  const std::vector<int> shown = spread_pairs(pairs, std::clamp(params.dials, 1, kMaxDials));
  table.header({"position", "pair", "first_dim", "second_dim", "frequency", "wavelength",
                "angle_rad", "angle_deg", "turns", "cos", "sin"});
  for (const RopeHand& h : rope_hands(params.position, freq.inv_freq, s.pairing, shown)) {
    table.cell(params.position).cell(h.pair).cell(h.first).cell(h.second).cell(h.inv_freq);
    table.cell(h.wavelength).cell(h.angle).cell(h.degrees).cell(h.turns).cell(h.x).cell(h.y);
    table.end_row();
  }
}

plot::TableWriter RopeClocksView::table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) { rope_clocks_table(shared, params, t); };
}

TableColumns RopeClocksView::table_columns() const {
  return {
      "position,pair,first_dim,second_dim,frequency,wavelength,angle_rad,angle_deg,turns,cos,"
      "sin",
      "the hands of the dials at --position m: the angle m x theta_i of each pair shown"};
}

FigureBuilder RopeClocksView::builder(const SharedParams& shared,
                                      const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return rope_clocks_figure(shared, params, request);
  };
}

}  // namespace peviz
