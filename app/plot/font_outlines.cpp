#include "font_outlines.hpp"

#include <stb_truetype.h>

#include <fstream>
#include <iterator>
#include <vector>

namespace peviz {

struct FontOutlines::Font {
  std::vector<unsigned char> data;  // stbtt_fontinfo points into it: never resized
  stbtt_fontinfo info{};
};

FontOutlines::FontOutlines(const std::string& ttf_path) {
  std::ifstream in(ttf_path, std::ios::binary);
  if (!in) return;
  auto font = std::make_unique<Font>();
  font->data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (font->data.size() < 12) return;
  const int offset = stbtt_GetFontOffsetForIndex(font->data.data(), 0);
  if (offset < 0 || stbtt_InitFont(&font->info, font->data.data(), offset) == 0) return;
  font_ = std::move(font);
}

FontOutlines::~FontOutlines() = default;

bool FontOutlines::has(std::uint32_t codepoint) const {
  return font_ && stbtt_FindGlyphIndex(&font_->info, static_cast<int>(codepoint)) != 0;
}

int FontOutlines::advance(std::uint32_t codepoint) const {
  if (!has(codepoint)) return 0;
  int advance = 0, bearing = 0;
  stbtt_GetCodepointHMetrics(&font_->info, static_cast<int>(codepoint), &advance, &bearing);
  return advance;
}

float FontOutlines::pixel_scale(float pixel_height) const {
  return font_ ? stbtt_ScaleForPixelHeight(&font_->info, pixel_height) : 0.0f;
}

std::string FontOutlines::path(std::uint32_t codepoint) const {
  if (!has(codepoint)) return "";
  stbtt_vertex* v = nullptr;
  const int n = stbtt_GetCodepointShape(&font_->info, static_cast<int>(codepoint), &v);
  std::string d;
  const auto point = [&](int x, int y) { d += std::to_string(x) + " " + std::to_string(y); };
  for (int i = 0; i < n; ++i) {
    switch (v[i].type) {
      case STBTT_vmove:
        if (!d.empty()) d += "Z";
        d += "M";
        point(v[i].x, v[i].y);
        break;
      case STBTT_vline:
        d += "L";
        point(v[i].x, v[i].y);
        break;
      case STBTT_vcurve:  // quadratic: one control point
        d += "Q";
        point(v[i].cx, v[i].cy);
        d += " ";
        point(v[i].x, v[i].y);
        break;
      case STBTT_vcubic:
        d += "C";
        point(v[i].cx, v[i].cy);
        d += " ";
        point(v[i].cx1, v[i].cy1);
        d += " ";
        point(v[i].x, v[i].y);
        break;
      default:
        break;
    }
  }
  if (!d.empty()) d += "Z";
  stbtt_FreeShape(&font_->info, v);
  return d;
}

}  // namespace peviz
