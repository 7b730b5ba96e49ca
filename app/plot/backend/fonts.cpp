#include "fonts.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>

#include "app/plot/font_files.hpp"
#include "core/utf8.hpp"

#ifndef PEVIZ_FONT_DIR
#define PEVIZ_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

namespace peviz {

std::string font_path(const char* file) {
  return plot::font_path(file);
}

namespace {

// Latin-1, Greek, phonetic extensions (subscript i), general punctuation, super/subscripts, arrows,
// math operators, geometric shapes. Zero-terminated pairs, as ImGui expects; must outlive the atlas
// build.
constexpr ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x206F,
                               0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF,
                               0x2700, 0x27BF, 0x27C0, 0x27EF, 0xFFFD, 0xFFFD, 0};

bool in_standard_ranges(std::uint32_t c) {
  for (const ImWchar* r = kRanges; r[0] != 0; r += 2) {
    if (c >= r[0] && c <= r[1]) return true;
  }
  return false;
}

ImFont* load(const std::string& path, float size, const ImWchar* ranges, bool merge = false) {
  if (!std::filesystem::exists(path)) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;  // glyphs sit on whole pixels vertically: no gain, twice the atlas
  config.MergeMode = merge;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, &config, ranges);
}

ImFont* load(const char* file, float size) {
  return load(font_path(file), size, kRanges);
}

// The extra glyphs merged into the font just added (each from the first fallback with it).
void merge_fallbacks(const Fonts& fonts, float size) {
  if (!fonts.extra_ranges || fonts.extra_ranges->empty()) return;
  for (const std::string& path : fallback_font_paths())
    load(path, size, fonts.extra_ranges->data(), true);
}

}  // namespace

std::vector<std::string> fallback_font_paths() {
  return plot::fallback_font_paths();
}

std::vector<ImWchar> extra_glyphs(std::string_view text) {
  std::vector<ImWchar> out;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    i += c.length == 0 ? 1 : c.length;
    if (c.length == 0 || c.cp < 0x80 || c.cp > 0xFFFF || in_standard_ranges(c.cp)) continue;
    out.push_back(static_cast<ImWchar>(c.cp));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string figure_text(const plot::Figure& f) {
  std::string t = f.title + "\n" + f.subtitle + "\n" + f.note + "\n" + f.message + "\n" + f.problem;
  for (const std::string& w : f.warnings) t += "\n" + w;
  for (const plot::Panel& p : f.panels) {
    t += "\n" + p.title + "\n" + p.x.label + "\n" + p.y.label;
    for (const plot::Axis* a : {&p.x, &p.y}) {
      for (const std::string& c : a->categories) t += "\n" + c;
    }
    if (p.heatmap) t += "\n" + p.heatmap->value_label;
    for (const plot::LineSeries& s : p.lines) t += "\n" + s.label;
    for (const plot::Bars& b : p.bars) t += "\n" + b.label;
    for (const plot::RefLine& r : p.refs) t += "\n" + r.label;
    for (const plot::Band& b : p.bands) t += "\n" + b.label;
    for (const plot::Text& x : p.texts) t += "\n" + x.text;
  }
  return t;
}

Fonts load_fonts(float scale, const std::vector<ImWchar>& extra) {
  Fonts fonts;
  if (!extra.empty()) {
    auto ranges = std::make_shared<std::vector<ImWchar>>();
    for (ImWchar c : extra) ranges->insert(ranges->end(), {c, c});
    ranges->push_back(0);
    fonts.extra_ranges = ranges;
  }
  fonts.body = load("DejaVuSans.ttf", 20.0f * scale);
  if (fonts.body != nullptr) merge_fallbacks(fonts, 20.0f * scale);
  fonts.title = load("DejaVuSans-Bold.ttf", 26.0f * scale);
  if (fonts.title != nullptr) merge_fallbacks(fonts, 26.0f * scale);
  if (fonts.body == nullptr) {
    std::cerr << "peviz: DejaVu Sans not found in " PEVIZ_FONT_DIR
                 " (install fonts-dejavu-core); using ImGui's built-in font\n";
    fonts.body = ImGui::GetIO().Fonts->AddFontDefault();
  }
  if (fonts.title == nullptr) fonts.title = fonts.body;
  fonts.mono = fonts.body;  // no view draws monospaced text: one atlas less to build
  return fonts;
}

void add_lesson_fonts(Fonts& fonts, float scale) {
  fonts.italic = load("DejaVuSans-Oblique.ttf", 20.0f * scale);
  if (fonts.italic != nullptr) merge_fallbacks(fonts, 20.0f * scale);
  fonts.bold_italic = load("DejaVuSans-BoldOblique.ttf", 20.0f * scale);
  if (fonts.bold_italic != nullptr) merge_fallbacks(fonts, 20.0f * scale);
  if (fonts.italic == nullptr) {
    std::cerr << "peviz: DejaVu Sans Oblique not found in " PEVIZ_FONT_DIR
                 " (install fonts-dejavu-extra); lessons show italic as regular text\n";
  }
}

}  // namespace peviz
