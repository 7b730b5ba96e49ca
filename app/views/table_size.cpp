#include "table_size.hpp"

#include <cstdio>

#include "core/validate.hpp"

namespace peviz {

void require_table_cells(double cells, const std::string& what, const char* advice) {
  if (!(cells > kMaxTableCells)) return;
  char count[32];
  std::snprintf(count, sizeof count, "%.0f", cells);
  throw InvalidArgument(what + " would have " + count + " cells, more than the " +
                        std::to_string(static_cast<long>(kMaxTableCells)) +
                        " a CSV export writes; " + advice);
}

}  // namespace peviz
