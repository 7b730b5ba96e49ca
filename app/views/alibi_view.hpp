// View "alibi": ALiBi adds no vector to the tokens; each head adds -m * distance to
// its attention scores. Left: the bias of one head over query x key positions
// (causal: future keys masked, hatched; mask none: the symmetric encoder variant),
// sampled at large N, with the head's horizon marked. Right: the slope of every head
// (bars in the official, unsorted order for head counts that are not powers of two,
// each labelled 2^-x) and each head's attention horizon, the distance at which the
// bias alone divides a key's weight by 100.
#pragma once

#include "view.hpp"

namespace peviz {

struct AlibiParams {
  int head = 0;  // the head whose bias matrix is drawn (clamped to heads - 1)

  void visit(ParamVisitor& v);
};

class AlibiView : public View {
 public:
  const char* name() const override { return "alibi"; }
  const char* title() const override { return "ALiBi biases"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Alibi}; }
  std::vector<std::string> shared_fields(const SharedParams&) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  AlibiParams params_;
};

// `head,slope`: the slope of each of the shared heads, in the official order.
void alibi_table(const SharedParams& shared, plot::TableSink& table);

plot::Figure alibi_figure(const SharedParams& shared, const AlibiParams& params,
                          const plot::FigureRequest& request);

}  // namespace peviz
