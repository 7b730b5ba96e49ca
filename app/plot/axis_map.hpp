// Data <-> pixel mapping of one axis, linear or logarithmic: the value `lo` sits
// at pixel `p_lo` and `hi` at `p_hi` (for a y axis p_lo is usually the bottom).
#pragma once

namespace peviz::plot {

struct AxisMap {
  double lo = 0.0, hi = 1.0;       // data window
  float p_lo = 0.0f, p_hi = 1.0f;  // pixels
  bool log = false;

  float to_pixel(double v) const;
  double to_data(float pixel) const;
};

// Zooms [lo, hi] by `factor` (< 1 zooms in) around `anchor`, in log space for log axes.
void zoom_range(double& lo, double& hi, double anchor, double factor, bool log);
// Shifts [lo, hi] so that `from` moves to `to` (log space for log axes).
void pan_range(double& lo, double& hi, double from, double to, bool log);
// Keeps [lo, hi] inside [min, max] without changing its width when possible.
void clamp_range(double& lo, double& hi, double min, double max, bool log);

}  // namespace peviz::plot
