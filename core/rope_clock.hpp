// The hands of the RoPE clocks: for chosen pairs, which coordinates the pair rotates,
// its frequency and wavelength, and how far it has turned at position m.
// Source: Su et al., "RoFormer", arXiv:2104.09864, Eq. (14)-(15): pair i turns by m * t_i.
// A hand is where R_m sends the unit vector on the pair's first coordinate: (cos m t_i, sin m t_i)
// in the plane (first, second).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "rope.hpp"

namespace peviz {

struct RopeHand {
  int pair = 0;   // i
  int first = 0;  // the coordinates pair i rotates (rope_pair)
  int second = 0;
  double inv_freq = 0.0;    // t_i, radians per position
  double wavelength = 0.0;  // 2 pi / t_i, positions per full turn
  double angle = 0.0;       // m t_i wrapped to [0, 2 pi) (rope_angles)
  double degrees = 0.0;     // the same angle in degrees, [0, 360)
  double turns = 0.0;       // m t_i / (2 pi): full turns since position 0, fractional
  double x = 1.0;           // cos(m t_i): the hand's tip in the (first, second) plane
  double y = 0.0;           // sin(m t_i)
};

// The hands of `pairs` (indices into inv_freq) at `position`; rotary_dim = 2 * inv_freq.size().
std::vector<RopeHand> rope_hands(double position, const Eigen::VectorXd& inv_freq,
                                 RopePairing pairing, const std::vector<int>& pairs);

// `count` pair indices spread evenly over 0..pairs-1, always the fastest (0) and the slowest
// (pairs - 1); every pair when count >= pairs. Increasing, no repeats.
std::vector<int> spread_pairs(int pairs, int count);

}  // namespace peviz
