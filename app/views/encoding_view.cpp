#include "encoding_view.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <Eigen/Core>

namespace peviz {
namespace {

std::string fmt(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

}  // namespace

EncodingParams clamp_params(EncodingParams p) {
  p.d = std::clamp(p.d + (p.d % 2 != 0 ? 1 : 0), 2, kEncodingMaxD);
  p.base = std::clamp(p.base, 2.0, 1e6);
  if (!(p.base == p.base)) p.base = 10000.0;  // NaN
  p.positions = std::clamp(p.positions, 1, kEncodingMaxPositions);
  p.start = std::clamp(p.start, 0, kEncodingMaxStart);
  return p;
}

void EncodingView::controls(const Fonts& fonts) {
  EncodingParams p = params_;
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted("Sinusoidal encoding");
  ImGui::PopFont();
  ImGui::Spacing();

  const ImGuiSliderFlags clamp = ImGuiSliderFlags_AlwaysClamp;
  ImGui::SliderInt("d_model", &p.d, 2, kEncodingMaxD, "%d", clamp);
  const double base_min = 2.0, base_max = 1e6;
  ImGui::SliderScalar("base", ImGuiDataType_Double, &p.base, &base_min, &base_max, "%.0f",
                      clamp | ImGuiSliderFlags_Logarithmic);
  ImGui::SliderInt("positions", &p.positions, 1, kEncodingMaxPositions, "%d",
                   clamp | ImGuiSliderFlags_Logarithmic);
  ImGui::SliderInt("first position", &p.start, 0, 10000, "%d", clamp);
  int layout = p.layout == Layout::Interleaved ? 0 : 1;
  ImGui::RadioButton("interleaved (paper)", &layout, 0);
  ImGui::SameLine();
  ImGui::RadioButton("concat halves", &layout, 1);
  p.layout = layout == 0 ? Layout::Interleaved : Layout::Concat;
  params_ = clamp_params(p);

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  ImGui::TextWrapped(
      "Each row is the code of one position: d_model numbers added to the word's embedding. "
      "Pair i uses the frequency \xCF\x89\xE1\xB5\xA2 = base^(\xE2\x88\x92"
      "2i/d): %s. "
      "The first columns turn fast (\xCF\x89\xE2\x82\x80 = 1 radian per position), the last ones "
      "crawl, like the second, minute and hour hands of a clock, so every position gets its own "
      "pattern.",
      params_.layout == Layout::Interleaved
          ? "column 2i holds sin(p\xC2\xB7\xCF\x89\xE1\xB5\xA2), column 2i+1 holds "
            "cos(p\xC2\xB7\xCF\x89\xE1\xB5\xA2)"
          : "column i holds sin(p\xC2\xB7\xCF\x89\xE1\xB5\xA2), column i+d/2 holds "
            "cos(p\xC2\xB7\xCF\x89\xE1\xB5\xA2)");

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  if (!hover_.active) {
    ImGui::TextDisabled("Hover the heatmap to see the formula of a cell.");
    return;
  }
  const SinusoidalCell c = sinusoidal_cell(params_.start + hover_.row, hover_.col, params_.d,
                                           params_.base, params_.layout);
  ImGui::Text("position %.0f, dimension %d", c.position, c.column);
  ImGui::TextDisabled("pair i = %d, %s", c.pair, c.is_cos ? "cos" : "sin");
  ImGui::PushFont(fonts.mono);
  const char* fn = c.is_cos ? "cos" : "sin";
  ImGui::Text("PE(%.0f, %d) = %s(%.0f \xC2\xB7 %s^(\xE2\x88\x92%d/%d))", c.position, c.column, fn,
              c.position, fmt("%g", params_.base).c_str(), 2 * c.pair, params_.d);
  ImGui::Text("           = %s(%.0f \xC3\x97 %s)", fn, c.position,
              fmt("%.6g", c.frequency).c_str());
  ImGui::Text("           = %s(%s)", fn, fmt("%.6g", c.angle).c_str());
  ImGui::Text("           = %s", fmt("%.6f", c.value).c_str());
  ImGui::PopFont();
}

void EncodingView::upload() {
  const SinusoidalParams sp{params_.d, params_.base, params_.positions, params_.start,
                            params_.layout};
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajor values = sinusoidal_encoding(sp).cast<float>();
  renderer_->set_values(values.data(), static_cast<int>(values.cols()),
                        static_cast<int>(values.rows()));
  uploaded_ = params_;
  has_upload_ = true;
}

void EncodingView::plot(const Fonts& fonts, ImVec2 size) {
  if (!renderer_) renderer_ = std::make_unique<plot::HeatmapRenderer>();
  if (!has_upload_ || !(uploaded_ == params_)) upload();
  plot::HeatmapAxes axes;
  axes.title = "Sinusoidal positional encoding   d_model = " + std::to_string(params_.d) +
               ", base = " + fmt("%g", params_.base) + ", " + layout_name(params_.layout);
  axes.x_label = "dimension";
  axes.y_label = "position";
  axes.value_label = "PE value";
  axes.x_first = 0.0;
  axes.y_first = params_.start;
  axes.value_lo = -1.0;
  axes.value_hi = 1.0;
  hover_ = plot::draw_heatmap_plot(*renderer_, axes, size, fonts.title);
  if (hover_.active) {
    const SinusoidalCell c = sinusoidal_cell(params_.start + hover_.row, hover_.col, params_.d,
                                             params_.base, params_.layout);
    ImGui::BeginTooltip();
    ImGui::Text("position %.0f, dim %d: %s", c.position, c.column, fmt("%.4f", c.value).c_str());
    ImGui::EndTooltip();
  }
}

}  // namespace peviz
