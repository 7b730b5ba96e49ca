#include "csv_writer.hpp"

#include <cmath>
#include <cstdio>

#include "core/utf8.hpp"

namespace peviz {

std::string format_double(double value) {
  // No spreadsheet reads "inf" or "nan" as a number: a masked logit (-inf) or an undefined
  // value is an empty field.
  if (!std::isfinite(value)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string csv_field(std::string_view raw) {
  // Spreadsheets read UTF-8 text: bytes that are not, and control characters other than
  // tab and line breaks, become U+FFFD.
  const std::string text = printable_utf8(raw);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void CsvWriter::separator() {
  if (row_started_) buffer_ += ',';
  row_started_ = true;
}

void CsvWriter::header(const std::vector<std::string>& names) {
  for (const std::string& n : names) cell(std::string_view(n));
  end_row();
}

CsvWriter& CsvWriter::cell(double value) {
  separator();
  buffer_ += format_double(value);
  return *this;
}

CsvWriter& CsvWriter::cell(long value) {
  separator();
  buffer_ += std::to_string(value);
  return *this;
}

CsvWriter& CsvWriter::cell(std::string_view text) {
  separator();
  buffer_ += csv_field(text);
  return *this;
}

void CsvWriter::end_row() {
  buffer_ += '\n';
  row_started_ = false;
  if (buffer_.size() > (1u << 20)) flush();
}

void CsvWriter::flush() {
  if (buffer_.empty()) return;
  file_.write(buffer_);
  buffer_.clear();
}

}  // namespace peviz
