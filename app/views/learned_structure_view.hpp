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

// The most the view analyses of a table: its first 1024 positions and 256 dimensions, so that a
// redraw keeps the screen's pace. The PCA's cost is N d^2 / 2 for the Gram matrix and about
// 4/3 d^3 for its tridiagonal form (core/table_structure): at 1024 x 256 about 8 ms a table on
// this project's two-core machines, at 1024 x 512 about 30 ms, at 1024 x 1024 about 200 ms.
// 1024 positions give the spectrum 513 frequency bins, more than its plot has pixel rows; 256
// dimensions are 2-3 pixel columns each in a 1600-pixel-wide figure.
inline constexpr long kMaxStructureRows = 1024;
inline constexpr long kMaxStructureCols = 256;
// A real table (--table) keeps up to this many dimensions: GPT-2's 768 whole, its helix being
// what the view is for (about 150 ms a build at 1024 x 768; a loaded table does not change
// while a slider is dragged, only the drawing does).
inline constexpr long kMaxLoadedStructureCols = 1024;
// The dimensions the view analyses at most: kMaxLoadedStructureCols for a loaded table,
// kMaxStructureCols for the random init.
long structure_cols_limit(const SharedParams& shared);

// The size of the table the view studies (positions x dimensions), before the limits above.
std::pair<long, long> structure_size(const SharedParams& shared);
// The table the view studies, at most kMaxStructureRows x structure_cols_limit of it from the top
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
