#include "learned.hpp"

#include <cmath>
#include <numbers>
#include <string>
#include <utility>

#include "parallel.hpp"
#include "random.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

// Entries 2k, 2k+1 of row p: Box-Muller (Box & Muller 1958) on two uniforms of Rng(seed, p, k).
std::pair<double, double> entry_pair(std::uint64_t row_seed, int k) {
  Rng rng(mix_seed(row_seed, static_cast<std::uint64_t>(k)));
  const double r = std::sqrt(-2.0 * std::log(rng.uniform()));
  const double angle = 2.0 * std::numbers::pi * rng.uniform();
  return {r * std::cos(angle), r * std::sin(angle)};
}

}  // namespace

double learned_value_range(const PositionTable* table, double stddev) {
  if (table == nullptr || table->values.size() == 0) return 3.0 * stddev;
  const double m = table->values.cwiseAbs().maxCoeff();
  return m > 0.0 ? m : 3.0 * stddev;  // a table of zeros: the init's range
}

void require_table_rows(const PositionTable& table, int d, long first, long count) {
  const long rows = static_cast<long>(table.values.rows());
  if (table.values.cols() != d) {
    throw InvalidArgument("the learned table (" + table.source + ") has " +
                          std::to_string(table.values.cols()) +
                          " dimensions, not d = " + std::to_string(d));
  }
  if (first < 0 || count < 0 || first + count > rows) {
    throw InvalidArgument("positions " + std::to_string(first) + ".." +
                          std::to_string(first + count - 1) + " are past the learned table (" +
                          table.source + "): it has rows 0.." + std::to_string(rows - 1));
  }
}

Eigen::VectorXd learned_row(long position, int d, std::uint64_t seed, double stddev,
                            const PositionTable* table) {
  if (table != nullptr) {
    require_table_rows(*table, d, position, 1);
    return table->values.row(position).transpose();
  }
  require_positive_dim(d);
  require_positive(stddev, "the standard deviation");
  if (position < 0) {
    throw InvalidArgument("a learned table has no row for position " + std::to_string(position) +
                          ": positions start at 0");
  }
  const std::uint64_t row_seed = mix_seed(seed, static_cast<std::uint64_t>(position));
  Eigen::VectorXd row(d);
  for (int j = 0; j < d; j += 2) {
    const auto [even, odd] = entry_pair(row_seed, j / 2);
    row[j] = stddev * even;
    if (j + 1 < d) row[j + 1] = stddev * odd;
  }
  return row;
}

Eigen::MatrixXd learned_cells(const Eigen::Ref<const Eigen::VectorXd>& positions,
                              const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                              std::uint64_t seed, double stddev, const PositionTable* table) {
  require_positive_dim(d);
  for (Eigen::Index c = 0; c < columns.size(); ++c) {
    if (columns[c] < 0 || columns[c] >= d) {
      throw InvalidArgument("column " + std::to_string(columns[c]) + " is outside 0.." +
                            std::to_string(d - 1));
    }
  }
  require_positive(stddev, "the standard deviation");
  // Every row is checked first, so that the threads below have nothing to refuse.
  for (Eigen::Index r = 0; r < positions.size(); ++r) {
    const long p = static_cast<long>(std::llround(positions[r]));
    if (table != nullptr) {
      require_table_rows(*table, d, p, 1);
    } else if (p < 0) {
      throw InvalidArgument("a learned table has no row for position " + std::to_string(p) +
                            ": positions start at 0");
    }
  }
  Eigen::MatrixXd out(positions.size(), columns.size());
  // Each cell from its own pair's draw: O(1) per cell, whatever the column, and the same
  // value on any thread; rows are shared among the cores.
  const auto fill = [&](long first, long last) {
    for (long r = first; r < last; ++r) {
      const long p = static_cast<long>(std::llround(positions[r]));
      if (table != nullptr) {
        for (Eigen::Index c = 0; c < columns.size(); ++c) out(r, c) = table->values(p, columns[c]);
        continue;
      }
      const std::uint64_t row_seed = mix_seed(seed, static_cast<std::uint64_t>(p));
      for (Eigen::Index c = 0; c < columns.size(); ++c) {
        const auto [even, odd] = entry_pair(row_seed, columns[c] / 2);
        out(r, c) = stddev * (columns[c] % 2 == 0 ? even : odd);
      }
    }
  };
  const double cells = static_cast<double>(positions.size()) * static_cast<double>(columns.size());
  split_over_threads(static_cast<long>(positions.size()), table ? 1 : parallel_threads(cells),
                     fill);
  return out;
}

Eigen::MatrixXd learned_encoding(const LearnedParams& params) {
  require_positions(params.start, params.positions);
  require_positive_dim(params.d);
  if (params.table != nullptr) {
    require_table_rows(*params.table, params.d, params.start, params.positions);
    return params.table->values.middleRows(params.start, params.positions);
  }
  Eigen::MatrixXd table(params.positions, params.d);
  for (long r = 0; r < params.positions; ++r) {
    table.row(r) = learned_row(params.start + r, params.d, params.seed, params.stddev).transpose();
  }
  return table;
}

}  // namespace peviz
