// Where the fonts are: DejaVu Sans (fonts-dejavu-core, -extra) for every text, and the
// fallback fonts whose glyphs are merged in for other scripts (fonts-droid-fallback,
// fonts-symbola). The window's atlas, the PNG and SVG writers and the views' text measures
// all read these files, so they agree on every glyph.
#pragma once

#include <string>
#include <vector>

namespace peviz::plot {

// The path of a file of the DejaVu fonts folder ("DejaVuSans.ttf").
std::string font_path(const char* file);
// The fallback fonts for glyphs DejaVu Sans lacks, in the order they are merged.
std::vector<std::string> fallback_font_paths();

}  // namespace peviz::plot
