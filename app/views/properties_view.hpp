// View "properties": the claims the classic explanations make about an absolute
// encoding, each checked live with its number: bounded values, a unique code per
// position (the closest pair), the same norm for every row (plotted over position),
// and "nearby positions are the most similar" (cosine over the distance, from the
// Toeplitz profile for sin/cos). Pass / fail shows as a tick or a cross AND a word, not
// only a colour. Past the budget (e.g. 131072 x 4096) the checks run on samples sized to the
// picture, and the figure says how many (chart titles and the note).
#pragma once

#include "view.hpp"

namespace peviz {

class PropertiesView : public View {
 public:
  const char* name() const override { return "properties"; }
  const char* title() const override { return "Properties"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal, Scheme::Learned}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor&) override {}  // no parameters of its own
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
};

plot::Figure properties_figure(const SharedParams& shared, const plot::FigureRequest& request,
                               const ProgressFn& progress);

}  // namespace peviz
