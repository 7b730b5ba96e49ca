// View: the sinusoidal encoding matrix as a heatmap (rows are positions, columns
// dimensions), with sliders for d_model, base and the positions, and a hover
// readout that shows the formula of the cell under the mouse with its numbers.
#pragma once

#include <memory>

#include "app/plot/heatmap_plot.hpp"
#include "app/window/fonts.hpp"
#include "core/sinusoidal.hpp"

namespace peviz {

struct EncodingParams {
  int d = 64;                           // d_model (even, 2..1024)
  double base = 10000.0;                // frequency base (2..1e6)
  int positions = 100;                  // number of positions shown (1..4096)
  int start = 0;                        // first position shown
  Layout layout = Layout::Interleaved;  // column order of the (sin, cos) pairs

  bool operator==(const EncodingParams&) const = default;
};

// Slider ranges of the view (the core accepts more; the screen stays responsive here).
inline constexpr int kEncodingMaxD = 1024;
inline constexpr int kEncodingMaxPositions = 4096;
inline constexpr int kEncodingMaxStart = 1000000;

// Clamps every field into the ranges the controls offer (d even, base >= 2, ...).
EncodingParams clamp_params(EncodingParams p);

class EncodingView {
 public:
  explicit EncodingView(EncodingParams params = {}) : params_(clamp_params(params)) {}

  // The sidebar: sliders, the explanation and the hover readout.
  void controls(const Fonts& fonts);
  // The plot, filling `size` at the cursor. Needs a current GL context.
  void plot(const Fonts& fonts, ImVec2 size);

  const EncodingParams& params() const { return params_; }

 private:
  void upload();
  EncodingParams params_;
  EncodingParams uploaded_;
  bool has_upload_ = false;
  std::unique_ptr<plot::HeatmapRenderer> renderer_;
  plot::HeatmapHover hover_;
};

}  // namespace peviz
