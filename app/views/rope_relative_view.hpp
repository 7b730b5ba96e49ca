// View "rope-relative": the relative property of RoPE. A random query at position m and key
// at position n give the score <R_m q, R_n k>; shifting both by t leaves it unchanged (a flat
// line, up to rounding), shifting only the key changes it. A small dial shows the first pair
// of q and k, rotated, so the geometry is visible: only the angle between them counts.
// Under xPos the same with xPos's scores (core/xpos: relative, but fading); under PoPE with
// PoPE's (core/pope), and in place of the dial the same q and k at every distance, PoPE beside
// RoPE: PoPE's score peaks at distance 0 for any content, RoPE's wherever the content says.
#pragma once

#include <string>

#include "view.hpp"

namespace peviz {

struct RopeRelativeParams {
  int m = 5;   // position of the query
  int n = 12;  // position of the key
  int t = 40;  // the shift whose numbers and vectors are shown (the range is 0..positions-1)

  void visit(ParamVisitor& v);
};

class RopeRelativeView : public View {
 public:
  const char* name() const override { return "rope-relative"; }
  const char* title() const override { return "RoPE relative property"; }
  std::vector<Scheme> schemes() const override {
    return {Scheme::Rope, Scheme::Xpos, Scheme::Pope};
  }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

 private:
  RopeRelativeParams params_;
};

plot::Figure rope_relative_figure(const SharedParams& shared, const RopeRelativeParams& params,
                                  const plot::FigureRequest& request,
                                  const ProgressFn& progress = {});

}  // namespace peviz
