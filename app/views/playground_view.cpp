#include "playground_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>

#include "app/plot/draw_figure.hpp"
#include "app/plot/style.hpp"
#include "app/plot/text_metrics.hpp"
#include "core/alibi.hpp"
#include "core/attention_identity.hpp"
#include "core/colormap.hpp"
#include "core/embedding.hpp"
#include "core/permutation.hpp"
#include "core/permutation_rows.hpp"
#include "core/shuffle.hpp"
#include "core/token_position.hpp"
#include "core/tokens.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kPrintedTokens = 32;  // values printed in the cells up to this many tokens
constexpr int kChipTokens = 12;     // tokens drawn as chips up to this many
constexpr long kOutputDims = 16;    // output dimensions shown in the outputs heatmap
const plot::Color kMatch = plot::ink(plot::Ink::Good);  // bluish green: the same output
const plot::Color kDiffer = plot::ink(plot::Ink::Bad);  // vermillion: a different output

// ---------------------------------------------------------------------------------------
// Measuring text. A FigureRequest is in logical pixels at a body font of 20 px, and the draw
// layer (draw_figure.cpp) sizes every font from the body font, so a figure laid out to fit
// its logical size fits at any text scale. Views cannot ask the draw layer how wide a text
// is; the playground measures with the advance widths of the font the window and the
// pictures draw with (DejaVu Sans), with a margin, and chooses its layout, its wordings and
// what it leaves out from those measures. Text is never made smaller to fit.

constexpr double kFontPx = 20.0;                  // body text
constexpr double kTickPx = 0.85 * kFontPx;        // ticks, colorbar labels, the note
constexpr double kPanelTitlePx = 1.05 * kFontPx;  // panel titles (bold)
constexpr double kTitlePx = 1.35 * kFontPx;       // the figure's title (bold)
// The sizes the playground draws its own texts at, relative to the body font.
constexpr float kCellScale = 0.9f;        // values in heatmap cells
constexpr float kSmallScale = 0.75f;      // positions and differences by the chips
constexpr float kBarScale = 0.8f;         // numbers over bars, notes in the bar panels
constexpr float kLineScale = 0.85f;       // the lines of the permutation panel's small print
constexpr float kOutputCellScale = 0.6f;  // values in the outputs heatmap's cells

// The width of `text` drawn `px` high: the font's own advances (plot/text_metrics), a
// little generous.
double text_px(std::string_view text, double px, bool bold) {
  return plot::text_width(text, px, bold) * 1.013;
}

// `text` broken at spaces into lines at most `width` wide (a longer word stands alone), as
// the draw layer wraps titles.
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

// The first of `options` that fits on one line of `width`, else the one on the fewest
// lines, at most `lines` of them (with `wrapped_first`: the first on at most `lines`),
// else the last.
std::string choose_text(const std::vector<std::string>& options, double px, bool bold, double width,
                        std::size_t lines = 2, bool wrapped_first = false) {
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

// A panel title: the first of `options` on one line of the panel's width, else on the two
// lines the draw layer wraps titles to.
std::string choose_title(const std::vector<std::string>& options, double width) {
  return choose_text(options, kPanelTitlePx, true, width, 2);
}

// "“dog bites man”", shortened for long texts.
std::string quoted(const std::vector<std::string>& tokens, std::size_t max_words = 8) {
  std::string out = "\xE2\x80\x9C";
  for (std::size_t i = 0; i < tokens.size() && i < max_words; ++i)
    out += (i ? " " : "") + tokens[i];
  if (tokens.size() > max_words) out += " \xE2\x80\xA6";
  return out + "\xE2\x80\x9D";
}

// The largest |value| a row of numbers differs by, as a big readable number.
std::string difference_text(double v) {
  if (v == 0.0) return "0 (exactly)";
  if (v < 1e-3) return fmt("%.1e", v);
  return fmt("%.3g", v);
}

bool is_masked(double logit) {
  return std::isinf(logit) && logit < 0;
}

// ---------------------------------------------------------------------------------------
// Geometry. Boxes are in the logical pixels of the figure's body (the area below the title
// and subtitle and above the note), which is what a panel's fractions are fractions of.

struct Box {
  double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
};

// What a panel draws around its plot, to find the plot's box as layout_figure does.
struct Frame {
  std::string title;
  bool axes = false;
  double y_ticks_px = 0.0;  // the widest y tick label
  bool y_label = false;
  bool x_label = false;
  bool colorbar = false;
  std::string value_label;  // the colorbar's title
};

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

// The panel covers `a` of a body `width` x `height`.
void place(plot::Panel& p, const Box& a, double width, double height) {
  p.left = static_cast<float>(a.x0 / width);
  p.right = static_cast<float>(a.x1 / width);
  p.top = static_cast<float>(a.y0 / height);
  p.bottom = static_cast<float>(a.y1 / height);
}

// The widest of the words as tick labels.
double widest_word_px(const std::vector<std::string>& words, double px, bool bold) {
  double w = 0.0;
  for (const std::string& t : words) w = std::max(w, text_px(t, px, bold));
  return w;
}

// ---------------------------------------------------------------------------------------
// Panels.

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

// How a token x token heatmap shows in its box: the richest of a colorbar, the axis labels
// and the values printed with 2 or 1 decimals that its cells have room for, with at least
// `min_decimals` (-1: the values may be left out).
struct GridLook {
  bool ok = false;
  bool colorbar = true;
  bool labels = true;  // "query i", "key j"
  int decimals = -1;   // -1: no values printed
  Box plot;
};

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

// The attention outputs, first kOutputDims dimensions: the sentence's rows on top and,
// when the second sentence is a reordering, its rows un-shuffled into the first's order
// below (row perm[i] of the lower block is the reordered sentence's row i), separated by
// an empty row: without position the two blocks are identical row for row.
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
                                                   fmt("Outputs, dims 0\xE2\x80\x93%ld", k - 1)},
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
          choose_text({"\xE2\x86\x93 reordering, un-shuffled", "\xE2\x86\x93 un-shuffled"},
                      label_px, false, plot.w());
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
        fmt("%s \xE2\x80\x9C%s\xE2\x80\x9D (position %ld in the sentence)",
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

}  // namespace

void PlaygroundParams::visit(ParamVisitor& v) {
  v.visit({.name = "text",
           .label = "sentence",
           .help = "the sentence attended to (words; punctuation is dropped)"},
          text);
  v.visit({.name = "second",
           .label = "reordered",
           .help = "a reordering of the sentence, compared with it"},
          second);
  v.visit({.name = "identity",
           .label = "identity projections",
           .help = "Wq = Wk = Wv = I instead of seeded random ones"},
          identity);
  v.visit({.name = "position-scale",
           .label = "position scale",
           .help = "multiplies the positional signal: 0 removes it, 1 as published, 2 doubled",
           .min = 0.0,
           .max = 2.0},
          position_scale);
  v.visit({.name = "head",
           .label = "ALiBi head",
           .help = "the ALiBi head whose slope biases the scores",
           .min = 0,
           .max = 255},
          head);
  v.visit({.name = "token",
           .label = "token",
           .help = "the token whose vector is compared with its positional vector",
           .min = 0,
           .max = kPlaygroundMaxTokens - 1},
          token);
}

std::vector<Scheme> PlaygroundView::schemes() const {
  return {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope,
          Scheme::Alibi,      Scheme::Nope,    Scheme::T5};
}

std::vector<std::string> PlaygroundView::shared_fields(const SharedParams& s) const {
  std::vector<std::string> out = {"d", "mask", "seed"};
  switch (s.scheme) {
    case Scheme::Sinusoidal:
      out.insert(out.end(), {"base", "layout"});
      break;
    case Scheme::Rope:
      out.insert(out.end(),
                 {"base", "pairing", "partial-rotary", "scaling", "factor", "original-context",
                  "context", "beta-fast", "beta-slow", "low-freq-factor", "high-freq-factor"});
      break;
    case Scheme::Alibi:
      out.push_back("heads");
      break;
    case Scheme::T5:
      out.insert(out.end(), {"num-buckets", "max-distance"});
      break;
    case Scheme::Learned:
    case Scheme::Nope:
      break;
  }
  return out;
}

std::string PlaygroundView::explanation(const SharedParams& s) const {
  std::string out =
      "Self-attention mixes the tokens with weights that come from dot products between them. "
      "Without any position signal it treats the sentence as a bag of words: reorder the words "
      "and every output is the same, only reordered, so \xE2\x80\x9C"
      "dog bites man\xE2\x80\x9D and \xE2\x80\x9Cman bites dog\xE2\x80\x9D cannot be told apart "
      "(the big number is about 1e-16, rounding). ";
  switch (s.scheme) {
    case Scheme::Sinusoidal:
    case Scheme::Learned:
      out +=
          "This scheme adds a positional vector to each token before attention, so the same "
          "word at two positions becomes two different vectors (their cosine drops below 1) "
          "and the outputs change when the words move.";
      break;
    case Scheme::Rope:
      out +=
          "RoPE adds nothing to the tokens: it rotates each query and key by its position, "
          "so position enters the scores q\xC2\xB7k, and the outputs change when the words "
          "move.";
      break;
    case Scheme::Alibi:
    case Scheme::T5:
      out +=
          "This scheme adds nothing to the tokens: it adds a bias that depends on the "
          "distance between query and key to each score, so position enters the scores and "
          "the outputs change when the words move.";
      break;
    case Scheme::Nope:
      out +=
          "NoPE has no positional encoding; only the causal mask (each token sees the ones "
          "before it) tells positions apart. Set the mask to none to see attention blind "
          "to word order.";
      break;
  }
  return out + " Set position scale to 0 to remove the position signal of any scheme.";
}

AttentionParams playground_attention(const SharedParams& s, const PlaygroundParams& prm) {
  AttentionParams ap;
  ap.scheme = s.scheme;
  ap.mask = s.mask;
  ap.d = s.d;
  ap.base = s.base;
  ap.layout = s.layout;
  ap.pairing = s.pairing;
  ap.partial_rotary_factor = s.partial_rotary;
  ap.scaling = s.scaling_params();
  ap.heads = s.heads;
  ap.head = std::clamp(prm.head, 0, std::max(0, s.heads - 1));
  ap.t5 = s.t5_params();
  ap.seed = static_cast<std::uint64_t>(std::max(0, s.seed));
  ap.identity_projections = prm.identity || s.d > kPlaygroundMaxRandomD;
  ap.position_scale = prm.position_scale;
  return ap;
}

void playground_weights_table(const SharedParams& s, const PlaygroundParams& prm,
                              plot::TableSink& table) {
  const std::vector<std::string> tokens = tokenize(prm.text);
  if (tokens.empty()) {
    throw InvalidArgument(
        "--text: the sentence has no words (punctuation and spaces are dropped): type some");
  }
  if (static_cast<int>(tokens.size()) > kPlaygroundMaxTokens) {
    throw InvalidArgument("--text has " + std::to_string(tokens.size()) + " words, more than the " +
                          std::to_string(kPlaygroundMaxTokens) + " the playground attends over");
  }
  AttentionParams ap = playground_attention(s, prm);
  // The window shows the last head for one past it; a table names a head that exists.
  if (s.scheme == Scheme::Alibi) ap.head = prm.head;
  const Eigen::MatrixXd e = embed_tokens(tokens, s.d);
  const AttentionResult r = ap.identity_projections ? attend_identity(e, ap) : attend(e, ap);
  std::vector<std::string> header{"query"};
  for (std::size_t j = 0; j < tokens.size(); ++j) header.push_back("key_" + std::to_string(j));
  table.header(header);
  for (Eigen::Index i = 0; i < r.weights.rows(); ++i) {
    table.cell(tokens[static_cast<std::size_t>(i)]);
    for (Eigen::Index j = 0; j < r.weights.cols(); ++j) table.cell(r.weights(i, j));
    table.end_row();
  }
}

plot::TableWriter PlaygroundView::weights_table(const SharedParams& shared) const {
  return [shared, params = params_](plot::TableSink& t) {
    playground_weights_table(shared, params, t);
  };
}

TableColumns PlaygroundView::weights_columns() {
  return {"query,key_0,...", "the playground's softmax weights over --text"};
}

namespace {

// Row entropy: one bar per query, its value at its end when there is room.
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
    for (const std::string& l : wrap("every row \xE2\x89\x88 0:", label_px, true, room))
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
    return {fmt("query \xE2\x80\x9C%s\xE2\x80\x9D (position %ld)", (*shared_tokens)[i].c_str(), i),
            fmt("entropy = %.6f nats (0: all weight on one key)", shared_r->entropy[i])};
  };
  return en;
}

// A line of small print stacked in a plot: its text, size and weight.
struct Note {
  std::string text;
  double px;
  bool bold;
  plot::Color color;
};

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

// Token vs position magnitudes for the selected token.
struct MagnitudeFacts {
  TokenPositionSplit split;
  bool absolute = false;
  Scheme scheme = Scheme::Sinusoidal;
  Mask mask = Mask::Causal;
  std::string word;
  long position = 0;
};

// `right_gap`: the empty pixels right of the panel (0 at the figure's edge), which its x
// label may reach into.
std::optional<plot::Panel> magnitude_panel(const MagnitudeFacts& m, const Box& area,
                                           double right_gap, const plot::Style& style) {
  plot::Panel mg;
  mg.id = "magnitude";
  mg.title =
      choose_title({fmt("\xE2\x80\x9C%s\xE2\x80\x9D at position %ld", m.word.c_str(), m.position),
                    fmt("\xE2\x80\x9C%s\xE2\x80\x9D at %ld", m.word.c_str(), m.position)},
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
    notes.push_back({fmt("= %.1f\xC2\xB0", split.angle_degrees), small, true, style.text});
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
      out.push_back(
          fmt("cos(e, e+p) = %.6f, angle %.3f\xC2\xB0", split.cosine, split.angle_degrees));
    else
      out.push_back("relative scheme: position enters the scores, not the vector");
    return out;
  };
  return mg;
}

// A repeated word: the cosine of its two occurrences before and after position.
struct RepeatFacts {
  bool found = false;
  std::string word;
  int a = 0, b = 0;
  double before = 1.0, after = 1.0;
  bool absolute = false;
};

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
    if (!wrap_notes(
            {{"No repeated word.", kLineScale * kFontPx, true, style.text},
             {"Try \xE2\x80\x9Cthe cat saw the dog\xE2\x80\x9D.", small, false, style.muted}},
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
      {fmt("\xE2\x80\x9C%s\xE2\x80\x9D at %d and %d", rf.word.c_str(), rf.a, rf.b), small, true,
       style.text}};
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
    return {fmt("\xE2\x80\x9C%s\xE2\x80\x9D at positions %d and %d", word.c_str(), a, b),
            fmt("cosine before position: %.6f (the same vector)", before),
            fmt("cosine after adding position: %.6f", after)};
  };
  return rp;
}

// The permutation demo: the sentence and its reordering (chips with arrows, or in words),
// the largest output difference after un-shuffling as one big number, the verdict, and the
// numbers of panels the layout left out.
struct PermutationFacts {
  std::vector<std::string> tokens, second;
  std::optional<std::vector<int>> perm;
  bool identity_perm = false;
  std::optional<PermutationTest> test;
  Eigen::VectorXd row_diff;
  double tol = 1e-9;
  bool blind = false;
  plot::Color verdict_color;
  std::vector<std::string> verdicts, reasons;  // wordings, longest first
  std::vector<std::string> extras;             // the left-out panels' numbers, in lines
};

// How the sentences show.
enum class Sentences { ChipsWithNumbers, Chips, Words, OneLine, None };

// One row of a column of the permutation panel.
struct Row {
  enum class Kind { Text, Positions, Chips, Arrows, Reordered, Numbers } kind = Kind::Text;
  Note note;  // Text
  double h = 0.0;
  std::vector<std::string> labels;  // Positions and Numbers: one per chip
};

// Chips `pitch` apart, `chip_w` wide, centred on the column.
struct Chips {
  double pitch = 0.0, chip_w = 0.0;
  long n = 0;
  double centre(long i, double cx) const {
    return cx + (static_cast<double>(i) - 0.5 * (n - 1.0)) * pitch;
  }
};

constexpr double kChipH = 34.0;    // a chip, around its word
constexpr double kArrowsH = 30.0;  // the arrows between the two rows of chips
constexpr double kBlockGap = 12.0;

class PermutationPanel {
 public:
  PermutationPanel(const PermutationFacts& f, const plot::Style& style) : f_(f), style_(style) {}

  // Fills `pm` for a plot `w` x `h` pixels; false when not even the verdict fits (with
  // `force`, it is placed anyway).
  // Fills `pm` (its title too) for a panel covering `area`; false when not even the verdict
  // fits (with `force`, as much of it as there is room for is placed anyway).
  bool build(plot::Panel& pm, const Box& area, bool force) {
    const bool comparing = f_.test && f_.perm && !f_.identity_perm;
    // The sentences as fully as there is room for, with as many of the left-out panels'
    // lines as fit (those first: the sentences are on the heatmaps' axes too).
    struct Try {
      Sentences s;
      std::size_t extras;  // the first this many of f_.extras
    };
    std::vector<Try> tries;
    const std::size_t all = f_.extras.size();
    for (std::size_t k = all; k > 0; --k) {
      for (Sentences s : {Sentences::ChipsWithNumbers, Sentences::Chips, Sentences::Words})
        tries.push_back({s, k});
    }
    for (Sentences s : {Sentences::ChipsWithNumbers, Sentences::Chips, Sentences::Words})
      tries.push_back({s, 0});
    for (std::size_t k = all; k > 0; --k) {
      tries.push_back({Sentences::OneLine, k});
      tries.push_back({Sentences::None, k});
    }
    tries.push_back({Sentences::OneLine, 0});
    tries.push_back({Sentences::None, 0});
    // The title asks the question, and the label over the big number says what it is; in a
    // short panel the title says what the number is instead.
    struct Title {
      std::string text;
      bool label;  // the label over the big number
    };
    std::vector<Title> titles;
    if (comparing) {
      titles.push_back({choose_title({"Same words, new order: do the outputs just reorder?",
                                      "Reordered: same outputs?", "Same outputs?"},
                                     area.w()),
                        true});
      titles.push_back({choose_title({"Largest output difference after un-shuffling",
                                      "Largest difference after un-shuffling",
                                      "Difference after un-shuffling", "Un-shuffled difference"},
                                     area.w()),
                        false});
    } else {
      titles.push_back({"Permutation test", true});
    }
    const std::string big = comparing ? difference_text(f_.test->max_difference) : "";
    const double big_em = text_px(big, 1.0, true);
    for (const Try& t : tries) {
      for (int columns = 1; columns <= 2; ++columns) {
        if (t.s == Sentences::OneLine && !comparing) continue;
        for (const Title& title : titles) {
          Frame fr;
          fr.title = title.text;
          const Box plot = plot_box(area, fr);
          const double w = plot.w(), h = plot.h();
          const double col_w = columns == 1 ? w : 0.5 * (w - 16.0);
          // The big number as large as the panel allows (1.4 to 2.6 times the body text).
          const double big_max =
              comparing
                  ? std::clamp(std::min(0.9 * col_w / std::max(big_em, 1e-9), 0.16 * h), 28.0, 52.0)
                  : 28.0;
          for (double big_px = big_max; big_px >= 28.0 - 1e-9; big_px -= 4.0) {
            std::vector<std::vector<Row>> left, right;
            Chips chips;
            std::vector<Row> sentences, verdict, extras;
            if (!sentence_rows(t.s, col_w, sentences, chips)) break;
            if (!verdict_rows(col_w, big_px, title.label, verdict)) {
              if (!comparing) break;
              continue;  // a smaller big number may fit
            }
            if (!extra_rows(col_w, t.extras, extras)) break;
            if (columns == 1) {
              left = {sentences, verdict, extras};
            } else {
              if (sentences.empty() && extras.empty()) break;  // one column is as good
              left = {sentences, extras};
              right = {verdict};
            }
            if (height(left) <= h && height(right) <= h) {
              pm.title = title.text;
              emit(pm, w, h, columns, col_w, left, right, chips);
              return true;
            }
            if (!comparing) break;
          }
        }
      }
    }
    if (!force) return false;
    // Too small for the verdict whole: as much of it as there is room for.
    relaxed_ = true;
    Frame fr;
    fr.title = titles.back().text;
    const Box plot = plot_box(area, fr);
    std::vector<Row> verdict;
    verdict_rows(plot.w(), 28.0, titles.back().label, verdict);
    Chips chips;
    pm.title = titles.back().text;
    emit(pm, plot.w(), plot.h(), 1, plot.w(), {verdict}, {}, chips);
    return false;
  }

 private:
  static double height(const std::vector<std::vector<Row>>& blocks) {
    double h = 0.0;
    int count = 0;
    for (const std::vector<Row>& b : blocks) {
      if (b.empty()) continue;
      for (const Row& r : b) h += r.h;
      ++count;
    }
    return h + kBlockGap * std::max(0, count - 1);
  }

  bool add_text(std::vector<Row>& rows, const std::string& text, double px, bool bold,
                plot::Color color, double room, std::size_t max_lines = 3) const {
    const std::vector<std::string> lines = wrap(text, px, bold, room);
    if (!relaxed_ && (lines.size() > max_lines || widest_px(lines, px, bold) > room)) return false;
    for (const std::string& l : lines) {
      Row r;
      r.note = {l, px, bold, color};
      r.h = px * 1.25;
      rows.push_back(r);
    }
    return true;
  }

  bool sentence_rows(Sentences s, double w, std::vector<Row>& rows, Chips& chips) const {
    const long n = static_cast<long>(f_.tokens.size());
    const bool reordered = f_.perm && !f_.identity_perm;
    const double word_px = kFontPx, small_px = kSmallScale * kFontPx;
    switch (s) {
      case Sentences::ChipsWithNumbers:
      case Sentences::Chips: {
        if (n > kChipTokens) return false;
        if (s == Sentences::ChipsWithNumbers && !reordered) return false;  // no second row
        const double widest = std::max(widest_word_px(f_.tokens, word_px, true),
                                       reordered ? widest_word_px(f_.second, word_px, true) : 0.0);
        chips.n = n;
        // As wide as the column allows, but chips, not bars.
        chips.pitch =
            std::min(w / static_cast<double>(std::max<long>(n, 3)), std::max(130.0, widest + 50.0));
        chips.chip_w = chips.pitch - 10.0;
        if (chips.chip_w < widest + 10.0) return false;
        Row pos;
        pos.kind = Row::Kind::Positions;
        pos.h = small_px * 1.25;
        bool long_labels = true;
        for (long i = 0; i < n; ++i)
          long_labels =
              long_labels && text_px(fmt("position %ld", i), small_px, false) <= chips.pitch - 6.0;
        for (long i = 0; i < n; ++i)
          pos.labels.push_back(fmt(long_labels ? "position %ld" : "%ld", i));
        if (text_px(pos.labels.back(), small_px, false) > chips.pitch - 4.0) return false;
        rows.push_back(pos);
        rows.push_back({Row::Kind::Chips, {}, kChipH, {}});
        if (reordered) {
          rows.push_back({Row::Kind::Arrows, {}, kArrowsH, {}});
          rows.push_back({Row::Kind::Reordered, {}, kChipH, {}});
          if (s == Sentences::ChipsWithNumbers) {
            Row num;
            num.kind = Row::Kind::Numbers;
            num.h = small_px * 1.25 + 2.0;
            for (long i = 0; i < n; ++i) {
              const bool match = f_.row_diff[i] < f_.tol;
              num.labels.push_back((match ? "= " : "\xE2\x89\xA0 ") +
                                   difference_text(f_.row_diff[i]));
              if (text_px(num.labels.back(), small_px, true) > chips.pitch - 4.0) return false;
            }
            rows.push_back(num);
          }
        }
        return true;
      }
      case Sentences::Words: {
        const double px = 0.95 * kFontPx;
        if (!add_text(rows, "sentence: " + quoted(f_.tokens, 6), px, true, style_.text, w, 2))
          return false;
        if (reordered) {
          if (!add_text(rows, "reordered: " + quoted(f_.second, 6), px, true, style_.text, w, 2))
            return false;
          long moved = 0, matching = 0;
          for (long i = 0; i < n; ++i) {
            moved += (*f_.perm)[static_cast<std::size_t>(i)] != i ? 1 : 0;
            matching += f_.row_diff[i] < f_.tol ? 1 : 0;
          }
          return add_text(rows,
                          fmt("%ld words moved, %ld of %ld outputs match", moved, matching, n),
                          0.9 * kFontPx, false, f_.blind ? kMatch : kDiffer, w, 2);
        }
        return true;
      }
      case Sentences::OneLine:
        return add_text(rows, quoted(f_.tokens, 6), kLineScale * kFontPx, false, style_.text, w,
                        2) &&
               add_text(rows, "\xE2\x86\x92 " + quoted(f_.second, 6), kLineScale * kFontPx, false,
                        style_.text, w, 2);
      case Sentences::None:
        return true;
    }
    return false;
  }

  bool verdict_rows(double w, double big_px, bool label, std::vector<Row>& rows) const {
    const double body = kFontPx, small = kLineScale * kFontPx;
    const long n = static_cast<long>(f_.tokens.size());
    const auto message = [&](const std::vector<std::string>& say,
                             const std::vector<std::string>& hint) {
      return add_text(rows, choose_text(say, body, true, w, 3, true), body, true, kDiffer, w) &&
             add_text(rows, choose_text(hint, 0.9 * body, false, w, 2, true), 0.9 * body, false,
                      style_.muted, w);
    };
    if (n == 1) {
      return message({"one word: nothing to reorder"},
                     {"type a sentence and a reordering of it", "type a sentence"});
    }
    if (!f_.perm) {
      return message({quoted(f_.second) + " is not a reordering of " + quoted(f_.tokens),
                      quoted(f_.second, 3) + " is not a reordering of " + quoted(f_.tokens, 3),
                      "not a reordering of the sentence"},
                     {"type the same words in another order to compare",
                      "type the same words in another order"});
    }
    if (f_.identity_perm || !f_.test) {
      return message({"the second sentence has the same order", "the same order twice"},
                     {"type the same words in another order to compare",
                      "type the same words in another order"});
    }
    if (label && !add_text(rows,
                           choose_text({"largest output difference after un-shuffling",
                                        "largest difference after un-shuffling",
                                        "largest difference, un-shuffled"},
                                       small, false, w, 3),
                           small, false, style_.muted, w, 3))
      return false;
    const std::string big = difference_text(f_.test->max_difference);
    if (!relaxed_ && text_px(big, big_px, true) > w) return false;
    Row b;
    b.note = {big, big_px, true, f_.verdict_color};
    b.h = big_px * 1.2;
    rows.push_back(b);
    return add_text(rows, choose_text(f_.verdicts, body, true, w, 3), body, true, f_.verdict_color,
                    w) &&
           add_text(rows, choose_text(f_.reasons, body, true, w, 3), body, true, f_.verdict_color,
                    w);
  }

  bool extra_rows(double w, std::size_t count, std::vector<Row>& rows) const {
    for (std::size_t i = 0; i < count && i < f_.extras.size(); ++i) {
      if (!add_text(rows, f_.extras[i], kLineScale * kFontPx, false, style_.text, w, 3))
        return false;
    }
    return true;
  }

  // Places the blocks of each column from the top, the room left shared out between them.
  void emit(plot::Panel& pm, double w, double h, int columns, double col_w,
            const std::vector<std::vector<Row>>& left, const std::vector<std::vector<Row>>& right,
            const Chips& chips) {
    pm.x.lo = 0.0;
    pm.x.hi = w;
    pm.y.lo = 0.0;
    pm.y.hi = h;
    pm.y.inverted = true;
    const long n = static_cast<long>(f_.tokens.size());
    auto layout_column = [&](const std::vector<std::vector<Row>>& blocks, double cx) {
      int count = 0;
      for (const auto& b : blocks) count += b.empty() ? 0 : 1;
      if (count == 0) return;
      const double free = std::max(0.0, h - height(blocks) + kBlockGap * (count - 1));
      // Gaps between the blocks take the free room; the top and bottom take a share.
      const double gap = free / (count + 1);
      double y = count == 1 ? 0.5 * free : gap;
      for (const auto& b : blocks) {
        if (b.empty()) continue;
        for (const Row& r : b) {
          emit_row(pm, r, cx, y, chips, n);
          y += r.h;
        }
        y += gap;
      }
    };
    if (columns == 1) {
      layout_column(left, 0.5 * w);
    } else {
      layout_column(left, 0.5 * col_w);
      layout_column(right, w - 0.5 * col_w);
    }
    // The hover readout: the exact difference, and the chip under the mouse.
    auto shared_test = f_.test ? std::make_shared<const PermutationTest>(*f_.test) : nullptr;
    auto shared_diff = std::make_shared<const Eigen::VectorXd>(f_.row_diff);
    auto shared_tokens = std::make_shared<const std::vector<std::string>>(f_.tokens);
    auto shared_second = std::make_shared<const std::vector<std::string>>(f_.second);
    const auto rows = chip_rows_;
    const double pitch = chips.pitch, first = chip_first_;
    pm.readout = [shared_test, shared_diff, shared_tokens, shared_second, rows, pitch, first](
                     double x, double y) -> std::vector<std::string> {
      std::vector<std::string> out;
      if (shared_test)
        out.push_back(fmt("largest output difference = %.3e", shared_test->max_difference));
      if (pitch <= 0.0) return out;
      const long i = std::lround((x - first) / pitch);
      if (i < 0 || i >= static_cast<long>(shared_tokens->size())) return out;
      if (y >= rows[0] && y <= rows[1]) {
        out.push_back(
            fmt("\xE2\x80\x9C%s\xE2\x80\x9D at position %ld", (*shared_tokens)[i].c_str(), i));
      } else if (shared_test && y >= rows[2] && y <= rows[3]) {
        const int from = shared_test->permutation[i];
        out.push_back(fmt("\xE2\x80\x9C%s\xE2\x80\x9D moved from position %d to %ld",
                          (*shared_second)[i].c_str(), from, i));
        out.push_back(fmt("its output differs from the original's by %.3e", (*shared_diff)[i]));
      }
      return out;
    };
  }

  void emit_row(plot::Panel& pm, const Row& r, double cx, double y, const Chips& chips, long n) {
    const double mid = y + 0.5 * r.h;
    switch (r.kind) {
      case Row::Kind::Text:
        pm.texts.push_back({cx, mid, r.note.text, r.note.color,
                            static_cast<float>(r.note.px / kFontPx), r.note.bold, 0.5f, 0.5f});
        return;
      case Row::Kind::Positions:
        for (long i = 0; i < n; ++i) {
          pm.texts.push_back({chips.centre(i, cx), mid, r.labels[static_cast<std::size_t>(i)],
                              style_.muted, kSmallScale, false, 0.5f, 0.5f});
        }
        return;
      case Row::Kind::Chips: {
        plot::Bars b;
        b.width = chips.chip_w;
        b.base = y + 2.0;
        b.color = plot::series_ink(0, 0.16f);
        for (long i = 0; i < n; ++i) {
          b.x.push_back(chips.centre(i, cx));
          b.height.push_back(y + r.h - 2.0);
          pm.texts.push_back({chips.centre(i, cx), mid, f_.tokens[static_cast<std::size_t>(i)],
                              style_.text, 1.0f, true, 0.5f, 0.5f});
        }
        pm.bars.push_back(b);
        chip_rows_[0] = y;
        chip_rows_[1] = y + r.h;
        chip_first_ = chips.centre(0, cx);
        return;
      }
      case Row::Kind::Arrows:
        for (long i = 0; i < n; ++i) {
          pm.shapes.push_back({plot::Shape::Kind::Arrow,
                               chips.centre((*f_.perm)[static_cast<std::size_t>(i)], cx),
                               y + 2.0,
                               chips.centre(i, cx),
                               y + r.h - 1.0,
                               plot::ink(plot::Ink::Muted),
                               1.6f,
                               false,
                               {}});
        }
        return;
      case Row::Kind::Reordered: {
        plot::Bars same, differ;
        same.width = differ.width = chips.chip_w;
        same.base = differ.base = y + 2.0;
        same.color = kMatch;
        same.color.a = 0.22f;
        differ.color = kDiffer;
        differ.color.a = 0.22f;
        for (long i = 0; i < n; ++i) {
          plot::Bars& b = f_.row_diff[i] < f_.tol ? same : differ;
          b.x.push_back(chips.centre(i, cx));
          b.height.push_back(y + r.h - 2.0);
          pm.texts.push_back({chips.centre(i, cx), mid, f_.second[static_cast<std::size_t>(i)],
                              style_.text, 1.0f, true, 0.5f, 0.5f});
        }
        for (plot::Bars* b : {&same, &differ}) {
          if (!b->x.empty()) pm.bars.push_back(*b);
        }
        chip_rows_[2] = y;
        chip_rows_[3] = y + r.h;
        return;
      }
      case Row::Kind::Numbers:
        for (long i = 0; i < n; ++i) {
          pm.texts.push_back({chips.centre(i, cx), mid, r.labels[static_cast<std::size_t>(i)],
                              f_.row_diff[i] < f_.tol ? kMatch : kDiffer, kSmallScale, true, 0.5f,
                              0.5f});
        }
        return;
    }
  }

  const PermutationFacts& f_;
  const plot::Style& style_;
  std::array<double, 4> chip_rows_ = {1.0, -1.0, 1.0, -1.0};  // the chip rows' y spans
  bool relaxed_ = false;  // place the verdict even where it does not fit
  double chip_first_ = 0.0;
};

// The parts of the subtitle, with how much each matters when there is no room for all.
struct Part {
  std::string text;
  int weight;  // parts of the lowest weights go first
};

std::string join_parts(const std::vector<Part>& parts, int at_least) {
  std::string out;
  for (const Part& p : parts) {
    if (p.weight >= at_least) out += (out.empty() ? "" : " \xC2\xB7 ") + p.text;
  }
  return out;
}

// The note's parts, each in a long and a short wording.
struct NotePart {
  std::string full, brief;
};

// The note: every part in full when it fits on the draw layer's two lines, else briefly,
// else as many brief parts as fit.
std::string compose_note(const std::vector<NotePart>& parts, double width) {
  const auto join = [&](bool brief, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count && i < parts.size(); ++i)
      out += (out.empty() ? "" : " \xC2\xB7 ") + (brief ? parts[i].brief : parts[i].full);
    return out;
  };
  const auto fits = [&](const std::string& s) {
    const std::vector<std::string> lines = wrap(s, kTickPx, false, width);
    return lines.size() <= 2 && widest_px(lines, kTickPx, false) <= width;
  };
  if (fits(join(false, parts.size()))) return join(false, parts.size());
  for (std::size_t count = parts.size(); count > 0; --count) {
    if (fits(join(true, count))) return join(true, count);
  }
  return "";
}

double heading_height(const plot::Figure& f, double width) {
  double h = 0.0;
  if (!f.title.empty())
    h += kTitlePx * 1.35 * std::min<double>(2, wrap(f.title, kTitlePx, true, width).size());
  if (!f.subtitle.empty())
    h += kFontPx * 1.3 * std::min<double>(2, wrap(f.subtitle, kFontPx, false, width).size());
  if (!f.title.empty() || !f.subtitle.empty()) h += kFontPx * 0.4;
  return h;
}

double note_height(const std::string& note, double width) {
  if (note.empty()) return 0.0;
  return kFontPx * (0.25 + 1.15 * std::min<double>(2, wrap(note, kTickPx, false, width).size()));
}

}  // namespace

plot::Figure playground_figure(const SharedParams& s, const PlaygroundParams& prm,
                               const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  // The figure's logical size (the draw layer's body font is 20 px in these pixels).
  const double width = std::max(request.width, 160), height = std::max(request.height, 160);
  // A short figure gives the title's lines to the panels (the subtitle names the scheme).
  if (height >= 400.0) {
    f.title = choose_text({"Attention playground: can self-attention tell word order?",
                           "Can self-attention tell word order?", "Attention playground"},
                          kTitlePx, true, width, 1);
  }

  std::vector<std::string> tokens = tokenize(prm.text);
  std::vector<std::string> second = tokenize(prm.second);
  std::vector<NotePart> notes;
  if (static_cast<int>(tokens.size()) > kPlaygroundMaxTokens) {
    notes.push_back(
        {fmt("text cut to its first %d of %zu tokens", kPlaygroundMaxTokens, tokens.size()),
         fmt("first %d tokens", kPlaygroundMaxTokens)});
    tokens.resize(kPlaygroundMaxTokens);
  }
  if (static_cast<int>(second.size()) > kPlaygroundMaxTokens) second.resize(kPlaygroundMaxTokens);
  const AttentionParams ap = playground_attention(s, prm);
  const bool identity = ap.identity_projections;

  // Subtitle: the scheme and what it uses, so a screenshot explains itself; in a narrow
  // figure the parts that matter least give way.
  std::vector<Part> parts = {{scheme_title(s.scheme), 9}, {fmt("d = %d", s.d), 5}};
  if (s.scheme == Scheme::Sinusoidal || s.scheme == Scheme::Rope)
    parts.push_back({"base " + num(s.base), 2});
  if (s.scheme == Scheme::Rope && s.scaling != Scaling::None) {
    parts.push_back({std::string(scaling_name(s.scaling)) + " \xC3\x97" + num(s.factor), 4});
  }
  if (s.scheme == Scheme::Alibi) {
    try {
      parts.push_back(
          {fmt("head %d of %d (slope %.4g)", ap.head, s.heads, alibi_slopes(s.heads)[ap.head]), 7});
    } catch (const std::exception&) {
    }
  }
  parts.push_back({s.mask == Mask::Causal ? "causal mask" : "no mask", 8});
  parts.push_back({identity ? "identity projections" : fmt("random projections (seed %d)", s.seed),
                   identity ? 4 : 1});
  parts.push_back({"position scale " + num(prm.position_scale), prm.position_scale == 1.0 ? 3 : 8});
  parts.push_back({fmt("%zu token%s", tokens.size(), tokens.size() == 1 ? "" : "s"), 0});
  {
    // Two lines in a tall figure, one in a short one.
    const std::size_t lines = height >= 650.0 ? 2 : 1;
    for (int at_least = 0; at_least <= 9; ++at_least) {
      f.subtitle = join_parts(parts, at_least);
      const std::vector<std::string> w = wrap(f.subtitle, kFontPx, false, width);
      if (w.size() <= lines && widest_px(w, kFontPx, false) <= width) break;
    }
  }

  if (tokens.empty()) {
    f.message =
        prm.text.find_first_not_of(" \t\n\r") == std::string::npos
            ? "Type a sentence (for example \xE2\x80\x9C"
              "dog bites man\xE2\x80\x9D) to see attention over its words."
            : "The sentence has no words (punctuation and spaces are dropped): type some words.";
    return f;
  }
  const long n = static_cast<long>(tokens.size());
  const std::optional<std::vector<int>> perm = find_permutation(tokens, second);

  Eigen::MatrixXd e;
  AttentionResult r;
  std::optional<PermutationTest> test;
  Eigen::VectorXd row_diff;
  try {
    e = embed_tokens(tokens, s.d);
    if (perm) {
      test = identity ? permutation_test_identity(e, *perm, ap) : permutation_test(e, *perm, ap);
      row_diff = permutation_row_differences(*test);
      r = test->original;
    } else {
      r = identity ? attend_identity(e, ap) : attend(e, ap);
    }
  } catch (const std::exception& ex) {
    f.message = std::string("Cannot attend: ") + ex.what();
    return f;
  }

  const bool printed = n <= kPrintedTokens;
  if (!printed) {
    notes.push_back({fmt("values printed up to %d tokens: hover for exact values", kPrintedTokens),
                     "hover for values"});
  }
  // Said once, with the saturation note below when there is one.
  const std::string forced_note =
      identity && !prm.identity ? fmt("d > %d: identity projections", kPlaygroundMaxRandomD) : "";
  bool any_masked = false;
  for (long i = 0; i < n && !any_masked; ++i) {
    for (long j = 0; j < n; ++j) any_masked = any_masked || is_masked(r.logits(i, j));
  }

  auto shared_r = std::make_shared<const AttentionResult>(r);
  auto shared_tokens = std::make_shared<const std::vector<std::string>>(tokens);
  const auto cell_readout = [shared_r, shared_tokens](double x,
                                                      double y) -> std::vector<std::string> {
    const long n_ = static_cast<long>(shared_tokens->size());
    const long i = std::lround(y), j = std::lround(x);
    if (i < 0 || j < 0 || i >= n_ || j >= n_) return {};
    const std::string& qi = (*shared_tokens)[i];
    const std::string& kj = (*shared_tokens)[j];
    std::vector<std::string> out = {
        fmt("query \xE2\x80\x9C%s\xE2\x80\x9D (position %ld) \xE2\x86\x92 key "
            "\xE2\x80\x9C%s\xE2\x80\x9D (position %ld)",
            qi.c_str(), i, kj.c_str(), j)};
    if (is_masked(shared_r->logits(i, j))) {
      out.push_back(
          "masked: the key comes after the query (logit \xE2\x88\x92\xE2\x88\x9E, weight 0)");
      return out;
    }
    out.push_back(
        fmt("logit = %.6f (position bias %.6f)", shared_r->logits(i, j), shared_r->bias(i, j)));
    out.push_back(fmt("weight = %.6f (row entropy %.4f nats)", shared_r->weights(i, j),
                      shared_r->entropy[i]));
    return out;
  };

  // The permutation test's facts.
  bool identity_perm = perm.has_value();
  if (perm) {
    for (long i = 0; i < n; ++i) identity_perm = identity_perm && (*perm)[i] == i;
  }
  PermutationFacts pf;
  pf.tokens = tokens;
  pf.second = second;
  pf.perm = perm;
  pf.identity_perm = identity_perm;
  pf.test = test;
  pf.row_diff = row_diff;
  pf.tol = 1e-9;  // outputs are O(1): differences below this are rounding
  pf.blind = test && test->max_difference < pf.tol;
  // Every token puts (all but 1e-9 of) its weight on itself: the outputs are the inputs,
  // whatever the positions (identity projections at large d: q.q/sqrt(d) ~ sqrt(d)).
  bool collapsed = n > 1;
  for (long i = 0; i < n && collapsed; ++i) collapsed = r.weights(i, i) >= 1.0 - 1e-9;
  pf.verdict_color = collapsed ? style.text : pf.blind ? kMatch : kDiffer;
  if (collapsed) {
    pf.verdicts = {"each token attends only to itself:", "attends only to itself:"};
    pf.reasons = {"the softmax saturates, position cannot show", "softmax saturated: no position"};
  } else if (pf.blind) {
    pf.verdicts = {"same outputs, only reordered:", "same outputs, reordered:"};
    pf.reasons = {"the model cannot tell word order", "word order is invisible"};
  } else {
    pf.verdicts = {"different outputs:"};
    if (prm.position_scale == 0.0 || s.scheme == Scheme::Nope)
      pf.reasons = {"the causal mask makes position visible", "causal mask makes position visible"};
    else
      pf.reasons = {"position is visible"};
  }
  if (collapsed && identity) {
    notes.push_back({(forced_note.empty() ? std::string("identity projections") : forced_note) +
                         ", q\xC2\xB7q/\xE2\x88\x9A"
                         "d large: each token attends to itself; lower d to see more",
                     "identity projections: each token attends to itself"});
  } else if (!forced_note.empty()) {
    notes.push_back({forced_note + " (random ones would draw three d\xC3\x97"
                                   "d matrices)",
                     forced_note});
  }
  if (has_supplementary(prm.text) || has_supplementary(prm.second)) {
    notes.push_back({"characters beyond U+FFFF (most emoji) are drawn as \xEF\xBF\xBD",
                     "emoji drawn as \xEF\xBF\xBD"});
  }

  // Token vs position magnitudes for the selected token.
  const long tk = std::clamp<long>(prm.token, 0, n - 1);
  Eigen::MatrixXd signal;
  try {
    signal = absolute_position_signal(ap, n);
  } catch (const std::exception&) {
    signal = Eigen::MatrixXd::Zero(n, s.d);
  }
  MagnitudeFacts mf;
  mf.split = split_token_position(e.row(tk).transpose(), signal.row(tk).transpose());
  mf.absolute = adds_position_to_tokens(s.scheme);
  mf.scheme = s.scheme;
  mf.mask = s.mask;
  mf.word = tokens[static_cast<std::size_t>(tk)];
  mf.position = tk;
  // A repeated word: the cosine of its two occurrences before and after position.
  RepeatFacts rf;
  rf.absolute = mf.absolute;
  if (const std::optional<std::pair<int, int>> rep = first_repeated(tokens)) {
    rf.found = true;
    std::tie(rf.a, rf.b) = *rep;
    rf.word = tokens[static_cast<std::size_t>(rf.a)];
    rf.before = cosine_of(e.row(rf.a).transpose(), e.row(rf.b).transpose());
    rf.after = cosine_of(r.inputs.row(rf.a).transpose(), r.inputs.row(rf.b).transpose());
  }

  // The layout: the richest arrangement of panels that the figure's size holds, with every
  // text whole. Boxes are in pixels of the body; `need` is the fewest decimals a short
  // sentence's heatmap must print its values with to count as fitting (-1: none).
  const std::string logits_title =
      "Scores (logits) q\xC2\xB7k/\xE2\x88\x9A"
      "d + bias";
  const std::string weights_title =
      any_masked ? "Weights (softmax; \xC3\x97 = masked)" : "Weights: softmax of each row";
  bool values_left_out = false;  // a heatmap that could print its values does not
  const auto grid_title = [&](bool logits, double room) {
    return logits ? choose_title({logits_title,
                                  "Scores q\xC2\xB7k/\xE2\x88\x9A"
                                  "d + bias",
                                  "Scores (logits)"},
                                 room)
                  : choose_title({weights_title,
                                  any_masked ? "Weights (\xC3\x97 = masked)" : "Weights (softmax)",
                                  "Weights"},
                                 room);
  };
  // How the logits (or weights) heatmap shows in `area`, with no more than `cap` allows.
  const auto grid_look = [&](bool logits, const Box& area, int need, const GridLook& cap) {
    return fit_grid(area, grid_title(logits, area.w()), logits ? "logit" : "weight", tokens,
                    logits ? r.logits : r.weights, r.logits, printed, printed && n <= 8 ? need : -1,
                    cap.colorbar, cap.labels);
  };
  const auto grid_panel = [&](bool logits, const Box& area, const GridLook& look, double body_w,
                              double body_h) {
    const Eigen::MatrixXd& values = logits ? r.logits : r.weights;
    plot::Panel p = token_grid(logits ? "logits" : "weights", tokens, look.plot.w(), look.labels);
    p.title = grid_title(logits, area.w());
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
    } else {
      if (printed) values_left_out = true;
      if (any_masked) hatch_masked(p, window_of(p, request), 0, n - 1, 1, "");
    }
    p.readout = cell_readout;
    return p;
  };

  enum class Arrangement { Full, TwoRows, Columns, Stack, Row };
  // Builds the panels of an arrangement in a body w x h; nothing when it does not fit.
  const auto arrange = [&](Arrangement a, double w,
                           double h) -> std::optional<std::vector<plot::Panel>> {
    values_left_out = false;
    std::vector<plot::Panel> out;
    const auto box = [&](double x0, double y0, double x1, double y1) {
      return Box{x0 * w, y0 * h, x1 * w, y1 * h};
    };
    // The heatmaps of `grids` (logits or not, and where), all drawn alike: the richest look
    // every one of them has room for.
    const auto add_grids = [&](const std::vector<std::pair<bool, Box>>& grids, int need) {
      GridLook cap;
      for (const auto& [logits, area] : grids) {
        const GridLook look = grid_look(logits, area, need, GridLook{});
        if (!look.ok) return false;
        cap.colorbar = cap.colorbar && look.colorbar;
        cap.labels = cap.labels && look.labels;
      }
      std::vector<plot::Panel> made;
      for (const auto& [logits, area] : grids) {
        const GridLook look = grid_look(logits, area, need, cap);
        if (!look.ok) return false;
        made.push_back(grid_panel(logits, area, look, w, h));
      }
      for (plot::Panel& p : made) out.push_back(std::move(p));
      return true;
    };
    bool shows_magnitude = false, shows_repeated = false, shows_entropy = false;
    Box pm_box;
    std::vector<std::optional<plot::Panel>> rest;  // after the permutation panel
    const auto make_secondary = [&](const std::string& id,
                                    const Box& area) -> std::optional<plot::Panel> {
      std::optional<plot::Panel> p;
      if (id == "entropy") p = entropy_panel(r, tokens, area, style);
      if (id == "magnitude")
        p = magnitude_panel(mf, area, w - area.x1 > 1.0 ? 0.02 * w : 0.0, style);
      if (id == "repeated") p = repeated_panel(rf, area, style);
      if (id == "outputs") p = outputs_panel(r, test, tokens, area, style);
      if (p) place(*p, area, w, h);
      return p;
    };
    const auto note_shown = [&](const std::string& id) {
      shows_entropy = shows_entropy || id == "entropy";
      shows_magnitude = shows_magnitude || id == "magnitude";
      shows_repeated = shows_repeated || id == "repeated";
    };
    const auto fits_permutation = [&](const Box& b) {
      plot::Panel scratch;
      return PermutationPanel(pf, style).build(scratch, b, false);
    };
    switch (a) {
      case Arrangement::Full: {
        // The window's own layout: seven panels.
        if (w < 1000.0 || h < 560.0) return std::nullopt;
        if (!add_grids({{true, box(0.0, 0.0, 0.37, 0.47)}, {false, box(0.38, 0.0, 0.76, 0.47)}}, 1))
          return std::nullopt;
        if (std::optional<plot::Panel> en = make_secondary("entropy", box(0.78, 0.0, 1.0, 0.47))) {
          note_shown("entropy");
          out.push_back(std::move(*en));
        }
        pm_box = box(0.0, 0.53, 0.31, 1.0);
        for (const auto& [id, x0, x1] : {std::tuple{"outputs", 0.34, 0.56},
                                         {"magnitude", 0.59, 0.77},
                                         {"repeated", 0.80, 1.0}}) {
          rest.push_back(make_secondary(id, box(x0, 0.53, x1, 1.0)));
          if (rest.back()) note_shown(id);
        }
        break;
      }
      case Arrangement::TwoRows: {
        // The heatmaps (and the entropy when wide) above; the permutation test below, with
        // the other panels that fit beside it, the ones the sentence and the scheme make
        // worth seeing first. The top row takes the least height that prints the values.
        if (h < 380.0) return std::nullopt;
        const bool three = w >= 800.0;
        const bool short_sentence = printed && n <= 8;
        bool grids = false;
        double split = 0.47;
        for (double t = short_sentence ? 0.25 : 0.47; t <= 0.551 && !grids; t += 0.025) {
          out.clear();
          split = t;
          grids = add_grids({{true, box(0.0, 0.0, three ? 0.37 : 0.49, t)},
                             {false, box(three ? 0.38 : 0.51, 0.0, three ? 0.76 : 1.0, t)}},
                            1);
        }
        if (!grids) return std::nullopt;
        if (three) {
          if (std::optional<plot::Panel> en =
                  make_secondary("entropy", box(0.78, 0.0, 1.0, split))) {
            note_shown("entropy");
            out.push_back(std::move(*en));
          }
        }
        const double top = split + 0.06;
        std::vector<std::pair<std::string, double>> wanted;  // id, least width
        if (rf.found) wanted.emplace_back("repeated", 190.0);
        if (mf.absolute) wanted.emplace_back("magnitude", 200.0);
        if (!shows_entropy) wanted.emplace_back("entropy", 200.0);
        if (!mf.absolute) wanted.emplace_back("magnitude", 200.0);
        wanted.emplace_back("outputs", 300.0);
        const double gap = 0.02 * w, least_pm = std::max(300.0, 0.42 * w);
        // Those that fit beside the test; one that cannot show in its box gives its room back,
        // and so do the less important ones after it.
        for (;;) {
          // The ones that fit at their least width, then the room the test can spare shared
          // out between them (none wider than 0.3 of the figure).
          std::vector<std::pair<std::string, double>> picked;
          double used = 0.0;
          for (const auto& [id, least] : wanted) {
            const double pw = std::max(least, 0.22 * w);
            if (w - used - pw - gap < least_pm) continue;
            picked.emplace_back(id, pw);
            used += pw + gap;
          }
          if (!picked.empty()) {
            const double spare = (w - used - least_pm) / static_cast<double>(picked.size());
            for (auto& [id, pw] : picked) pw = std::max(pw, std::min(pw + spare, 0.3 * w));
          }
          double x1 = w;
          std::vector<std::pair<std::string, Box>> chosen;
          for (const auto& [id, pw] : picked) {
            chosen.emplace_back(id, Box{x1 - pw, top * h, x1, h});
            x1 -= pw + gap;
          }
          rest.clear();
          std::string failed;
          for (auto it = chosen.rbegin(); it != chosen.rend() && failed.empty(); ++it) {
            rest.push_back(make_secondary(it->first, it->second));
            if (!rest.back()) failed = it->first;
          }
          if (failed.empty()) {
            for (const auto& [id, b] : chosen) note_shown(id);
            pm_box = Box{0.0, top * h, x1, h};
            break;
          }
          // Its numbers go to the test's lines, which the panels after it must not crowd out.
          wanted.erase(std::find_if(wanted.begin(), wanted.end(),
                                    [&](const auto& c) { return c.first == failed; }),
                       wanted.end());
        }
        if (!fits_permutation(pm_box)) return std::nullopt;
        break;
      }
      case Arrangement::Columns: {
        // The heatmaps one above the other, the test beside them.
        const double cw = w >= 700.0 ? 0.55 : 0.5;
        if (!add_grids({{true, box(0.0, 0.0, cw, 0.49)}, {false, box(0.0, 0.51, cw, 1.0)}}, 1))
          return std::nullopt;
        pm_box = box(cw + 0.02, 0.0, 1.0, 1.0);
        break;
      }
      case Arrangement::Stack:
      case Arrangement::Row: {
        // The weights above the test, or beside it. With values, the weights get the least
        // room that prints them and the test the rest; without, the test gets the least room
        // that holds its verdict.
        const bool row = a == Arrangement::Row;
        bool fit = false;
        for (int need : row ? std::vector<int>{2, 1, -1} : std::vector<int>{1}) {
          const bool values = need >= 0 && printed && n <= 8;
          for (int k = 0; k <= 20 && !fit; ++k) {
            const double split = values ? 0.25 + 0.025 * k : 0.75 - 0.025 * k;
            out.clear();
            const Box grid = row ? box(0.0, 0.0, split, 1.0) : box(0.0, 0.0, 1.0, split);
            pm_box = row ? box(split + 0.02, 0.0, 1.0, 1.0) : box(0.0, split + 0.03, 1.0, 1.0);
            if (!add_grids({{false, grid}}, need)) {
              if (values) continue;
              break;  // smaller still will not hold the heatmap either
            }
            fit = fits_permutation(pm_box);
            if (values) break;  // more room for the weights leaves less for the test
          }
          if (fit) break;
        }
        if (!fit && !row) return std::nullopt;
        if (!fit) {
          out.clear();
          add_grids({{false, box(0.0, 0.0, 0.55, 1.0)}}, -1);
          pm_box = box(0.57, 0.0, 1.0, 1.0);
        }
        break;
      }
    }
    // The permutation test, with the numbers of the panels left out in lines of its own.
    PermutationFacts facts = pf;
    if (a != Arrangement::Full) {
      if (rf.found && !shows_repeated) {
        // No-break spaces keep a name with its number when the line wraps.
        facts.extras.push_back(
            fmt("repeated \xE2\x80\x9C%s\xE2\x80\x9D (%d, %d): cosine\xC2\xA0%.4f"
                "\xC2\xA0\xE2\x86\x92\xC2\xA0%.4f",
                rf.word.c_str(), rf.a, rf.b, rf.before, rf.after));
      }
      if (mf.absolute && !shows_magnitude) {
        facts.extras.push_back(
            fmt("\xE2\x80\x9C%s\xE2\x80\x9D at %ld: |e|\xC2\xA0%.2f, |p|\xC2\xA0%.2f, "
                "|e+p|\xC2\xA0%.2f",
                mf.word.c_str(), mf.position, mf.split.token_norm, mf.split.position_norm,
                mf.split.sum_norm));
      }
      if (!shows_entropy && n <= 8) {
        std::string line = "row entropy:";
        for (long i = 0; i < n; ++i) line += fmt(" %.2f", r.entropy[i]);
        facts.extras.push_back(line + " nats");
      }
    }
    plot::Panel pm;
    pm.id = "permutation";
    pm.axes = false;
    pm.grid = false;
    pm.legend = plot::Corner::None;
    place(pm, pm_box, w, h);
    PermutationPanel builder(facts, style);
    if (!builder.build(pm, pm_box, a == Arrangement::Row) && a != Arrangement::Row)
      return std::nullopt;
    // In the order the panels have always come in (lg, wt, en, pm, op, mg, rp).
    out.push_back(std::move(pm));
    for (std::optional<plot::Panel>& p : rest) {
      if (p) out.push_back(std::move(*p));
    }
    std::vector<plot::Panel> ordered;
    for (const char* id :
         {"logits", "weights", "entropy", "permutation", "outputs", "magnitude", "repeated"}) {
      for (plot::Panel& p : out) {
        if (p.id == id) ordered.push_back(std::move(p));
      }
    }
    return ordered;
  };

  // The body's size depends on the note, and the note on whether the heatmaps print their
  // values: lay out once without that part of the note, and again with it if needed.
  const double head = heading_height(f, width);
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<NotePart> all = notes;
    if (pass == 1)
      all.push_back({"cells too small to print values: hover, or make the window larger",
                     "hover a cell for its value"});
    f.note = compose_note(all, width);
    const double body_h = std::max(100.0, height - head - note_height(f.note, width));
    std::optional<std::vector<plot::Panel>> panels;
    for (Arrangement a : {Arrangement::Full, Arrangement::TwoRows, Arrangement::Columns,
                          Arrangement::Stack, Arrangement::Row}) {
      panels = arrange(a, width, body_h);
      if (panels) break;
    }
    f.panels = std::move(*panels);
    if (!values_left_out || height < 400.0) break;
  }

  // The numbers the panels state in words, for the CSV.
  for (long i = 0; i < n; ++i) {
    f.values.emplace_back(
        "row_entropy_" + std::to_string(i) + "_" + tokens[static_cast<std::size_t>(i)],
        r.entropy[i]);
  }
  if (test) {
    f.values.emplace_back("largest_output_difference", test->max_difference);
    for (long i = 0; i < row_diff.size(); ++i) {
      f.values.emplace_back("output_difference_position_" + std::to_string(i), row_diff[i]);
    }
  }
  return f;
}

bool PlaygroundView::shuffle_second() {
  const std::vector<std::string> words = tokenize(params_.text);
  const std::vector<std::string> current = tokenize(params_.second);
  std::vector<std::string> first_fit;  // the first draw that differs from the sentence
  for (int attempt = 0; attempt < kShuffleAttempts; ++attempt) {
    const std::vector<int> order =
        shuffled_order(static_cast<int>(words.size()), static_cast<std::uint64_t>(shuffles_++));
    std::vector<std::string> candidate;
    for (int from : order) candidate.push_back(words[static_cast<std::size_t>(from)]);
    if (candidate == words) continue;  // repeated words swapped: the same sentence
    if (candidate != current) return set_second(candidate);
    if (first_fit.empty()) first_fit = candidate;
  }
  // Two orders only ("a b", current one "b a"), or one distinct word: the best there is.
  return first_fit.empty() ? false : set_second(first_fit);
}

bool PlaygroundView::reverse_second() {
  const std::vector<std::string> words = tokenize(params_.text);
  std::vector<std::string> reversed;
  for (int from : reversal(static_cast<int>(words.size())))
    reversed.push_back(words[static_cast<std::size_t>(from)]);
  return set_second(reversed);
}

bool PlaygroundView::set_second(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
  if (text == params_.second) return false;
  params_.second = text;
  return true;
}

std::vector<ViewAction> PlaygroundView::actions() {
  return {
      {.label = "Shuffle",
       .tooltip = "Set the second sentence to a new random order of the sentence's words",
       .run = [this] { return shuffle_second(); }},
      {.label = "Reverse",
       .tooltip = "Set the second sentence to the sentence's words in reverse order",
       .run = [this] { return reverse_second(); }},
  };
}

FigureBuilder PlaygroundView::builder(const SharedParams& shared,
                                      const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return playground_figure(shared, params, request);
  };
}

}  // namespace peviz
