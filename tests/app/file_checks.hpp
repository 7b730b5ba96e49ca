// Judges the files peviz writes with readers we did not write: pngcheck for PNG (it
// rejects a bad CRC, which stb and PIL forgive), xmllint for SVG, and an RFC 4180 reading
// of CSV in which every field that looks like a number is finite (masked and undefined
// cells are empty fields). Each returns "" for a good file, else what is wrong.
#pragma once

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.hpp"

namespace peviz::testing_files {

inline std::string pngcheck(const std::filesystem::path& file) {
  std::string out;
  const int code = testing_process::tool({"/usr/bin/pngcheck", "-q", file.string()}, &out);
  return code == 0 ? "" : "pngcheck: " + out;
}

inline std::string xmllint(const std::filesystem::path& file) {
  std::string out;
  const int code = testing_process::tool({"/usr/bin/xmllint", "--noout", file.string()}, &out);
  return code == 0 ? "" : "xmllint: " + out.substr(0, 400);
}

// RFC 4180 records of `text` (quoted fields may hold commas, quotes and line breaks).
inline std::vector<std::vector<std::string>> csv_records(const std::string& text,
                                                         std::string* error) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted && error != nullptr) *error = "an unclosed quote";
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
    if (error != nullptr && error->empty()) *error = "the last line has no line break";
  }
  return rows;
}

inline bool is_non_finite_word(std::string f) {
  for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return f == "nan" || f == "-nan" || f == "inf" || f == "-inf" || f == "+inf" || f == "infinity" ||
         f == "-infinity";
}

// A table a spreadsheet reads: a header and at least one row, every row as wide as the
// header, no NaN or infinity (empty fields instead), only UTF-8 text without control
// characters.
inline std::string csv_check(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
      return "a control character in the CSV";
    }
  }
  std::string error;
  const auto rows = csv_records(text, &error);
  if (!error.empty()) return "CSV: " + error;
  if (rows.size() < 2) return "CSV: a header and no data";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != rows[0].size()) {
      return "CSV: row " + std::to_string(r) + " has " + std::to_string(rows[r].size()) +
             " fields, the header " + std::to_string(rows[0].size());
    }
    for (const std::string& f : rows[r]) {
      if (is_non_finite_word(f))
        return "CSV: a non-finite number '" + f + "' in row " + std::to_string(r);
    }
  }
  return "";
}

// The check for a file by its extension.
inline std::string file_check(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".png") return pngcheck(file);
  if (ext == ".svg") return xmllint(file);
  if (ext == ".csv") return csv_check(file);
  return "no check for " + ext;
}

}  // namespace peviz::testing_files
