#include "rope_clocks_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "app/plot/style.hpp"
#include "core/rope_clock.hpp"
#include "core/rope_scaling.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kMaxPosition = 1048576;
constexpr int kMaxDials = 32;
// Data extent of a dial panel: the pair's name on top, the unit circle on the left, four
// lines of text on the right.
constexpr double kLeft = -1.2, kRight = 3.55, kBottom = -1.15, kTop = 1.62;
constexpr double kTextX = 1.3;  // where the lines on the right start

const char* const kTheta = "\xCE\xB8";   // θ
const char* const kLambda = "\xCE\xBB";  // λ
const char* const kDot = " \xC2\xB7 ";   // " · "

// A number in few characters: 6.28, 62.8, 6283, 6.28e+05.
std::string compact(double v) {
  if (v >= 1000.0 && v < 1e6) return fmt("%.0f", v);
  return fmt("%.3g", v);
}

// 213.0°, 4.3°, 0.0762°: readable to a tenth of a degree, small angles to three digits.
std::string degrees_text(double deg) {
  return (deg >= 10.0 ? fmt("%.1f", deg) : fmt("%.3g", deg)) + "\xC2\xB0";
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

// Screen pixels per data unit of a dial in a cols x rows grid on width x height pixels
// (the panels' margins without axes are about 30 pixels).
double pixels_per_unit(int width, int height, int cols, int rows) {
  const double cell_w = static_cast<double>(width) / cols - 30.0;
  const double cell_h = static_cast<double>(height) / rows - 22.0;
  return std::max(1.0, std::min(cell_w / (kRight - kLeft), cell_h / (kTop - kBottom)));
}

// Characters of a UTF-8 string (not bytes), to estimate its width.
double chars_of(const std::string& t) {
  double n = 0;
  for (unsigned char c : t) n += (c & 0xC0) != 0x80 ? 1.0 : 0.0;
  return n;
}

// Columns of the dial grid that make the dials largest on a width x height figure.
int best_columns(int n, int width, int height) {
  int best = 1;
  double best_size = 0.0;
  for (int c = 1; c <= n; ++c) {
    const int rows = (n + c - 1) / c;
    const double size = pixels_per_unit(width, height, c, rows) * (kTop - kBottom);
    if (size > best_size + 1e-9) {
      best_size = size;
      best = c;
    }
  }
  return best;
}

}  // namespace

void RopeClocksParams::visit(ParamVisitor& v) {
  v.visit({"position", "position m", "the token position the hands show (play walks it forward)", 0,
           kMaxPosition, true},
          position);
  v.visit(
      {"dials", "dials", "how many pairs get a dial, spread evenly from the fastest to the slowest",
       1, kMaxDials},
      dials);
  v.visit({"speed", "speed", "positions per second while playing", 0.5, 100000, true}, speed);
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

bool RopeClocksView::extra_controls() {
  bool changed = false;
  if (ImGui::Button(playing_ ? "Pause" : "Play")) {
    playing_ = !playing_;
    carry_ = 0.0;
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Step +1") && params_.position < kMaxPosition) {
    ++params_.position;
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Back to 0")) {
    params_.position = 0;
    carry_ = 0.0;
    changed = true;
  }
  return changed;
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
  const std::vector<RopeHand> hands = rope_hands(params.position, freq.inv_freq, s.pairing, shown);
  const std::vector<RopeHand> before =
      rope_hands(params.position - 1.0, freq.inv_freq, s.pairing, shown);

  std::string dims = r == s.d ? fmt("d = %d", s.d) : fmt("head dim %d, rotary %d", s.d, r);
  f.subtitle = fmt("%s%sbase = %s%s%s pairs %s", dims.c_str(), kDot, num(s.base).c_str(), kDot,
                   pairing_name(s.pairing),
                   s.pairing == RopePairing::Interleaved ? "(2i, 2i+1)"
                   : r == s.d                            ? "(i, i+d/2)"
                                                         : "(i, i+r/2)");
  if (s.scaling != Scaling::None) {
    f.subtitle += fmt("%s%s scaling, s = %s, trained on %d", kDot, scaling_name(s.scaling),
                      num(s.factor).c_str(), s.original_context);
  }
  const std::string which =
      static_cast<int>(shown.size()) < pairs
          ? fmt("%zu of %d pairs, evenly spread from the fastest (0) to the slowest (%d)",
                shown.size(), pairs, pairs - 1)
          : (pairs == 1 ? std::string("the only pair") : fmt("all %d pairs, fastest first", pairs));
  f.note = which + fmt("%s%s in rad per position%sgrey hand: position m %s 1", kDot, kTheta, kDot,
                       "\xE2\x88\x92");

  const int n = static_cast<int>(hands.size());
  const int body_h = std::max(100, request.height - 110);  // less the titles and the note
  const int cols = best_columns(n, request.width, body_h);
  const int rows = (n + cols - 1) / cols;
  const double ppu = pixels_per_unit(request.width, body_h, cols, rows);
  // Each dial's words, then one text size for all that fits the longest line in its room.
  struct Words {
    std::string name, angle, turns, freq, wave;
  };
  std::vector<Words> words;
  double scale = 1.1;
  const double glyph = 0.56 * style.font_size;  // average advance of a DejaVu Sans glyph
  for (const RopeHand& h : hands) {
    Words w{fmt("pair %d %s (%d, %d)", h.pair, "\xC2\xB7", h.first, h.second),
            "angle " + degrees_text(h.degrees), fmt("%s turns", compact(h.turns).c_str()),
            fmt("%s = %s", kTheta, compact(h.inv_freq).c_str()),
            fmt("%s = %s pos", kLambda, compact(h.wavelength).c_str())};
    scale = std::min(scale, (kRight - kLeft) * ppu / (chars_of(w.name) * glyph * 1.08));
    for (const std::string* line : {&w.angle, &w.turns, &w.freq, &w.wave}) {
      scale = std::min(scale, (kRight - kTextX - 0.05) * ppu / (chars_of(*line) * glyph));
    }
    words.push_back(std::move(w));
  }
  const float text_scale = static_cast<float>(std::max(scale, 0.55));
  const plot::Color hand_color = style.series(0);
  const plot::Color arc_color = style.series(4);
  const plot::Color ghost = plot::ink(plot::Ink::Muted, 0.75f);
  const plot::Color face = plot::ink(plot::Ink::Surface);
  for (int k = 0; k < n; ++k) {
    const RopeHand& h = hands[static_cast<std::size_t>(k)];
    plot::Panel p;
    p.id = fmt("dial%d", k);
    p.left = static_cast<float>(k % cols) / cols;
    p.right = static_cast<float>(k % cols + 1) / cols;
    p.top = static_cast<float>(k / cols) / rows;
    p.bottom = static_cast<float>(k / cols + 1) / rows;
    make_dial(p, kLeft, kRight, kBottom, kTop);
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
    p.texts.push_back(text_at(kLeft, 1.4, w.name, style.text, text_scale * 1.08f, 0.0f));
    p.texts.back().bold = true;
    p.texts.push_back(text_at(kTextX, 0.72, w.angle, hand_color, text_scale, 0.0f));
    p.texts.back().bold = true;
    p.texts.push_back(text_at(kTextX, 0.24, w.turns, style.muted, text_scale, 0.0f));
    p.texts.push_back(text_at(kTextX, -0.24, w.freq, style.muted, text_scale, 0.0f));
    p.texts.push_back(text_at(kTextX, -0.72, w.wave, style.muted, text_scale, 0.0f));

    const RopeHand hc = h;
    const int m = params.position;
    const RopePairing pairing = s.pairing;
    p.readout = [hc, m, pairing](double, double) -> std::vector<std::string> {
      return {fmt("pair %d: coordinates (%d, %d), %s", hc.pair, hc.first, hc.second,
                  pairing_name(pairing)),
              fmt("\xCE\xB8_%d = %.10g rad per position", hc.pair, hc.inv_freq),
              fmt("\xCE\xBB_%d = 2\xCF\x80/\xCE\xB8 = %.10g positions per turn", hc.pair,
                  hc.wavelength),
              fmt("at m = %d: m\xC2\xB7\xCE\xB8 = %.10g turns", m, hc.turns),
              fmt("hand angle (mod 2\xCF\x80) = %.12g rad = %.10g\xC2\xB0", hc.angle, hc.degrees)};
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
