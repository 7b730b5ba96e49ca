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
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  T5ViewParams params_;
};

// The step chart's numbers: `relative_position,encoder_bucket,decoder_bucket` for r = -R..R
// (R = max-relative, 0: twice the max distance). The chart draws both modes; a mode the
// parameters do not allow (too few buckets for the encoder) has empty cells, and when it
// is the shared mask's mode the table is refused as the figure is (InvalidArgument).
void t5_table(const SharedParams& shared, const T5ViewParams& params, plot::TableSink& table);

plot::Figure t5_figure(const SharedParams& shared, const T5ViewParams& params,
                       const plot::FigureRequest& request);

}  // namespace peviz
