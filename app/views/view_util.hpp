// Small helpers the views share: number formatting and common axis setups.
#pragma once

#include <string>

#include "app/plot/figure.hpp"
#include "app/views/lod.hpp"

namespace peviz {

// printf into a std::string.
std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
// 10000 -> "10000", 500000 -> "500000", 1.5 -> "1.5", 1e7 -> "1e+07".
std::string num(double v);
// "0–99" (en dash).
std::string span(long first, long last);

// A position axis over [lo, hi] (matrix rows: inverted).
plot::Axis position_axis(double lo, double hi, bool inverted, const char* label = "position");
// A heatmap layer over sampled rows and columns.
plot::HeatmapLayer heatmap_over(const Samples& rows, const Samples& cols, Eigen::MatrixXd values);

}  // namespace peviz
