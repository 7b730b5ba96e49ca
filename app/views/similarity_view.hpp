// View "similarity": the cosine or dot-product grid between positions (hover a cell
// for both positions and the value), and the profile of one row: the similarity of
// one position against all others (the TensorFlow tutorial's "position 1000 against
// all"), with zoom. Sinusoidal grids use the Toeplitz structure; learned ones are
// sampled at the screen's resolution.
#pragma once

#include "core/similarity.hpp"
#include "view.hpp"

namespace peviz {

struct SimilarityParams {
  Metric metric = Metric::Cosine;  // cosine or dot product
  int row = 50;                    // the position whose profile is drawn (clamped into range)

  void visit(ParamVisitor& v);
};

class SimilarityView : public View {
 public:
  const char* name() const override { return "similarity"; }
  const char* title() const override { return "Similarity"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal, Scheme::Learned}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  SimilarityParams params_;
};

// The whole grid by the view's metric: `position,pos_<p>,...`, one row per position
// (sinusoidal through the Toeplitz fast path). Throws InvalidArgument past kMaxTableCells.
void similarity_table(const SharedParams& shared, const SimilarityParams& params,
                      plot::TableSink& table);

plot::Figure similarity_figure(const SharedParams& shared, const SimilarityParams& params,
                               const plot::FigureRequest& request, const ProgressFn& progress);

}  // namespace peviz
