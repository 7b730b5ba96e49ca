// CSV output (RFC 4180): a header row, one record per line, numbers at full
// double precision (%.17g, so they read back bit for bit), empty fields where a
// value is not finite (masked cells), text fields quoted when they contain a comma,
// a quote or a line break.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/plot/table.hpp"
#include "atomic_file.hpp"

namespace peviz {

class CsvWriter : public plot::TableSink {
 public:
  // Rows are buffered: call flush() before committing the file.
  explicit CsvWriter(AtomicFile& file) : file_(file) {}

  void header(const std::vector<std::string>& names) override;
  CsvWriter& cell(double value) override;
  CsvWriter& cell(long value) override;
  CsvWriter& cell(std::string_view text) override;
  CsvWriter& cell(int value) { return cell(static_cast<long>(value)); }
  CsvWriter& cell(const char* text) { return cell(std::string_view(text)); }
  CsvWriter& cell(const std::string& text) { return cell(std::string_view(text)); }
  void end_row() override;
  void flush();

 private:
  void separator();
  AtomicFile& file_;
  std::string buffer_;
  bool row_started_ = false;
};

// "%.17g"; "" for infinities and NaN (a masked logit is an empty field).
std::string format_double(double value);
// A field quoted per RFC 4180 when needed.
std::string csv_field(std::string_view text);

}  // namespace peviz
