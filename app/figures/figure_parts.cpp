#include "figure_parts.hpp"

#include <cstdarg>
#include <cstdio>

namespace peviz::figures {

std::string format(const char* pattern, ...) {
  char buffer[512];
  va_list args;
  va_start(args, pattern);
  std::vsnprintf(buffer, sizeof buffer, pattern, args);
  va_end(args);
  return buffer;
}

std::vector<double> values_of(const Eigen::VectorXd& v) {
  return std::vector<double>(v.data(), v.data() + v.size());
}

plot::LineSeries line(const std::string& label, const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                      std::size_t series, float width) {
  plot::LineSeries s;
  s.label = label;
  s.x = values_of(x);
  s.y = values_of(y);
  s.color = plot::series_ink(series);
  s.width = width;
  return s;
}

std::vector<plot::LineSeries> dots(const std::string& label, const Eigen::VectorXd& x,
                                   const Eigen::VectorXd& y, std::size_t series, float size) {
  std::vector<plot::LineSeries> out;
  for (Eigen::Index i = 0; i < x.size() && i < y.size(); ++i) {
    plot::LineSeries s;
    s.label = i == 0 ? label : "";
    s.x = {x[i]};
    s.y = {y[i]};
    s.color = plot::series_ink(series);
    s.marker = plot::Marker::Circle;
    s.marker_size = size;
    out.push_back(std::move(s));
  }
  return out;
}

Eigen::VectorXd count_up(long n, double first) {
  return Eigen::VectorXd::LinSpaced(n, first, first + static_cast<double>(n - 1));
}

}  // namespace peviz::figures
