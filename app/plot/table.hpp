// A view's numbers as a table: a header, then rows of numbers and text. A view writes
// its table into a TableSink (the CSV writer is one), so that the view knows its columns
// and the file format knows nothing of views. Tables can be large (an encoding matrix of
// 2^25 cells): they are streamed, never held.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace peviz::plot {

class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void header(const std::vector<std::string>& names) = 0;
  virtual TableSink& cell(double value) = 0;  // not finite: an empty cell (a masked value)
  virtual TableSink& cell(long value) = 0;
  virtual TableSink& cell(std::string_view text) = 0;
  TableSink& cell(int value) { return cell(static_cast<long>(value)); }
  TableSink& cell(const char* text) { return cell(std::string_view(text)); }
  TableSink& cell(const std::string& text) { return cell(std::string_view(text)); }
  virtual void end_row() = 0;
};

// Writes a view's table; made from the view's parameters as they were when asked, so it
// can run on another thread. Throws InvalidArgument for parameters it cannot tabulate.
using TableWriter = std::function<void(TableSink&)>;

}  // namespace peviz::plot
