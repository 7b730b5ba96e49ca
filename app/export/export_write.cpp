#include "export_write.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace peviz {
namespace fs = std::filesystem;

void write_item(const ExportItem& item, const plot::Figure& figure, const fs::path& path,
                const ExportForm& form, FigureFileWriter& writer) {
  if (form.format == ExportFormat::Csv && item.own_table) {
    write_table_csv(item.own_table, path.string());
    return;
  }
  writer.write(figure, path.string(), picture_options(form));
}

ClipboardText clipboard_text(const ExportItem& item, const plot::Figure& figure,
                             const ExportForm& form, FigureFileWriter& writer) {
  // One name per process: two windows copying at once do not meet.
  const fs::path temp =
      fs::temp_directory_path() /
      ("peviz-clipboard-" + std::to_string(::getpid()) + "." + format_extension(form.format));
  write_item(item, figure, temp, form, writer);
  ClipboardText out;
  std::error_code ec;
  out.bytes = fs::file_size(temp, ec);
  if (ec || out.bytes > kMaxClipboard) {
    fs::remove(temp, ec);
    std::string kind = format_extension(form.format);
    for (char& c : kind) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out.error = "The " + kind + " is " + human_size(out.bytes) +
                ", too large for the clipboard: export it to a file.";
    return out;
  }
  {
    std::ifstream in(temp, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.text = text.str();
  }
  fs::remove(temp, ec);
  return out;
}

std::string human_size(std::uintmax_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%ju bytes", bytes);
  } else if (bytes < (1u << 20)) {
    std::snprintf(text, sizeof text, "%.0f KB", bytes / 1024.0);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", bytes / 1048576.0);
  }
  return text;
}

}  // namespace peviz
