#include "random.hpp"

#include <cmath>
#include <numbers>

namespace peviz {
namespace {

// SplitMix64 output function (Steele et al. 2014, Fig. 1).
std::uint64_t finalise(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t Rng::next_u64() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return finalise(state_);
}

double Rng::uniform() {
  // (k + 0.5) / 2^53 for k in [0, 2^53): never exactly 0 or 1.
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // Box-Muller transform: two uniforms -> two independent standard normals.
  const double r = std::sqrt(-2.0 * std::log(uniform()));
  const double angle = 2.0 * std::numbers::pi * uniform();
  spare_ = r * std::sin(angle);
  has_spare_ = true;
  return r * std::cos(angle);
}

Eigen::VectorXd normal_vector(std::uint64_t seed, int d) {
  Rng rng(seed);
  Eigen::VectorXd v(d < 0 ? 0 : d);
  for (Eigen::Index j = 0; j < v.size(); ++j) v[j] = rng.normal();
  return v;
}

std::uint64_t hash_text(std::string_view text) {
  // FNV-1a, 64-bit offset basis and prime (Fowler, Noll, Vo).
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b) {
  return finalise(a * 0x9e3779b97f4a7c15ULL + finalise(b + 0x632be59bd9b4e019ULL));
}

}  // namespace peviz
