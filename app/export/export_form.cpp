#include "export_form.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "core/text.hpp"

namespace peviz {
namespace fs = std::filesystem;

std::string check_form(const ExportForm& form) {
  if (form.scale < 1 || form.scale > kMaxScale) {
    return "The scale is 1, 2 or 3 (got " + std::to_string(form.scale) + ").";
  }
  if (form.width < kMinSide || form.height < kMinSide) {
    return "Width and height must be at least 16 pixels (got " + std::to_string(form.width) +
           " x " + std::to_string(form.height) + ").";
  }
  const long w = static_cast<long>(form.width) * form.scale;
  const long h = static_cast<long>(form.height) * form.scale;
  if (w > kMaxSide || h > kMaxSide) {
    return "The picture would be " + std::to_string(w) + " x " + std::to_string(h) +
           " pixels; each side can be at most " + std::to_string(kMaxSide) +
           " (lower the size or the scale).";
  }
  const std::string name = trim(form.name);
  if (name.empty()) return "Type a file name.";
  if (name.find('/') != std::string::npos) {
    return "A file name cannot contain '/': type the folder in the Folder field.";
  }
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 32 || c == 127; })) {
    return "The file name contains a control character.";
  }
  if (name == "." || name == "..") return "'" + name + "' is not a file name.";
  return "";
}

fs::path resolve_folder(const std::string& folder, const fs::path& cwd, const std::string& home) {
  std::string f = trim(folder);
  fs::path p;
  if (f.empty()) {
    p = cwd;
  } else if ((f == "~" || f.rfind("~/", 0) == 0) && !home.empty()) {
    p = fs::path(home) / f.substr(std::min<std::size_t>(f.size(), 2));
  } else {
    p = fs::path(f).is_absolute() ? fs::path(f) : cwd / f;
  }
  p = p.lexically_normal();
  // "/tmp/x/" normalises to "/tmp/x/" (an empty last part): drop it for display.
  if (p.has_parent_path() && p.filename().empty()) p = p.parent_path();
  return p;
}

fs::path form_path(const ExportForm& form, const fs::path& cwd, const std::string& home) {
  return resolve_folder(form.folder, cwd, home) / with_extension(trim(form.name), form.format);
}

std::string check_folder(const fs::path& folder) {
  std::error_code ec;
  const fs::file_status status = fs::status(folder, ec);
  if (!fs::exists(status)) return "The folder " + folder.string() + " does not exist.";
  if (!fs::is_directory(status)) return folder.string() + " is not a folder.";
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return "Cannot write into " + folder.string() + ": " + std::strerror(errno) + ".";
  }
  return "";
}

PictureOptions picture_options(const ExportForm& form) {
  PictureOptions o;
  o.width = form.width;
  o.height = form.height;
  o.scale = form.scale;
  o.transparent = form.transparent && form.format != ExportFormat::Csv;
  o.style = plot::theme_style(form.theme);
  return o;
}

void fill_in_folder(ExportForm& form) {
  if (trim(form.folder).empty()) form.folder = current_folder().string();
}

void aim_form_at(ExportForm& form, const fs::path& path) {
  if (const std::optional<ExportFormat> f = format_named(figure_format(path.string())))
    form.format = *f;
  form.folder = path.has_parent_path() ? path.parent_path().string() : current_folder().string();
  form.name = with_extension(path.filename().string(), form.format);
}

fs::path current_folder() {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  return ec ? fs::path("/") : cwd;
}

std::string home_folder() {
  const char* home = std::getenv("HOME");
  return home != nullptr ? home : "";
}

RememberedForm remembered_fields(const ExportForm& form) {
  RememberedForm r;
  r.folder = form.folder;
  r.format = format_extension(form.format);
  r.width = form.width;
  r.height = form.height;
  r.scale = form.scale;
  r.transparent = form.transparent;
  r.theme = plot::theme_name(form.theme);
  return r;
}

void restore_fields(ExportForm& form, const RememberedForm& saved) {
  if (saved.folder && !trim(*saved.folder).empty()) form.folder = *saved.folder;
  if (saved.format) {
    if (const std::optional<ExportFormat> f = format_named(*saved.format)) form.format = *f;
  }
  const auto whole = [](const std::optional<long long>& v, int lo, int hi, int& out) {
    if (v && *v >= lo && *v <= hi) out = static_cast<int>(*v);
  };
  whole(saved.width, kMinSide, kMaxSide, form.width);
  whole(saved.height, kMinSide, kMaxSide, form.height);
  whole(saved.scale, 1, kMaxScale, form.scale);
  if (saved.transparent) form.transparent = *saved.transparent;
  if (saved.theme) {
    try {
      form.theme = plot::theme_by_name(*saved.theme);
    } catch (const std::exception&) {
      // a theme of another version: keep the form's
    }
  }
}

}  // namespace peviz
