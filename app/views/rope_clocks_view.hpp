// View "rope-clocks": being written (placeholder so the registry builds).
#pragma once

#include "view.hpp"

namespace peviz {

class RopeClocksView : public View {
 public:
  const char* name() const override { return "rope-clocks"; }
  const char* title() const override { return "RoPE clocks"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Rope}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override { return {}; }
  std::string explanation(const SharedParams&) const override { return ""; }
  void visit(ParamVisitor&) override {}
  FigureBuilder builder(const SharedParams& shared, const plot::FigureRequest& request) const override;
};

}  // namespace peviz
