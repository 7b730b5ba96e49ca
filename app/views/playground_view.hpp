// View "playground": why positional encoding exists. A typed sentence goes through one
// self-attention head under the scheme chosen in the sidebar (core/attention.hpp).
// Top: the logits and softmax weights as token x token heatmaps (values printed for
// short sentences, masked cells crossed out) and each row's entropy. Bottom left: the
// permutation demo: the sentence and a reordering of it ("dog bites man" / "man bites
// dog") as chips with arrows, and the largest difference of the outputs after
// un-shuffling as one big number: about 1e-16 without position (the model cannot tell
// word order), large with any positional scheme ("Shuffle" and "Reverse" buttons set the
// reordering). Bottom middle: the outputs (first 16 dims, diverging colours), the
// sentence's rows above the reordering's rows put back in the sentence's order, the same
// row for row without position. Bottom right: for the selected token,
// the norms of its vector, of the positional vector and of their sum and the angle the
// position turns it by (absolute schemes), and the cosine of a repeated word's two
// occurrences before and after position is added.
//
// That is the window's layout. A smaller figure (a projector, larger text: the request is in
// logical pixels at a body font of 20 px) shows fewer panels rather than smaller text: the
// weights and the permutation test always, the logits and the others as room allows (the
// numbers of those left out as lines of the permutation panel); texts wrap or take shorter
// wordings, values show fewer decimals, and every text stays whole inside its panel.
//
// The panels are built in playground_panels.hpp and playground_permutation.hpp; this file
// works out what they show and chooses their arrangement.
#pragma once

#include <string>
#include <vector>

#include "view.hpp"

namespace peviz {

struct PlaygroundParams {
  std::string text = "dog bites man";    // the sentence attended to
  std::string second = "man bites dog";  // the reordering compared with it
  bool identity = false;                 // Wq = Wk = Wv = I instead of seeded random ones
  double position_scale = 1.0;           // multiplies the positional signal (0 removes it)
  int head = 0;                          // ALiBi: the head (its slope), clamped to heads - 1
  int token = 0;                         // the token whose magnitudes are analysed

  void visit(ParamVisitor& v);
};

class PlaygroundView : public View {
 public:
  const char* name() const override { return "playground"; }
  const char* title() const override { return "Attention playground"; }
  std::vector<Scheme> schemes() const override;
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  // The "Shuffle" and "Reverse" buttons.
  std::vector<ViewAction> actions() override;

  // Sets the second sentence to a new random order of the sentence's words: the
  // order shuffled_order(n, seed) for seed = 0, 1, 2, ... (one per draw, the count kept
  // by the view), skipping draws that give the sentence itself or the current second
  // sentence (a draw equal to the current one is used only when nothing else turns up
  // in kShuffleAttempts draws). Returns true if the second sentence changed.
  bool shuffle_second();
  // Sets the second sentence to the sentence's words in reverse order.
  bool reverse_second();
  const PlaygroundParams& params() const { return params_; }
  long shuffles_drawn() const { return shuffles_; }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  // A second table, not the view's own (its CSV stays the figure's numbers): the softmax
  // weights `query,key_0,...` of the sentence under these parameters, which
  // `peviz export attention --out F.csv` writes.
  plot::TableWriter weights_table(const SharedParams& shared) const;
  static TableColumns weights_columns();

 private:
  bool set_second(const std::vector<std::string>& words);

  PlaygroundParams params_;
  long shuffles_ = 0;  // shuffled orders drawn so far: the seed of the next one
};

// Random projections cost three d x d matrices of random numbers (seconds at d = 4096):
// above this d the playground uses identity projections and says so.
inline constexpr int kPlaygroundMaxRandomD = 512;
// Draws the Shuffle button tries for an order differing from the current one.
inline constexpr int kShuffleAttempts = 64;
// Longer texts are cut to their first this many tokens.
inline constexpr int kPlaygroundMaxTokens = 256;

plot::Figure playground_figure(const SharedParams& shared, const PlaygroundParams& params,
                               const plot::FigureRequest& request);

// The attention the playground computes (identity projections above
// kPlaygroundMaxRandomD; the ALiBi head clamped to the heads, as the figure shows it).
AttentionParams playground_attention(const SharedParams& shared, const PlaygroundParams& params);

// One row per token of the sentence: the token, then its softmax weight on every key (0
// where masked). Throws InvalidArgument for a sentence without words, one longer than
// kPlaygroundMaxTokens, or an ALiBi head that does not exist.
void playground_weights_table(const SharedParams& shared, const PlaygroundParams& params,
                              plot::TableSink& table);

}  // namespace peviz
