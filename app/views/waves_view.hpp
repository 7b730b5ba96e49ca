// View "waves": chosen dimensions as curves over position, one panel per (sin, cos)
// pair, sin solid and cos dashed; the hovered position is a vertical line in every
// wave. At long ranges each pixel shows the exact min-max envelope of its positions.
#pragma once

#include <string>

#include "view.hpp"

namespace peviz {

struct WavesParams {
  std::string dims = "auto";  // dimensions to draw, e.g. "0,1,10,11"; "auto" = 4 spread pairs

  void visit(ParamVisitor& v);
};

class WavesView : public View {
 public:
  const char* name() const override { return "waves"; }
  const char* title() const override { return "Waves"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal, Scheme::Learned}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

 private:
  WavesParams params_;
};

// The dimensions "dims" names for d_model d (throws InvalidArgument on a bad list);
// "auto" picks four pairs whose wavelengths spread from 2 pi to about twice the context.
std::vector<int> wave_dimensions(const std::string& dims, int d, double base, int context,
                                 bool learned);
plot::Figure waves_figure(const SharedParams& shared, const WavesParams& params,
                          const plot::FigureRequest& request);

}  // namespace peviz
