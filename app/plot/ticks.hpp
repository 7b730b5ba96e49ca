// Axis ticks: "nice" linear steps of 1, 2 or 5 times a power of ten (Heckbert,
// "Nice numbers for graph labels", Graphics Gems, 1990), decades on log axes,
// and their labels.
#pragma once

#include <string>
#include <vector>

namespace peviz::plot {

struct Tick {
  double value = 0.0;
  std::string label;  // "" for a minor tick
};

// Tick values inside [lo, hi], about `target` of them (at least 2 when lo < hi).
std::vector<double> nice_ticks(double lo, double hi, int target);
// The step nice_ticks uses for this range.
double nice_step(double lo, double hi, int target);
// A label with just enough decimals for `step` ("0.5", "1000", "131072", "1.5e-05").
std::string tick_label(double value, double step);

// Labelled ticks for an axis window: linear (integer-only if asked) or logarithmic.
std::vector<Tick> axis_ticks(double lo, double hi, int target, bool log, bool integer);
// "1", "10", "1000", "10⁴", "10⁻³": powers of ten for log axes.
std::string power_label(double value);

}  // namespace peviz::plot
