// View "t5": being written (placeholder so the registry builds).
#pragma once

#include "view.hpp"

namespace peviz {

class T5View : public View {
 public:
  const char* name() const override { return "t5"; }
  const char* title() const override { return "T5 buckets"; }
  std::vector<Scheme> schemes() const override { return {Scheme::T5}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override { return {}; }
  std::string explanation(const SharedParams&) const override { return ""; }
  void visit(ParamVisitor&) override {}
  FigureBuilder builder(const SharedParams& shared, const plot::FigureRequest& request) const override;
};

}  // namespace peviz
