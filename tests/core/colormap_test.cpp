// Tests for core/colormap: RdBu as data (ColorBrewer RdBu, 11 classes), sampling and the
// RGBA8 lookup texture.
#include "core/colormap.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <cstdint>
#include <vector>

#include "test_util.hpp"

namespace peviz {
namespace {

// ColorBrewer RdBu, 11 classes (colorbrewer2.org), in order from red to blue:
// #67001f #b2182b #d6604d #f4a582 #fddbc7 #f7f7f7 #d1e5f0 #92c5de #4393c3 #2166ac #053061.
const std::uint8_t kRdBu11[11][3] = {{0x67, 0x00, 0x1f}, {0xb2, 0x18, 0x2b}, {0xd6, 0x60, 0x4d},
                                     {0xf4, 0xa5, 0x82}, {0xfd, 0xdb, 0xc7}, {0xf7, 0xf7, 0xf7},
                                     {0xd1, 0xe5, 0xf0}, {0x92, 0xc5, 0xde}, {0x43, 0x93, 0xc3},
                                     {0x21, 0x66, 0xac}, {0x05, 0x30, 0x61}};

void expect_rgb(const Rgb& c, const std::uint8_t (&hex)[3], double tol) {
  EXPECT_NEAR(c.r, hex[0] / 255.0, tol);
  EXPECT_NEAR(c.g, hex[1] / 255.0, tol);
  EXPECT_NEAR(c.b, hex[2] / 255.0, tol);
}

// Rec. 709 luma of the sRGB components: a simple lightness proxy.
double luma(const Rgb& c) {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

TEST(Colormap, RdBuIsTheColorBrewerTable) {
  const Colormap& m = colormap(ColormapId::RdBu);
  EXPECT_STREQ(m.name, "RdBu");
  EXPECT_EQ(m.kind, ColormapKind::Diverging);
  ASSERT_EQ(m.stops.size(), 11u);
  for (int k = 0; k < 11; ++k) expect_rgb(m.stops[k], kRdBu11[k], 1e-15);
}

TEST(Colormap, EndpointsAndCentre) {
  const Colormap& m = colormap(ColormapId::RdBu);
  expect_rgb(colormap_sample(m, 0.0), kRdBu11[0], 1e-15);
  expect_rgb(colormap_sample(m, 1.0), kRdBu11[10], 1e-15);
  expect_rgb(colormap_sample(m, 0.5), kRdBu11[5], 1e-15);  // neutral #f7f7f7 at 0
  // Clamped outside [0, 1], NaN at the low end.
  expect_rgb(colormap_sample(m, -3.0), kRdBu11[0], 0.0);
  expect_rgb(colormap_sample(m, 7.0), kRdBu11[10], 0.0);
  expect_rgb(colormap_sample(m, std::nan("")), kRdBu11[0], 0.0);
}

TEST(Colormap, InterpolatesLinearlyBetweenStops) {
  const Colormap& m = colormap(ColormapId::RdBu);
  // t = 0.05 is halfway between stops 0 and 1.
  const Rgb c = colormap_sample(m, 0.05);
  EXPECT_NEAR(c.r, (0x67 + 0xb2) / 2.0 / 255.0, 1e-12);
  EXPECT_NEAR(c.g, (0x00 + 0x18) / 2.0 / 255.0, 1e-12);
  EXPECT_NEAR(c.b, (0x1f + 0x2b) / 2.0 / 255.0, 1e-12);
  // t = 0.925: a quarter of the way from stop 9 to stop 10.
  const Rgb d = colormap_sample(m, 0.925);
  EXPECT_NEAR(d.b, (0.75 * 0xac + 0.25 * 0x61) / 255.0, 1e-12);
}

TEST(Colormap, RedForLowValuesBlueForHighValues) {
  const Colormap& m = colormap(ColormapId::RdBu);
  const Rgb lo = colormap_sample(m, colormap_position(-1.0, -1.0, 1.0));
  const Rgb hi = colormap_sample(m, colormap_position(1.0, -1.0, 1.0));
  EXPECT_GT(lo.r, lo.b);
  EXPECT_GT(hi.b, hi.r);
  // Along the middle (t in [0.2, 0.9]) the map turns steadily from red to blue: b - r
  // strictly increases; lightness rises to the centre and falls after it.
  Rgb prev = colormap_sample(m, 0.2);
  for (int k = 1; k <= 700; ++k) {
    const double t = 0.2 + k * 0.001;
    const Rgb c = colormap_sample(m, t);
    EXPECT_GT(c.b - c.r, prev.b - prev.r) << "t=" << t;
    if (t <= 0.5) {
      EXPECT_GT(luma(c), luma(prev) - 1e-12) << "t=" << t;
    } else {
      EXPECT_LT(luma(c), luma(prev) + 1e-12) << "t=" << t;
    }
    prev = c;
  }
}

TEST(Colormap, LightnessPeaksAtTheCentreOverTheWholeRange) {
  const Colormap& m = colormap(ColormapId::RdBu);
  double prev = luma(colormap_sample(m, 0.0));
  for (int k = 1; k <= 1000; ++k) {
    const double t = k * 0.001;
    const double l = luma(colormap_sample(m, t));
    if (t <= 0.5) {
      EXPECT_GE(l, prev - 1e-12) << t;
    } else {
      EXPECT_LE(l, prev + 1e-12) << t;
    }
    prev = l;
  }
}

TEST(Colormap, Rgba8LookupTable) {
  const Colormap& m = colormap(ColormapId::RdBu);
  // 11 entries land exactly on the stops.
  const std::vector<std::uint8_t> lut = colormap_rgba8(m, 11);
  ASSERT_EQ(lut.size(), 44u);
  for (int k = 0; k < 11; ++k) {
    EXPECT_EQ(lut[4 * k + 0], kRdBu11[k][0]) << k;
    EXPECT_EQ(lut[4 * k + 1], kRdBu11[k][1]) << k;
    EXPECT_EQ(lut[4 * k + 2], kRdBu11[k][2]) << k;
    EXPECT_EQ(lut[4 * k + 3], 255) << k;
  }
  // 256 entries: endpoints are the end stops; entry k samples t = k / 255.
  const std::vector<std::uint8_t> big = colormap_rgba8(m, 256);
  ASSERT_EQ(big.size(), 1024u);
  EXPECT_EQ(big[0], 0x67);
  EXPECT_EQ(big[2], 0x1f);
  EXPECT_EQ(big[4 * 255 + 0], 0x05);
  EXPECT_EQ(big[4 * 255 + 2], 0x61);
  // Entry 1: t = 1/255, x = 10/255 of the way from stop 0 to stop 1; r = 103 + 75*10/255.
  EXPECT_EQ(big[4], 106);  // 103 + 2.94 = 105.94 -> 106
}

TEST(Colormap, Position) {
  EXPECT_DOUBLE_EQ(colormap_position(0.0, -1.0, 1.0), 0.5);
  EXPECT_DOUBLE_EQ(colormap_position(-1.0, -1.0, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(colormap_position(0.25, 0.0, 1.0), 0.25);
  EXPECT_DOUBLE_EQ(colormap_position(15.0, 10.0, 30.0), 0.25);
  EXPECT_DOUBLE_EQ(colormap_position(-5.0, 0.0, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(colormap_position(5.0, 0.0, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(colormap_position(3.0, 2.0, 2.0), 0.5);  // lo == hi
  EXPECT_DOUBLE_EQ(colormap_position(3.0, 4.0, 2.0), 0.5);  // hi < lo
}

TEST(ColormapErrors, BadArguments) {
  EXPECT_INVALID_ARGUMENT(colormap_rgba8(colormap(ColormapId::RdBu), 1), "2");
  EXPECT_INVALID_ARGUMENT(colormap_rgba8(colormap(ColormapId::RdBu), 0), "entries");
  const Colormap empty{"empty", ColormapKind::Sequential, {}};
  EXPECT_INVALID_ARGUMENT(colormap_sample(empty, 0.5), "stops");
}

TEST(ColormapPosition, NanAndEmptyRangesMapToTheMiddle) {
  EXPECT_EQ(colormap_position(std::nan(""), -1.0, 1.0), 0.5);
  EXPECT_EQ(colormap_position(3.0, 1.0, 1.0), 0.5);
  EXPECT_EQ(colormap_position(-7.0, -1.0, 1.0), 0.0);
  EXPECT_EQ(colormap_position(0.5, -1.0, 1.0), 0.75);
}

}  // namespace
}  // namespace peviz
