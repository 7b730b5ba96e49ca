// View "shift": being written (placeholder so the registry builds).
#pragma once

#include "view.hpp"

namespace peviz {

class ShiftView : public View {
 public:
  const char* name() const override { return "shift"; }
  const char* title() const override { return "Shift matrix"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override { return {}; }
  std::string explanation(const SharedParams&) const override { return ""; }
  void visit(ParamVisitor&) override {}
  FigureBuilder builder(const SharedParams& shared, const plot::FigureRequest& request) const override;
};

}  // namespace peviz
