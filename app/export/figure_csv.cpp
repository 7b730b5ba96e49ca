#include "figure_csv.hpp"

namespace peviz {

void write_figure_csv(const plot::Figure& figure, CsvWriter& csv) {
  csv.header({"panel", "layer", "label", "x", "y", "value"});
  // The figure's stated numbers first: what a reader of the picture reads in its text.
  for (const auto& [name, value] : figure.values) {
    csv.cell(std::string_view()).cell("value").cell(name).cell(std::string_view());
    csv.cell(std::string_view()).cell(value);
    csv.end_row();
  }
  for (const plot::Panel& p : figure.panels) {
    if (p.heatmap && p.heatmap->values) {
      const plot::HeatmapLayer& h = *p.heatmap;
      const Eigen::MatrixXd& v = *h.values;
      const double cw = (h.x_hi - h.x_lo) / static_cast<double>(v.cols());
      const double ch = (h.y_hi - h.y_lo) / static_cast<double>(v.rows());
      for (Eigen::Index r = 0; r < v.rows(); ++r) {
        for (Eigen::Index c = 0; c < v.cols(); ++c) {
          csv.cell(p.id).cell("heatmap").cell(h.value_label);
          csv.cell(h.x_lo + (static_cast<double>(c) + 0.5) * cw);
          csv.cell(h.y_lo + (static_cast<double>(r) + 0.5) * ch);
          csv.cell(v(r, c));
          csv.end_row();
        }
      }
    }
    for (const plot::LineSeries& s : p.lines) {
      const bool band = !s.y_low.empty();
      for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
        csv.cell(p.id).cell(band ? "band" : "line").cell(s.label).cell(s.x[i]);
        if (band && i < s.y_low.size()) {
          csv.cell(s.y_low[i]).cell(s.y[i]);
        } else {
          csv.cell(s.y[i]).cell(std::string_view());
        }
        csv.end_row();
      }
    }
    for (const plot::Bars& b : p.bars) {
      for (std::size_t i = 0; i < b.x.size() && i < b.height.size(); ++i) {
        csv.cell(p.id)
            .cell("bar")
            .cell(b.label)
            .cell(b.x[i])
            .cell(b.height[i])
            .cell(std::string_view());
        csv.end_row();
      }
    }
  }
}

}  // namespace peviz
