// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers
// for graph labels", Graphics Gems, 1990), and their labels.
#pragma once

#include <string>
#include <vector>

namespace peviz::plot {

// Tick values inside [lo, hi], about `target` of them (at least 2 when lo < hi).
std::vector<double> nice_ticks(double lo, double hi, int target);
// The step nice_ticks uses for this range.
double nice_step(double lo, double hi, int target);
// A label with just enough decimals for `step` ("0.5", "1000", "1.5e+06").
std::string tick_label(double value, double step);

}  // namespace peviz::plot
