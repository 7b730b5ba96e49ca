// A small deterministic random generator, the same numbers on every machine
// (std::normal_distribution is implementation-defined, so it is not used).
// Stream: SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014); normals: Box-Muller (Box & Muller 1958).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string_view>

namespace peviz {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next_u64();
  // Uniform on the open interval (0, 1), 53 random bits.
  double uniform();
  // Standard normal N(0, 1).
  double normal();

 private:
  std::uint64_t state_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// d independent N(0, 1) numbers from Rng(seed).
Eigen::VectorXd normal_vector(std::uint64_t seed, int d);

// FNV-1a 64-bit hash of the bytes of `text` (a stable seed for a word).
std::uint64_t hash_text(std::string_view text);
// Combines two 64-bit values into a well-mixed seed (SplitMix64 finaliser).
std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b);

}  // namespace peviz
