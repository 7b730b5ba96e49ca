// Tests for the "playground" view: the heatmaps against core's attend() (rows of weights
// sum to 1, the causal mask puts 0 on the future), the big number against
// permutation_test()'s max_difference (< 1e-12 for NoPE without a mask, > 1e-3 for
// sinusoidal and RoPE on "dog bites man" / "man bites dog"), the magnitude bars against
// |PE| = sqrt(d/2), the repeated word's cosine against vectors built here, the edge inputs
// (empty, one word, punctuation, non-ASCII, 200 words at d = 4096) and the rendered pixels;
// and every lesson step that shows the playground at the logical sizes of a lecture hall's
// projectors (text scale 1 and 2), measured with the window's fonts: no text cut off,
// shortened or drawn over another, none made smaller to fit, the verdict always there.
#include <gtest/gtest.h>
#include <imgui.h>

#include <array>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/plot/backend/fonts.hpp"
#include "app/plot/draw_figure.hpp"
#include "app/plot/text_audit.hpp"
#include "app/views/playground_view.hpp"
#include "core/attention.hpp"
#include "core/embedding.hpp"
#include "core/permutation.hpp"
#include "core/shuffle.hpp"
#include "core/sinusoidal.hpp"
#include "core/tokens.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

struct Playground {
  std::unique_ptr<View> view = view_named("playground");
  SharedParams shared;
  explicit Playground(Scheme scheme, Mask mask = Mask::Causal) {
    shared.scheme = scheme;
    shared.mask = mask;
  }
  void set(const std::string& name, const std::string& value) {
    set_param(shared, *view, name, value);
  }
  plot::Figure figure(int w = 1200, int h = 800) const { return build(*view, shared, w, h); }
};

// What attend() gives for the shared parameters' scheme on `text` (random projections).
AttentionParams core_params(const SharedParams& s) {
  AttentionParams p;
  p.scheme = s.scheme;
  p.mask = s.mask;
  p.d = s.d;
  p.base = s.base;
  p.seed = static_cast<std::uint64_t>(s.seed);
  return p;
}

// The permutation panel's big number: the text drawn largest.
const plot::Text* big_number(const plot::Figure& f) {
  const plot::Panel* p = panel(f, "permutation");
  if (!p) return nullptr;
  const plot::Text* best = nullptr;
  for (const plot::Text& t : p->texts) {
    if (!best || t.scale > best->scale) best = &t;
  }
  return best;
}

// The exact difference the permutation panel's readout states.
double readout_difference(const plot::Figure& f) {
  const plot::Panel* p = panel(f, "permutation");
  const std::vector<std::string> r = p->readout(0.0, 0.0);
  EXPECT_FALSE(r.empty());
  const std::string& line = r.front();
  return std::stod(line.substr(line.find('=') + 1));
}

// Every text of the figure, one after the other with spaces between: a wording the figure
// wraps over lines reads whole.
std::string words_of(const plot::Figure& f) {
  std::string out = all_text(f);
  for (char& c : out) c = c == '\n' ? ' ' : c;
  return out;
}

// The view's formats for an exact weight and an angle.
std::string fmt_weight(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.6f", v);
  return b;
}
std::string fmt_degrees(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.1f°", v);
  return b;
}

TEST(PlaygroundViewTest, HeatmapsAreCoresAttentionAndTheMaskZeroesTheFuture) {
  Playground s(Scheme::Sinusoidal);
  const plot::Figure f = s.figure();
  const plot::Panel* lg = panel(f, "logits");
  const plot::Panel* wt = panel(f, "weights");
  ASSERT_TRUE(lg && wt && lg->heatmap && wt->heatmap);
  const Eigen::MatrixXd& logits = *lg->heatmap->values;
  const Eigen::MatrixXd& w = *wt->heatmap->values;
  ASSERT_EQ(w.rows(), 3);
  ASSERT_EQ(w.cols(), 3);
  const AttentionResult r =
      attend(embed_tokens(tokenize("dog bites man"), 64), core_params(s.shared));
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(w.row(i).sum(), 1.0, 1e-12) << "row " << i;
    for (int j = 0; j < 3; ++j) {
      EXPECT_NEAR(w(i, j), r.weights(i, j), 1e-12) << i << "," << j;
      if (j > i) {
        EXPECT_EQ(w(i, j), 0.0) << "the future gets no weight: " << i << "," << j;
        EXPECT_TRUE(std::isinf(logits(i, j)) && logits(i, j) < 0) << i << "," << j;
      } else {
        EXPECT_NEAR(logits(i, j), r.logits(i, j), 1e-12) << i << "," << j;
      }
    }
  }
  // The first query sees only itself: weight 1, entropy 0.
  EXPECT_DOUBLE_EQ(w(0, 0), 1.0);
  EXPECT_EQ(lg->x.categories, (std::vector<std::string>{"dog", "bites", "man"}));
  EXPECT_EQ(wt->y.categories, lg->x.categories);
  // Printed values: the weight of (man, dog) in its cell, masked cells crossed out.
  bool printed = false;
  for (const plot::Text& t : wt->texts)
    printed = printed ||
              (t.x == 0.0 && t.y == 2.0 && std::abs(std::stod(t.text) - r.weights(2, 0)) < 0.006);
  EXPECT_TRUE(printed);
  EXPECT_EQ(wt->shapes.size(), 6u);  // three masked cells, two strokes each
  // Entropy bars end at core's entropy.
  const plot::Panel* en = panel(f, "entropy");
  ASSERT_TRUE(en);
  ASSERT_EQ(en->shapes.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(en->shapes[i].x1, r.entropy[i], 1e-12);
  EXPECT_NEAR(r.entropy[0], 0.0, 1e-15);
  // The readout names the words and gives the exact weight.
  const std::vector<std::string> hover = wt->readout(0.0, 2.0);
  ASSERT_EQ(hover.size(), 3u);
  EXPECT_NE(hover[0].find("man"), std::string::npos);
  EXPECT_NE(hover[2].find(fmt_weight(r.weights(2, 0))), std::string::npos) << hover[2];
}

TEST(PlaygroundViewTest, NoPositionNoMaskTheOutputsOnlyReorder) {
  Playground s(Scheme::Nope, Mask::None);
  const plot::Figure f = s.figure();
  const Eigen::MatrixXd e = embed_tokens(tokenize("dog bites man"), 64);
  const PermutationTest t = permutation_test(e, {2, 1, 0}, core_params(s.shared));
  EXPECT_LT(t.max_difference, 1e-12);
  const double shown = readout_difference(f);
  EXPECT_LT(shown, 1e-12);
  EXPECT_NEAR(shown, t.max_difference, 1e-15);
  const plot::Text* big = big_number(f);
  ASSERT_TRUE(big);
  EXPECT_GE(big->scale, 1.4f);
  EXPECT_LT(std::stod(big->text), 1e-12) << big->text;
  EXPECT_NE(words_of(f).find("cannot tell word order"), std::string::npos);
}

TEST(PlaygroundViewTest, SinusoidalAndRopeMakeTheOutputsDiffer) {
  for (Scheme scheme : {Scheme::Sinusoidal, Scheme::Rope, Scheme::Xpos, Scheme::Pope}) {
    for (Mask mask : {Mask::None, Mask::Causal}) {
      if (scheme == Scheme::Pope && mask == Mask::None) continue;  // see the test below
      SCOPED_TRACE(scheme_name(scheme));
      Playground s(scheme, mask);
      const plot::Figure f = s.figure();
      const Eigen::MatrixXd e = embed_tokens(tokenize("dog bites man"), 64);
      const PermutationTest t = permutation_test(e, {2, 1, 0}, core_params(s.shared));
      EXPECT_GT(t.max_difference, 1e-3);
      EXPECT_NEAR(readout_difference(f), t.max_difference, 1e-3 * t.max_difference);
      const plot::Text* big = big_number(f);
      ASSERT_TRUE(big);
      EXPECT_NEAR(std::stod(big->text), t.max_difference, 0.006 * t.max_difference) << big->text;
      EXPECT_NE(words_of(f).find("position is visible"), std::string::npos);
    }
  }
}

TEST(PlaygroundViewTest, PositionScaleZeroRemovesPosition) {
  Playground s(Scheme::Sinusoidal, Mask::None);
  s.set("position-scale", "0");
  const plot::Figure f = s.figure();
  EXPECT_LT(readout_difference(f), 1e-12);
  EXPECT_NE(words_of(f).find("cannot tell word order"), std::string::npos);
  // With the causal mask the mask alone still makes the outputs differ.
  Playground c(Scheme::Sinusoidal, Mask::Causal);
  c.set("position-scale", "0");
  const plot::Figure g = c.figure();
  EXPECT_GT(readout_difference(g), 1e-3);
  EXPECT_NE(words_of(g).find("causal mask makes position visible"), std::string::npos);
}

TEST(PlaygroundViewTest, PopeWithoutBiasOrMaskCannotTellAReversal) {
  // PoPE's score sum_c w_c cos((j - i) theta_c) is even in the distance (no phase bias), so
  // without a mask a reversed sentence gives the same outputs, reordered: rounding. A
  // reordering that changes the distances between words is seen.
  Playground s(Scheme::Pope, Mask::None);
  const Eigen::MatrixXd e = embed_tokens(tokenize("dog bites man"), 64);
  const PermutationTest reversed = permutation_test(e, {2, 1, 0}, core_params(s.shared));
  EXPECT_LT(reversed.max_difference, 1e-12);
  EXPECT_LT(readout_difference(s.figure()), 1e-12);
  const PermutationTest swapped = permutation_test(e, {1, 0, 2}, core_params(s.shared));
  EXPECT_GT(swapped.max_difference, 1e-3);
  s.set("second", "bites dog man");
  EXPECT_NEAR(readout_difference(s.figure()), swapped.max_difference,
              1e-3 * swapped.max_difference);
}

TEST(PlaygroundViewTest, XposAndPopeWithoutPositionCannotTellWordOrder) {
  // Position scale 0: xPos rotates and scales by nothing; PoPE keeps its softplus magnitudes
  // but every phase is 0. Without a mask both are then a bag of words.
  for (Scheme scheme : {Scheme::Xpos, Scheme::Pope}) {
    SCOPED_TRACE(scheme_name(scheme));
    Playground s(scheme, Mask::None);
    s.set("position-scale", "0");
    const plot::Figure f = s.figure();
    EXPECT_LT(readout_difference(f), 1e-12);
    EXPECT_NE(words_of(f).find("cannot tell word order"), std::string::npos);
    EXPECT_NE(f.subtitle.find(scheme == Scheme::Xpos ? "xPos" : "PoPE"), std::string::npos)
        << f.subtitle;
  }
}

TEST(PlaygroundViewTest, MagnitudesOfTokenAndPosition) {
  Playground s(Scheme::Sinusoidal);
  s.set("token", "1");  // "bites" at position 1
  const plot::Figure f = s.figure();
  const plot::Panel* mg = panel(f, "magnitude");
  ASSERT_TRUE(mg && !mg->bars.empty());
  const std::vector<double>& h = mg->bars[0].height;
  ASSERT_EQ(h.size(), 3u);
  const Eigen::VectorXd e = word_embedding("bites", 64);
  const Eigen::VectorXd pe =
      sinusoidal_encoding({64, 10000.0, 2, 0, Layout::Interleaved}).row(1).transpose();
  EXPECT_NEAR(h[0], e.norm(), 1e-12);
  EXPECT_NEAR(h[1], std::sqrt(32.0), 1e-12);  // |PE(p)|^2 = d/2: one sin^2 + cos^2 per pair
  EXPECT_NEAR(h[2], (e + pe).norm(), 1e-12);
  const double angle = std::acos(e.dot(e + pe) / (e.norm() * (e + pe).norm())) * 180.0 / M_PI;
  EXPECT_NE(all_text(f).find(fmt_degrees(angle)), std::string::npos) << all_text(f);
  // A relative scheme adds no vector: |p| = 0 and it says where position goes instead.
  Playground r(Scheme::Rope);
  const plot::Figure g = r.figure();
  EXPECT_EQ(panel(g, "magnitude")->bars[0].height[1], 0.0);
  EXPECT_NE(words_of(g).find("position enters"), std::string::npos);
}

TEST(PlaygroundViewTest, RepeatedWordCosineBeforeAndAfterPosition) {
  Playground s(Scheme::Sinusoidal);
  s.set("text", "the cat saw the dog");
  s.set("second", "the dog saw the cat");
  const plot::Figure f = s.figure();
  const plot::Panel* rp = panel(f, "repeated");
  ASSERT_TRUE(rp);
  ASSERT_EQ(rp->bars.size(), 2u);
  const Eigen::VectorXd e = word_embedding("the", 64);
  const Eigen::MatrixXd pe = sinusoidal_encoding({64, 10000.0, 4, 0, Layout::Interleaved});
  const Eigen::VectorXd a = e + pe.row(0).transpose(), b = e + pe.row(3).transpose();
  EXPECT_NEAR(rp->bars[0].height[0], 1.0, 1e-15);
  EXPECT_NEAR(rp->bars[1].height[0], a.dot(b) / (a.norm() * b.norm()), 1e-12);
  EXPECT_LT(rp->bars[1].height[0], 0.999);
  EXPECT_NE(all_text(f).find("“the” at 0 and 3"), std::string::npos);
  // Repeated words are matched in order: the first "the" stays, "cat" and "dog" swap.
  const plot::Panel* pm = panel(f, "permutation");
  ASSERT_TRUE(pm);
  // The chip of "dog" in the reordered row (the lower of the two "dog" chips).
  const plot::Text* chip = nullptr;
  for (const plot::Text& t : pm->texts) {
    if (t.text == "dog" && (!chip || t.y > chip->y)) chip = &t;
  }
  ASSERT_TRUE(chip);
  const std::vector<std::string> hover = pm->readout(chip->x, chip->y);
  ASSERT_GE(hover.size(), 2u);
  EXPECT_NE(hover[1].find("moved from position 4 to 1"), std::string::npos) << hover[1];
  // NoPE: nothing is added, the two "the" stay the same vector.
  Playground n(Scheme::Nope);
  n.set("text", "the cat saw the dog");
  EXPECT_NEAR(panel(n.figure(), "repeated")->bars[1].height[0], 1.0, 1e-15);
}

TEST(PlaygroundViewTest, EdgeInputsGiveAMessageOrASensiblePicture) {
  {
    Playground s(Scheme::Sinusoidal);
    s.set("text", "");
    const plot::Figure f = s.figure();
    EXPECT_TRUE(f.panels.empty());
    EXPECT_NE(f.message.find("Type a sentence"), std::string::npos);
  }
  {
    Playground s(Scheme::Rope);
    s.set("text", "?! ... — ,;");
    const plot::Figure f = s.figure();
    EXPECT_TRUE(f.panels.empty());
    EXPECT_NE(f.message.find("no words"), std::string::npos);
  }
  {
    Playground s(Scheme::Alibi);
    s.set("text", "dog");
    const plot::Figure f = s.figure();
    ASSERT_TRUE(panel(f, "weights"));
    EXPECT_DOUBLE_EQ((*panel(f, "weights")->heatmap->values)(0, 0), 1.0);
    EXPECT_NE(words_of(f).find("one word: nothing to reorder"), std::string::npos);
    EXPECT_GT(ink_of(render(f)).colours, 20u);
  }
  {
    Playground s(Scheme::Nope);
    s.set("text", "the cat sat");
    const plot::Figure f = s.figure();
    EXPECT_NE(words_of(f).find("“man bites dog” is not a reordering of “the cat sat"),
              std::string::npos);
    EXPECT_TRUE(panel(f, "permutation")->readout(0.0, 0.0).empty() ||
                panel(f, "permutation")->readout(0.0, 0.0)[0].find("largest") == std::string::npos);
  }
  {
    Playground s(Scheme::T5);
    s.set("text",
          "Ü"
          "ber straß"
          "e 東京 東京");
    s.set("second",
          "東京 ü"
          "ber 東京 straß"
          "e");
    const plot::Figure f = s.figure();
    ASSERT_TRUE(panel(f, "weights"));
    EXPECT_EQ(panel(f, "weights")->heatmap->values->rows(), 4);
    EXPECT_EQ(all_text(f).find("not a reordering"), std::string::npos) << "lower-cased Ü matches ü";
    EXPECT_GT(ink_of(render(f)).pixels, 1200L * 800L / 100L);
  }
  {
    // 200 words at d = 4096: identity projections, no printed values (its speed is in
    // bench/core_bench.cpp, AttendIdentity).
    Playground s(Scheme::Rope);
    s.set("d", "4096");
    std::string text;
    for (int i = 0; i < 200; ++i) text += "w" + std::to_string(i % 23) + " ";
    s.set("text", text);
    const plot::Figure f = s.figure();
    const plot::Panel* wt = panel(f, "weights");
    ASSERT_TRUE(wt);
    EXPECT_EQ(wt->heatmap->values->rows(), 200);
    EXPECT_TRUE(wt->texts.empty());
    EXPECT_NE(f.note.find("hover"), std::string::npos);
    EXPECT_NE(f.note.find("identity projections"), std::string::npos);
    for (int i = 0; i < 200; i += 37) EXPECT_NEAR(wt->heatmap->values->row(i).sum(), 1.0, 1e-12);
    EXPECT_GT(ink_of(render(f)).colours, 20u);
  }
}

TEST(PlaygroundViewTest, LargeDUsesIdentityProjectionsWithCoresNumbers) {
  Playground s(Scheme::Learned);
  s.set("d", "600");
  const plot::Figure f = s.figure();
  AttentionParams p = core_params(s.shared);
  p.scheme = Scheme::Learned;
  p.identity_projections = true;
  const AttentionResult r = attend(embed_tokens(tokenize("dog bites man"), 600), p);
  const Eigen::MatrixXd& w = *panel(f, "weights")->heatmap->values;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(w(i, j), r.weights(i, j), 1e-12);
  }
  EXPECT_NE(f.subtitle.find("identity projections"), std::string::npos);
}

TEST(PlaygroundViewTest, SaturatedSelfAttentionIsNamedNotCalledBlind) {
  // Identity projections at d = 4096: q.q/sqrt(d) is about sqrt(d) = 64, every token keeps its
  // weight on itself, the outputs are the inputs and equal after un-shuffling even under RoPE.
  Playground s(Scheme::Rope, Mask::None);
  s.set("d", "4096");
  const plot::Figure f = s.figure();
  const Eigen::MatrixXd& w = *panel(f, "weights")->heatmap->values;
  for (int i = 0; i < 3; ++i) EXPECT_GT(w(i, i), 1.0 - 1e-9);
  EXPECT_LT(readout_difference(f), 1e-12);
  const std::string text = all_text(f);
  EXPECT_NE(text.find("attends only to itself"), std::string::npos);
  EXPECT_EQ(text.find("cannot tell word order"), std::string::npos);
  // At d = 64 with the same projections the weights spread and RoPE shows.
  Playground t(Scheme::Rope, Mask::None);
  t.set("identity", "true");
  EXPECT_GT(readout_difference(t.figure()), 1e-3);
}

TEST(PlaygroundViewTest, AlibiHeadIsClampedAndNamed) {
  Playground s(Scheme::Alibi);
  s.set("heads", "4");
  s.set("head", "9");
  const plot::Figure f = s.figure();
  EXPECT_NE(f.subtitle.find("head 3 of 4 (slope 0.003906)"), std::string::npos)
      << f.subtitle;  // 2^-8 = 0.00390625
}

TEST(PlaygroundViewTest, RenderedPictureShowsTheVerdictColours) {
  // NoPE without a mask: the matching rows and the big number are green, nothing orange.
  Playground n(Scheme::Nope, Mask::None);
  const std::vector<std::uint8_t> green = render(n.figure());
  // Sinusoidal: orange rows and number.
  Playground s(Scheme::Sinusoidal, Mask::None);
  const std::vector<std::uint8_t> orange = render(s.figure());
  EXPECT_GT(pixels_near(green, 0x009e73), 2000);
  EXPECT_LT(pixels_near(green, 0xd55e00), 200);  // the p bar is empty, no orange verdict
  EXPECT_GT(pixels_near(orange, 0xd55e00), 2000);
  EXPECT_LT(pixels_near(orange, 0x009e73), 200);
  const Ink ink = ink_of(orange);
  EXPECT_GT(ink.colours, 50u);
  EXPECT_GT(ink.pixels, 1200L * 800L / 20L);
}

// The outputs panel: rows 0..n-1 are core's outputs of the sentence (first 16 dims), row n
// the separator, rows n+1..2n the reordered sentence's outputs put back in the sentence's
// order: the row of "dog" in "man bites dog" (its row 2) goes to row n+1+0.
struct OutputBlocks {
  Eigen::MatrixXd top, bottom;
};
OutputBlocks output_blocks(const plot::Figure& f, long n) {
  const plot::Panel* p = panel(f, "outputs");
  EXPECT_TRUE(p && p->heatmap);
  if (!p || !p->heatmap) return {};
  const Eigen::MatrixXd& m = *p->heatmap->values;
  EXPECT_EQ(m.rows(), 2 * n + 1);
  return {m.topRows(n), m.bottomRows(n)};
}

TEST(PlaygroundViewTest, OutputsPanelIsCoresOutputsAndTheUnshuffledReordering) {
  for (const Scheme scheme : {Scheme::Nope, Scheme::Sinusoidal}) {
    Playground s(scheme, Mask::None);
    const plot::Figure f = s.figure(1600, 1000);
    const OutputBlocks b = output_blocks(f, 3);
    ASSERT_EQ(b.top.cols(), 16);  // min(d = 64, 16)
    const AttentionParams ap = core_params(s.shared);
    const AttentionResult first = attend(embed_tokens(tokenize("dog bites man"), 64), ap);
    const AttentionResult second = attend(embed_tokens(tokenize("man bites dog"), 64), ap);
    // "man bites dog" row i holds the word of sentence row {2, 1, 0}[i].
    const int back[3] = {2, 1, 0};
    for (int i = 0; i < 3; ++i) {
      for (int c = 0; c < 16; ++c) {
        EXPECT_NEAR(b.top(i, c), first.outputs(i, c), 1e-12) << i << "," << c;
        EXPECT_NEAR(b.bottom(back[i], c), second.outputs(i, c), 1e-12) << i << "," << c;
      }
    }
    const double diff = (b.top - b.bottom).cwiseAbs().maxCoeff();
    if (scheme == Scheme::Nope) {
      EXPECT_LT(diff, 1e-12) << "no position, no mask: the same rows";
    } else {
      EXPECT_GT(diff, 1e-3) << "sinusoidal: position changes the outputs";
    }
    // Diverging colours centred on 0.
    const plot::Panel* p = panel(f, "outputs");
    EXPECT_EQ(p->heatmap->colormap, ColormapId::RdBu);
    EXPECT_DOUBLE_EQ(p->heatmap->lo, -p->heatmap->hi);
    EXPECT_NEAR(p->heatmap->hi,
                std::max(b.top.cwiseAbs().maxCoeff(), b.bottom.cwiseAbs().maxCoeff()), 1e-15);
    EXPECT_EQ(p->y.categories,
              (std::vector<std::string>{"dog", "bites", "man", "", "dog", "bites", "man"}));
    // The readout states the exact value.
    const std::vector<std::string> r = p->readout(5.0, 1.0);
    ASSERT_GE(r.size(), 2u);
    EXPECT_NE(r[1].find(fmt_weight(first.outputs(1, 5))), std::string::npos) << r[1];
  }
}

TEST(PlaygroundViewTest, OutputsPanelAtSmallDAndWithoutAReordering) {
  Playground s(Scheme::Sinusoidal, Mask::None);
  s.set("d", "4");
  s.set("second", "a cat");  // not a reordering: only the sentence's rows
  const plot::Figure f = s.figure();
  const plot::Panel* p = panel(f, "outputs");
  ASSERT_TRUE(p && p->heatmap);
  const AttentionResult r =
      attend(embed_tokens(tokenize("dog bites man"), 4), core_params(s.shared));
  ASSERT_EQ(p->heatmap->values->rows(), 3);
  ASSERT_EQ(p->heatmap->values->cols(), 4);
  EXPECT_LT((*p->heatmap->values - r.outputs).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(PlaygroundViewTest, OutputsValuesPrintedOnlyInLargeCells) {
  // d = 4: four wide cells at 1600 x 1000 have room for "-0.00"; 16 columns at 1200 do not.
  Playground big(Scheme::Nope, Mask::None);
  big.set("d", "4");
  const plot::Figure f = big.figure(1600, 1000);
  const plot::Panel* p = panel(f, "outputs");
  ASSERT_TRUE(p);
  long printed = 0;
  for (const plot::Text& t : p->texts) {
    if (t.y == 3.0) continue;  // the separator's label
    const long i = std::lround(t.y), c = std::lround(t.x);
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", (*p->heatmap->values)(i, c));
    EXPECT_TRUE(t.text == b || (std::string(b) == "-0.00" && t.text == "0.00"))
        << t.text << " vs " << b;
    ++printed;
  }
  EXPECT_EQ(printed, 6 * 4);  // every cell but the separator row
  Playground small(Scheme::Nope, Mask::None);
  const plot::Figure small_figure = small.figure(1200, 800);  // kept: q points into it
  const plot::Panel* q = panel(small_figure, "outputs");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->texts.size(), 1u);  // only the separator's label
}

PlaygroundView& playground_of(Playground& s) {
  auto* v = dynamic_cast<PlaygroundView*>(s.view.get());
  EXPECT_NE(v, nullptr);
  return *v;
}

// The words of `text` in the order shuffled_order(n, seed) gives.
std::vector<std::string> reordered(const std::vector<std::string>& words, std::uint64_t seed) {
  std::vector<std::string> out;
  for (int from : shuffled_order(static_cast<int>(words.size()), seed))
    out.push_back(words[static_cast<std::size_t>(from)]);
  return out;
}

TEST(PlaygroundViewTest, ShuffleDrawsNewReorderingsFromTheSeedSequence) {
  Playground s(Scheme::Nope, Mask::None);
  s.set("text", "the cat saw a dog");
  PlaygroundView& v = playground_of(s);
  const std::vector<std::string> words = tokenize("the cat saw a dog");
  std::uint64_t seed = 0;
  std::vector<std::string> previous = tokenize(v.params().second);
  for (int k = 0; k < 6; ++k) {
    ASSERT_TRUE(v.shuffle_second());
    const std::vector<std::string> now = tokenize(v.params().second);
    // The expected draw: the next seed whose order is neither the sentence nor the last one.
    std::vector<std::string> expected = reordered(words, seed++);
    while (expected == words || expected == previous) expected = reordered(words, seed++);
    EXPECT_EQ(now, expected) << "shuffle " << k;
    EXPECT_EQ(v.shuffles_drawn(), static_cast<long>(seed));
    const std::optional<std::vector<int>> perm = find_permutation(words, now);
    ASSERT_TRUE(perm.has_value()) << v.params().second;
    bool identity = true;
    for (int i = 0; i < 5; ++i) identity = identity && (*perm)[static_cast<std::size_t>(i)] == i;
    EXPECT_FALSE(identity) << v.params().second;
    EXPECT_NE(now, previous);
    previous = now;
  }
  // The figure follows: the lower block is the same rows (NoPE, no mask).
  const OutputBlocks b = output_blocks(s.figure(), 5);
  EXPECT_LT((b.top - b.bottom).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_GT(b.top.cwiseAbs().maxCoeff(), 0.1);
}

TEST(PlaygroundViewTest, ShuffleWithRepeatedAndFewWords) {
  Playground s(Scheme::Nope);
  PlaygroundView& v = playground_of(s);
  // Repeated words: swapping the two "a"s is no reordering; never drawn.
  s.set("text", "a a b");
  for (int k = 0; k < 10; ++k) {
    v.shuffle_second();
    EXPECT_NE(v.params().second, "a a b");
    EXPECT_TRUE(find_permutation(tokenize("a a b"), tokenize(v.params().second)).has_value());
  }
  // Two words: the only other order, then nothing new.
  s.set("text", "b a");
  s.set("second", "b a");
  EXPECT_TRUE(v.shuffle_second());
  EXPECT_EQ(v.params().second, "a b");
  EXPECT_FALSE(v.shuffle_second());
  EXPECT_EQ(v.params().second, "a b");
  // One word, or none: nothing to shuffle, no crash.
  s.set("text", "word");
  EXPECT_FALSE(v.shuffle_second());
  s.set("text", "");
  s.set("second", "");
  EXPECT_FALSE(v.shuffle_second());
}

TEST(PlaygroundViewTest, ReverseSetsTheReversedSentence) {
  Playground s(Scheme::Nope);
  PlaygroundView& v = playground_of(s);
  s.set("text", "Dog, bites the man!");
  s.set("second", "x");
  EXPECT_TRUE(v.reverse_second());
  EXPECT_EQ(tokenize(v.params().second), tokenize("man the bites Dog"));
  EXPECT_FALSE(v.reverse_second());  // already reversed
}

TEST(PlaygroundViewTest, ActionsAreShuffleAndReverse) {
  Playground s(Scheme::Nope);
  PlaygroundView& v = playground_of(s);
  s.set("text", "the dog bites the man");
  s.set("second", "the dog bites the man");
  const std::vector<ViewAction> a = v.actions();
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].label, "Shuffle");
  EXPECT_EQ(a[1].label, "Reverse");
  EXPECT_TRUE(a[1].run());
  EXPECT_EQ(tokenize(v.params().second), tokenize("man the bites dog the"));
  EXPECT_TRUE(a[0].run());
  EXPECT_EQ(v.shuffles_drawn(), 1);
}

TEST(PlaygroundViewTest, RenderedOutputsPanelHasBothDivergingColours) {
  Playground s(Scheme::Sinusoidal, Mask::None);
  const int w = 1600, h = 1000;
  const std::vector<std::uint8_t> rgba = render(s.figure(w, h), w, h);
  // The outputs panel's region (x 0.36..0.59 of the width, lower half).
  long reds = 0, blues = 0;
  for (int y = h / 2 + 60; y < h - 40; ++y) {
    for (int x = static_cast<int>(0.38 * w); x < static_cast<int>(0.52 * w); ++x) {
      const std::size_t i = 4 * (static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x));
      const int r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
      if (r > b + 60 && r > g + 40) ++reds;
      if (b > r + 60) ++blues;
    }
  }
  EXPECT_GT(reds, 1500);
  EXPECT_GT(blues, 1500);
}

// The window's fonts (DejaVu Sans at `scale`), in an ImGui context of their own, to measure
// text as the screen does.
class LectureFonts {
 public:
  explicit LectureFonts(float scale) : previous_(ImGui::GetCurrentContext()) {
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    fonts_ = load_fonts(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    ImGui::SetCurrentContext(previous_);
  }
  ~LectureFonts() {
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous_);
  }
  LectureFonts(const LectureFonts&) = delete;
  LectureFonts& operator=(const LectureFonts&) = delete;
  const Fonts& fonts() const { return fonts_; }

 private:
  ImGuiContext* previous_;
  ImGuiContext* context_ = nullptr;
  Fonts fonts_;
};

// A canvas that only measures text (with the window's fonts); the audit records the boxes.
class MeasureCanvas : public plot::Canvas {
 public:
  explicit MeasureCanvas(const Fonts& fonts) : fonts_(fonts) {}
  void line(plot::Vec2, plot::Vec2, plot::Color, float) override {}
  void polyline(const std::vector<plot::Vec2>&, plot::Color, float) override {}
  void convex_fill(const std::vector<plot::Vec2>&, plot::Color) override {}
  void rect(plot::Rect, plot::Color, float) override {}
  void rect_fill(plot::Rect, plot::Color) override {}
  void circle(plot::Vec2, float, plot::Color, float) override {}
  void circle_fill(plot::Vec2, float, plot::Color) override {}
  void text(plot::Vec2, const std::string&, plot::Color, float, bool, float, float, bool) override {
  }
  plot::Vec2 text_size(const std::string& text, float size, bool bold) override {
    const ImVec2 s =
        (bold ? fonts_.title : fonts_.body)->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
    return {s.x, s.y};
  }
  void heatmap(plot::Rect, const plot::HeatmapLayer&, plot::CellRange) override {}
  void colorbar(plot::Rect, ColormapId, bool) override {}
  void push_clip(plot::Rect) override {}
  void pop_clip() override {}

 private:
  const Fonts& fonts_;
};

// Every text problem of `f` drawn at a logical width x height with text scale `scale` (the
// window draws it at scale times the size, with fonts scale times as large).
std::vector<plot::TextProblem> text_problems(const plot::Figure& f, int width, int height,
                                             const LectureFonts& fonts, float scale) {
  MeasureCanvas canvas(fonts.fonts());
  plot::TextAudit audit;
  const plot::Rect area{0.0f, 0.0f, width * scale, height * scale};
  const plot::Style style = plot::light_style(20.0f * scale);
  const std::vector<plot::PanelGeometry> layout = plot::layout_figure(f, area, style, canvas, {});
  plot::AuditCanvas audited(canvas, audit, area);
  plot::draw_figure(f, layout, area, style, audited, std::nullopt);
  return audit.problems();
}

// The playground's steps of the built-in course (lessons 01, 02, 08, 09), as settings.
struct LessonStep {
  const char* name;
  Scheme scheme;
  Mask mask;
  std::vector<std::pair<std::string, std::string>> set;
  bool compares = true;  // the second sentence is another order of the first
};
std::vector<LessonStep> lesson_steps() {
  const std::pair<std::string, std::string> dbm{"text", "dog bites man"},
      mbd{"second", "man bites dog"};
  return {
      {"01.1", Scheme::Nope, Mask::None, {dbm, mbd}},
      {"01.2",
       Scheme::Nope,
       Mask::None,
       {{"text", "the cat saw the dog"}, {"second", "dog saw the cat the"}}},
      {"01.3", Scheme::Sinusoidal, Mask::None, {dbm, mbd}},
      {"01.4 (0)", Scheme::Sinusoidal, Mask::None, {dbm, mbd, {"position-scale", "0"}}},
      {"01.4 (0.37)", Scheme::Sinusoidal, Mask::None, {dbm, mbd, {"position-scale", "0.3725"}}},
      {"01.5", Scheme::Rope, Mask::None, {dbm, mbd}},
      {"01.6", Scheme::Nope, Mask::Causal, {dbm, mbd}},
      {"02.5", Scheme::Sinusoidal, Mask::None, {dbm, mbd, {"token", "2"}, {"positions", "201"}}},
      {"08.5", Scheme::Alibi, Mask::None, {dbm, mbd, {"heads", "8"}, {"head", "0"}}},
      {"08.6",
       Scheme::Alibi,
       Mask::None,
       {{"text", "dog bites the man"}, {"second", "the dog bites man"}, {"heads", "8"}}},
      {"08.7", Scheme::Alibi, Mask::Causal, {dbm, mbd, {"heads", "8"}}},
      {"09.3", Scheme::Nope, Mask::None, {dbm, mbd}},
      {"09.4", Scheme::Nope, Mask::Causal, {dbm, mbd}},
      {"09.5",
       Scheme::Nope,
       Mask::Causal,
       {{"text", "the the the the the"}, {"second", "the the the the the"}},
       false},
  };
}

// The logical sizes of the figure in presentation mode with the lesson column (1280 x 720,
// 1600 x 1000, 1920 x 1080 at text scale 1 and 2), and the normal window's.
struct LectureSize {
  int width, height;
  float scale;
};
const LectureSize kLectureSizes[] = {{864, 696, 1.0f},  {364, 336, 2.0f},   {1088, 976, 1.0f},
                                     {464, 476, 2.0f},  {1312, 1056, 1.0f}, {563, 516, 2.0f},
                                     {1136, 940, 1.0f}, {1200, 800, 1.0f},  {1600, 1000, 1.0f}};

TEST(PlaygroundViewTest, LectureSizesShowEveryTextWhole) {
  LectureFonts one(1.0f), two(2.0f);
  int failures = 0;
  for (const LessonStep& step : lesson_steps()) {
    Playground s(step.scheme, step.mask);
    for (const auto& [name, value] : step.set) s.set(name, value);
    for (const LectureSize& size : kLectureSizes) {
      const plot::Figure f = s.figure(size.width, size.height);
      const std::vector<plot::TextProblem> problems =
          text_problems(f, size.width, size.height, size.scale == 1.0f ? one : two, size.scale);
      // What the lesson needs is there: the weights and the verdict with its big number.
      SCOPED_TRACE(std::string("step ") + step.name + " at " + std::to_string(size.width) + "x" +
                   std::to_string(size.height));
      EXPECT_TRUE(panel(f, "weights"));
      ASSERT_TRUE(panel(f, "permutation"));
      if (step.compares) {
        const plot::Text* big = big_number(f);
        ASSERT_TRUE(big);
        EXPECT_GE(big->scale, 1.4f);
        const double shown = std::stod(big->text), exact = readout_difference(f);
        EXPECT_NEAR(shown, exact, 0.006 * exact) << big->text;
        EXPECT_NE(words_of(f).find(exact < 1e-9 ? "same outputs" : "different outputs"),
                  std::string::npos);
      } else {
        EXPECT_NE(words_of(f).find("same order"), std::string::npos);
      }
      std::string all;
      for (const plot::TextProblem& p : problems) all += "\n  " + p.describe();
      EXPECT_TRUE(problems.empty()) << "step " << step.name << " at " << size.width << "x"
                                    << size.height << "@" << size.scale << ":" << all;
      failures += problems.empty() ? 0 : 1;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(PlaygroundViewTest, TheWindowKeepsItsSevenPanels) {
  // The normal window (and the pictures' default sizes): the seven panels where they have
  // always been.
  const std::vector<std::pair<std::string, std::array<float, 4>>> expected = {
      {"logits", {0.0f, 0.0f, 0.37f, 0.47f}},   {"weights", {0.38f, 0.0f, 0.76f, 0.47f}},
      {"entropy", {0.78f, 0.0f, 1.0f, 0.47f}},  {"permutation", {0.0f, 0.53f, 0.31f, 1.0f}},
      {"outputs", {0.34f, 0.53f, 0.56f, 1.0f}}, {"magnitude", {0.59f, 0.53f, 0.77f, 1.0f}},
      {"repeated", {0.80f, 0.53f, 1.0f, 1.0f}}};
  for (const auto& [w, h] : {std::pair{1136, 940}, {1200, 800}, {1600, 1000}, {3840, 2160}}) {
    Playground s(Scheme::Sinusoidal);
    const plot::Figure f = s.figure(w, h);
    ASSERT_EQ(f.panels.size(), expected.size()) << w << "x" << h;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const plot::Panel& p = f.panels[i];
      EXPECT_EQ(p.id, expected[i].first);
      const std::array<float, 4> at = {p.left, p.top, p.right, p.bottom};
      for (int k = 0; k < 4; ++k) EXPECT_NEAR(at[k], expected[i].second[k], 1e-4) << p.id;
    }
    EXPECT_EQ(f.title, "Attention playground: can self-attention tell word order?");
    EXPECT_NE(f.subtitle.find("random projections (seed 0)"), std::string::npos) << f.subtitle;
  }
}

TEST(PlaygroundViewTest, SmallFiguresShowLessNeverSmallerText) {
  // Larger text (a smaller logical size) leaves panels out and words on more lines, but
  // never draws a text smaller than the sizes the view uses: the big number at least 1.4
  // times the body text, heatmap values at 0.9, the rest at 0.75 or more (0.6 only for the
  // outputs heatmap's values, as in the window).
  const auto check = [](const plot::Figure& f) {
    for (const plot::Panel& p : f.panels) {
      for (const plot::Text& t : p.texts) {
        EXPECT_GE(t.scale, p.id == "outputs" ? 0.6f : 0.75f) << p.id << ": " << t.text;
        if ((p.id == "logits" || p.id == "weights") && t.text.find('.') != std::string::npos) {
          EXPECT_EQ(t.scale, 0.9f) << t.text;
        }
      }
    }
    // Fewer panels in less room, but always the heatmap of the weights and the verdict.
    EXPECT_TRUE(panel(f, "weights"));
    EXPECT_TRUE(panel(f, "permutation"));
  };
  // The three projectors at text scale 1, then 2 (half the logical size).
  for (const auto& [w1, h1, w2, h2] :
       {std::tuple{864, 696, 364, 336}, {1088, 976, 464, 476}, {1312, 1056, 563, 516}}) {
    SCOPED_TRACE(std::to_string(w1) + "x" + std::to_string(h1));
    Playground s(Scheme::Sinusoidal, Mask::None);
    const plot::Figure one = s.figure(w1, h1), two = s.figure(w2, h2);
    check(one);
    check(two);
    EXPECT_LT(two.panels.size(), one.panels.size());
    // On the screen, pressing + makes the big number bigger, not smaller.
    const plot::Text* big1 = big_number(one);
    const plot::Text* big2 = big_number(two);
    ASSERT_TRUE(big1 && big2);
    EXPECT_GT(2.0 * big2->scale, big1->scale);
    EXPECT_EQ(big1->text, big2->text);
  }
}
}  // namespace
}  // namespace peviz
