// Writing one exported figure: into its file (PNG, SVG or CSV through
// FigureFileWriter, or the view's own table), or as the text a Copy puts on the clipboard.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "app/export/export_form.hpp"
#include "app/export/export_plan.hpp"
#include "app/export/figure_file.hpp"
#include "app/plot/figure.hpp"

namespace peviz {

// The clipboard is for a figure's worth of text, not for a 100 MB table.
inline constexpr std::uintmax_t kMaxClipboard = 32u << 20;

// Writes `item` into `path` in the form's format: the view's own CSV table when the
// format is CSV and the item has one, else `figure` through `writer` (PNG, SVG, or the
// figure's numbers as CSV). Throws as FigureFileWriter::write does; never leaves a partial file.
void write_item(const ExportItem& item, const plot::Figure& figure,
                const std::filesystem::path& path, const ExportForm& form,
                FigureFileWriter& writer);

// What a Copy puts on the clipboard: exactly the file Export would write (written to a
// temporary file, read back and removed), or why it does not fit.
struct ClipboardText {
  std::string text;
  std::uintmax_t bytes = 0;
  std::string error;  // one line, when the text is larger than kMaxClipboard
};
ClipboardText clipboard_text(const ExportItem& item, const plot::Figure& figure,
                             const ExportForm& form, FigureFileWriter& writer);

// "512 bytes", "12 KB", "3.4 MB".
std::string human_size(std::uintmax_t bytes);

}  // namespace peviz
