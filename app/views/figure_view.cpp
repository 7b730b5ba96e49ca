#include "figure_view.hpp"

#include "app/figures/paper_figure.hpp"

namespace peviz {

void FigureParams::visit(ParamVisitor& v) {
  v.visit_choice({.name = "name",
                  .label = "figure",
                  .help = "the paper figure to draw (peviz figure list)",
                  .choices = figures::paper_figure_names()},
                 name);
}

std::vector<Scheme> FigureView::schemes() const {
  std::vector<Scheme> all;
  for (std::size_t i = 0; i < kSchemeNames.size(); ++i) all.push_back(static_cast<Scheme>(i));
  return all;
}

std::string FigureView::explanation(const SharedParams&) const {
  const std::vector<figures::PaperFigure> all = figures::paper_figures();
  const figures::PaperFigure& f = all.at(static_cast<std::size_t>(params_.name));
  return std::string(f.caption) + " Parameters: " + f.parameters + ". Source: " + f.source +
         ". Every number is computed by peviz's math library and tested against the paper's "
         "formula; the figure keeps the paper's parameters, so the model options do not apply.";
}

FigureBuilder FigureView::builder(const SharedParams&, const plot::FigureRequest& request) const {
  const int index = params_.name;
  return [index, request](const ProgressFn&) { return figures::paper_figure(index, request); };
}

}  // namespace peviz
