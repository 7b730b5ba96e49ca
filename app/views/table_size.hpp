// How large a view's own table may be: a CSV export writes at most 2^25 cells (about
// 800 MB of text at 24 bytes a cell). Views check before they compute.
#pragma once

#include <string>

namespace peviz {

inline constexpr double kMaxTableCells = 33554432.0;  // 2^25

// Throws InvalidArgument when `cells` is more than kMaxTableCells: "<what> would have N
// cells, more than the 33554432 a CSV export writes; <advice>".
void require_table_cells(double cells, const std::string& what, const char* advice);

}  // namespace peviz
