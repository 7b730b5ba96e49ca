// Small pieces the paper figures share: printf into a string, a line series from Eigen
// vectors, and the width of a text as the canvases draw it.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "app/plot/figure.hpp"

namespace peviz::figures {

std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));

std::vector<double> values_of(const Eigen::VectorXd& v);

// A solid line of the theme's palette entry `series`.
plot::LineSeries line(const std::string& label, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                      std::size_t series, float width = 2.5f);

// Markers without a line: one series per point (a series draws its markers on its line), the
// first one labelled for the legend.
std::vector<plot::LineSeries> dots(const std::string& label, const Eigen::VectorXd& x,
                                   const Eigen::VectorXd& y, std::size_t series, float size);

// 0, 1, ..., n - 1 as doubles.
Eigen::VectorXd count_up(long n, double first = 0.0);

}  // namespace peviz::figures
