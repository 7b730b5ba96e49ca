// View "rope-decay": the RoFormer long-term-decay bound B(r) over the relative distance r,
// for the chosen d and base, with other bases overlaid on request. B(0) = (d/2 + 1)/2 is
// marked; B falls on the whole but is not monotone, and the view shows where it rises again.
// Under xPos: the same bound with xPos's factors zeta_k^(r/512) inside the sums, RoPE's B(r)
// beside it, and the envelope B(0) * mean zeta^(r/512) (core/xpos.hpp).
#pragma once

#include <string>

#include "view.hpp"

namespace peviz {

struct RopeDecayParams {
  int max_distance = 256;  // the largest relative distance r drawn
  std::string bases;       // other bases to overlay, e.g. "500,10000,500000" (empty: none)
  bool log_x = false;      // logarithmic distance axis (r from 1)
  bool log_y = false;      // logarithmic bound axis

  void visit(ParamVisitor& v);
};

class RopeDecayView : public View {
 public:
  const char* name() const override { return "rope-decay"; }
  const char* title() const override { return "RoPE long-term decay"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Rope, Scheme::Xpos}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  RopeDecayParams params_;
};

// The bases in a comma list ("500, 1e4"); throws InvalidArgument on a bad entry.
std::vector<double> parse_bases(const std::string& list);
// The bases the view draws: the shared base first, then the overlays that differ from it
// (at most six). Throws InvalidArgument for an odd d, a base <= 1 or a bad list.
std::vector<double> decay_bases(const SharedParams& shared, const RopeDecayParams& params);
// B(r) for r = 0..max-distance: `distance,bound` for one base, `distance,bound_<base>,...`
// when overlays are drawn too, a column per base in the order the legend lists them.
void rope_decay_table(const SharedParams& shared, const RopeDecayParams& params,
                      plot::TableSink& table);
plot::Figure rope_decay_figure(const SharedParams& shared, const RopeDecayParams& params,
                               const plot::FigureRequest& request);

}  // namespace peviz
