// View "learned-structure": what a learned position table has learned, beside a sinusoidal
// table of the same size. For each: the rows' PCA (a scatter of the first two components,
// coloured by position and joined in position order; the first three components against
// position, with the variance each explains) and each dimension's spectrum over positions (a
// dimension x frequency heatmap, or each dimension's sinusoid-likeness). The numbers are
// core/table_structure's. The table is SharedParams::learned_table (--table FILE), else the
// seeded random-init table of the shared d, positions and seed.
#pragma once

#include <Eigen/Core>
#include <array>
#include <string>
#include <utility>

#include "view.hpp"

namespace peviz {

enum class SpectrumShow { Heatmap, Likeness };
inline constexpr std::array<const char*, 2> kSpectrumShowNames{"heatmap", "likeness"};

struct LearnedStructureParams {
  SpectrumShow spectrum = SpectrumShow::Heatmap;  // the spectrum as a heatmap or its likeness
  bool compare = true;                            // the sinusoidal table of the same size beside

  void visit(ParamVisitor& v);
};

class LearnedStructureView : public View {
 public:
  const char* name() const override { return "learned-structure"; }
  const char* title() const override { return "Learned table structure"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Learned}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

 private:
  LearnedStructureParams params_;
};

// The most the view analyses of a table: its first 1024 positions and 1024 dimensions (GPT-2's
// and BERT's tables whole); the PCA of 1024 x 1024 takes about 0.7 s.
inline constexpr long kMaxStructureRows = 1024;
inline constexpr long kMaxStructureCols = 1024;

// The size of the table the view studies (positions x dimensions), before the limits above.
std::pair<long, long> structure_size(const SharedParams& shared);
// The table the view studies, at most kMaxStructureRows x kMaxStructureCols of it from the top
// left: the loaded one, else learned_encoding(d, positions, seed).
Eigen::MatrixXd structure_table(const SharedParams& shared);
// The sinusoidal table of the same size (positions 0..N-1, the shared base and layout; an odd
// d takes the first d columns of d + 1).
Eigen::MatrixXd structure_reference(const SharedParams& shared, long rows, long cols);

plot::Figure learned_structure_figure(const SharedParams& shared,
                                      const LearnedStructureParams& params,
                                      const plot::FigureRequest& request,
                                      const ProgressFn& progress = {});

}  // namespace peviz
