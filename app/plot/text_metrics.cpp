#include "text_metrics.hpp"

#include <memory>
#include <vector>

#include "core/utf8.hpp"
#include "font_files.hpp"
#include "font_outlines.hpp"

namespace peviz::plot {
namespace {

// The font files, read once for the whole process and never changed after (stb_truetype
// only reads them, so every thread may measure at once).
struct Fonts {
  FontOutlines regular{font_path("DejaVuSans.ttf")};
  FontOutlines bold{font_path("DejaVuSans-Bold.ttf")};
  std::vector<std::unique_ptr<FontOutlines>> fallbacks;
  Fonts() {
    for (const std::string& path : fallback_font_paths())
      fallbacks.push_back(std::make_unique<FontOutlines>(path));
  }
};

const Fonts& fonts() {
  static const Fonts loaded;  // immutable once made: no state of the user's
  return loaded;
}

// The advance of `cp` in pixels of a font drawn `px` high, from the first font that has it.
double advance_px(const Fonts& f, std::uint32_t cp, double px, bool bold) {
  const FontOutlines& main = bold && f.bold.ok() ? f.bold : f.regular;
  if (main.has(cp))
    return main.advance(cp) * static_cast<double>(main.pixel_scale(static_cast<float>(px)));
  for (const auto& fb : f.fallbacks) {
    if (fb->ok() && fb->has(cp))
      return fb->advance(cp) * static_cast<double>(fb->pixel_scale(static_cast<float>(px)));
  }
  return main.advance(0xFFFD) * static_cast<double>(main.pixel_scale(static_cast<float>(px)));
}

}  // namespace

double text_width(std::string_view text, double px, bool bold) {
  const Fonts& f = fonts();
  double w = 0.0;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    i += c.length == 0 ? 1 : c.length;
    if (c.cp == '\n' || c.cp == '\r') continue;
    // ImGui stores 16-bit characters: anything beyond is drawn as the replacement character.
    const std::uint32_t cp = c.length == 0 || c.cp > 0xFFFF ? 0xFFFD : c.cp;
    w += f.regular.ok() ? advance_px(f, cp, px, bold) : 0.6 * px;
  }
  return w;
}

}  // namespace peviz::plot
