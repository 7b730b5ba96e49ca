#include "font_files.hpp"

#ifndef PEVIZ_FONT_DIR
#define PEVIZ_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

namespace peviz::plot {

std::string font_path(const char* file) {
  return std::string(PEVIZ_FONT_DIR) + "/" + file;
}

std::vector<std::string> fallback_font_paths() {
  return {"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
          "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"};
}

}  // namespace peviz::plot
