// View "encoding": the encoding matrix as a heatmap, rows are positions and
// columns dimensions, for sinusoidal and learned PE. Small grids print their
// values in the cells (the 11 x 11 view of the classic notebooks); large ones
// are sampled at the screen's resolution; the hover shows the cell's formula.
#pragma once

#include "view.hpp"

namespace peviz {

struct EncodingParams {
  bool values = true;  // print values in the cells when at most 32 x 32 are visible

  void visit(ParamVisitor& v);
};

class EncodingView : public View {
 public:
  const char* name() const override { return "encoding"; }
  const char* title() const override { return "Encoding heatmap"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal, Scheme::Learned}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  EncodingParams params_;
};

// The encoding matrix: `position,dim_0,...,dim_{d-1}`, one row per position, sinusoidal or
// learned by the shared scheme. Throws InvalidArgument past kMaxTableCells.
void encoding_table(const SharedParams& shared, plot::TableSink& table);

// The figure, built synchronously (also used by tests and export).
plot::Figure encoding_figure(const SharedParams& shared, const EncodingParams& params,
                             const plot::FigureRequest& request);

}  // namespace peviz
