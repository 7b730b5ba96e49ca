// `peviz export xpos --d D --out F.csv`: xPos's per-pair scale zeta_i = (2i/d + 0.4)/1.4,
// i = 0..d/2-1 (core/xpos.hpp; torchscale XPOS), as CSV `pair,zeta`. Bad input: one line,
// exit 2, no file.
#pragma once

#include <iosfwd>

#include "app/plot/table.hpp"

namespace peviz {

// The table `export xpos` writes: one row per pair.
void xpos_table(int d, plot::TableSink& table);

// argv[0] is "export", argv[1] "xpos". Returns the exit code: 0, or 2 with one line on `err`.
int run_xpos_export(int argc, const char* const* argv, std::ostream& err);

}  // namespace peviz
