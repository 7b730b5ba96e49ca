// Learned absolute position embeddings, as they look at initialisation: a table
// of N(0, std^2) entries, std = 0.02 like GPT-2's init (HF modeling_gpt2.py,
// GPT2PreTrainedModel._init_weights: normal_(mean=0.0, std=initializer_range=0.02)).
// Shapes: rows are positions, columns are dimensions (N x d); any d >= 1.
// Entries 2k and 2k+1 of row p are the two normals of one Box-Muller draw from a generator
// seeded by (seed, p, k) alone, so a position has the same vector in every window of the
// table, at every width and on every machine, and any one cell costs O(1): a picture of a
// 1048576 x 4096 table reads only the cells it shows.
// With a real table (PositionTable, loaded by app/model from GPT-2's wpe.weight, ...), every
// function reads its rows instead: d must be the table's width, positions its rows.
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "learned_table.hpp"

namespace peviz {

struct LearnedParams {
  int d = 64;                            // model dimension (any d >= 1)
  long positions = 100;                  // number of rows N
  long start = 0;                        // first position p0 >= 0
  std::uint64_t seed = 0;                // table seed
  double stddev = 0.02;                  // standard deviation of every entry
  const PositionTable* table = nullptr;  // a real table, read instead of the seeded one
};

Eigen::MatrixXd learned_encoding(const LearnedParams& params);
Eigen::VectorXd learned_row(long position, int d, std::uint64_t seed, double stddev = 0.02,
                            const PositionTable* table = nullptr);
// Selected cells: rows for `positions` (each >= 0), the given `columns` (0..d-1).
Eigen::MatrixXd learned_cells(const Eigen::Ref<const Eigen::VectorXd>& positions,
                              const Eigen::Ref<const Eigen::VectorXi>& columns, int d,
                              std::uint64_t seed, double stddev = 0.02,
                              const PositionTable* table = nullptr);
// The value range a picture of the learned scheme spans: +-3 standard deviations of the seeded
// init, or a real table's largest |value|.
double learned_value_range(const PositionTable* table, double stddev = 0.02);
// Throws InvalidArgument unless `table` has `d` columns and rows for first..first+count-1.
void require_table_rows(const PositionTable& table, int d, long first, long count);

}  // namespace peviz
