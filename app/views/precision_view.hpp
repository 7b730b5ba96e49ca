// View "precision": RoPE's angle m theta_i computed in fp32, bf16 and fp16 (core/rope_precision)
// against the exact one, over the positions, for one pair: the angle error, the error it leaves
// in the cos/sin cache, and in the relative score <R_m q, R_(m+1) k> - <q, R_1 k>; where each
// format's angle error first passes 0.1 rad; and where fp16 runs out of positions (65504).
// Log-log axes: the errors span from 1e-8 to radians, the positions from 1 to millions.
#pragma once

#include "core/rope_precision.hpp"
#include "view.hpp"

namespace peviz {

struct PrecisionParams {
  int pair = 0;        // the pair i whose angle m theta_i is drawn
  double limit = 0.1;  // the angle error (radians) whose first crossing is marked

  void visit(ParamVisitor& v);
};

class PrecisionView : public View {
 public:
  const char* name() const override { return "precision"; }
  const char* title() const override { return "Precision of RoPE angles"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Rope}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  PrecisionParams params_;
};

// `position,fp32_error,bf16_error,fp16_error`: the angle error (radians) at every position of
// the shared range, empty where the format cannot hold the position (fp16 past 65504).
void precision_table(const SharedParams& shared, const PrecisionParams& params,
                     plot::TableSink& table);
plot::Figure precision_figure(const SharedParams& shared, const PrecisionParams& params,
                              const plot::FigureRequest& request);

}  // namespace peviz
