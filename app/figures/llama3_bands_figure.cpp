// Llama 3.1's scaling (Meta llama-models models/llama3/model.py apply_scaling; HF
// _compute_llama3_parameters; core/rope_scaling.hpp): wavelengths below L0/high_freq_factor
// kept, above L0/low_freq_factor divided by the factor, blended in between.
#include <cmath>

#include "core/rope_scaling.hpp"
#include "figure_parts.hpp"
#include "figures.hpp"

namespace peviz::figures {

plot::Figure llama3_bands_figure(const plot::FigureRequest&) {
  constexpr int kD = 128;
  constexpr double kBase = 500000.0;
  ScalingParams llama;
  llama.kind = Scaling::Llama3;
  llama.factor = 8.0;
  llama.original_context = 8192;
  llama.low_freq_factor = 1.0;
  llama.high_freq_factor = 4.0;
  const double high_edge = llama.original_context / llama.high_freq_factor;  // 2048
  const double low_edge = llama.original_context / llama.low_freq_factor;    // 8192
  ScalingParams none;
  const Eigen::VectorXd before = wavelengths_of(scale_frequencies(kD, kBase, none).inv_freq);
  const Eigen::VectorXd after = wavelengths_of(scale_frequencies(kD, kBase, llama).inv_freq);
  const Eigen::VectorXd pairs = count_up(before.size());
  const Eigen::VectorXd slowed = after.cwiseQuotient(before);

  plot::Panel waves;
  waves.id = "wavelengths";
  waves.title = "Wavelength of every pair, before and after";
  waves.right = 0.48f;
  waves.x.label = "pair i";
  waves.x.lo = 0.0;
  waves.x.hi = before.size() - 1.0;
  waves.x.integer = true;
  waves.y.label = "wavelength λ (positions)";
  waves.y.log = true;
  waves.y.lo = 1.0;
  waves.y.hi = 1e8;
  plot::Band blend;
  blend.vertical = false;
  blend.from = high_edge;
  blend.to = low_edge;
  blend.color = plot::series_ink(2, 0.25f);
  blend.label = "blend band 2048–8192";
  waves.bands.push_back(blend);
  plot::LineSeries b = line("before: base 500000", pairs, before, 0, 2.0f);
  b.stroke = plot::Stroke::Dashed;
  waves.lines.push_back(std::move(b));
  waves.lines.push_back(line("Llama 3.1", pairs, after, 1, 3.0f));
  waves.legend = plot::Corner::TopLeft;

  plot::Panel factor;
  factor.id = "factor";
  factor.title = "Each pair's wavelength grows by";
  factor.left = 0.54f;
  factor.x.label = "original wavelength λ (positions)";
  factor.x.log = true;
  factor.x.lo = 1.0;
  factor.x.hi = 1e7;
  factor.y.label = "λ' / λ";
  factor.y.lo = 0.0;
  factor.y.hi = 9.5;
  plot::Band band2 = blend;
  band2.vertical = true;
  factor.bands.push_back(band2);
  plot::LineSeries fl = line("λ'/λ per pair", before, slowed, 1, 2.5f);
  fl.marker = plot::Marker::Circle;
  fl.marker_size = 3.0f;
  factor.lines.push_back(std::move(fl));
  for (double at : {high_edge, low_edge}) {
    plot::RefLine ref;
    ref.at = at;
    ref.color = plot::ink(plot::Ink::Muted);
    factor.refs.push_back(ref);
  }
  plot::Text kept_text;
  kept_text.x = high_edge / 1.3;
  kept_text.y = 1.6;
  kept_text.text = "kept: λ < 2048";
  kept_text.color = plot::ink(plot::Ink::Text);
  kept_text.align_x = 1.0f;
  factor.texts.push_back(kept_text);
  plot::Text divided_text = kept_text;
  divided_text.x = low_edge * 1.3;
  divided_text.y = 7.4;
  divided_text.text = "÷8: λ > 8192";
  divided_text.align_x = 0.0f;
  factor.texts.push_back(divided_text);
  factor.legend = plot::Corner::TopLeft;

  long kept = 0, divided = 0;
  for (Eigen::Index i = 0; i < before.size(); ++i) {
    kept += before[i] < high_edge ? 1 : 0;
    divided += before[i] > low_edge ? 1 : 0;
  }
  plot::Figure f;
  f.panels.push_back(std::move(waves));
  f.panels.push_back(std::move(factor));
  f.values = {{"pairs kept (wavelength < 2048)", static_cast<double>(kept)},
              {"pairs divided by 8 (wavelength > 8192)", static_cast<double>(divided)},
              {"pairs blended", static_cast<double>(before.size() - kept - divided)}};
  return f;
}

}  // namespace peviz::figures
