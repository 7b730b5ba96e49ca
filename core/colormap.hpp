// Colormaps as data: one table per map feeds the GPU lookup texture, exports,
// the colorbar and the tests. A map is a list of evenly spaced sRGB stops,
// sampled by linear interpolation between neighbours.
//   Diverging maps are for signed data centred on 0 (PE values, similarities),
//   sequential maps for non-negative data, cyclic maps for angles.
#pragma once

#include <cstdint>
#include <vector>

namespace peviz {

enum class ColormapKind { Sequential, Diverging, Cyclic };
enum class ColormapId {
  RdBu,      // diverging, ColorBrewer (red -1 .. white 0 .. blue +1)
  PuOr,      // diverging, ColorBrewer, safe for the common colour-vision deficiencies
  Viridis,   // sequential, perceptually uniform and colour-blind safe (van der Walt & Smith)
  Twilight,  // cyclic, for angles (matplotlib's twilight, Bechtold)
};
inline constexpr ColormapId kAllColormaps[] = {ColormapId::RdBu, ColormapId::PuOr,
                                               ColormapId::Viridis, ColormapId::Twilight};

struct Rgb {
  double r = 0.0, g = 0.0, b = 0.0;  // 0..1, sRGB
};

struct Colormap {
  const char* name;
  ColormapKind kind;
  std::vector<Rgb> stops;  // evenly spaced over t in [0, 1]
};

const Colormap& colormap(ColormapId id);
// "RdBu", "PuOr", "viridis", "twilight"; throws InvalidArgument for another name.
ColormapId colormap_by_name(const char* name);
// The colour at t (clamped to [0, 1]).
Rgb colormap_sample(const Colormap& map, double t);
// `entries` RGBA8 samples at t = k / (entries - 1): the lookup texture of the shader.
std::vector<std::uint8_t> colormap_rgba8(const Colormap& map, int entries);
// Where value falls in [lo, hi] as t in [0, 1] (clamped; 0.5 when lo >= hi or value is NaN).
double colormap_position(double value, double lo, double hi);

}  // namespace peviz
