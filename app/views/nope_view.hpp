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

}  // namespace peviz
