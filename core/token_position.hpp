// How big the position signal is next to the token it is added to (absolute schemes:
// x = e + p, Vaswani et al. 2017, Sec. 3.5), and what it does to repeated words.
//   |e|, |p|, |e + p|;  cos(e, e + p) = e.(e + p) / (|e| |e + p|);  angle = acos(cos)
// Two occurrences of a word share e, so their cosine is exactly 1 before position is
// added; after, cos(e + p_i, e + p_j) < 1 tells the two apart.
// A vector of norm zero has cosine 0 with everything (instead of NaN).
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peviz {

struct TokenPositionSplit {
  double token_norm = 0.0;     // |e|
  double position_norm = 0.0;  // |p|
  double sum_norm = 0.0;       // |e + p|
  double cosine = 1.0;         // cos(e, e + p)
  double angle_degrees = 0.0;  // the angle between e and e + p, in degrees
};

TokenPositionSplit split_token_position(const Eigen::VectorXd& token,
                                        const Eigen::VectorXd& position);

// a.b / (|a| |b|), clamped to [-1, 1]; 0 if either vector is zero.
double cosine_of(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

// The earliest repeat: the smallest j whose word occurred before, with that earlier
// occurrence i < j ("the cat saw the dog" -> (0, 3)); nothing if no word repeats.
std::optional<std::pair<int, int>> first_repeated(const std::vector<std::string>& tokens);

}  // namespace peviz
