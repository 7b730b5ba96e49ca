#include "export_dialog.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/progress.hpp"
#include "explorer.hpp"

namespace peviz {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxSide = 16384;        // pixels, as FigureFileWriter and peviz export allow
constexpr std::size_t kMaxStem = 120;  // characters of a default or sanitised name
// The clipboard is for a figure's worth of text, not for a 100 MB table.
constexpr std::uintmax_t kMaxClipboard = 32u << 20;

std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A whole-text number, else nothing ("64", "1e4", not "64x").
std::optional<double> number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Integral numbers as plain digits ("1e+06" reads badly in a file name).
std::string plain(const std::string& value) {
  const std::optional<double> v = number(value);
  if (v && std::abs(*v) < 1e15 && *v == std::floor(*v)) {
    return std::to_string(static_cast<long long>(*v));
  }
  return value;
}

// The parameters a file name mentions, in this order: `prefix` and the value, left
// out when the value is `omit` (the default, which needs no saying).
struct KeyParam {
  const char* name;
  const char* prefix;
  const char* omit;  // nullptr: always named
};
constexpr KeyParam kKeyParams[] = {
    {"d", "d", nullptr},
    {"heads", "h", nullptr},
    {"num-buckets", "b", nullptr},
    {"max-distance", "dist", nullptr},
    {"positions", "n", nullptr},
    {"start", "from", "0"},
    {"base", "base", "10000"},
    {"layout", "", "interleaved"},
    {"seed", "seed", "0"},
    {"pairing", "", "half-split"},
    {"partial-rotary", "rot", "1"},
    {"original-context", "ctx", "4096"},
    {"scaling", "", "none"},
    {"factor", "x", "4"},
    {"metric", "", "cosine"},
    {"offset", "k", nullptr},
    {"mask", "", "causal"},
};

// One parameter as a file-name token: "d128", "base500000", "yarn"; "nomask" for an
// unmasked (encoder) mask, which "none" would not say.
std::string token(const std::string& name, const std::string& value) {
  if (name == "mask" && value == "none") return "nomask";
  for (const KeyParam& k : kKeyParams) {
    if (name == k.name) return k.prefix + plain(value);
  }
  // Parameters without a prefix of their own: a word stands alone, a number gets its name.
  return number(value) ? name + plain(value) : value;
}

const std::string* find_value(const std::vector<NamedValue>& values, const std::string& name) {
  for (const auto& [n, v] : values) {
    if (n == name) return &v;
  }
  return nullptr;
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

std::string home_dir() {
  const char* home = std::getenv("HOME");
  return home != nullptr ? home : "";
}

fs::path current_dir() {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  return ec ? fs::path("/") : cwd;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes one item: the view's own CSV table when it has one, else the figure
// through FigureFileWriter (PNG, SVG, or the figure's numbers as CSV).
void write_item(const ExportItem& item, const plot::Figure& figure, const fs::path& path,
                const ExportForm& form, FigureFileWriter& writer) {
  if (form.format == ExportFormat::Csv && item.own_table) {
    write_table_csv(item.own_table, path.string());
    return;
  }
  writer.write(figure, path.string(), picture_options(form));
}

}  // namespace

const char* format_extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::Png:
      return "png";
    case ExportFormat::Svg:
      return "svg";
    case ExportFormat::Csv:
      return "csv";
  }
  return "png";
}

std::string sanitize_file_name(const std::string& name) {
  std::string out;
  bool gap = false;
  for (const char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool safe = (c < 128 && std::isalnum(c) != 0) || c == '.' || c == '-' || c == '_';
    if (!safe) {
      gap = true;
      continue;
    }
    if (gap && !out.empty() && out.back() != '_' && c != '_') out += '_';
    gap = false;
    if (c == '_' && !out.empty() && out.back() == '_') continue;
    out += static_cast<char>(c);
  }
  const std::size_t first = out.find_first_not_of("._-");
  out = first == std::string::npos ? "" : out.substr(first);
  if (out.size() > kMaxStem) out.resize(kMaxStem);
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  return out.empty() ? "figure" : out;
}

std::string default_file_stem(const std::string& view, const std::vector<NamedValue>& values,
                              bool name_scheme) {
  std::string stem = view;
  if (const std::string* scheme = find_value(values, "scheme"); scheme != nullptr && name_scheme)
    stem += "_" + *scheme;
  const std::string* scaling = find_value(values, "scaling");
  const bool scaled = scaling != nullptr && *scaling != "none";
  for (const KeyParam& k : kKeyParams) {
    const std::string* value = find_value(values, k.name);
    if (value == nullptr) continue;
    // A scaling's factor is part of its name ("yarn_x4"), default or not.
    const bool keep =
        k.omit == nullptr || plain(*value) != k.omit || (std::string(k.name) == "factor" && scaled);
    if (keep) stem += "_" + token(k.name, *value);
  }
  return sanitize_file_name(stem);
}

std::string compare_file_stem(const std::string& view,
                              const std::vector<std::vector<NamedValue>>& panels) {
  std::vector<std::string> differing;  // names, in the first panel's order
  for (const auto& panel : panels) {
    for (const auto& [name, value] : panel) {
      if (std::find(differing.begin(), differing.end(), name) != differing.end()) continue;
      for (const auto& other : panels) {
        const std::string* v = find_value(other, name);
        if (v == nullptr || *v != value) {
          differing.push_back(name);
          break;
        }
      }
    }
  }
  if (differing.empty()) return sanitize_file_name(view + "_compare");
  std::string stem = view;
  for (std::size_t i = 0; i < panels.size(); ++i) {
    std::string part;
    for (const std::string& name : differing) {
      if (const std::string* v = find_value(panels[i], name); v != nullptr)
        part += (part.empty() ? "" : "_") + token(name, *v);
    }
    // A panel with none of the differing parameters: its letter.
    if (part.empty()) part = std::string(1, static_cast<char>('A' + i));
    stem += (i == 0 ? "_" : "_vs_") + part;
  }
  return sanitize_file_name(stem);
}

std::string with_extension(const std::string& name, ExportFormat format) {
  std::string base = name;
  const std::string ext = lower(fs::path(name).extension().string());
  if (ext == ".png" || ext == ".svg" || ext == ".csv") base.resize(base.size() - ext.size());
  return base + "." + format_extension(format);
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

std::string check_form(const ExportForm& form) {
  if (form.scale < 1 || form.scale > 3) {
    return "The scale is 1, 2 or 3 (got " + std::to_string(form.scale) + ").";
  }
  if (form.width < 16 || form.height < 16) {
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

// ---------------------------------------------------------------------------
// The dialog

ExportDialog::ExportDialog() {
  form_.folder = current_dir().string();
}

ExportDialog::~ExportDialog() {
  cancel();
}

void ExportDialog::cancel() {
  if (stop_) stop_->store(true);
  if (build_.valid()) build_.wait();
  build_ = {};
  if (stage_ == Stage::Building || stage_ == Stage::Confirm) stage_ = Stage::Idle;
}

void ExportDialog::open(Explorer& explorer) {
  const ExportItem item = explorer.export_item(form_.width, form_.height);
  item_title_ = item.title;
  item_stem_ = item.stem;
  zoomed_ = explorer.zoomed();
  form_.name = with_extension(item.stem, form_.format);
  if (trim(form_.folder).empty()) form_.folder = current_dir().string();
  if (stage_ == Stage::Confirm) stage_ = Stage::Idle;
  error_.clear();
  message_.clear();
  written_.clear();
  copy_path_.clear();
  existing_.clear();
  if (!open_) open_popup_ = true;
  open_ = true;
  changed();
}

void ExportDialog::export_to(Explorer& explorer, const fs::path& path) {
  open(explorer);
  const std::string format = figure_format(path.string());
  for (ExportFormat f : kExportFormats) {
    if (format == format_extension(f)) form_.format = f;
  }
  form_.folder = path.has_parent_path() ? path.parent_path().string() : current_dir().string();
  form_.name = with_extension(path.filename().string(), form_.format);
  start(explorer, Action::Export, false);
}

void ExportDialog::start(Explorer& explorer, Action action, bool overwrite) {
  if (stage_ == Stage::Building || stage_ == Stage::Writing) return;
  error_.clear();
  message_.clear();
  written_.clear();
  copy_path_.clear();
  existing_.clear();
  copied_.clear();
  stage_ = Stage::Idle;
  changed();
  const bool to_file = action == Action::Export || action == Action::ExportAll;
  ExportForm checked = form_;
  if (!to_file || action == Action::ExportAll) checked.name = "x";  // the name is not used
  if (std::string e = check_form(checked); !e.empty()) {
    error_ = e;
    return;
  }
  const fs::path cwd = current_dir();
  const std::string home = home_dir();
  items_.clear();
  paths_.clear();
  if (action == Action::ExportAll) {
    items_ = explorer.export_all_items(form_.width, form_.height);
  } else {
    items_.push_back(explorer.export_item(form_.width, form_.height));
  }
  if (to_file) {
    const fs::path folder = resolve_folder(form_.folder, cwd, home);
    if (std::string e = check_folder(folder); !e.empty()) {
      error_ = e;
      return;
    }
    for (const ExportItem& item : items_) {
      paths_.push_back(action == Action::ExportAll
                           ? folder / (item.view + "." + format_extension(form_.format))
                           : form_path(form_, cwd, home));
    }
    for (const fs::path& p : paths_) {
      std::error_code ec;
      if (fs::is_directory(p, ec)) {
        error_ = p.string() + " is a folder: choose another file name.";
        return;
      }
      if (fs::exists(p, ec)) existing_.push_back(p.filename().string());
    }
    if (!overwrite && !existing_.empty()) {
      pending_ = action;
      stage_ = Stage::Confirm;
      return;
    }
  }
  action_ = action;
  job_form_ = form_;
  // Copy CSV is CSV whatever the format buttons say; Copy SVG is SVG.
  if (action == Action::CopyCsv) job_form_.format = ExportFormat::Csv;
  if (action == Action::CopySvg) job_form_.format = ExportFormat::Svg;

  // Every figure first, on a thread of its own: bad parameters stop the export
  // before any file is written, and the window keeps drawing meanwhile.
  std::vector<FigureBuilder> builders;
  std::vector<std::string> names;
  for (const ExportItem& item : items_) {
    const bool table = job_form_.format == ExportFormat::Csv && item.own_table;
    builders.push_back(table ? FigureBuilder() : item.build);
    names.push_back(item.view);
  }
  stop_ = std::make_shared<std::atomic<bool>>(false);
  progress_ = std::make_shared<std::atomic<double>>(0.0);
  build_ = std::async(std::launch::async, [builders = std::move(builders), names = std::move(names),
                                           stop = stop_, progress = progress_]() {
    Built built;
    const double n = static_cast<double>(builders.size());
    for (std::size_t i = 0; i < builders.size(); ++i) {
      try {
        if (!builders[i]) {
          built.figures.emplace_back();
          continue;
        }
        built.figures.push_back(builders[i]([&](double f) {
          progress->store((static_cast<double>(i) + f) / n);
          return !stop->load();
        }));
      } catch (const Cancelled&) {
        built.error = "Cancelled.";
        return built;
      } catch (const std::exception& e) {
        built.error = (builders.size() > 1 ? names[i] + ": " : std::string()) + e.what();
        return built;
      }
    }
    return built;
  });
  stage_ = Stage::Building;
}

void ExportDialog::finish(const std::string& error) {
  error_ = error;
  stage_ = Stage::Idle;
  items_.clear();
  built_ = {};
  build_ = {};
  changed();
}

void ExportDialog::perform(GLFWwindow* window) {
  if (stage_ == Stage::Building && build_.valid() &&
      build_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    built_ = build_.get();
    build_ = {};
    if (!built_.error.empty()) {
      finish(built_.error);
      return;
    }
    stage_ = Stage::Writing;
    next_ = 0;
    changed();
    return;  // the next frame says what is being written
  }
  if (stage_ != Stage::Writing) return;
  // The PNG renderer may make an EGL context current (and creates ImGui contexts
  // of its own): the window gets its own back below, whatever happens.
  ImGuiContext* imgui = ImGui::GetCurrentContext();
  write_next(window);
  ImGui::SetCurrentContext(imgui);
  if (window != nullptr) glfwMakeContextCurrent(window);
}

void ExportDialog::keep_old() {
  if (stage_ != Stage::Confirm) return;
  stage_ = Stage::Idle;
  message_ = "Nothing written: the old file" + std::string(existing_.size() > 1 ? "s are" : " is") +
             " kept.";
  changed();
}

void ExportDialog::write_next(GLFWwindow* window) {
  // One FigureFileWriter per file: a GL renderer (and its EGL context) never
  // outlives the call that made it current.
  FigureFileWriter writer;
  const ExportItem& item = items_[next_];
  const plot::Figure& figure = built_.figures[next_];
  try {
    if (action_ == Action::CopySvg || action_ == Action::CopyCsv) {
      // Written as a file first, so the clipboard holds exactly what Export writes.
      const fs::path temp =
          fs::temp_directory_path() / ("peviz-clipboard-" + std::to_string(::getpid()) + "." +
                                       format_extension(job_form_.format));
      write_item(item, figure, temp, job_form_, writer);
      std::error_code ec;
      const std::uintmax_t bytes = fs::file_size(temp, ec);
      if (ec || bytes > kMaxClipboard) {
        fs::remove(temp, ec);
        finish("The " + std::string(action_ == Action::CopySvg ? "SVG" : "CSV") + " is " +
               human_size(bytes) + ", too large for the clipboard: export it to a file.");
        return;
      }
      const std::string text = read_file(temp);
      fs::remove(temp, ec);
      if (window != nullptr) glfwSetClipboardString(window, text.c_str());
      copied_ = text;
      finish("");
      if (action_ == Action::CopySvg) {
        message_ = "Copied the SVG document (" + human_size(bytes) +
                   ") to the clipboard: paste it into Inkscape or a text editor.";
      } else {
        const long rows = static_cast<long>(std::count(text.begin(), text.end(), '\n'));
        message_ = "Copied " + std::to_string(rows) + " lines of CSV (" + human_size(bytes) +
                   ") to the clipboard: paste them into a spreadsheet.";
      }
      return;
    }
    write_item(item, figure, paths_[next_], job_form_, writer);
    written_.push_back(paths_[next_]);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    if (action_ == Action::ExportAll && !written_.empty()) {
      finish("Wrote " + std::to_string(written_.size()) + " of " + std::to_string(items_.size()) +
             " files, then: " + what);
    } else {
      finish(what);
    }
    return;
  }
  ++next_;
  changed();
  if (next_ < items_.size()) return;  // the next file on the next frame
  const std::size_t count = items_.size();
  finish("");
  if (action_ == Action::Export) {
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(written_.front(), ec);
    message_ = "Wrote " + written_.front().string() + (ec ? "" : " (" + human_size(bytes) + ")");
    copy_path_ = written_.front().string();
  } else {
    message_ = "Wrote " + std::to_string(count) + " files into " +
               written_.front().parent_path().string() + ":";
    copy_path_ = written_.front().parent_path().string();
  }
}

bool ExportDialog::settled() const {
  return stage_ != Stage::Building && stage_ != Stage::Writing && !open_popup_ &&
         quiet_frames_ >= 3;
}

nlohmann::json ExportDialog::save() const {
  nlohmann::json j;
  j["folder"] = form_.folder;
  j["format"] = format_extension(form_.format);
  j["width"] = form_.width;
  j["height"] = form_.height;
  j["scale"] = form_.scale;
  j["transparent"] = form_.transparent;
  j["theme"] = plot::theme_name(form_.theme);
  return j;
}

void ExportDialog::load(const nlohmann::json& settings) {
  if (!settings.is_object()) return;
  // A value of the wrong type or out of range keeps the default.
  if (auto it = settings.find("folder");
      it != settings.end() && it->is_string() && !trim(it->get<std::string>()).empty())
    form_.folder = it->get<std::string>();
  if (auto it = settings.find("format"); it != settings.end() && it->is_string()) {
    for (ExportFormat f : kExportFormats) {
      if (it->get<std::string>() == format_extension(f)) form_.format = f;
    }
  }
  const auto whole = [&](const char* key, int lo, int hi, int& out) {
    if (auto it = settings.find(key); it != settings.end() && it->is_number_integer()) {
      const long long v = it->get<long long>();
      if (v >= lo && v <= hi) out = static_cast<int>(v);
    }
  };
  whole("width", 16, kMaxSide, form_.width);
  whole("height", 16, kMaxSide, form_.height);
  whole("scale", 1, 3, form_.scale);
  if (auto it = settings.find("transparent"); it != settings.end() && it->is_boolean())
    form_.transparent = it->get<bool>();
  if (auto it = settings.find("theme"); it != settings.end() && it->is_string()) {
    try {
      form_.theme = plot::theme_by_name(it->get<std::string>());
    } catch (const std::exception&) {
      // a theme of another version: keep light
    }
  }
}

// ---------------------------------------------------------------------------
// Drawing

namespace {

// A label in the left column of the form, the field after it on the same line.
void label(const char* text, float column) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(column);
}

bool radio(const char* text, bool on) {
  return ImGui::RadioButton(text, on);
}

ImVec4 v4(plot::Color c) {
  return ImVec4(c.r, c.g, c.b, c.a);
}

// Failed and done, readable on the dialog's surface: the theme's own colours, but
// darker in the light theme (its orange and green are for plots, too light for text).
ImVec4 error_colour(const plot::Style& style) {
  return style.theme == plot::Theme::Light ? ImVec4(0.70f, 0.12f, 0.0f, 1.0f) : v4(style.bad);
}
ImVec4 done_colour(const plot::Style& style) {
  return style.theme == plot::Theme::Light ? ImVec4(0.0f, 0.45f, 0.30f, 1.0f) : v4(style.good);
}
ImVec4 muted_colour() {
  return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
}
constexpr const char* kFormatLabels[] = {"PNG picture", "SVG vector graphics", "CSV numbers"};
constexpr const char* kCopied = "  (path copied)";

}  // namespace

void ExportDialog::frame(Explorer& explorer, const Fonts& fonts, const plot::Style& style) {
  ++quiet_frames_;
  if (!open_) return;
  constexpr const char* kTitle = "Export";
  if (open_popup_) {
    ImGui::OpenPopup(kTitle);
    open_popup_ = false;
  } else if (!ImGui::IsPopupOpen(kTitle)) {
    open_ = false;  // closed by something else
    cancel();
    return;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.45f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  bool keep = true;
  const bool busy = stage_ == Stage::Building || stage_ == Stage::Writing;
  // On the theme's surface colour (the sidebar's), where the fields and radio
  // buttons show (they are white, as the window's background is).
  ImGui::PushStyleColor(ImGuiCol_PopupBg, v4(style.surface));
  const bool shown =
      ImGui::BeginPopupModal(kTitle, busy ? nullptr : &keep,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  if (shown) {
    controls(explorer, fonts, style);
    // Esc closes, as the close button does (but not while typing: Esc leaves the field).
    if (!busy && !ImGui::GetIO().WantTextInput &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
      keep = false;
    }
    if (!keep || !open_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (!keep) open_ = false;
  if (!open_) cancel();
}

void ExportDialog::controls(Explorer& explorer, const Fonts& fonts, const plot::Style& style) {
  const float em = ImGui::GetFontSize();
  const float column = 6.5f * em;
  const float field_w = 30.0f * em;
  const bool busy = stage_ == Stage::Building || stage_ == Stage::Writing;
  const fs::path cwd = current_dir();
  const std::string home = home_dir();

  if (fonts.title != nullptr) ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(item_title_.c_str());
  if (fonts.title != nullptr) ImGui::PopFont();
  ImGui::Spacing();

  if (busy) ImGui::BeginDisabled();
  label("Format", column);
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine();
    if (radio(kFormatLabels[i], form_.format == kExportFormats[i]) &&
        form_.format != kExportFormats[i]) {
      form_.format = kExportFormats[i];
      form_.name = with_extension(form_.name, form_.format);
      changed();
    }
  }

  label("Size", column);
  ImGui::SetNextItemWidth(5.0f * em);
  if (ImGui::InputInt("##width", &form_.width, 0, 0)) changed();
  ImGui::SameLine();
  ImGui::TextUnformatted("x");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(5.0f * em);
  if (ImGui::InputInt("##height", &form_.height, 0, 0)) changed();
  ImGui::SameLine();
  ImGui::TextUnformatted("   scale");
  for (int s = 1; s <= 3; ++s) {
    ImGui::SameLine();
    const std::string text = std::to_string(s) + "x";
    if (radio(text.c_str(), form_.scale == s)) {
      form_.scale = s;
      changed();
    }
  }
  ImGui::SameLine();
  {
    const long w = static_cast<long>(form_.width) * form_.scale;
    const long h = static_cast<long>(form_.height) * form_.scale;
    ImGui::TextColored(muted_colour(), "  = %ld x %ld pixels", w, h);
  }

  label("Theme", column);
  for (plot::Theme t : plot::kAllThemes) {
    if (t != plot::Theme::Light) ImGui::SameLine();
    const char* text = t == plot::Theme::Light  ? "light"
                       : t == plot::Theme::Dark ? "dark"
                                                : "high contrast";
    if (radio(text, form_.theme == t)) {
      form_.theme = t;
      changed();
    }
  }
  ImGui::SameLine(0.0f, 2.0f * em);
  {
    const bool csv = form_.format == ExportFormat::Csv;
    if (csv) ImGui::BeginDisabled();
    if (ImGui::Checkbox("transparent background", &form_.transparent)) changed();
    if (csv) ImGui::EndDisabled();
  }

  label("Folder", column);
  ImGui::SetNextItemWidth(field_w);
  if (ImGui::InputText("##folder", &form_.folder)) changed();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Where the file goes (~ is your home folder); remembered for next time");
  }
  label("File name", column);
  ImGui::SetNextItemWidth(field_w);
  const bool enter = ImGui::InputText("##name", &form_.name, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) changed();
  ImGui::SameLine();
  if (ImGui::Button("Default")) {
    form_.name = with_extension(item_stem_, form_.format);
    changed();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The view and its key parameters");
  if (busy) ImGui::EndDisabled();

  // What will happen, before it does.
  ImGui::Dummy(ImVec2(column - ImGui::GetStyle().ItemSpacing.x, 0));
  ImGui::SameLine(column);
  const std::string problem = check_form(form_);
  if (problem.empty()) {
    ImGui::TextColored(muted_colour(), "%s", form_path(form_, cwd, home).string().c_str());
  } else {
    ImGui::TextColored(muted_colour(), "%s", "(no file yet)");
  }
  if (form_.format == ExportFormat::Csv) {
    ImGui::TextColored(muted_colour(), "%s",
                       explorer.comparing()
                           ? "CSV: the numbers the comparison draws, one per line "
                             "(panel,layer,label,x,y,value)."
                           : "CSV: the view's own table where it has one (as peviz export "
                             "writes it), else the numbers its figure draws.");
  }
  if (zoomed_ && form_.format != ExportFormat::Csv) {
    ImGui::TextColored(muted_colour(), "%s",
                       "The plot is zoomed on screen; the file shows the whole range.");
  }

  ImGui::Separator();
  if (busy) ImGui::BeginDisabled();
  if (ImGui::Button("Export") || (enter && !busy)) start(explorer, Action::Export, false);
  ImGui::SameLine();
  if (ImGui::Button("Export all views")) start(explorer, Action::ExportAll, false);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Every view with these parameters, one file per view (named after the view) in the "
        "folder");
  }
  ImGui::SameLine(0.0f, 2.0f * em);
  if (ImGui::Button("Copy SVG")) start(explorer, Action::CopySvg, false);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "The SVG document as text on the clipboard: Inkscape and many editors paste it as a "
        "picture (the clipboard holds text only, so there is no Copy PNG)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Copy CSV")) start(explorer, Action::CopyCsv, false);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The view's numbers as CSV text on the clipboard");
  if (busy) ImGui::EndDisabled();
  ImGui::SameLine(0.0f, 2.0f * em);
  if (busy) {
    if (ImGui::Button("Cancel")) {
      if (stage_ == Stage::Building) {
        cancel();
        error_ = "Cancelled: no file written.";
        changed();
      }
    }
  } else if (ImGui::Button("Close")) {
    open_ = false;
  }
  outcome(style);
  if (stage_ == Stage::Confirm) {
    ImGui::Spacing();
    const std::string question =
        existing_.size() == 1 ? existing_.front() + " already exists. Replace it?"
                              : std::to_string(existing_.size()) + " of the files already exist (" +
                                    existing_.front() + ", ...). Replace them?";
    ImGui::TextColored(error_colour(style), "%s", question.c_str());
    if (ImGui::Button("Replace")) replace(explorer);
    ImGui::SameLine();
    if (ImGui::Button(existing_.size() > 1 ? "Keep the old files" : "Keep the old file"))
      keep_old();
  }
}

void ExportDialog::outcome(const plot::Style& style) {
  if (stage_ == Stage::Building || stage_ == Stage::Writing) {
    ImGui::Spacing();
    const double total = static_cast<double>(std::max<std::size_t>(1, items_.size()));
    const float fraction = stage_ == Stage::Building
                               ? static_cast<float>(progress_ ? progress_->load() : 0.0)
                               : static_cast<float>(static_cast<double>(next_) / total);
    std::string text;
    if (stage_ == Stage::Building) {
      text = items_.size() > 1
                 ? "Building " + std::to_string(items_.size()) + " figures\xE2\x80\xA6"
                 : std::string("Building the figure\xE2\x80\xA6");
    } else {
      text = "Writing " +
             (next_ < paths_.size() ? paths_[next_].filename().string() : std::string("")) +
             "\xE2\x80\xA6";
    }
    ImGui::ProgressBar(fraction, ImVec2(-1.0f, 0.0f), text.c_str());
    return;
  }
  if (!error_.empty()) {
    ImGui::Spacing();
    ImGui::TextColored(error_colour(style), "%s", error_.c_str());
  }
  if (!message_.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 48.0f * ImGui::GetFontSize());
    ImGui::TextColored(done_colour(style), "%s", message_.c_str());
    ImGui::PopTextWrapPos();
    if (written_.size() > 1) {
      std::string names;
      for (const fs::path& p : written_)
        names += (names.empty() ? "" : "  ") + p.filename().string();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 48.0f * ImGui::GetFontSize());
      ImGui::TextWrapped("%s", names.c_str());
      ImGui::PopTextWrapPos();
    }
    if (!copy_path_.empty()) {
      if (ImGui::Button("Copy path")) {
        ImGui::SetClipboardText(copy_path_.c_str());  // GLFW's text clipboard
        if (message_.find(kCopied) == std::string::npos) message_ += kCopied;
        changed();
      }
    }
  }
}

}  // namespace peviz
