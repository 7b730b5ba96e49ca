#include "export_format.hpp"

#include <cctype>
#include <filesystem>

namespace peviz {

const char* format_extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::Png:
      return "png";
    case ExportFormat::Svg:
      return "svg";
    case ExportFormat::Pdf:
      return "pdf";
    case ExportFormat::Csv:
      return "csv";
  }
  return "png";
}

std::optional<ExportFormat> format_named(const std::string& extension) {
  for (ExportFormat f : kExportFormats) {
    if (extension == format_extension(f)) return f;
  }
  return std::nullopt;
}

std::string with_extension(const std::string& name, ExportFormat format) {
  std::string base = name;
  std::string ext = std::filesystem::path(name).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".png" || ext == ".svg" || ext == ".pdf" || ext == ".csv")
    base.resize(base.size() - ext.size());
  return base + "." + format_extension(format);
}

}  // namespace peviz
