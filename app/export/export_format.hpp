// The file formats of the window's export (PNG, SVG, PDF, CSV) and their extensions.
#pragma once

#include <optional>
#include <string>

namespace peviz {

enum class ExportFormat { Png, Svg, Pdf, Csv };
inline constexpr ExportFormat kExportFormats[] = {ExportFormat::Png, ExportFormat::Svg,
                                                  ExportFormat::Pdf, ExportFormat::Csv};

const char* format_extension(ExportFormat format);  // "png", "svg", "pdf", "csv"

// The format whose extension is `extension` ("png", as format_extension and
// figure_format say it), or nothing.
std::optional<ExportFormat> format_named(const std::string& extension);

// `name` ending in the format's extension: a .png, .svg, .pdf or .csv ending (any case) is
// replaced, any other name gets the extension appended.
std::string with_extension(const std::string& name, ExportFormat format);

}  // namespace peviz
