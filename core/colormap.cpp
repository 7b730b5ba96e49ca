#include "colormap.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>

#include "validate.hpp"

namespace peviz {
namespace {

Rgb hex(unsigned v) {
  return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

Colormap make(const char* name, ColormapKind kind, std::initializer_list<unsigned> stops) {
  Colormap m{name, kind, {}};
  for (unsigned s : stops) m.stops.push_back(hex(s));
  return m;
}

Colormap make_rdbu() {
  // ColorBrewer RdBu, 11 classes (Brewer, colorbrewer2.org), red for -1 .. blue for +1,
  // the order matplotlib's "RdBu" and the TensorFlow PE tutorial use.
  const unsigned stops[] = {0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7,
                            0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0x053061};
  Colormap m{"RdBu", ColormapKind::Diverging, {}};
  for (unsigned s : stops) m.stops.push_back(hex(s));
  return m;
}

}  // namespace

const Colormap& colormap(ColormapId id) {
  // Immutable tables, built once on first use.
  static const Colormap rdbu = make_rdbu();
  // ColorBrewer PuOr, 11 classes (colorbrewer2.org marks it colour-blind safe),
  // orange for -1 .. purple for +1.
  static const Colormap puor = make("PuOr", ColormapKind::Diverging,
                                    {0x7f3b08, 0xb25706, 0xe08214, 0xfcb761, 0xfee0b6, 0xf6f6f7,
                                     0xd8daeb, 0xb1aad1, 0x8073ac, 0x532687, 0x2d004b});
  // viridis (van der Walt & Smith 2015, CC0), 17 evenly spaced samples of matplotlib's table.
  static const Colormap viridis = make(
      "viridis", ColormapKind::Sequential,
      {0x440154, 0x48186a, 0x472d7b, 0x424086, 0x3b528b, 0x33638d, 0x2c728e, 0x26828e, 0x21918c,
       0x1fa088, 0x28ae80, 0x3fbc73, 0x5ec962, 0x84d44b, 0xaddc30, 0xd8e219, 0xfde725});
  // twilight (Bechtold, matplotlib 3.0), 17 samples; both ends are the same colour.
  static const Colormap twilight = make(
      "twilight", ColormapKind::Cyclic,
      {0xe2d9e2, 0xc4ced4, 0x95b5c7, 0x7297c1, 0x6276ba, 0x5e51ad, 0x592a8f, 0x45135c, 0x2f1436,
       0x4a1342, 0x741e4f, 0x983550, 0xb25652, 0xc27c63, 0xcca389, 0xd8c7be, 0xe2d9e2});
  switch (id) {
    case ColormapId::RdBu:
      return rdbu;
    case ColormapId::PuOr:
      return puor;
    case ColormapId::Viridis:
      return viridis;
    case ColormapId::Twilight:
      return twilight;
  }
  return rdbu;
}

ColormapId colormap_by_name(const char* name) {
  for (ColormapId id : kAllColormaps) {
    if (std::string(colormap(id).name) == name) return id;
  }
  throw InvalidArgument(std::string("unknown colormap '") + name +
                        "' (choose RdBu, PuOr, viridis, twilight)");
}

Rgb colormap_sample(const Colormap& map, double t) {
  if (map.stops.empty()) throw InvalidArgument("colormap without stops");
  if (!(t >= 0.0)) t = 0.0;  // also maps NaN to the low end
  t = std::min(t, 1.0);
  const double x = t * static_cast<double>(map.stops.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(x));
  if (i + 1 >= map.stops.size()) return map.stops.back();
  const double f = x - static_cast<double>(i);
  const Rgb& a = map.stops[i];
  const Rgb& b = map.stops[i + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::vector<std::uint8_t> colormap_rgba8(const Colormap& map, int entries) {
  if (entries < 2) throw InvalidArgument("a colormap lookup needs at least 2 entries");
  std::vector<std::uint8_t> lut(static_cast<std::size_t>(entries) * 4);
  const auto byte = [](double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
  };
  for (int k = 0; k < entries; ++k) {
    const Rgb c = colormap_sample(map, static_cast<double>(k) / (entries - 1));
    lut[4 * k + 0] = byte(c.r);
    lut[4 * k + 1] = byte(c.g);
    lut[4 * k + 2] = byte(c.b);
    lut[4 * k + 3] = 255;
  }
  return lut;
}

double colormap_position(double value, double lo, double hi) {
  if (!(hi > lo) || std::isnan(value)) return 0.5;
  return std::clamp((value - lo) / (hi - lo), 0.0, 1.0);
}

}  // namespace peviz
