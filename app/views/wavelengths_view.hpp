// View "wavelengths": the wavelength 2 pi / w_i of every dimension pair (a geometric
// progression from 2 pi to about 2 pi base), on a linear or log scale, and how many
// full cycles each pair completes inside the current context.
#pragma once

#include "view.hpp"

namespace peviz {

struct WavelengthsParams {
  bool log = true;  // logarithmic wavelength axis

  void visit(ParamVisitor& v);
};

class WavelengthsView : public View {
 public:
  const char* name() const override { return "wavelengths"; }
  const char* title() const override { return "Wavelengths"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal, Scheme::Rope}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared, const plot::FigureRequest& request) const override;

 private:
  WavelengthsParams params_;
};

plot::Figure wavelengths_figure(const SharedParams& shared, const WavelengthsParams& params,
                                const plot::FigureRequest& request);

}  // namespace peviz
