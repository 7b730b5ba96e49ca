// View "model": one model's RoPE positions on one screen, for an engineer checking a real
// configuration (--preset, --config, or the sidebar's values): which channels of a head rotate
// and with which partner (partial rotary, pairing), every pair's wavelength against the trained
// and the target context with the pairs that never complete a turn, the factor the scaling
// gave each pair (its bands or ramp), and both attention factors (on cos and sin, and on the
// softmax scale). With another model (--versus, or panel A in compare mode) a third chart and
// the table give the per-pair ratio of their wavelengths.
#pragma once

#include "core/model_positions.hpp"
#include "view.hpp"

namespace peviz {

struct ModelParams {
  void visit(ParamVisitor&) {}
};

class ModelView : public View {
 public:
  const char* name() const override { return "model"; }
  const char* title() const override { return "Model positions"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Rope}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  ModelParams params_;
};

// core's model_positions for the shared parameters: trained context L0 = original_context,
// target L = current_context().
ModelPositions model_positions_of(const SharedParams& shared);

// One row per pair: pair, channel_a, channel_b, frequency, unscaled_frequency, factor,
// wavelength, turns_trained, turns_target; with another model, its wavelength and the ratio.
void model_table(const SharedParams& shared, plot::TableSink& table);

plot::Figure model_figure(const SharedParams& shared, const plot::FigureRequest& request);

}  // namespace peviz
