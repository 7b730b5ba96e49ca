#include "fonts.hpp"

#include <filesystem>
#include <iostream>
#include <string>

#ifndef PEVIZ_FONT_DIR
#define PEVIZ_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

namespace peviz {
namespace {

// Latin-1, Greek, phonetic extensions (subscript i), general punctuation, super/subscripts, arrows,
// math operators, geometric shapes. Zero-terminated pairs, as ImGui expects; must outlive the atlas
// build.
constexpr ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000,
                               0x206F, 0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                               0x25A0, 0x25FF, 0x2700, 0x27BF, 0x27C0, 0x27EF, 0};

ImFont* load(const char* file, float size) {
  const std::string path = std::string(PEVIZ_FONT_DIR) + "/" + file;
  if (!std::filesystem::exists(path)) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;  // glyphs sit on whole pixels vertically: no gain, twice the atlas
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, &config, kRanges);
}

}  // namespace

Fonts load_fonts(float scale) {
  Fonts fonts;
  fonts.body = load("DejaVuSans.ttf", 20.0f * scale);
  fonts.title = load("DejaVuSans-Bold.ttf", 26.0f * scale);
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
  fonts.bold_italic = load("DejaVuSans-BoldOblique.ttf", 20.0f * scale);
  if (fonts.italic == nullptr) {
    std::cerr << "peviz: DejaVu Sans Oblique not found in " PEVIZ_FONT_DIR
                 " (install fonts-dejavu-extra); lessons show italic as regular text\n";
  }
}

}  // namespace peviz
