#include "playground_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "app/plot/draw_figure.hpp"
#include "app/plot/style.hpp"
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
#include "imgui.h"
#include "view_util.hpp"

namespace peviz {
namespace {

constexpr int kPrintedTokens = 32;  // values printed in the cells up to this many tokens
constexpr int kChipTokens = 12;     // tokens drawn as chips up to this many
constexpr long kOutputDims = 16;    // output dimensions shown in the outputs heatmap
const plot::Color kMatch = plot::ink(plot::Ink::Good);  // bluish green: the same output
const plot::Color kDiffer = plot::ink(plot::Ink::Bad);  // vermillion: a different output

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
      p.texts.push_back(
          {x, y,
           fmt("%.*f", decimals,
               std::abs(values(i, j)) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : values(i, j)),
           fg, scale, false, 0.5f, 0.5f});
    }
  }
}

// A token x token heatmap panel (queries down, keys across, labelled with the words).
// Approximate pixels of a word's label at `font` px (wide glyphs from U+0800 on).
double label_px(const std::string& word, double font) {
  double em = 0.0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    em += c >= 0xE0 ? 1.0 : 0.62;
  }
  return em * font;
}

// `scale`, or smaller (not below 0.55) so that `text` fits in `room_px` (body font 20 px).
float fit_scale(const std::string& text, double room_px, float scale) {
  const double w = label_px(text, 20.0 * scale) * 0.85;  // label_px is generous for lowercase
  return w <= room_px ? scale : std::max(0.55f, static_cast<float>(scale * room_px / w));
}

// `full` when its approximate width (bold panel-title font) fits in `room_px`, else `brief`.
std::string fit_title(const std::string& full, const std::string& brief, double room_px) {
  return label_px(full, 18.5) <= room_px ? full : brief;
}

// A token x token heatmap panel (queries down, keys across, labelled with the words;
// the keys by position when their words would overlap in `plot_px` pixels).
plot::Panel token_grid(const std::string& id, const std::vector<std::string>& tokens,
                       double plot_px) {
  plot::Panel p;
  p.id = id;
  const double n = static_cast<double>(tokens.size());
  double widest = 0.0;
  for (const std::string& t : tokens) widest = std::max(widest, label_px(t, 17.0) + 12.0);
  const bool words_fit = widest * n <= plot_px;
  p.x = position_axis(-0.5, n - 0.5, false, words_fit ? "key j" : "key position j");
  p.y = position_axis(-0.5, n - 0.5, true, "query i");
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
                          const std::vector<std::string>& tokens,
                          const plot::FigureRequest& request, const plot::Style& style) {
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
  op.top = 0.53f;
  op.left = 0.34f;
  op.right = 0.56f;
  op.legend = plot::Corner::None;
  op.title =
      k == r.outputs.cols()
          ? std::string("Attention outputs")
          : fit_title(fmt("Outputs, first %ld of %ld dims", k, static_cast<long>(r.outputs.cols())),
                      fmt("Outputs, dims 0\xE2\x80\x93%ld", k - 1), 0.22 * request.width - 130.0);
  op.x.lo = -0.5;
  op.x.hi = static_cast<double>(k) - 0.5;
  op.x.integer = true;
  op.x.label = "output dimension";
  op.y.lo = -0.5;
  op.y.hi = static_cast<double>(rows) - 0.5;
  op.y.inverted = true;
  if (n <= 40) {
    op.y.categories = tokens;
    if (both) {
      op.y.categories.push_back("");
      op.y.categories.insert(op.y.categories.end(), tokens.begin(), tokens.end());
    }
  } else {
    op.y.label = both ? "token (sentence, then reordering un-shuffled)" : "token";
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
  // Values printed when a cell has room for "-0.00" (the panel spans about 0.22 of the
  // width minus its labels and colorbar, 0.40 of the height minus title and axis).
  const double cell_w = (0.22 * request.width - 150.0) / static_cast<double>(k);
  const double cell_h = (0.40 * request.height - 110.0) / static_cast<double>(rows);
  if (cell_w >= 44.0 && cell_h >= 18.0) {
    print_cells(op, m, Eigen::MatrixXd::Zero(rows, k), h, 0.6f, 2);
    if (both) {  // the separating row holds no values
      std::erase_if(op.texts, [n](const plot::Text& t) { return t.y == static_cast<double>(n); });
    }
  }
  if (both) {
    // The separating row on the theme's paper, so its label reads in every theme.
    op.bands.push_back({false, n - 0.5, n + 0.5, plot::ink(plot::Ink::Paper), ""});
    op.texts.push_back(
        {0.5 * (k - 1.0), static_cast<double>(n),
         cell_w * k >= 170.0 ? "\xE2\x86\x93 reordering, un-shuffled" : "\xE2\x86\x93 un-shuffled",
         style.muted, n <= 20 ? 0.75f : 0.6f, false, 0.5f, 0.5f});
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
  v.visit({"text", "sentence", "the sentence attended to (words; punctuation is dropped)"}, text);
  v.visit({"second", "reordered", "a reordering of the sentence, compared with it"}, second);
  v.visit({"identity", "identity projections", "Wq = Wk = Wv = I instead of seeded random ones"},
          identity);
  v.visit({"position-scale", "position scale",
           "multiplies the positional signal: 0 removes it, 1 as published, 2 doubled", 0.0, 2.0},
          position_scale);
  v.visit({"head", "ALiBi head", "the ALiBi head whose slope biases the scores", 0, 255}, head);
  v.visit({"token", "token", "the token whose vector is compared with its positional vector", 0,
           kPlaygroundMaxTokens - 1},
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

plot::Figure playground_figure(const SharedParams& s, const PlaygroundParams& prm,
                               const plot::FigureRequest& request) {
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  f.title = "Attention playground: can self-attention tell word order?";

  std::vector<std::string> tokens = tokenize(prm.text);
  std::vector<std::string> second = tokenize(prm.second);
  std::vector<std::string> notes;
  if (static_cast<int>(tokens.size()) > kPlaygroundMaxTokens) {
    notes.push_back(
        fmt("text cut to its first %d of %zu tokens", kPlaygroundMaxTokens, tokens.size()));
    tokens.resize(kPlaygroundMaxTokens);
  }
  if (static_cast<int>(second.size()) > kPlaygroundMaxTokens) second.resize(kPlaygroundMaxTokens);
  const AttentionParams ap = playground_attention(s, prm);
  const bool identity = ap.identity_projections;

  // Subtitle: the scheme and what it uses, so a screenshot explains itself.
  std::string sub = std::string(scheme_title(s.scheme)) + fmt(" \xC2\xB7 d = %d", s.d);
  if (s.scheme == Scheme::Sinusoidal || s.scheme == Scheme::Rope)
    sub += " \xC2\xB7 base " + num(s.base);
  if (s.scheme == Scheme::Rope && s.scaling != Scaling::None) {
    sub += std::string(" \xC2\xB7 ") + scaling_name(s.scaling) + " \xC3\x97" + num(s.factor);
  }
  if (s.scheme == Scheme::Alibi) {
    try {
      sub += fmt(" \xC2\xB7 head %d of %d (slope %.4g)", ap.head, s.heads,
                 alibi_slopes(s.heads)[ap.head]);
    } catch (const std::exception&) {
    }
  }
  sub += s.mask == Mask::Causal ? " \xC2\xB7 causal mask" : " \xC2\xB7 no mask";
  sub += identity ? " \xC2\xB7 identity projections"
                  : fmt(" \xC2\xB7 random projections (seed %d)", s.seed);
  sub += " \xC2\xB7 position scale " + num(prm.position_scale);
  sub += fmt(" \xC2\xB7 %zu token%s", tokens.size(), tokens.size() == 1 ? "" : "s");
  f.subtitle = sub;

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
  if (!printed)
    notes.push_back(fmt("values printed up to %d tokens: hover for exact values", kPrintedTokens));
  // Said once, with the saturation note below when there is one.
  const std::string forced_note =
      identity && !prm.identity ? fmt("d > %d: identity projections", kPlaygroundMaxRandomD) : "";
  bool any_masked = false;
  for (long i = 0; i < n && !any_masked; ++i) {
    for (long j = 0; j < n; ++j) any_masked = any_masked || is_masked(r.logits(i, j));
  }

  // Geometry estimates for text sizes (pixels of the body and of one heatmap cell).
  const double body_w = request.width, body_h = std::max(200.0, request.height - 110.0);
  const double cell_px = std::min(0.30 * body_w, 0.46 * body_h - 90.0) / static_cast<double>(n);
  const float cell_scale = static_cast<float>(std::clamp(cell_px * 0.26 / 20.0, 0.0, 0.9));
  const bool cell_text = printed && cell_scale >= 0.42f;
  if (printed && !cell_text)
    notes.push_back("cells too small to print values: hover, or make the window larger");

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

  // Logits.
  plot::Panel lg = token_grid("logits", tokens, 0.37 * body_w - 150.0);
  lg.right = 0.37f;
  lg.bottom = 0.47f;
  lg.title =
      "Scores (logits) q\xC2\xB7k/\xE2\x88\x9A"
      "d + bias";
  {
    double top = 0.0;
    for (long i = 0; i < n; ++i) {
      for (long j = 0; j < n; ++j) {
        if (!is_masked(r.logits(i, j))) top = std::max(top, std::abs(r.logits(i, j)));
      }
    }
    top = top > 0.0 ? top : 1.0;
    plot::HeatmapLayer h;
    h.values = std::make_shared<const Eigen::MatrixXd>(r.logits);
    h.x_lo = h.y_lo = -0.5;
    h.x_hi = h.y_hi = n - 0.5;
    h.colormap = ColormapId::RdBu;
    h.lo = -top;
    h.hi = top;
    h.value_label = "logit";
    h.masked = true;  // -inf: neutral and crossed, not the darkest blue
    lg.heatmap = h;
    if (cell_text) print_cells(lg, r.logits, r.logits, h, cell_scale, 2);
  }
  lg.readout = cell_readout;

  // Weights.
  plot::Panel wt = token_grid("weights", tokens, 0.38 * body_w - 150.0);
  wt.left = 0.38f;
  wt.right = 0.76f;
  wt.bottom = 0.47f;
  wt.title = any_masked ? "Weights (softmax; \xC3\x97 = masked)" : "Weights: softmax of each row";
  {
    plot::HeatmapLayer h;
    h.values = std::make_shared<const Eigen::MatrixXd>(r.weights);
    h.x_lo = h.y_lo = -0.5;
    h.x_hi = h.y_hi = n - 0.5;
    h.colormap = ColormapId::Viridis;
    h.lo = 0.0;
    h.hi = 1.0;
    h.value_label = "weight";
    wt.heatmap = h;
    if (cell_text) print_cells(wt, r.weights, r.logits, h, cell_scale, 2);
  }
  if (!cell_text && any_masked) hatch_masked(lg, window_of(lg, request), 0, n - 1, 1, "");
  if (!cell_text && any_masked) hatch_masked(wt, window_of(wt, request), 0, n - 1, 1, "");
  wt.readout = cell_readout;

  // Entropy of each row.
  plot::Panel en;
  en.id = "entropy";
  en.left = 0.78f;
  en.bottom = 0.47f;
  en.title = "Row entropy";
  en.y = position_axis(-0.5, n - 0.5, true, "");
  en.y.categories = tokens;
  en.x.label = "nats";
  en.x.lo = 0.0;
  en.x.hi = std::max(0.25, r.entropy.maxCoeff() * 1.45);
  en.legend = plot::Corner::None;
  if (n <= 40) {
    const float bar_px = static_cast<float>(std::clamp(cell_px * 0.55, 2.0, 26.0));
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
      if (cell_text) {
        en.texts.push_back({r.entropy[i] + 0.03 * en.x.hi, y, fmt("%.2f", r.entropy[i]), style.text,
                            std::min(0.8f, cell_scale + 0.1f), false, 0.0f, 0.5f});
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
  if (r.entropy.maxCoeff() < 0.01 && !(n <= 40 && cell_text)) {
    en.texts.push_back({0.04 * en.x.hi, 0.5 * (n - 1.0), "every row \xE2\x89\x88 0:", style.text,
                        0.8f, true, 0.0f, 1.0f});
    en.texts.push_back({0.04 * en.x.hi, 0.5 * (n - 1.0), "all weight on one key", style.text, 0.8f,
                        false, 0.0f, 0.0f});
  }
  en.readout = [shared_r, shared_tokens](double, double y) -> std::vector<std::string> {
    const long i = std::lround(y);
    if (i < 0 || i >= static_cast<long>(shared_tokens->size())) return {};
    return {fmt("query \xE2\x80\x9C%s\xE2\x80\x9D (position %ld)", (*shared_tokens)[i].c_str(), i),
            fmt("entropy = %.6f nats (0: all weight on one key)", shared_r->entropy[i])};
  };

  // The permutation demo.
  plot::Panel pm;
  pm.id = "permutation";
  pm.top = 0.53f;
  pm.right = 0.31f;
  pm.axes = false;
  pm.grid = false;
  pm.legend = plot::Corner::None;
  // Chips when each has room for its word and the difference under it ("= 4.4e-16").
  double widest_word = 0.0;
  for (const std::string& t : tokens) widest_word = std::max(widest_word, label_px(t, 18.0));
  const bool chips =
      n <= kChipTokens && 0.31 * body_w - 20.0 >= static_cast<double>(std::max<long>(n, 3)) *
                                                      (std::max(widest_word, 62.0) + 12.0);
  pm.x.lo = -0.6;
  pm.x.hi = std::max<double>(n, 3.0) - 0.4;
  pm.y.lo = 0.0;
  pm.y.hi = 13.0;
  // The big number's height: as large as its panel's width (about 7 characters) and
  // the gap between the lines above and below it allow; it is read from the back row.
  const double big_px = std::min(0.31 * body_w / 6.5, 0.42 * body_h * 0.15);
  const float big_scale = static_cast<float>(std::clamp(big_px / 20.0, 1.4, 2.6));
  bool identity_perm = perm.has_value();
  if (perm) {
    for (long i = 0; i < n; ++i) identity_perm = identity_perm && (*perm)[i] == i;
  }
  const double tol = 1e-9;  // outputs are O(1): differences below this are rounding
  const bool blind = test && test->max_difference < tol;
  // Every token puts (all but 1e-9 of) its weight on itself: the outputs are the inputs,
  // whatever the positions (identity projections at large d: q.q/sqrt(d) ~ sqrt(d)).
  bool collapsed = n > 1;
  for (long i = 0; i < n && collapsed; ++i) collapsed = r.weights(i, i) >= 1.0 - 1e-9;
  const plot::Color verdict_color = collapsed ? style.text : blind ? kMatch : kDiffer;
  if (collapsed && identity) {
    notes.push_back((forced_note.empty() ? std::string("identity projections") : forced_note) +
                    ", q\xC2\xB7q/\xE2\x88\x9A"
                    "d large: each token attends to itself; lower d to see more");
  } else if (!forced_note.empty()) {
    notes.push_back(forced_note +
                    " (random ones would draw three d\xC3\x97"
                    "d matrices)");
  }
  if (chips) {
    const float chip_px = static_cast<float>(std::clamp(0.42 * body_h / 13.0 * 1.4, 18.0, 36.0));
    const double half = 0.42;
    const plot::Color chip = plot::series_ink(0, 0.16f);
    for (long i = 0; i < n; ++i) {
      const double x = static_cast<double>(i);
      pm.texts.push_back({x, 12.5, fmt(n <= 6 ? "position %ld" : "%ld", i), style.muted, 0.75f,
                          false, 0.5f, 0.5f});
      pm.shapes.push_back(
          {plot::Shape::Kind::Segment, x - half, 11.2, x + half, 11.2, chip, chip_px, false, {}});
      pm.texts.push_back({x, 11.2, tokens[i], style.text, 1.0f, true, 0.5f, 0.5f});
    }
    if (perm && !identity_perm) {
      for (long i = 0; i < n; ++i) {
        const double x = static_cast<double>(i);
        const bool match = row_diff[i] < tol;
        const plot::Color c = match ? kMatch : kDiffer;
        plot::Color fill = c;
        fill.a = 0.22f;
        pm.shapes.push_back({plot::Shape::Kind::Arrow,
                             static_cast<double>((*perm)[i]),
                             10.3,
                             x,
                             8.1,
                             plot::ink(plot::Ink::Muted),
                             1.6f,
                             false,
                             {}});
        pm.shapes.push_back(
            {plot::Shape::Kind::Segment, x - half, 7.2, x + half, 7.2, fill, chip_px, false, {}});
        pm.texts.push_back({x, 7.2, second[i], style.text, 1.0f, true, 0.5f, 0.5f});
        pm.texts.push_back({x, 6.0, (match ? "= " : "\xE2\x89\xA0 ") + difference_text(row_diff[i]),
                            c, 0.75f, true, 0.5f, 0.5f});
      }
    }
  } else {
    const std::size_t words_shown = body_w >= 1500 ? 6 : 4;
    pm.texts.push_back({pm.x.lo + 0.02, 11.5,
                        body_w >= 1500
                            ? fmt("sentence: %ld tokens %s", n, quoted(tokens, words_shown).c_str())
                            : "sentence: " + quoted(tokens, words_shown),
                        style.text, 0.95f, true, 0.0f, 0.5f});
    if (perm && !identity_perm) {
      pm.texts.push_back({pm.x.lo + 0.02, 9.0, "reordered: " + quoted(second, words_shown),
                          style.text, 0.95f, true, 0.0f, 0.5f});
      long moved = 0;
      for (long i = 0; i < n; ++i) moved += (*perm)[i] != i ? 1 : 0;
      long matching = 0;
      for (long i = 0; i < n; ++i) matching += row_diff[i] < tol ? 1 : 0;
      pm.texts.push_back({pm.x.lo + 0.02, 7.0,
                          fmt("%ld words moved, %ld of %ld outputs match", moved, matching, n),
                          blind ? kMatch : kDiffer, 0.9f, false, 0.0f, 0.5f});
    }
  }
  const double mid = 0.5 * (pm.x.lo + pm.x.hi);
  if (n == 1) {
    pm.title = "Permutation test";
    pm.texts.push_back({mid, 3.6, "one word: nothing to reorder", kDiffer, 1.0f, true, 0.5f, 0.5f});
    pm.texts.push_back(
        {mid, 1.8, "type a sentence and a reordering of it", style.muted, 0.9f, false, 0.5f, 0.5f});
  } else if (!perm) {
    pm.title = "Permutation test";
    pm.texts.push_back({mid, 3.6, quoted(second) + " is not a reordering of " + quoted(tokens),
                        kDiffer, 1.0f, true, 0.5f, 0.5f});
    pm.texts.push_back({mid, 1.8, "type the same words in another order to compare", style.muted,
                        0.9f, false, 0.5f, 0.5f});
  } else if (identity_perm) {
    pm.title = "Permutation test";
    pm.texts.push_back(
        {mid, 3.6, "the second sentence has the same order", kDiffer, 1.0f, true, 0.5f, 0.5f});
    pm.texts.push_back({mid, 1.8, "type the same words in another order to compare", style.muted,
                        0.9f, false, 0.5f, 0.5f});
  } else {
    pm.title = fit_title("Same words, new order: do the outputs just reorder?",
                         "Reordered: same outputs?", 0.31 * body_w - 20.0);
    pm.texts.push_back({mid, 4.9, "largest output difference after un-shuffling", style.muted,
                        0.85f, false, 0.5f, 0.5f});
    pm.texts.push_back({mid, 3.35, difference_text(test->max_difference), verdict_color, big_scale,
                        true, 0.5f, 0.5f});
    std::string verdict, reason;
    if (collapsed) {
      verdict = "each token attends only to itself:";
      reason = "the softmax saturates, position cannot show";
    } else if (blind) {
      verdict = "same outputs, only reordered:";
      reason = "the model cannot tell word order";
    } else {
      verdict = "different outputs:";
      reason = prm.position_scale == 0.0 || s.scheme == Scheme::Nope
                   ? "the causal mask makes position visible"
                   : "position is visible";
    }
    const double room = 0.31 * body_w - 70.0;
    // Shorter words rather than small letters in a narrow panel.
    if (fit_scale(reason, room, 1.0f) < 0.85f) {
      if (collapsed)
        reason = "softmax saturated: no position";
      else if (blind)
        reason = "word order is invisible";
      else if (reason != "position is visible")
        reason = "causal mask makes position visible";
    }
    pm.texts.push_back(
        {mid, 1.75, verdict, verdict_color, fit_scale(verdict, room, 1.0f), true, 0.5f, 0.5f});
    pm.texts.push_back(
        {mid, 0.6, reason, verdict_color, fit_scale(reason, room, 1.0f), true, 0.5f, 0.5f});
  }
  {
    auto shared_test = test ? std::make_shared<const PermutationTest>(*test) : nullptr;
    auto shared_diff = std::make_shared<const Eigen::VectorXd>(row_diff);
    auto shared_second = std::make_shared<const std::vector<std::string>>(second);
    pm.readout = [shared_test, shared_diff, shared_tokens, shared_second](
                     double x, double y) -> std::vector<std::string> {
      std::vector<std::string> out;
      if (shared_test)
        out.push_back(fmt("largest output difference = %.3e", shared_test->max_difference));
      const long i = std::lround(x);
      if (i < 0 || i >= static_cast<long>(shared_tokens->size())) return out;
      if (y > 9.5) {
        out.push_back(
            fmt("\xE2\x80\x9C%s\xE2\x80\x9D at position %ld", (*shared_tokens)[i].c_str(), i));
      } else if (shared_test && y > 5.4) {
        const int from = shared_test->permutation[i];
        out.push_back(fmt("\xE2\x80\x9C%s\xE2\x80\x9D moved from position %d to %ld",
                          (*shared_second)[i].c_str(), from, i));
        out.push_back(fmt("its output differs from the original's by %.3e", (*shared_diff)[i]));
      }
      return out;
    };
  }

  // Token vs position magnitudes for the selected token.
  const long tk = std::clamp<long>(prm.token, 0, n - 1);
  Eigen::MatrixXd signal;
  try {
    signal = absolute_position_signal(ap, n);
  } catch (const std::exception&) {
    signal = Eigen::MatrixXd::Zero(n, s.d);
  }
  const TokenPositionSplit split =
      split_token_position(e.row(tk).transpose(), signal.row(tk).transpose());
  const bool absolute = adds_position_to_tokens(s.scheme);
  plot::Panel mg;
  mg.id = "magnitude";
  mg.top = 0.53f;
  mg.left = 0.59f;
  mg.right = 0.77f;
  mg.title = fit_title(fmt("\xE2\x80\x9C%s\xE2\x80\x9D at position %ld", tokens[tk].c_str(), tk),
                       fmt("\xE2\x80\x9C%s\xE2\x80\x9D at %ld", tokens[tk].c_str(), tk),
                       0.18 * body_w - 60.0);
  mg.x.lo = -0.6;
  mg.x.hi = 2.6;
  mg.x.categories = {"e", "p", "e+p"};
  mg.y.label = "norm";
  mg.x.label = "e token, p position";
  mg.y.lo = 0.0;
  const double tallest = std::max({split.token_norm, split.position_norm, split.sum_norm, 1e-9});
  mg.y.hi = tallest * 1.9;
  mg.legend = plot::Corner::None;
  {
    plot::Bars b;
    b.x = {0.0, 1.0, 2.0};
    b.height = {split.token_norm, split.position_norm, split.sum_norm};
    b.width = 0.7;
    b.color = style.series(0);
    mg.bars.push_back(b);
    plot::Bars pb;
    pb.x = {1.0};
    pb.height = {split.position_norm};
    pb.width = 0.7;
    pb.color = style.series(1);
    mg.bars.push_back(pb);
    // The plot's approximate width: the panel (0.18 of the body) minus its y axis.
    const double room = 0.18 * body_w - 105.0;
    for (int k = 0; k < 3; ++k) {
      const std::string label = fmt("%.2f", b.height[k]);
      mg.texts.push_back({static_cast<double>(k), b.height[k] + 0.03 * mg.y.hi, label, style.text,
                          fit_scale(label, room / 3.3, 0.8f), false, 0.5f, 1.0f});
    }
    const double line1 = mg.y.hi * 0.93, line2 = mg.y.hi * 0.83, line3 = mg.y.hi * 0.75;
    if (absolute) {
      mg.texts.push_back({-0.5, line1, "angle(e, e+p)", style.text,
                          fit_scale("angle(e, e+p)", room, 0.8f), false, 0.0f, 0.5f});
      mg.texts.push_back({-0.5, line2, fmt("= %.1f\xC2\xB0", split.angle_degrees), style.text, 0.8f,
                          true, 0.0f, 0.5f});
    } else {
      const bool nope = s.scheme == Scheme::Nope;
      const std::string a = nope ? (s.mask == Mask::Causal ? "(only the mask" : "(no mask either:")
                                 : "(position enters";
      const std::string b2 =
          nope ? (s.mask == Mask::Causal ? "tells positions)" : "order is invisible)")
               : "the scores)";
      const float small = std::min(fit_scale(a, room, 0.75f), fit_scale(b2, room, 0.75f));
      mg.texts.push_back({-0.5, line1, "p = 0: no vector", style.text,
                          fit_scale("p = 0: no vector", room, 0.8f), true, 0.0f, 0.5f});
      mg.texts.push_back({-0.5, line2, a, style.text, small, false, 0.0f, 0.5f});
      mg.texts.push_back({-0.5, line3, b2, style.text, small, false, 0.0f, 0.5f});
    }
  }
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

  // A repeated word: the cosine of its two occurrences before and after position.
  plot::Panel rp;
  rp.id = "repeated";
  rp.top = 0.53f;
  rp.left = 0.80f;
  rp.legend = plot::Corner::None;
  const std::optional<std::pair<int, int>> rep = first_repeated(tokens);
  if (rep) {
    const auto [a, b] = *rep;
    const double before = cosine_of(e.row(a).transpose(), e.row(b).transpose());
    const double after = cosine_of(r.inputs.row(a).transpose(), r.inputs.row(b).transpose());
    rp.title = "Repeated word";
    rp.texts.push_back({0.5, 1.5,
                        fmt("\xE2\x80\x9C%s\xE2\x80\x9D at %d and %d", tokens[a].c_str(), a, b),
                        style.text, 0.8f, true, 0.5f, 0.5f});
    if (!absolute) {
      rp.texts.push_back({0.5, 1.34, "(no vector added)", style.text, 0.75f, false, 0.5f, 0.5f});
    }
    rp.x.lo = -0.6;
    rp.x.hi = 1.6;
    rp.x.categories = {"before", "after"};
    rp.y.label = "cosine";
    rp.y.lo = std::min(0.0, after - 0.15);
    rp.y.hi = 1.6;
    plot::Bars bb;
    bb.x = {0.0};
    bb.height = {before};
    bb.width = 0.7;
    bb.color = style.series(0);
    plot::Bars ba = bb;
    ba.x = {1.0};
    ba.height = {after};
    ba.color = style.series(1);
    rp.bars = {bb, ba};
    rp.texts.push_back(
        {0.0, before + 0.04, fmt("%.4f", before), style.text, 0.8f, false, 0.5f, 1.0f});
    rp.texts.push_back({1.0, std::max(after, 0.0) + 0.04, fmt("%.4f", after), style.text, 0.8f,
                        false, 0.5f, 1.0f});
    rp.readout = [before, after, a = a, b = b, word = tokens[a]](
                     double, double) -> std::vector<std::string> {
      return {fmt("\xE2\x80\x9C%s\xE2\x80\x9D at positions %d and %d", word.c_str(), a, b),
              fmt("cosine before position: %.6f (the same vector)", before),
              fmt("cosine after adding position: %.6f", after)};
    };
  } else {
    rp.title = "Repeated word";
    rp.axes = false;
    rp.grid = false;
    rp.x.lo = 0.0;
    rp.x.hi = 1.0;
    rp.y.lo = 0.0;
    rp.y.hi = 1.0;
    rp.texts.push_back({0.02, 0.75, "No repeated word.", style.text, 0.85f, true, 0.0f, 0.5f});
    rp.texts.push_back(
        {0.02, 0.6, "Try \xE2\x80\x9Cthe cat", style.muted, 0.8f, false, 0.0f, 0.5f});
    rp.texts.push_back(
        {0.02, 0.48, "saw the dog\xE2\x80\x9D.", style.muted, 0.8f, false, 0.0f, 0.5f});
  }

  plot::Panel op = outputs_panel(r, test, tokens, request, style);

  f.panels = {std::move(lg), std::move(wt), std::move(en), std::move(pm),
              std::move(op), std::move(mg), std::move(rp)};
  // The numbers the panels state in words, for the CSV.
  for (long i = 0; i < n; ++i) {
    f.values.emplace_back("row_entropy_" + std::to_string(i) + "_" + tokens[static_cast<std::size_t>(i)],
                          r.entropy[i]);
  }
  if (test) {
    f.values.emplace_back("largest_output_difference", test->max_difference);
    for (long i = 0; i < row_diff.size(); ++i) {
      f.values.emplace_back("output_difference_position_" + std::to_string(i), row_diff[i]);
    }
  }
  if (has_supplementary(prm.text) || has_supplementary(prm.second)) {
    notes.push_back("characters beyond U+FFFF (most emoji) are drawn as \xEF\xBF\xBD");
  }
  std::string note;
  for (const std::string& part : notes) note += (note.empty() ? "" : " \xC2\xB7 ") + part;
  f.note = note;
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

bool PlaygroundView::extra_controls() {
  bool changed = false;
  if (ImGui::Button("Shuffle")) changed = shuffle_second() || changed;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Set the second sentence to a new random order of the sentence's words");
  ImGui::SameLine();
  if (ImGui::Button("Reverse")) changed = reverse_second() || changed;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Set the second sentence to the sentence's words in reverse order");
  return changed;
}

FigureBuilder PlaygroundView::builder(const SharedParams& shared,
                                      const plot::FigureRequest& request) const {
  return [shared, params = params_, request](const ProgressFn&) {
    return playground_figure(shared, params, request);
  };
}

}  // namespace peviz
