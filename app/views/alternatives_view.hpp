// View "alternatives": lesson 4's question "why sin AND cos, and why not tan?" answered
// with numbers. Six candidate encodings (raw integer, normalised p/(N-1), binary bits,
// sin only, tan, and the sin/cos pairs of the paper; core/alternative_encoding.hpp) face
// three live checks (core/alternative_checks.hpp): bounded for every N, a unique code per
// position, and one linear shift M with PE[p+k] = M PE[p], fitted by least squares, with
// its relative residual. Panels: the chosen encoding as a heatmap (hover: its formula
// with numbers), the table of six encodings x three checks (and the affine fit beside the
// linear one) with tick and cross glyphs, and the shift residuals as bars on a log scale.
// The checks run on the first kCheckPositions positions (fewer at large d: the fit costs
// N d^2) and up to kCheckDims dimensions; beyond, the figure says so.
#pragma once

#include "view.hpp"

namespace peviz {

struct AlternativesParams {
  int encoding = 5;  // AltEncoding shown as a heatmap (index; 5 = sin/cos)
  int offset = 1;    // k of the shift test (may be negative)

  void visit(ParamVisitor& v);
};

class AlternativesView : public View {
 public:
  // The checks use the first min(N, kCheckPositions, kCheckWork / d^2) positions (the fit
  // costs N d^2 for each of six encodings: about 0.4 s at the limits) and run up to
  // d_model = kCheckDims (512 positions at d_model 256).
  static constexpr long kCheckPositions = 1024;
  static constexpr long kCheckWork = 1L << 25;
  static constexpr int kCheckDims = 256;

  const char* name() const override { return "alternatives"; }
  const char* title() const override { return "Why sin and cos?"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

 private:
  AlternativesParams params_;
};

plot::Figure alternatives_figure(const SharedParams& shared, const AlternativesParams& params,
                                 const plot::FigureRequest& request, const ProgressFn& progress);

}  // namespace peviz
