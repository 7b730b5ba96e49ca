// A seeded random reordering of n items: the same order on every machine for a seed
// (built on peviz::Rng, not on std::shuffle, whose output is implementation-defined),
// and never the identity when n >= 2, so a "shuffle" always moves something.
// Convention as in core/permutation.hpp: shuffled[i] = original[order[i]].
#pragma once

#include <cstdint>
#include <vector>

namespace peviz {

// A permutation of 0..n-1 drawn uniformly from Rng(seed) by Fisher-Yates; when the draw
// is the identity (and n >= 2) its last two entries are swapped instead.
std::vector<int> shuffled_order(int n, std::uint64_t seed);

}  // namespace peviz
