#include "shuffle.hpp"

#include <numeric>
#include <utility>

#include "random.hpp"

namespace peviz {

std::vector<int> shuffled_order(int n, std::uint64_t seed) {
  if (n <= 0) return {};
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  // Fisher-Yates shuffle, Durstenfeld's version (Knuth, TAOCP Vol. 2, Sec. 3.4.2, Algorithm P).
  for (int i = n - 1; i > 0; --i) {
    const auto j = static_cast<int>(rng.next_u64() % static_cast<std::uint64_t>(i + 1));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
  }
  bool identity = true;
  for (int i = 0; i < n && identity; ++i) identity = order[static_cast<std::size_t>(i)] == i;
  if (identity && n >= 2)
    std::swap(order[static_cast<std::size_t>(n - 2)], order[static_cast<std::size_t>(n - 1)]);
  return order;
}

}  // namespace peviz
