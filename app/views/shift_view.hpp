// View "shift": the linear shift property of sinusoidal PE (Vaswani et al. Sec. 3.5;
// docs/formulas.md Sec. 2). The matrix M_k (2x2 rotations on each (sin, cos) pair), the rows
// PE[p], M_k PE[p] and PE[p+k] side by side, the prediction as markers on the actual
// row, the reconstruction error in large text, and the error over every position of
// the range (sampled at large N), which grows with p: rounding, not a flaw of the math.
#pragma once

#include "view.hpp"

namespace peviz {

struct ShiftParams {
  int offset = 1;     // k: the shift, in positions (may be negative)
  int position = 10;  // p: the position whose row is shifted (clamped into the range)

  void visit(ParamVisitor& v);
};

class ShiftView : public View {
 public:
  const char* name() const override { return "shift"; }
  const char* title() const override { return "Shift matrix"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  ShiftParams params_;
};

// `position,error`: max_j |(M_k PE[p])_j - PE[p+k]_j| of every position for the view's
// offset k. Throws InvalidArgument past kMaxTableCells (positions x d).
void shift_table(const SharedParams& shared, const ShiftParams& params, plot::TableSink& table);

plot::Figure shift_figure(const SharedParams& shared, const ShiftParams& params,
                          const plot::FigureRequest& request, const ProgressFn& progress);

}  // namespace peviz
