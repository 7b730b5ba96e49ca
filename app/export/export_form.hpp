// The export dialog's fields as plain data: what they say, whether they make a file,
// which file, and the picture options they give; the fields remembered between runs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "app/export/export_format.hpp"
#include "app/export/figure_file.hpp"
#include "app/plot/style.hpp"

namespace peviz {

// Each side of the picture after scaling, in pixels, as FigureFileWriter and peviz export allow.
inline constexpr int kMinSide = 16;
inline constexpr int kMaxSide = 16384;
inline constexpr int kMaxScale = 3;

// What the dialog's fields say.
struct ExportForm {
  ExportFormat format = ExportFormat::Png;
  int width = 1600;  // logical size: the figure is laid out at this size...
  int height = 1000;
  int scale = 1;  // ...and drawn at 1, 2 or 3 times it
  bool transparent = false;
  plot::Theme theme = plot::Theme::Light;
  std::string folder;  // as typed ("" = the current directory)
  std::string name;    // as typed
};

// The first problem of the form that needs no disk, as one line, or "": the size
// (each side 16 to 16384 pixels after scaling), the scale (1 to 3), the file name
// (not empty, no '/', no control character, not "." or "..").
std::string check_form(const ExportForm& form);

// The folder as typed: "" is `cwd`, "~" and "~/x" are under `home`, a relative path
// is under `cwd`; the result is absolute and lexically normal.
std::filesystem::path resolve_folder(const std::string& folder, const std::filesystem::path& cwd,
                                     const std::string& home);
// The file the form writes: the resolved folder / the trimmed name with the format's extension.
std::filesystem::path form_path(const ExportForm& form, const std::filesystem::path& cwd,
                                const std::string& home);
// "" when `folder` is a writable directory, else one line saying why not.
std::string check_folder(const std::filesystem::path& folder);
// The picture options of the form (size, scale, transparency, theme).
PictureOptions picture_options(const ExportForm& form);

// A blank folder field shows the current folder, where the file would go anyway.
void fill_in_folder(ExportForm& form);
// The form set to write `path` (the --export-on-start hook): its folder (the current
// one when it names none), its name, and the format its extension names (else the form's).
void aim_form_at(ExportForm& form, const std::filesystem::path& path);

// Where a relative folder starts: the process's working directory ("/" if it has none).
std::filesystem::path current_folder();
// What "~" means: $HOME, or "" (then "~" is an ordinary folder name).
std::string home_folder();

// The fields remembered between runs (folder, format, size, scale, transparency,
// theme) as the settings file holds them; nothing where the settings have no value
// of the right type.
struct RememberedForm {
  std::optional<std::string> folder;
  std::optional<std::string> format;  // format_extension
  std::optional<long long> width;
  std::optional<long long> height;
  std::optional<long long> scale;
  std::optional<bool> transparent;
  std::optional<std::string> theme;  // plot::theme_name
};
RememberedForm remembered_fields(const ExportForm& form);
// Takes the remembered values into `form`. A value out of range, a blank folder, an
// unknown format or theme (of another version) keeps what the form has.
void restore_fields(ExportForm& form, const RememberedForm& saved);

}  // namespace peviz
