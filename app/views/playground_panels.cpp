#include "playground_panels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "app/plot/draw_figure.hpp"
#include "app/plot/text_metrics.hpp"
#include "core/colormap.hpp"
#include "view_util.hpp"

namespace peviz::playground {

double text_px(std::string_view text, double px, bool bold) {
  return plot::text_width(text, px, bold) * 1.013;
}

std::vector<std::string> wrap(const std::string& text, double px, bool bold, double width) {
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; i <= text.size();) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string word = text.substr(i, j - i);
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || text_px(candidate, px, bold) <= width) {
      line = candidate;
    } else {
      lines.push_back(line);
      line = word;
    }
    i = j + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

double widest_px(const std::vector<std::string>& lines, double px, bool bold) {
  double w = 0.0;
  for (const std::string& l : lines) w = std::max(w, text_px(l, px, bold));
  return w;
}

std::string choose_text(const std::vector<std::string>& options, double px, bool bold, double width,
                        std::size_t lines, bool wrapped_first) {
  for (const std::string& o : options) {
    if (!wrapped_first && text_px(o, px, bold) <= width) return o;
  }
  const std::string* best = nullptr;
  std::size_t fewest = lines + 1;
  for (const std::string& o : options) {
    const std::vector<std::string> w = wrap(o, px, bold, width);
    if (w.size() < fewest && widest_px(w, px, bold) <= width) {
      best = &o;
      fewest = w.size();
      if (wrapped_first) break;
    }
  }
  return best ? *best : options.back();
}

std::string choose_title(const std::vector<std::string>& options, double width) {
  return choose_text(options, kPanelTitlePx, true, width, 2);
}

std::string quoted(const std::vector<std::string>& tokens, std::size_t max_words) {
  std::string out = "“";
  for (std::size_t i = 0; i < tokens.size() && i < max_words; ++i)
    out += (i ? " " : "") + tokens[i];
  if (tokens.size() > max_words) out += " …";
  return out + "”";
}

std::string difference_text(double v) {
  if (v == 0.0) return "0 (exactly)";
  if (v < 1e-3) return fmt("%.1e", v);
  return fmt("%.3g", v);
}

bool is_masked(double logit) {
  return std::isinf(logit) && logit < 0;
}

Box plot_box(const Box& area, const Frame& f) {
  const double font = kTickPx;
  double l = font * 0.6, r = font * 1.0, t = font * 0.6, b = font * 0.6;
  if (!f.title.empty()) {
    const std::size_t lines =
        std::clamp<std::size_t>(wrap(f.title, kPanelTitlePx, true, area.w()).size(), 1, 2);
    t += kPanelTitlePx * (1.5 + 1.25 * static_cast<double>(lines - 1));
  }
  if (f.axes) {
    l += f.y_ticks_px + font * 0.6;
    if (f.y_label) l += kFontPx * 1.5;
    b += font * 1.5;
    if (f.x_label) b += kFontPx * 1.5;
  }
  if (f.colorbar) {
    const double bar = font * 1.2;
    r += bar + font * 1.2 +
         std::max(text_px("-0.00", font, false), text_px(f.value_label, font, false) - bar);
    if (!f.value_label.empty()) t += font * 1.4;
  }
  return {area.x0 + l, area.y0 + t, area.x1 - r, area.y1 - b};
}

void place(plot::Panel& p, const Box& a, double width, double height) {
  p.left = static_cast<float>(a.x0 / width);
  p.right = static_cast<float>(a.x1 / width);
  p.top = static_cast<float>(a.y0 / height);
  p.bottom = static_cast<float>(a.y1 / height);
}

double widest_word_px(const std::vector<std::string>& words, double px, bool bold) {
  double w = 0.0;
  for (const std::string& t : words) w = std::max(w, text_px(t, px, bold));
  return w;
}

namespace {

// ---------------------------------------------------------------------------------------
// The heatmaps.

std::string cell_text(double v, int decimals) {
  return fmt("%.*f", decimals, std::abs(v) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : v);
}

// Values printed in the cells of a small token x token heatmap (masked cells crossed
// out instead), in black or white on the cell's colour.
void print_cells(plot::Panel& p, const Eigen::MatrixXd& values, const Eigen::MatrixXd& logits,
                 const plot::HeatmapLayer& h, float scale, int decimals) {
  // A masked heatmap crosses its masked cells out itself.
  const bool cross_here = !h.masked;
  const Colormap& map = colormap(h.colormap);
  for (long i = 0; i < values.rows(); ++i) {
    for (long j = 0; j < values.cols(); ++j) {
      const double x = static_cast<double>(j), y = static_cast<double>(i);
      if (is_masked(logits(i, j))) {
        if (!cross_here) continue;
        const plot::Color cross = plot::hex_color(0xffffff, 0.55f);
        p.shapes.push_back({plot::Shape::Kind::Segment,
                            x - 0.3,
                            y - 0.3,
                            x + 0.3,
                            y + 0.3,
                            cross,
                            1.5f,
                            false,
                            {}});
        p.shapes.push_back({plot::Shape::Kind::Segment,
                            x - 0.3,
                            y + 0.3,
                            x + 0.3,
                            y - 0.3,
                            cross,
                            1.5f,
                            false,
                            {}});
        continue;
      }
      const Rgb bg = colormap_sample(map, colormap_position(values(i, j), h.lo, h.hi));
      const plot::Color fg = plot::text_color_on(
          {static_cast<float>(bg.r), static_cast<float>(bg.g), static_cast<float>(bg.b), 1.0f});
      p.texts.push_back({x, y, cell_text(values(i, j), decimals), fg, scale, false, 0.5f, 0.5f});
    }
  }
}

GridLook fit_grid(const Box& area, const std::string& title, const std::string& value_label,
                  const std::vector<std::string>& tokens, const Eigen::MatrixXd& values,
                  const Eigen::MatrixXd& logits, bool printable, int min_decimals,
                  bool allow_colorbar = true, bool allow_labels = true) {
  struct Try {
    bool colorbar, labels;
    int decimals;
  };
  static constexpr Try kTries[] = {{true, true, 2},   {false, true, 2},  {false, false, 2},
                                   {false, true, 1},  {false, false, 1}, {true, true, -1},
                                   {true, false, -1}, {false, false, -1}};
  const double n = static_cast<double>(values.rows());
  const double ticks = widest_word_px(tokens, kTickPx, false);
  const double cell_px = kCellScale * kFontPx;
  for (const Try& t : kTries) {
    if ((t.decimals >= 0 && !printable) || t.decimals < min_decimals) continue;
    if ((t.colorbar && !allow_colorbar) || (t.labels && !allow_labels)) continue;
    Frame fr;
    fr.title = title;
    fr.axes = true;
    fr.y_ticks_px = ticks;
    fr.y_label = fr.x_label = t.labels;
    fr.colorbar = t.colorbar;
    fr.value_label = value_label;
    GridLook g;
    g.plot = plot_box(area, fr);
    g.colorbar = t.colorbar;
    g.labels = t.labels;
    g.decimals = t.decimals;
    const double cw = g.plot.w() / n, ch = g.plot.h() / n;
    if (t.decimals >= 0) {
      double widest = 0.0;
      for (long i = 0; i < values.rows(); ++i) {
        for (long j = 0; j < values.cols(); ++j) {
          if (!is_masked(logits(i, j)))
            widest = std::max(widest, text_px(cell_text(values(i, j), t.decimals), cell_px, false));
        }
      }
      // Every row keeps its word on the axis: the draw layer leaves out a vertical label
      // closer than 1.8 of its font to the one before.
      g.ok = cw >= widest + 6.0 && ch >= std::max(cell_px + 4.0, kTickPx * 1.85);
    } else {
      g.ok = g.plot.w() >= 40.0 && g.plot.h() >= 40.0;
    }
    if (g.ok) return g;
  }
  return {};
}

// A token x token heatmap panel (queries down, keys across, labelled with the words;
// the keys by position when their words would overlap in `plot_px` pixels).
plot::Panel token_grid(const std::string& id, const std::vector<std::string>& tokens,
                       double plot_px, bool labels) {
  plot::Panel p;
  p.id = id;
  const double n = static_cast<double>(tokens.size());
  const bool words_fit = (widest_word_px(tokens, kTickPx, false) + 12.0) * n <= plot_px;
  p.x = position_axis(-0.5, n - 0.5, false, !labels ? "" : words_fit ? "key j" : "key position j");
  p.y = position_axis(-0.5, n - 0.5, true, labels ? "query i" : "");
  if (words_fit) p.x.categories = tokens;
  p.y.categories = tokens;
  p.legend = plot::Corner::None;
  return p;
}

// The title of the logits (or weights) heatmap for `room` pixels.
std::string grid_title(const GridFacts& g, bool logits, double room) {
  const std::string logits_title =
      "Scores (logits) q·k/√"
      "d + bias";
  const std::string weights_title =
      g.any_masked ? "Weights (softmax; × = masked)" : "Weights: softmax of each row";
  return logits ? choose_title({logits_title,
                                "Scores q·k/√"
                                "d + bias",
                                "Scores (logits)"},
                               room)
                : choose_title(
                      {weights_title, g.any_masked ? "Weights (× = masked)" : "Weights (softmax)",
                       "Weights"},
                      room);
}

}  // namespace

GridFacts grid_facts(const AttentionResult& r, const std::vector<std::string>& tokens,
                     bool printed) {
  GridFacts g;
  g.tokens = tokens;
  g.r = std::make_shared<const AttentionResult>(r);
  g.printed = printed;
  const long n = static_cast<long>(tokens.size());
  for (long i = 0; i < n && !g.any_masked; ++i) {
    for (long j = 0; j < n; ++j) g.any_masked = g.any_masked || is_masked(r.logits(i, j));
  }
  auto shared_r = g.r;
  auto shared_tokens = std::make_shared<const std::vector<std::string>>(tokens);
  g.readout = [shared_r, shared_tokens](double x, double y) -> std::vector<std::string> {
    const long n_ = static_cast<long>(shared_tokens->size());
    const long i = std::lround(y), j = std::lround(x);
    if (i < 0 || j < 0 || i >= n_ || j >= n_) return {};
    const std::string& qi = (*shared_tokens)[i];
    const std::string& kj = (*shared_tokens)[j];
    std::vector<std::string> out = {
        fmt("query “%s” (position %ld) → key "
            "“%s” (position %ld)",
            qi.c_str(), i, kj.c_str(), j)};
    if (is_masked(shared_r->logits(i, j))) {
      out.push_back("masked: the key comes after the query (logit −∞, weight 0)");
      return out;
    }
    out.push_back(
        fmt("logit = %.6f (position bias %.6f)", shared_r->logits(i, j), shared_r->bias(i, j)));
    out.push_back(fmt("weight = %.6f (row entropy %.4f nats)", shared_r->weights(i, j),
                      shared_r->entropy[i]));
    return out;
  };
  return g;
}

GridLook grid_look(const GridFacts& g, bool logits, const Box& area, int need,
                   const GridLook& cap) {
  const AttentionResult& r = *g.r;
  const long n = static_cast<long>(g.tokens.size());
  return fit_grid(area, grid_title(g, logits, area.w()), logits ? "logit" : "weight", g.tokens,
                  logits ? r.logits : r.weights, r.logits, g.printed,
                  g.printed && n <= 8 ? need : -1, cap.colorbar, cap.labels);
}

plot::Panel grid_panel(const GridFacts& g, bool logits, const Box& area, const GridLook& look,
                       double body_w, double body_h, const plot::FigureRequest& request) {
  const AttentionResult& r = *g.r;
  const long n = static_cast<long>(g.tokens.size());
  const Eigen::MatrixXd& values = logits ? r.logits : r.weights;
  plot::Panel p = token_grid(logits ? "logits" : "weights", g.tokens, look.plot.w(), look.labels);
  p.title = grid_title(g, logits, area.w());
  place(p, area, body_w, body_h);
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(values);
  h.x_lo = h.y_lo = -0.5;
  h.x_hi = h.y_hi = n - 0.5;
  if (logits) {
    double top = 0.0;
    for (long i = 0; i < n; ++i) {
      for (long j = 0; j < n; ++j) {
        if (!is_masked(r.logits(i, j))) top = std::max(top, std::abs(r.logits(i, j)));
      }
    }
    top = top > 0.0 ? top : 1.0;
    h.colormap = ColormapId::RdBu;
    h.lo = -top;
    h.hi = top;
    h.value_label = "logit";
    h.masked = true;  // -inf: neutral and crossed, not the darkest blue
  } else {
    h.colormap = ColormapId::Viridis;
    h.lo = 0.0;
    h.hi = 1.0;
    h.value_label = "weight";
  }
  h.colorbar = look.colorbar;
  p.heatmap = h;
  if (look.decimals >= 0) {
    print_cells(p, values, r.logits, h, kCellScale, look.decimals);
  } else if (g.any_masked) {
    hatch_masked(p, window_of(p, request), 0, n - 1, 1, "");
  }
  p.readout = g.readout;
  return p;
}

// ---------------------------------------------------------------------------------------
// The other panels.

plot::Panel outputs_panel(const AttentionResult& r, const std::optional<PermutationTest>& test,
                          const std::vector<std::string>& tokens, const Box& area,
                          const plot::Style& style) {
  const long n = static_cast<long>(tokens.size());
  const long k = std::min<long>(r.outputs.cols(), kOutputDims);
  const bool both = test.has_value();
  const long rows = both ? 2 * n + 1 : n;
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(rows, k);
  m.topRows(n) = r.outputs.leftCols(k);
  if (both) {
    const Eigen::MatrixXd& shuffled = test->shuffled.outputs;
    for (long i = 0; i < n; ++i)
      m.row(n + 1 + test->permutation[static_cast<std::size_t>(i)]) = shuffled.row(i).head(k);
  }
  double top = m.cwiseAbs().maxCoeff();
  top = top > 0.0 && std::isfinite(top) ? top : 1.0;

  plot::Panel op;
  op.id = "outputs";
  op.legend = plot::Corner::None;
  op.title = k == r.outputs.cols() ? std::string("Attention outputs")
                                   : choose_title({fmt("Outputs, first %ld of %ld dims", k,
                                                       static_cast<long>(r.outputs.cols())),
                                                   fmt("Outputs, dims 0–%ld", k - 1)},
                                                  area.w());
  op.x.lo = -0.5;
  op.x.hi = static_cast<double>(k) - 0.5;
  op.x.integer = true;
  op.x.label = "output dimension";
  op.y.lo = -0.5;
  op.y.hi = static_cast<double>(rows) - 0.5;
  op.y.inverted = true;
  Frame fr;
  fr.title = op.title;
  fr.axes = true;
  fr.x_label = true;
  fr.colorbar = true;
  fr.value_label = "output";
  if (n <= 40) {
    op.y.categories = tokens;
    if (both) {
      op.y.categories.push_back("");
      op.y.categories.insert(op.y.categories.end(), tokens.begin(), tokens.end());
    }
    fr.y_ticks_px = widest_word_px(tokens, kTickPx, false);
  } else {
    op.y.label = both ? "token (sentence, then reordering un-shuffled)" : "token";
    fr.y_ticks_px = text_px(std::to_string(rows), kTickPx, false);
    fr.y_label = true;
  }
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(m);
  h.x_lo = op.x.lo;
  h.x_hi = op.x.hi;
  h.y_lo = op.y.lo;
  h.y_hi = op.y.hi;
  h.colormap = ColormapId::RdBu;
  h.lo = -top;
  h.hi = top;
  h.value_label = "output";
  op.heatmap = h;
  const Box plot = plot_box(area, fr);
  const double cell_w = plot.w() / static_cast<double>(k);
  const double cell_h = plot.h() / static_cast<double>(rows);
  const double value_px = kOutputCellScale * kFontPx;
  // Values printed when every cell has room for "-0.00".
  if (cell_w >= text_px("-0.00", value_px, false) + 8.0 && cell_h >= value_px + 4.0) {
    print_cells(op, m, Eigen::MatrixXd::Zero(rows, k), h, kOutputCellScale, 2);
    if (both) {  // the separating row holds no values
      std::erase_if(op.texts, [n](const plot::Text& t) { return t.y == static_cast<double>(n); });
    }
  }
  if (both) {
    // The separating row on the theme's paper, so its label reads in every theme.
    op.bands.push_back({false, n - 0.5, n + 0.5, plot::ink(plot::Ink::Paper), ""});
    const double label_px = kSmallScale * kFontPx;
    if (cell_h >= label_px + 2.0) {
      const std::string label =
          choose_text({"↓ reordering, un-shuffled", "↓ un-shuffled"}, label_px, false, plot.w());
      if (text_px(label, label_px, false) <= plot.w()) {
        op.texts.push_back({0.5 * (k - 1.0), static_cast<double>(n), label, style.muted,
                            kSmallScale, false, 0.5f, 0.5f});
      }
    }
  }
  auto shared_m = std::make_shared<const Eigen::MatrixXd>(m);
  auto words = std::make_shared<const std::vector<std::string>>(tokens);
  op.readout = [shared_m, words, both, n](double x, double y) -> std::vector<std::string> {
    const long i = std::lround(y), c = std::lround(x);
    if (i < 0 || c < 0 || i >= shared_m->rows() || c >= shared_m->cols() || (both && i == n))
      return {};
    const bool lower = i > n;
    const long t = lower ? i - n - 1 : i;
    std::vector<std::string> out = {
        fmt("%s “%s” (position %ld in the sentence)",
            lower ? "reordering, un-shuffled:" : "sentence:", (*words)[t].c_str(), t),
        fmt("output dimension %ld = %.6f", c, (*shared_m)(i, c))};
    if (both) {
      const long other = lower ? t : i + n + 1;
      out.push_back(fmt("difference from the %s = %.3e", lower ? "sentence" : "reordering",
                        (*shared_m)(i, c) - (*shared_m)(other, c)));
    }
    return out;
  };
  return op;
}

std::optional<plot::Panel> entropy_panel(const AttentionResult& r,
                                         const std::vector<std::string>& tokens, const Box& area,
                                         const plot::Style& style) {
  const long n = static_cast<long>(tokens.size());
  plot::Panel en;
  en.id = "entropy";
  en.title = "Row entropy";
  en.y = position_axis(-0.5, n - 0.5, true, "");
  en.y.categories = tokens;
  en.x.label = "nats";
  en.x.lo = 0.0;
  en.legend = plot::Corner::None;
  Frame fr;
  fr.title = en.title;
  fr.axes = true;
  fr.y_ticks_px = widest_word_px(tokens, kTickPx, false);
  fr.x_label = true;
  const Box plot = plot_box(area, fr);
  if (plot.w() < 60.0 || plot.h() < 40.0) return std::nullopt;
  const double emax = r.entropy.maxCoeff();
  const double label_px = kBarScale * kFontPx;
  double label_w = 0.0;
  for (long i = 0; i < n; ++i)
    label_w = std::max(label_w, text_px(fmt("%.2f", r.entropy[i]), label_px, false));
  const double row_px = plot.h() / static_cast<double>(n);
  const bool labels = n <= 40 && row_px >= label_px + 2.0 && plot.w() >= 2.5 * (label_w + 8.0);
  double hi = std::max(0.25, emax * 1.45);
  if (labels) hi = std::max(hi, emax / (1.0 - (label_w + 8.0) / plot.w()));
  en.x.hi = hi;
  const double px_x = hi / plot.w();  // data per pixel across
  if (n <= 40) {
    const float bar_px = static_cast<float>(std::clamp(row_px * 0.55, 2.0, 26.0));
    for (long i = 0; i < n; ++i) {
      const double y = static_cast<double>(i);
      en.shapes.push_back({plot::Shape::Kind::Segment,
                           0.0,
                           y,
                           r.entropy[i],
                           y,
                           style.series(0),
                           bar_px,
                           false,
                           {}});
      if (labels) {
        en.texts.push_back({r.entropy[i] + 4.0 * px_x, y, fmt("%.2f", r.entropy[i]), style.text,
                            kBarScale, false, 0.0f, 0.5f});
      }
    }
  } else {
    plot::LineSeries line;
    line.color = style.series(0);
    for (long i = 0; i < n; ++i) {
      line.x.push_back(r.entropy[i]);
      line.y.push_back(static_cast<double>(i));
    }
    en.lines.push_back(std::move(line));
  }
  if (emax < 0.01 && !labels) {
    // In words across the middle, when the lines fit.
    const double room = plot.w() - 8.0;
    std::vector<std::pair<std::string, bool>> lines;
    for (const std::string& l : wrap("every row ≈ 0:", label_px, true, room))
      lines.emplace_back(l, true);
    for (const std::string& l : wrap("all weight on one key", label_px, false, room))
      lines.emplace_back(l, false);
    const double line_h = label_px * 1.25;
    bool fit = static_cast<double>(lines.size()) * line_h <= plot.h() - 8.0;
    for (const auto& [l, bold] : lines) fit = fit && text_px(l, label_px, bold) <= room;
    if (fit) {
      const double rows_per_px = static_cast<double>(n) / plot.h();
      double y = 0.5 * (n - 1.0) - 0.5 * static_cast<double>(lines.size()) * line_h * rows_per_px;
      for (const auto& [l, bold] : lines) {
        en.texts.push_back({4.0 * px_x, y + 0.5 * line_h * rows_per_px, l, style.text, kBarScale,
                            bold, 0.0f, 0.5f});
        y += line_h * rows_per_px;
      }
    }
  }
  auto shared_r = std::make_shared<const AttentionResult>(r);
  auto shared_tokens = std::make_shared<const std::vector<std::string>>(tokens);
  en.readout = [shared_r, shared_tokens](double, double y) -> std::vector<std::string> {
    const long i = std::lround(y);
    if (i < 0 || i >= static_cast<long>(shared_tokens->size())) return {};
    return {fmt("query “%s” (position %ld)", (*shared_tokens)[i].c_str(), i),
            fmt("entropy = %.6f nats (0: all weight on one key)", shared_r->entropy[i])};
  };
  return en;
}

namespace {

// Notes wrapped to `room`; false when a word is wider than the room.
bool wrap_notes(const std::vector<Note>& in, double room, std::vector<Note>& out) {
  for (const Note& n : in) {
    for (const std::string& l : wrap(n.text, n.px, n.bold, room)) {
      if (text_px(l, n.px, n.bold) > room) return false;
      out.push_back({l, n.px, n.bold, n.color});
    }
  }
  return true;
}

double notes_height(const std::vector<Note>& notes) {
  double h = 0.0;
  for (const Note& n : notes) h += n.px * 1.25;
  return h;
}

// Bars with their values over them and notes at the top left, above the bars: the y range
// that leaves the notes and the labels their pixels. `tallest` is the highest bar.
double bars_top(double tallest, double lo, double plot_h, double above_px, double at_least) {
  const double f = std::min(0.7, above_px / plot_h);
  return std::max(at_least, (tallest - f * lo) / (1.0 - f));
}

// Value labels over bars `pitch_px` apart: "%.Nf" with the most decimals (up to `decimals`)
// that keep them apart; -1 when none do.
int bar_decimals(const std::vector<double>& values, int decimals, double pitch_px) {
  for (int d = decimals; d >= 1; d = d > 2 ? 2 : d - 1) {
    double w = 0.0;
    for (double v : values) w = std::max(w, text_px(fmt("%.*f", d, v), kBarScale * kFontPx, false));
    if (w <= pitch_px - 3.0) return d;
  }
  return -1;
}

}  // namespace

std::optional<plot::Panel> magnitude_panel(const MagnitudeFacts& m, const Box& area,
                                           double right_gap, const plot::Style& style) {
  plot::Panel mg;
  mg.id = "magnitude";
  mg.title = choose_title({fmt("“%s” at position %ld", m.word.c_str(), m.position),
                           fmt("“%s” at %ld", m.word.c_str(), m.position)},
                          area.w());
  mg.x.lo = -0.6;
  mg.x.hi = 2.6;
  mg.x.categories = {"e", "p", "e+p"};
  mg.y.label = "norm";
  mg.y.lo = 0.0;
  mg.legend = plot::Corner::None;
  const TokenPositionSplit& split = m.split;
  const double tallest = std::max({split.token_norm, split.position_norm, split.sum_norm, 1e-9});
  const std::string x_label = "e token, p position";
  Frame fr;
  fr.title = mg.title;
  fr.axes = true;
  // Ticks on whole numbers up to the highest the notes can push the range to, or on tenths.
  const double highest = tallest / 0.3;
  fr.y_ticks_px = text_px(highest >= 4.0 ? std::string(fmt("%.0f", highest).size(), '0') : "0.00",
                          kTickPx, false);
  fr.y_label = true;
  fr.x_label = true;
  Box plot = plot_box(area, fr);
  // The x label is centred under the plot: it may reach over the y axis and the panel's
  // right margin, and into the gap beside it; else it goes with the notes.
  const double reach =
      std::min(plot.x0 - area.x0 - 4.0, area.x1 - plot.x1 + std::max(0.0, right_gap) - 4.0);
  const bool label_below = text_px(x_label, kFontPx, false) <= plot.w() + 2.0 * reach;
  if (label_below) {
    mg.x.label = x_label;
  } else {
    fr.x_label = false;
    plot = plot_box(area, fr);
  }
  if (plot.w() < 70.0 || plot.h() < 80.0) return std::nullopt;
  const double small = kBarScale * kFontPx, smaller = kSmallScale * kFontPx;
  std::vector<Note> notes;
  if (m.absolute) {
    notes.push_back({"angle(e, e+p)", small, false, style.text});
    notes.push_back({fmt("= %.1f°", split.angle_degrees), small, true, style.text});
  } else {
    const bool nope = m.scheme == Scheme::Nope;
    notes.push_back({"p = 0: no vector", small, true, style.text});
    notes.push_back({nope ? (m.mask == Mask::Causal ? "(only the mask tells positions)"
                                                    : "(no mask either: order is invisible)")
                          : "(position enters the scores)",
                     smaller, false, style.text});
  }
  if (!label_below) notes.push_back({x_label, smaller, false, style.text});
  std::vector<Note> lines;
  if (!wrap_notes(notes, plot.w() - 8.0, lines)) return std::nullopt;
  const std::vector<double> heights = {split.token_norm, split.position_norm, split.sum_norm};
  const int decimals = bar_decimals(heights, 2, plot.w() / 3.2);
  const double above = 4.0 + notes_height(lines) + 6.0 + (decimals >= 0 ? small + 4.0 : 0.0);
  if (above > 0.7 * plot.h()) return std::nullopt;
  mg.y.hi = bars_top(tallest, 0.0, plot.h(), above, tallest * 1.9);
  const double py = mg.y.hi / plot.h();  // data per pixel up
  const double px = 3.2 / plot.w();      // data per pixel across
  {
    plot::Bars b;
    b.x = {0.0, 1.0, 2.0};
    b.height = heights;
    b.width = 0.7;
    b.color = style.series(0);
    mg.bars.push_back(b);
    plot::Bars pb;
    pb.x = {1.0};
    pb.height = {split.position_norm};
    pb.width = 0.7;
    pb.color = style.series(1);
    mg.bars.push_back(pb);
    if (decimals >= 0) {
      for (int k = 0; k < 3; ++k) {
        mg.texts.push_back({static_cast<double>(k), heights[k] + 3.0 * py,
                            fmt("%.*f", decimals, heights[k]), style.text, kBarScale, false, 0.5f,
                            1.0f});
      }
    }
    double y = 4.0;
    for (const Note& l : lines) {
      mg.texts.push_back({mg.x.lo + 4.0 * px, mg.y.hi - (y + 0.5 * l.px * 1.25) * py, l.text,
                          l.color, static_cast<float>(l.px / kFontPx), l.bold, 0.0f, 0.5f});
      y += l.px * 1.25;
    }
  }
  const bool absolute = m.absolute;
  mg.readout = [split, absolute](double, double) -> std::vector<std::string> {
    std::vector<std::string> out = {fmt("|e| = %.6f (token vector)", split.token_norm),
                                    fmt("|p| = %.6f (positional vector)", split.position_norm),
                                    fmt("|e + p| = %.6f", split.sum_norm)};
    if (absolute)
      out.push_back(fmt("cos(e, e+p) = %.6f, angle %.3f°", split.cosine, split.angle_degrees));
    else
      out.push_back("relative scheme: position enters the scores, not the vector");
    return out;
  };
  return mg;
}

std::optional<plot::Panel> repeated_panel(const RepeatFacts& rf, const Box& area,
                                          const plot::Style& style) {
  plot::Panel rp;
  rp.id = "repeated";
  rp.title = "Repeated word";
  rp.legend = plot::Corner::None;
  const double small = kBarScale * kFontPx, smaller = kSmallScale * kFontPx;
  if (!rf.found) {
    rp.axes = false;
    rp.grid = false;
    Frame fr;
    fr.title = rp.title;
    const Box plot = plot_box(area, fr);
    std::vector<Note> lines;
    if (!wrap_notes({{"No repeated word.", kLineScale * kFontPx, true, style.text},
                     {"Try “the cat saw the dog”.", small, false, style.muted}},
                    plot.w() - 8.0, lines) ||
        notes_height(lines) > plot.h() - 8.0)
      return std::nullopt;
    rp.x.lo = 0.0;
    rp.x.hi = plot.w();
    rp.y.lo = 0.0;
    rp.y.hi = plot.h();
    rp.y.inverted = true;
    double y = 0.5 * (plot.h() - notes_height(lines));
    for (const Note& l : lines) {
      rp.texts.push_back({4.0, y + 0.5 * l.px * 1.25, l.text, l.color,
                          static_cast<float>(l.px / kFontPx), l.bold, 0.0f, 0.5f});
      y += l.px * 1.25;
    }
    return rp;
  }
  rp.x.lo = -0.6;
  rp.x.hi = 1.6;
  rp.x.categories = {"before", "after"};
  rp.y.label = "cosine";
  rp.y.lo = std::min(0.0, rf.after - 0.15);
  Frame fr;
  fr.title = rp.title;
  fr.axes = true;
  fr.y_ticks_px = text_px("-0.5", kTickPx, false);
  fr.y_label = true;
  const Box plot = plot_box(area, fr);
  if (plot.w() < 60.0 || plot.h() < 80.0) return std::nullopt;
  std::vector<Note> notes = {
      {fmt("“%s” at %d and %d", rf.word.c_str(), rf.a, rf.b), small, true, style.text}};
  if (!rf.absolute) notes.push_back({"(no vector added)", smaller, false, style.text});
  std::vector<Note> lines;
  if (!wrap_notes(notes, plot.w() - 8.0, lines)) return std::nullopt;
  const int decimals = bar_decimals({rf.before, rf.after}, 4, plot.w() / 2.2);
  const double above = 4.0 + notes_height(lines) + 6.0 + (decimals >= 0 ? small + 4.0 : 0.0);
  if (above > 0.7 * plot.h()) return std::nullopt;
  const double tallest = std::max({rf.before, rf.after, 0.0});
  rp.y.hi = bars_top(tallest, rp.y.lo, plot.h(), above, 1.6);
  const double py = (rp.y.hi - rp.y.lo) / plot.h();
  const double px = 2.2 / plot.w();
  plot::Bars bb;
  bb.x = {0.0};
  bb.height = {rf.before};
  bb.width = 0.7;
  bb.color = style.series(0);
  plot::Bars ba = bb;
  ba.x = {1.0};
  ba.height = {rf.after};
  ba.color = style.series(1);
  rp.bars = {bb, ba};
  if (decimals >= 0) {
    rp.texts.push_back({0.0, rf.before + 3.0 * py, fmt("%.*f", decimals, rf.before), style.text,
                        kBarScale, false, 0.5f, 1.0f});
    rp.texts.push_back({1.0, std::max(rf.after, 0.0) + 3.0 * py, fmt("%.*f", decimals, rf.after),
                        style.text, kBarScale, false, 0.5f, 1.0f});
  }
  double y = 4.0;
  for (const Note& l : lines) {
    rp.texts.push_back({rp.x.lo + 4.0 * px, rp.y.hi - (y + 0.5 * l.px * 1.25) * py, l.text, l.color,
                        static_cast<float>(l.px / kFontPx), l.bold, 0.0f, 0.5f});
    y += l.px * 1.25;
  }
  rp.readout = [before = rf.before, after = rf.after, a = rf.a, b = rf.b, word = rf.word](
                   double, double) -> std::vector<std::string> {
    return {fmt("“%s” at positions %d and %d", word.c_str(), a, b),
            fmt("cosine before position: %.6f (the same vector)", before),
            fmt("cosine after adding position: %.6f", after)};
  };
  return rp;
}

}  // namespace peviz::playground
