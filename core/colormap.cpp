#include "colormap.hpp"

#include <algorithm>
#include <cmath>

#include "validate.hpp"

namespace peviz {
namespace {

Rgb hex(unsigned v) {
  return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
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
  switch (id) {
    case ColormapId::RdBu:
      return rdbu;
  }
  return rdbu;
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
