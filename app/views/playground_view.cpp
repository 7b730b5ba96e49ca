#include "playground_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

#include "app/plot/style.hpp"
#include "core/alibi.hpp"
#include "core/attention_identity.hpp"
#include "core/embedding.hpp"
#include "core/permutation.hpp"
#include "core/permutation_rows.hpp"
#include "core/shuffle.hpp"
#include "core/token_position.hpp"
#include "core/tokens.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"
#include "playground_panels.hpp"
#include "playground_permutation.hpp"
#include "view_util.hpp"

namespace peviz {

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
  return {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope, Scheme::Alibi,
          Scheme::Nope,       Scheme::T5,      Scheme::Xpos, Scheme::Pope};
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
    case Scheme::Xpos:
    case Scheme::Pope:
      out.push_back("base");
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
      "and every output is the same, only reordered, so “"
      "dog bites man” and “man bites dog” cannot be told apart "
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
          "so position enters the scores q·k, and the outputs change when the words "
          "move.";
      break;
    case Scheme::Xpos:
      out +=
          "xPos rotates each query and key as RoPE does (pairs side by side) and also scales "
          "pair i of the query by zeta_i^(n/512) and of the key by zeta_i^(-n/512), so each "
          "pair's share of q·k fades with the distance between them: position enters the "
          "scores, and the outputs change when the words move.";
      break;
    case Scheme::Pope:
      out +=
          "PoPE turns each of the d components of q and k into a complex number: its size "
          "softplus(x) comes from the word alone, its angle (position × theta_c) from the "
          "position alone. The score sums size × size × cos(distance × theta_c), so position "
          "enters the scores and the outputs change when the words move.";
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
  ap.learned_table = s.learned_table.get();
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

}  // namespace peviz

namespace peviz::playground {
namespace {

constexpr int kPrintedTokens = 32;  // values printed in the cells up to this many tokens

// ---------------------------------------------------------------------------------------
// The heading and the note.

// The parts of the subtitle, with how much each matters when there is no room for all.
struct Part {
  std::string text;
  int weight;  // parts of the lowest weights go first
};

std::string join_parts(const std::vector<Part>& parts, int at_least) {
  std::string out;
  for (const Part& p : parts) {
    if (p.weight >= at_least) out += (out.empty() ? "" : " · ") + p.text;
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
      out += (out.empty() ? "" : " · ") + (brief ? parts[i].brief : parts[i].full);
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

// The note's parts after the text's cut: values not printed, identity projections (forced
// at large d, or saturating), and characters the font cannot draw.
void add_notes(std::vector<NotePart>& notes, const PlaygroundParams& prm, bool printed,
               bool identity, bool collapsed) {
  if (!printed) {
    notes.push_back({fmt("values printed up to %d tokens: hover for exact values", kPrintedTokens),
                     "hover for values"});
  }
  // Said once, with the saturation note when there is one.
  const std::string forced_note =
      identity && !prm.identity ? fmt("d > %d: identity projections", kPlaygroundMaxRandomD) : "";
  if (collapsed && identity) {
    notes.push_back({(forced_note.empty() ? std::string("identity projections") : forced_note) +
                         ", q·q/√"
                         "d large: each token attends to itself; lower d to see more",
                     "identity projections: each token attends to itself"});
  } else if (!forced_note.empty()) {
    notes.push_back({forced_note + " (random ones would draw three d×"
                                   "d matrices)",
                     forced_note});
  }
  if (has_supplementary(prm.text) || has_supplementary(prm.second)) {
    notes.push_back({"characters beyond U+FFFF (most emoji) are drawn as �", "emoji drawn as �"});
  }
}

// The figure's title; none in a short figure, which gives the title's lines to the panels
// (the subtitle names the scheme).
std::string figure_title(double width, double height) {
  if (height < 400.0) return "";
  return choose_text({"Attention playground: can self-attention tell word order?",
                      "Can self-attention tell word order?", "Attention playground"},
                     kTitlePx, true, width, 1);
}

// Subtitle: the scheme and what it uses, so a screenshot explains itself; in a narrow
// figure the parts that matter least give way.
std::string compose_subtitle(const SharedParams& s, const PlaygroundParams& prm,
                             const AttentionParams& ap, std::size_t tokens, double width,
                             double height) {
  const bool identity = ap.identity_projections;
  std::vector<Part> parts = {{scheme_title(s.scheme), 9}, {fmt("d = %d", s.d), 5}};
  if (s.scheme == Scheme::Sinusoidal || s.scheme == Scheme::Rope || s.scheme == Scheme::Xpos ||
      s.scheme == Scheme::Pope)
    parts.push_back({"base " + num(s.base), 2});
  if (s.scheme == Scheme::Rope && s.scaling != Scaling::None) {
    parts.push_back({std::string(scaling_name(s.scaling)) + " ×" + num(s.factor), 4});
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
  parts.push_back({fmt("%zu token%s", tokens, tokens == 1 ? "" : "s"), 0});
  // Two lines in a tall figure, one in a short one.
  const std::size_t lines = height >= 650.0 ? 2 : 1;
  std::string out;
  for (int at_least = 0; at_least <= 9; ++at_least) {
    out = join_parts(parts, at_least);
    const std::vector<std::string> w = wrap(out, kFontPx, false, width);
    if (w.size() <= lines && widest_px(w, kFontPx, false) <= width) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What the panels show.

// The attention over the sentence, and the permutation test when the second sentence is a
// reordering of it.
struct Attended {
  Eigen::MatrixXd e;  // the token vectors
  AttentionResult r;
  std::optional<PermutationTest> test;
  Eigen::VectorXd row_diff;
};

// Throws what core throws.
Attended attend_sentence(const std::vector<std::string>& tokens,
                         const std::optional<std::vector<int>>& perm, const AttentionParams& ap,
                         int d) {
  const bool identity = ap.identity_projections;
  Attended a;
  a.e = embed_tokens(tokens, d);
  if (perm) {
    a.test =
        identity ? permutation_test_identity(a.e, *perm, ap) : permutation_test(a.e, *perm, ap);
    a.row_diff = permutation_row_differences(*a.test);
    a.r = a.test->original;
  } else {
    a.r = identity ? attend_identity(a.e, ap) : attend(a.e, ap);
  }
  return a;
}

// Every token puts (all but 1e-9 of) its weight on itself: the outputs are the inputs,
// whatever the positions (identity projections at large d: q.q/sqrt(d) ~ sqrt(d)).
bool attends_only_to_itself(const AttentionResult& r, long n) {
  bool collapsed = n > 1;
  for (long i = 0; i < n && collapsed; ++i) collapsed = r.weights(i, i) >= 1.0 - 1e-9;
  return collapsed;
}

// The permutation test's facts.
PermutationFacts permutation_facts(const std::vector<std::string>& tokens,
                                   const std::vector<std::string>& second,
                                   const std::optional<std::vector<int>>& perm, const Attended& a,
                                   bool collapsed, const SharedParams& s,
                                   const PlaygroundParams& prm, const plot::Style& style) {
  const long n = static_cast<long>(tokens.size());
  bool identity_perm = perm.has_value();
  if (perm) {
    for (long i = 0; i < n; ++i) identity_perm = identity_perm && (*perm)[i] == i;
  }
  PermutationFacts pf;
  pf.tokens = tokens;
  pf.second = second;
  pf.perm = perm;
  pf.identity_perm = identity_perm;
  pf.test = a.test;
  pf.row_diff = a.row_diff;
  pf.tol = 1e-9;  // outputs are O(1): differences below this are rounding
  pf.blind = a.test && a.test->max_difference < pf.tol;
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
  return pf;
}

// Token vs position magnitudes for the selected token.
MagnitudeFacts magnitude_facts(const SharedParams& s, const PlaygroundParams& prm,
                               const AttentionParams& ap, const Eigen::MatrixXd& e,
                               const std::vector<std::string>& tokens) {
  const long n = static_cast<long>(tokens.size());
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
  return mf;
}

// A repeated word: the cosine of its two occurrences before and after position.
RepeatFacts repeat_facts(const std::vector<std::string>& tokens, const Attended& a, bool absolute) {
  RepeatFacts rf;
  rf.absolute = absolute;
  if (const std::optional<std::pair<int, int>> rep = first_repeated(tokens)) {
    rf.found = true;
    std::tie(rf.a, rf.b) = *rep;
    rf.word = tokens[static_cast<std::size_t>(rf.a)];
    rf.before = cosine_of(a.e.row(rf.a).transpose(), a.e.row(rf.b).transpose());
    rf.after = cosine_of(a.r.inputs.row(rf.a).transpose(), a.r.inputs.row(rf.b).transpose());
  }
  return rf;
}

// Everything the panels show, worked out once for every arrangement tried.
struct Facts {
  std::vector<std::string> tokens;
  long n = 0;
  AttentionResult r;
  std::optional<PermutationTest> test;
  Eigen::VectorXd row_diff;
  bool printed = false;  // short enough to print values in the heatmaps
  GridFacts grids;
  PermutationFacts pf;
  MagnitudeFacts mf;
  RepeatFacts rf;
};

// ---------------------------------------------------------------------------------------
// The layout: the richest arrangement of panels that the figure's size holds, with every
// text whole. Boxes are in pixels of the body; `need` is the fewest decimals a short
// sentence's heatmap must print its values with to count as fitting (-1: none).

enum class Arrangement { Full, TwoRows, Columns, Stack, Row };

// Builds the panels of one arrangement in a body w x h.
class Arranger {
 public:
  Arranger(const Facts& x, const plot::Style& style, const plot::FigureRequest& request, double w,
           double h)
      : x_(x), style_(style), request_(request), w_(w), h_(h) {}

  // The panels, in the order they have always come in; nothing when `a` does not fit.
  std::optional<std::vector<plot::Panel>> arrange(Arrangement a);
  // A heatmap that could print its values does not.
  bool values_left_out() const { return values_left_out_; }

 private:
  bool full();
  bool two_rows();
  bool columns();
  bool stack_or_row(bool row);
  Box box(double x0, double y0, double x1, double y1) const {
    return Box{x0 * w_, y0 * h_, x1 * w_, y1 * h_};
  }
  bool add_grids(const std::vector<std::pair<bool, Box>>& grids, int need);
  std::optional<plot::Panel> make_secondary(const std::string& id, const Box& area) const;
  void note_shown(const std::string& id);
  bool fits_permutation(const Box& b) const;
  std::vector<std::string> left_out_numbers() const;

  const Facts& x_;
  const plot::Style& style_;
  const plot::FigureRequest& request_;
  double w_, h_;
  std::vector<plot::Panel> out_;
  Box pm_box_;
  std::vector<std::optional<plot::Panel>> rest_;  // after the permutation panel
  bool shows_magnitude_ = false, shows_repeated_ = false, shows_entropy_ = false;
  bool values_left_out_ = false;
};

// The heatmaps of `grids` (logits or not, and where), all drawn alike: the richest look
// every one of them has room for.
bool Arranger::add_grids(const std::vector<std::pair<bool, Box>>& grids, int need) {
  GridLook cap;
  for (const auto& [logits, area] : grids) {
    const GridLook look = grid_look(x_.grids, logits, area, need, GridLook{});
    if (!look.ok) return false;
    cap.colorbar = cap.colorbar && look.colorbar;
    cap.labels = cap.labels && look.labels;
  }
  std::vector<plot::Panel> made;
  for (const auto& [logits, area] : grids) {
    const GridLook look = grid_look(x_.grids, logits, area, need, cap);
    if (!look.ok) return false;
    made.push_back(grid_panel(x_.grids, logits, area, look, w_, h_, request_));
    if (look.decimals < 0 && x_.printed) values_left_out_ = true;
  }
  for (plot::Panel& p : made) out_.push_back(std::move(p));
  return true;
}

std::optional<plot::Panel> Arranger::make_secondary(const std::string& id, const Box& area) const {
  std::optional<plot::Panel> p;
  if (id == "entropy") p = entropy_panel(x_.r, x_.tokens, area, style_);
  if (id == "magnitude")
    p = magnitude_panel(x_.mf, area, w_ - area.x1 > 1.0 ? 0.02 * w_ : 0.0, style_);
  if (id == "repeated") p = repeated_panel(x_.rf, area, style_);
  if (id == "outputs") p = outputs_panel(x_.r, x_.test, x_.tokens, area, style_);
  if (p) place(*p, area, w_, h_);
  return p;
}

void Arranger::note_shown(const std::string& id) {
  shows_entropy_ = shows_entropy_ || id == "entropy";
  shows_magnitude_ = shows_magnitude_ || id == "magnitude";
  shows_repeated_ = shows_repeated_ || id == "repeated";
}

bool Arranger::fits_permutation(const Box& b) const {
  plot::Panel scratch;
  return permutation_panel(x_.pf, style_, scratch, b, false);
}

// The window's own layout: seven panels.
bool Arranger::full() {
  if (w_ < 1000.0 || h_ < 560.0) return false;
  if (!add_grids({{true, box(0.0, 0.0, 0.37, 0.47)}, {false, box(0.38, 0.0, 0.76, 0.47)}}, 1))
    return false;
  if (std::optional<plot::Panel> en = make_secondary("entropy", box(0.78, 0.0, 1.0, 0.47))) {
    note_shown("entropy");
    out_.push_back(std::move(*en));
  }
  pm_box_ = box(0.0, 0.53, 0.31, 1.0);
  for (const auto& [id, x0, x1] :
       {std::tuple{"outputs", 0.34, 0.56}, {"magnitude", 0.59, 0.77}, {"repeated", 0.80, 1.0}}) {
    rest_.push_back(make_secondary(id, box(x0, 0.53, x1, 1.0)));
    if (rest_.back()) note_shown(id);
  }
  return true;
}

// The heatmaps (and the entropy when wide) above; the permutation test below, with the
// other panels that fit beside it, the ones the sentence and the scheme make worth seeing
// first. The top row takes the least height that prints the values.
bool Arranger::two_rows() {
  const double w = w_, h = h_;
  if (h < 380.0) return false;
  const bool three = w >= 800.0;
  const bool short_sentence = x_.printed && x_.n <= 8;
  bool grids = false;
  double split = 0.47;
  for (double t = short_sentence ? 0.25 : 0.47; t <= 0.551 && !grids; t += 0.025) {
    out_.clear();
    split = t;
    grids = add_grids({{true, box(0.0, 0.0, three ? 0.37 : 0.49, t)},
                       {false, box(three ? 0.38 : 0.51, 0.0, three ? 0.76 : 1.0, t)}},
                      1);
  }
  if (!grids) return false;
  if (three) {
    if (std::optional<plot::Panel> en = make_secondary("entropy", box(0.78, 0.0, 1.0, split))) {
      note_shown("entropy");
      out_.push_back(std::move(*en));
    }
  }
  const double top = split + 0.06;
  std::vector<std::pair<std::string, double>> wanted;  // id, least width
  if (x_.rf.found) wanted.emplace_back("repeated", 190.0);
  if (x_.mf.absolute) wanted.emplace_back("magnitude", 200.0);
  if (!shows_entropy_) wanted.emplace_back("entropy", 200.0);
  if (!x_.mf.absolute) wanted.emplace_back("magnitude", 200.0);
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
    rest_.clear();
    std::string failed;
    for (auto it = chosen.rbegin(); it != chosen.rend() && failed.empty(); ++it) {
      rest_.push_back(make_secondary(it->first, it->second));
      if (!rest_.back()) failed = it->first;
    }
    if (failed.empty()) {
      for (const auto& [id, b] : chosen) note_shown(id);
      pm_box_ = Box{0.0, top * h, x1, h};
      break;
    }
    // Its numbers go to the test's lines, which the panels after it must not crowd out.
    wanted.erase(std::find_if(wanted.begin(), wanted.end(),
                              [&](const auto& c) { return c.first == failed; }),
                 wanted.end());
  }
  return fits_permutation(pm_box_);
}

// The heatmaps one above the other, the test beside them.
bool Arranger::columns() {
  const double cw = w_ >= 700.0 ? 0.55 : 0.5;
  if (!add_grids({{true, box(0.0, 0.0, cw, 0.49)}, {false, box(0.0, 0.51, cw, 1.0)}}, 1))
    return false;
  pm_box_ = box(cw + 0.02, 0.0, 1.0, 1.0);
  return true;
}

// The weights above the test, or beside it (`row`). With values, the weights get the least
// room that prints them and the test the rest; without, the test gets the least room that
// holds its verdict.
bool Arranger::stack_or_row(bool row) {
  bool fit = false;
  for (int need : row ? std::vector<int>{2, 1, -1} : std::vector<int>{1}) {
    const bool values = need >= 0 && x_.printed && x_.n <= 8;
    for (int k = 0; k <= 20 && !fit; ++k) {
      const double split = values ? 0.25 + 0.025 * k : 0.75 - 0.025 * k;
      out_.clear();
      const Box grid = row ? box(0.0, 0.0, split, 1.0) : box(0.0, 0.0, 1.0, split);
      pm_box_ = row ? box(split + 0.02, 0.0, 1.0, 1.0) : box(0.0, split + 0.03, 1.0, 1.0);
      if (!add_grids({{false, grid}}, need)) {
        if (values) continue;
        break;  // smaller still will not hold the heatmap either
      }
      fit = fits_permutation(pm_box_);
      if (values) break;  // more room for the weights leaves less for the test
    }
    if (fit) break;
  }
  if (!fit && !row) return false;
  if (!fit) {
    out_.clear();
    add_grids({{false, box(0.0, 0.0, 0.55, 1.0)}}, -1);
    pm_box_ = box(0.57, 0.0, 1.0, 1.0);
  }
  return true;
}

// The numbers of the panels left out, as lines of the permutation test.
std::vector<std::string> Arranger::left_out_numbers() const {
  std::vector<std::string> lines;
  const RepeatFacts& rf = x_.rf;
  const MagnitudeFacts& mf = x_.mf;
  if (rf.found && !shows_repeated_) {
    // No-break spaces keep a name with its number when the line wraps.
    lines.push_back(
        fmt("repeated “%s” (%d, %d): cosine\xC2\xA0%.4f"
            "\xC2\xA0→\xC2\xA0%.4f",
            rf.word.c_str(), rf.a, rf.b, rf.before, rf.after));
  }
  if (mf.absolute && !shows_magnitude_) {
    lines.push_back(
        fmt("“%s” at %ld: |e|\xC2\xA0%.2f, |p|\xC2\xA0%.2f, "
            "|e+p|\xC2\xA0%.2f",
            mf.word.c_str(), mf.position, mf.split.token_norm, mf.split.position_norm,
            mf.split.sum_norm));
  }
  if (!shows_entropy_ && x_.n <= 8) {
    std::string line = "row entropy:";
    for (long i = 0; i < x_.n; ++i) line += fmt(" %.2f", x_.r.entropy[i]);
    lines.push_back(line + " nats");
  }
  return lines;
}

std::optional<std::vector<plot::Panel>> Arranger::arrange(Arrangement a) {
  bool fits = false;
  switch (a) {
    case Arrangement::Full:
      fits = full();
      break;
    case Arrangement::TwoRows:
      fits = two_rows();
      break;
    case Arrangement::Columns:
      fits = columns();
      break;
    case Arrangement::Stack:
    case Arrangement::Row:
      fits = stack_or_row(a == Arrangement::Row);
      break;
  }
  if (!fits) return std::nullopt;
  // The permutation test, with the numbers of the panels left out in lines of its own.
  PermutationFacts facts = x_.pf;
  if (a != Arrangement::Full) facts.extras = left_out_numbers();
  plot::Panel pm;
  pm.id = "permutation";
  pm.axes = false;
  pm.grid = false;
  pm.legend = plot::Corner::None;
  place(pm, pm_box_, w_, h_);
  if (!permutation_panel(facts, style_, pm, pm_box_, a == Arrangement::Row) &&
      a != Arrangement::Row)
    return std::nullopt;
  // In the order the panels have always come in (lg, wt, en, pm, op, mg, rp).
  out_.push_back(std::move(pm));
  for (std::optional<plot::Panel>& p : rest_) {
    if (p) out_.push_back(std::move(*p));
  }
  std::vector<plot::Panel> ordered;
  for (const char* id :
       {"logits", "weights", "entropy", "permutation", "outputs", "magnitude", "repeated"}) {
    for (plot::Panel& p : out_) {
      if (p.id == id) ordered.push_back(std::move(p));
    }
  }
  return ordered;
}

// Lays the panels out below the heading of `f` and writes its note. The body's size depends
// on the note, and the note on whether the heatmaps print their values: lays out once
// without that part of the note, and again with it if needed.
void lay_out(plot::Figure& f, const Facts& x, const std::vector<NotePart>& notes, double width,
             double height, const plot::Style& style, const plot::FigureRequest& request) {
  const double head = heading_height(f, width);
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<NotePart> all = notes;
    if (pass == 1)
      all.push_back({"cells too small to print values: hover, or make the window larger",
                     "hover a cell for its value"});
    f.note = compose_note(all, width);
    const double body_h = std::max(100.0, height - head - note_height(f.note, width));
    std::optional<std::vector<plot::Panel>> panels;
    bool values_left_out = false;
    for (Arrangement a : {Arrangement::Full, Arrangement::TwoRows, Arrangement::Columns,
                          Arrangement::Stack, Arrangement::Row}) {
      Arranger arranger(x, style, request, width, body_h);
      panels = arranger.arrange(a);
      values_left_out = arranger.values_left_out();
      if (panels) break;
    }
    f.panels = std::move(*panels);
    if (!values_left_out || height < 400.0) break;
  }
}

// The numbers the panels state in words, for the CSV.
void add_values(plot::Figure& f, const Facts& x) {
  for (long i = 0; i < x.n; ++i) {
    f.values.emplace_back(
        "row_entropy_" + std::to_string(i) + "_" + x.tokens[static_cast<std::size_t>(i)],
        x.r.entropy[i]);
  }
  if (x.test) {
    f.values.emplace_back("largest_output_difference", x.test->max_difference);
    for (long i = 0; i < x.row_diff.size(); ++i) {
      f.values.emplace_back("output_difference_position_" + std::to_string(i), x.row_diff[i]);
    }
  }
}

}  // namespace
}  // namespace peviz::playground

namespace peviz {

plot::Figure playground_figure(const SharedParams& s, const PlaygroundParams& prm,
                               const plot::FigureRequest& request) {
  using namespace playground;
  const plot::Style style = plot::ink_style();
  plot::Figure f;
  // The figure's logical size (the draw layer's body font is 20 px in these pixels).
  const double width = std::max(request.width, 160), height = std::max(request.height, 160);
  f.title = figure_title(width, height);

  Facts x;
  x.tokens = tokenize(prm.text);
  std::vector<std::string> second = tokenize(prm.second);
  std::vector<NotePart> notes;
  if (static_cast<int>(x.tokens.size()) > kPlaygroundMaxTokens) {
    notes.push_back(
        {fmt("text cut to its first %d of %zu tokens", kPlaygroundMaxTokens, x.tokens.size()),
         fmt("first %d tokens", kPlaygroundMaxTokens)});
    x.tokens.resize(kPlaygroundMaxTokens);
  }
  if (static_cast<int>(second.size()) > kPlaygroundMaxTokens) second.resize(kPlaygroundMaxTokens);
  const AttentionParams ap = playground_attention(s, prm);
  const bool identity = ap.identity_projections;
  f.subtitle = compose_subtitle(s, prm, ap, x.tokens.size(), width, height);
  if (x.tokens.empty()) {
    f.message =
        prm.text.find_first_not_of(" \t\n\r") == std::string::npos
            ? "Type a sentence (for example “"
              "dog bites man”) to see attention over its words."
            : "The sentence has no words (punctuation and spaces are dropped): type some words.";
    return f;
  }
  x.n = static_cast<long>(x.tokens.size());
  const std::optional<std::vector<int>> perm = find_permutation(x.tokens, second);
  Attended a;
  try {
    a = attend_sentence(x.tokens, perm, ap, s.d);
  } catch (const std::exception& ex) {
    f.message = std::string("Cannot attend: ") + ex.what();
    return f;
  }
  x.r = a.r;
  x.test = a.test;
  x.row_diff = a.row_diff;
  x.printed = x.n <= kPrintedTokens;
  x.grids = grid_facts(x.r, x.tokens, x.printed);
  const bool collapsed = attends_only_to_itself(x.r, x.n);
  x.pf = permutation_facts(x.tokens, second, perm, a, collapsed, s, prm, style);
  x.mf = magnitude_facts(s, prm, ap, a.e, x.tokens);
  x.rf = repeat_facts(x.tokens, a, x.mf.absolute);

  add_notes(notes, prm, x.printed, identity, collapsed);
  lay_out(f, x, notes, width, height, style, request);
  add_values(f, x);
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
