// View "t5": T5's relative position buckets (HF _relative_position_bucket). Top: the
// bucket of every relative position key - query in -R..R, a step chart, for the encoder
// (bidirectional, mask none) and the decoder (causal), with the exact region and
// max_distance (where the buckets saturate) marked. Bottom: the bucket matrix over
// query x key positions (sampled at large N) and how many relative positions share
// each bucket: one each in the exact region, then log-spaced wider ones.
#pragma once

#include "view.hpp"

namespace peviz {

struct T5ViewParams {
  int max_relative = 0;  // the step chart spans -R..R; 0 = twice the max distance

  void visit(ParamVisitor& v);
};

class T5View : public View {
 public:
  const char* name() const override { return "t5"; }
  const char* title() const override { return "T5 buckets"; }
  std::vector<Scheme> schemes() const override { return {Scheme::T5}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

 private:
  T5ViewParams params_;
};

plot::Figure t5_figure(const SharedParams& shared, const T5ViewParams& params,
                       const plot::FigureRequest& request);

}  // namespace peviz
