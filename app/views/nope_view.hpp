// View "nope": NoPE has no positional encoding, so the only thing that depends on
// position is the causal mask. Left: the mask over query x key positions (visible 0,
// masked -infinity, hatched and labelled; sampled at large N). Right: how many tokens
// each position can see. Under the mask that count is different for every position, so
// the mask alone leaks position; without it (mask none) every position sees all tokens,
// a flat line, and attention is permutation-equivariant.
#pragma once

#include <string>

#include "view.hpp"

namespace peviz {

class NopeView : public View {
 public:
  const char* name() const override { return "nope"; }
  const char* title() const override { return "NoPE: the causal mask"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Nope}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor&) override {}
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
};

plot::Figure nope_figure(const SharedParams& shared, const plot::FigureRequest& request);

// Hatches the cells a causal mask hides (key x > query y) of a query x key heatmap over
// positions [first, last] (rows = queries on an inverted y axis), for the data window
// shown, and writes `label` inside the hatched triangle when it is in view. The hatching
// starts beyond the diagonal cells of a heatmap sampled every `stride` positions.
// Shared with the ALiBi and T5 views, whose causal heatmaps mask the same cells.
void hatch_masked(plot::Panel& panel, const plot::DataWindow& window, long first, long last,
                  long stride, const std::string& label);

// The window a panel shows: the request's (zoom, pan) or else the panel's axes.
plot::DataWindow window_of(const plot::Panel& panel, const plot::FigureRequest& request);

}  // namespace peviz
