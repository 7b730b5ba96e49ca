// The numbers behind each view as CSV (header row, one record per line, %.17g).
#pragma once

#include <string>
#include <vector>

#include "csv_writer.hpp"
#include "export_options.hpp"

namespace peviz {

struct CsvView {
  const char* name;
  const char* columns;      // the header, for --help
  const char* description;  // one line, for --help
};

// Every view that exports CSV, in the order --help lists them.
const std::vector<CsvView>& csv_views();
bool is_csv_view(const std::string& name);

// Writes the view's table. Throws InvalidArgument (one line a user can act on) for
// bad options; the caller's AtomicFile then leaves no file behind.
void write_csv_view(const ExportOptions& options, CsvWriter& csv);

}  // namespace peviz
