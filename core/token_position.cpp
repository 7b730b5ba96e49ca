#include "token_position.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace peviz {

double cosine_of(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const double na = a.norm(), nb = b.norm();
  if (na == 0.0 || nb == 0.0) return 0.0;
  return std::clamp(a.dot(b) / (na * nb), -1.0, 1.0);
}

TokenPositionSplit split_token_position(const Eigen::VectorXd& token,
                                        const Eigen::VectorXd& position) {
  TokenPositionSplit s;
  const Eigen::VectorXd sum = token + position;
  s.token_norm = token.norm();
  s.position_norm = position.norm();
  s.sum_norm = sum.norm();
  s.cosine = cosine_of(token, sum);
  s.angle_degrees = std::acos(s.cosine) * 180.0 / std::numbers::pi;
  return s;
}

std::optional<std::pair<int, int>> first_repeated(const std::vector<std::string>& tokens) {
  // The first j whose word occurred before: its earlier occurrence is i.
  for (std::size_t j = 1; j < tokens.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (tokens[i] == tokens[j]) return std::make_pair(static_cast<int>(i), static_cast<int>(j));
    }
  }
  return std::nullopt;
}

}  // namespace peviz
