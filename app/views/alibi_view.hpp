// View "alibi": being written (placeholder so the registry builds).
#pragma once

#include "view.hpp"

namespace peviz {

class AlibiView : public View {
 public:
  const char* name() const override { return "alibi"; }
  const char* title() const override { return "ALiBi biases"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Alibi}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override { return {}; }
  std::string explanation(const SharedParams&) const override { return ""; }
  void visit(ParamVisitor&) override {}
  FigureBuilder builder(const SharedParams& shared, const plot::FigureRequest& request) const override;
};

}  // namespace peviz
