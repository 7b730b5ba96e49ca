#include "figure_text.hpp"

#include <algorithm>
#include <cstdio>

#include "axis_map.hpp"

namespace peviz::plot {

// Ticks on an axis window, or the category labels that fall in it, with labels that do
// not run into each other: fewer ticks until they fit, and then, at the smallest count,
// every label that would touch the one before it left blank (its tick mark stays).
std::vector<Tick> ticks_for(Canvas& canvas, const Axis& axis, double lo, double hi, float length_px,
                            float font, bool vertical) {
  if (lo > hi) std::swap(lo, hi);
  const float gap = font * 0.6f;
  const AxisMap map{lo, hi, 0.0f, std::max(length_px, 1.0f), axis.log};
  // Each labelled tick's extent along the axis, in pixels.
  const auto extent = [&](const Tick& t) {
    const float at = map.to_pixel(t.value);
    const float half = vertical ? font * 0.6f : canvas.text_size(t.label, font, false).x * 0.5f;
    return std::make_pair(at - half, at + half);
  };
  const auto blank_crowded = [&](std::vector<Tick>& ticks) {
    float last_end = -1e30f;
    bool all_fit = true;
    for (Tick& t : ticks) {
      if (t.label.empty()) continue;
      const auto [a, b] = extent(t);
      if (a < last_end + gap) {
        t.label.clear();
        all_fit = false;
        continue;
      }
      last_end = b;
    }
    return all_fit;
  };
  if (!axis.categories.empty()) {
    std::vector<Tick> t;
    const int n = static_cast<int>(axis.categories.size());
    const int first = std::max(0, static_cast<int>(std::ceil(lo - 1e-9)));
    const int last = std::min(n - 1, static_cast<int>(std::floor(hi + 1e-9)));
    const int visible = std::max(1, last - first + 1);
    // Room for the widest label (horizontal) or a line of text (vertical) per label.
    float need = font * 1.3f;
    if (!vertical) {
      for (int k = first; k <= last; ++k)
        need = std::max(need, canvas.text_size(axis.categories[k], font, false).x + gap);
    }
    const int stride =
        std::max(1, static_cast<int>(std::ceil(visible * need / std::max(length_px, 1.0f))));
    for (int k = first; k <= last; k += stride)
      t.push_back({static_cast<double>(k), axis.categories[k]});
    blank_crowded(t);
    return t;
  }
  // Horizontal labels need room for their width, vertical ones for their height.
  int target =
      std::max(vertical ? 3 : 2, static_cast<int>(length_px / (font * (vertical ? 2.6f : 4.5f))));
  for (;; --target) {
    std::vector<Tick> ticks = axis_ticks(lo, hi, target, axis.log, axis.integer);
    std::vector<Tick> trial = ticks;
    if (blank_crowded(trial) || target <= 2) return trial;
  }
}

float widest_label(Canvas& canvas, const std::vector<Tick>& ticks, float font) {
  float w = 0.0f;
  for (const Tick& t : ticks) w = std::max(w, canvas.text_size(t.label, font, false).x);
  return w;
}

// `text`, or as much of it as fits in `width` followed by an ellipsis.
std::string fit_text(Canvas& canvas, const std::string& text, float size, bool bold, float width) {
  if (canvas.text_size(text, size, bold).x <= width) return text;
  canvas.shortened(text);
  std::string cut = text;
  while (!cut.empty()) {
    // Drop one UTF-8 character (and a space before the ellipsis).
    do cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80) != 0 &&
        (static_cast<unsigned char>(cut.back()) & 0x40) != 0) {
      cut.pop_back();  // a lead byte left without its continuation
    }
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    const std::string candidate = cut + "…";
    if (canvas.text_size(candidate, size, bold).x <= width) return candidate;
  }
  return "";
}

// `text` in lines of at most `width`, broken at spaces, at most `max_lines` of them; a word
// wider than the line stands alone, and what still does not fit ends in an ellipsis (the
// audit hears of it). The layout reserves the lines' height, the drawing draws the same.
std::vector<std::string> wrap_text(Canvas& canvas, const std::string& text, float size, bool bold,
                                   float width, int max_lines) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  if (canvas.text_size(text, size, bold).x <= width) return {text};
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t j = text.find(' ', i);
    words.push_back(text.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  std::string line;
  std::size_t k = 0;
  for (; k < words.size(); ++k) {
    const std::string candidate = line.empty() ? words[k] : line + " " + words[k];
    if (line.empty() || canvas.text_size(candidate, size, bold).x <= width) {
      line = candidate;
      continue;
    }
    lines.push_back(line);
    line = words[k];
    if (static_cast<int>(lines.size()) == max_lines - 1) {
      // The last line takes the rest, shortened if need be.
      for (++k; k < words.size(); ++k) line += " " + words[k];
      break;
    }
  }
  lines.push_back(fit_text(canvas, line, size, bold, width));
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (canvas.text_size(lines[i], size, bold).x > width)
      lines[i] = fit_text(canvas, lines[i], size, bold, width);
  }
  return lines;
}

std::vector<std::pair<std::string, bool>> footer_lines(Canvas& canvas, const Figure& figure,
                                                       const Style& style, float width) {
  const float font = tick_font(style);
  std::vector<std::pair<std::string, bool>> out;
  for (const std::string& l : wrap_text(canvas, figure.note, font, false, width, kHeadingLines))
    out.emplace_back(l, false);
  std::string warnings;
  for (const std::string& w : figure.warnings)
    warnings += (warnings.empty() ? "warning: " : "; ") + w;
  for (const std::string& l : wrap_text(canvas, warnings, font, false, width, kHeadingLines))
    out.emplace_back(l, true);
  return out;
}

}  // namespace peviz::plot
