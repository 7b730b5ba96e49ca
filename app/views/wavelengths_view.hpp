// View "wavelengths": the wavelength 2 pi / w_i of every dimension pair (a geometric
// progression from 2 pi to about 2 pi base), on a linear or log scale, and how many
// full cycles each pair completes inside the current context. Under RoPE the pairs are
// those of the rotary dimensions (partial rotary), with the shared long-context scaling.
#pragma once

#include "core/rope_scaling.hpp"
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
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  WavelengthsParams params_;
};

// The per-pair frequencies the view draws: sinusoidal w_i = base^(-2i/d), or under RoPE
// those of rotary_dim(d, partial_rotary) dimensions scaled by the shared scaling. Throws
// InvalidArgument for a setup RoPE cannot take (an odd rotary dimension, bad factors).
ScaledFrequencies wavelength_frequencies(const SharedParams& shared);

// `pair,frequency,wavelength,angle_range`: angle_range = frequency x positions, the angle
// whose turns the lower chart counts.
void wavelengths_table(const SharedParams& shared, plot::TableSink& table);

plot::Figure wavelengths_figure(const SharedParams& shared, const WavelengthsParams& params,
                                const plot::FigureRequest& request);

}  // namespace peviz
