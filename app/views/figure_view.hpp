// View "figure": a paper's figure redrawn from core's numbers (app/figures/paper_figure.hpp),
// with the paper's parameters, a caption and the source on it. One choice, `name`, picks the
// figure, so the window (`peviz --figure NAME`), lessons (`set: name = rope-decay`), compare
// and export (`peviz export figure NAME`) all reach it through the ordinary parameters. The
// figures keep the papers' parameters: the model options of the sidebar do not apply.
#pragma once

#include "view.hpp"

namespace peviz {

struct FigureParams {
  int name = 0;  // index into figures::paper_figures()

  void visit(ParamVisitor& v);
};

class FigureView : public View {
 public:
  const char* name() const override { return "figure"; }
  const char* title() const override { return "Paper figures"; }
  // Every scheme's family lists it: the figures cover several schemes.
  std::vector<Scheme> schemes() const override;
  // Only the scheme (which every view has): the figures keep the papers' parameters, so the
  // sidebar shows none of the model options (an empty list would show them all).
  std::vector<std::string> shared_fields(const SharedParams&) const override { return {"scheme"}; }
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

  const FigureParams& params() const { return params_; }

 private:
  FigureParams params_;
};

}  // namespace peviz
