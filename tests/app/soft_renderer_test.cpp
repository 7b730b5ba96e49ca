// The CPU renderer with no GL at all: exact pixels of primitives worked out by hand
// from the rules it follows (pixel centres, left and bottom edges inside, GL's scissor
// truncation, 8-bit blending with rounded products), text, transparent pictures, and
// heatmap cells in core's colormap colours. tests/app/soft_vs_gl_test.cpp compares it
// with the GPU.
#include <gtest/gtest.h>

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "app/plot/style.hpp"
#include "app/render/soft_renderer.hpp"
#include "core/colormap.hpp"

namespace peviz {
namespace {

struct Px {
  int r, g, b, a;
  bool operator==(const Px&) const = default;
};

Px at(const PixelsView& p, int x, int y) {
  const std::uint8_t* q = p.rgba + (static_cast<std::size_t>(y) * p.width + x) * 4;
  return {q[0], q[1], q[2], q[3]};
}

std::ostream& operator<<(std::ostream& o, const Px& p) {
  return o << "(" << p.r << ", " << p.g << ", " << p.b << ", " << p.a << ")";
}

constexpr Px kWhite{255, 255, 255, 255};

// Pixels of a w x h picture drawn by `paint` over white (or over `clear`).
class SoftRendererTest : public ::testing::Test {
 protected:
  PixelsView draw(int w, int h, const std::function<void(ImDrawList&)>& paint,
                  std::uint32_t clear = IM_COL32(255, 255, 255, 255)) {
    return soft_.render_draw_list(w, h, clear, [&](ImDrawList& d, plot::ImageSource&) {
      d.Flags &= ~ImDrawListFlags_AntiAliasedFill;  // exact shapes, no fringes
      paint(d);
    });
  }
  SoftRenderer soft_{1.0f, 1};
};

TEST_F(SoftRendererTest, ARectangleCoversThePixelsWhoseCentresItContains) {
  // Whole-pixel corners: columns 4..11, rows 4..9 exactly red, nothing else.
  PixelsView p = draw(32, 32, [](ImDrawList& d) {
    d.AddRectFilled({4, 4}, {12, 10}, IM_COL32(255, 0, 0, 255));
  });
  long red = 0;
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 32; ++x) {
      const bool inside = x >= 4 && x < 12 && y >= 4 && y < 10;
      EXPECT_EQ(at(p, x, y), (inside ? Px{255, 0, 0, 255} : kWhite)) << x << ", " << y;
      red += inside ? 1 : 0;
    }
  }
  EXPECT_EQ(red, 48);
  // Corners on pixel centres (2.5 .. 8.5): the left edge's centres are in, the right
  // edge's out; in y the bottom edge's are in and the top edge's out (GL's top-left
  // rule in the FBO's upward y, as llvmpipe draws). Columns 2..7, rows 3..8.
  p = draw(16, 16, [](ImDrawList& d) {
    d.AddRectFilled({2.5f, 2.5f}, {8.5f, 8.5f}, IM_COL32(0, 0, 255, 255));
  });
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      const bool inside = x >= 2 && x <= 7 && y >= 3 && y <= 8;
      EXPECT_EQ(at(p, x, y).b == 255 && at(p, x, y).r == 0, inside) << x << ", " << y;
    }
  }
}

TEST_F(SoftRendererTest, ATriangleCoversTheCentresInsideIt) {
  // The half square below the diagonal x + y = 16: centres (x + 0.5, y + 0.5) with
  // x + y + 1 < 16 are inside; those on the diagonal (x + y = 15) belong to the
  // neighbour across it (a right-hand edge). 1 + 2 + ... + 15 = 120 pixels.
  const PixelsView p = draw(20, 20, [](ImDrawList& d) {
    d.AddTriangleFilled({0, 0}, {16, 0}, {0, 16}, IM_COL32(0, 128, 0, 255));
  });
  long covered = 0;
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 20; ++x) {
      const bool inside = x + y < 15;
      EXPECT_EQ(at(p, x, y), (inside ? Px{0, 128, 0, 255} : kWhite)) << x << ", " << y;
      covered += at(p, x, y) == Px{0, 128, 0, 255} ? 1 : 0;
    }
  }
  EXPECT_EQ(covered, 120);
  // Either winding draws the same pixels.
  const PixelsView q = draw(20, 20, [](ImDrawList& d) {
    d.AddTriangleFilled({0, 0}, {0, 16}, {16, 0}, IM_COL32(0, 128, 0, 255));
  });
  long again = 0;
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 20; ++x) again += at(q, x, y) == Px{0, 128, 0, 255} && x + y < 15 ? 1 : 0;
  }
  EXPECT_EQ(again, 120);
}

TEST_F(SoftRendererTest, ClipRectanglesAreTruncatedToWholePixelsAsGlScissorBoxes) {
  // ImGui's OpenGL3 backend: glScissor((int)x0, (int)(H - y1), (int)(x1 - x0), (int)(y1 - y0)).
  // For (8.7, 8.2)-(16.9, 16.5) in a 32-high picture: columns 8 .. 8+8-1, GL rows
  // 15 .. 15+8-1, which are rows 32-23 = 9 .. 32-16 = 16 counted from the top.
  const PixelsView p = draw(32, 32, [](ImDrawList& d) {
    d.PushClipRect({8.7f, 8.2f}, {16.9f, 16.5f});
    d.AddRectFilled({0, 0}, {32, 32}, IM_COL32(10, 20, 30, 255));
    d.PopClipRect();
  });
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 32; ++x) {
      const bool inside = x >= 8 && x <= 15 && y >= 9 && y <= 16;
      EXPECT_EQ(at(p, x, y), (inside ? Px{10, 20, 30, 255} : kWhite)) << x << ", " << y;
    }
  }
}

// round(a * b / 255), the 8-bit product blending uses.
int product(int a, int b) {
  return static_cast<int>(std::lround(a * b / 255.0));
}

TEST_F(SoftRendererTest, BlendingIsSourceOverWithRoundedProducts) {
  // (200, 100, 0) at alpha 128 over white: c = round(s * 128/255) + round(255 * 127/255).
  PixelsView p = draw(16, 16, [](ImDrawList& d) {
    d.AddRectFilled({0, 0}, {16, 16}, IM_COL32(200, 100, 0, 128));
  });
  EXPECT_EQ(at(p, 3, 3), (Px{product(200, 128) + 127, product(100, 128) + 127, 127, 255}));
  EXPECT_EQ(at(p, 3, 3), (Px{227, 177, 127, 255}));
  // Twice: the second layer blends over the first.
  p = draw(16, 16, [](ImDrawList& d) {
    d.AddRectFilled({0, 0}, {16, 16}, IM_COL32(200, 100, 0, 128));
    d.AddRectFilled({0, 0}, {16, 16}, IM_COL32(0, 0, 255, 64));
  });
  EXPECT_EQ(at(p, 3, 3), (Px{product(227, 191), product(177, 191),
                             product(255, 64) + product(127, 191), 64 + product(255, 191)}));
  // Over transparent black the colour is kept with its alpha (straight alpha out).
  p = draw(
      16, 16,
      [](ImDrawList& d) {
        d.AddRectFilled({0, 0}, {16, 16}, IM_COL32(200, 100, 0, 128));
      },
      0);
  const Px q = at(p, 3, 3);
  EXPECT_EQ(q.a, 128);
  EXPECT_NEAR(q.r, 200, 1);
  EXPECT_NEAR(q.g, 100, 1);
  EXPECT_EQ(q.b, 0);
}

TEST_F(SoftRendererTest, TextIsDrawnInsideItsBoxOnly) {
  const char* text = "Sinusoidal 0.25";
  const ImVec2 size = soft_.body_font()->CalcTextSizeA(20.0f, FLT_MAX, 0.0f, text);
  const PixelsView p = draw(240, 40, [&](ImDrawList& d) {
    d.AddText(soft_.body_font(), 20.0f, {10, 10}, IM_COL32(0, 0, 0, 255), text);
  });
  long inside = 0, outside = 0, grey = 0;
  for (int y = 0; y < 40; ++y) {
    for (int x = 0; x < 240; ++x) {
      const Px c = at(p, x, y);
      const bool ink = c.r < 128;
      const bool in_box = x >= 10 && x < 10 + size.x + 1 && y >= 10 && y < 10 + size.y + 1;
      (in_box ? inside : outside) += ink ? 1 : 0;
      grey += c.r > 0 && c.r < 255 ? 1 : 0;  // anti-aliased glyph edges
    }
  }
  EXPECT_GT(inside, 150);
  EXPECT_EQ(outside, 0);
  EXPECT_GT(grey, 50);
}

// A figure with one 2 x 3 heatmap of values that hit colormap entries exactly.
plot::Figure heatmap_figure(const Eigen::MatrixXd& values) {
  plot::Figure f;
  f.title = "Cells";
  plot::Panel panel;
  panel.id = "cells";
  panel.x = {"column", -0.5, values.cols() - 0.5};
  panel.y = {"row", -0.5, values.rows() - 0.5};
  panel.y.inverted = true;
  plot::HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(values);
  h.x_lo = -0.5;
  h.x_hi = values.cols() - 0.5;
  h.y_lo = -0.5;
  h.y_hi = values.rows() - 0.5;
  h.lo = -1.0;
  h.hi = 1.0;
  panel.heatmap = std::move(h);
  f.panels.push_back(std::move(panel));
  return f;
}

// Core's colour of t, as bytes.
Px colour_of(double t) {
  const Rgb c = colormap_sample(colormap(ColormapId::RdBu), t);
  return {static_cast<int>(std::lround(c.r * 255)), static_cast<int>(std::lround(c.g * 255)),
          static_cast<int>(std::lround(c.b * 255)), 255};
}

TEST_F(SoftRendererTest, HeatmapCellsHaveCoreColormapColours) {
  // Value v sits at t = (v + 1) / 2 of [-1, 1]; k / 255 are the lookup table's entries.
  const int ks[6] = {0, 51, 102, 153, 204, 255};
  Eigen::MatrixXd values(2, 3);
  for (int i = 0; i < 6; ++i) values(i / 3, i % 3) = -1.0 + 2.0 * ks[i] / 255.0;
  const PixelsView p = soft_.render(heatmap_figure(values), 600, 400, plot::light_style());
  for (int i = 0; i < 6; ++i) {
    const Px want = colour_of(ks[i] / 255.0);
    long n = 0;
    for (int y = 0; y < 400; ++y) {
      for (int x = 0; x < 600; ++x) n += at(p, x, y) == want ? 1 : 0;
    }
    // Each cell is about 150 x 130 pixels of exactly its colour.
    EXPECT_GT(n, 10000) << "value " << values(i / 3, i % 3) << " colour " << want;
  }
  // colour_heatmap itself, one pixel per cell, including the range's clamps and NaN.
  Eigen::MatrixXd row(1, 5);
  row << -1.0, 0.0, 1.0, 7.0, std::nan("");
  plot::HeatmapLayer layer;
  layer.values = std::make_shared<const Eigen::MatrixXd>(row);
  std::vector<std::uint8_t> rgba(5 * 4);
  colour_heatmap(layer, {0, 5, 0, 1}, 5, 1, rgba.data());
  const Px got[5] = {{rgba[0], rgba[1], rgba[2], rgba[3]},
                     {rgba[4], rgba[5], rgba[6], rgba[7]},
                     {rgba[8], rgba[9], rgba[10], rgba[11]},
                     {rgba[12], rgba[13], rgba[14], rgba[15]},
                     {rgba[16], rgba[17], rgba[18], rgba[19]}};
  EXPECT_EQ(got[0], colour_of(0.0));  // #67001f
  EXPECT_EQ(got[0], (Px{0x67, 0x00, 0x1f, 255}));
  // t = 0.5 is halfway between entries 127 and 128: within a level of core's colour.
  EXPECT_NEAR(got[1].r, colour_of(0.5).r, 1);
  EXPECT_NEAR(got[1].g, colour_of(0.5).g, 1);
  EXPECT_NEAR(got[1].b, colour_of(0.5).b, 1);
  EXPECT_EQ(got[2], colour_of(1.0));  // #053061
  EXPECT_EQ(got[3], colour_of(1.0));  // above the range: clamped
  EXPECT_EQ(got[4], colour_of(0.0));  // NaN: the low end, as on the GPU
}

TEST_F(SoftRendererTest, TransparentFiguresLeaveTheBackgroundEmpty) {
  Eigen::MatrixXd values(2, 2);
  values << -1, 1, 1, -1;
  const plot::Figure f = heatmap_figure(values);
  PixelsView p = soft_.render(f, 400, 300, plot::light_style(), true);
  long empty = 0, opaque = 0, partial = 0;
  for (int y = 0; y < 300; ++y) {
    for (int x = 0; x < 400; ++x) {
      const Px c = at(p, x, y);
      empty += c.a == 0 ? 1 : 0;
      opaque += c.a == 255 ? 1 : 0;
      partial += c.a > 0 && c.a < 255 ? 1 : 0;
      if (c.a == 0) {
        EXPECT_EQ(c, (Px{0, 0, 0, 0})) << x << ", " << y;
      }
    }
  }
  EXPECT_EQ(at(p, 0, 0).a, 0);  // the corner: background only
  EXPECT_EQ(at(p, 399, 299).a, 0);
  EXPECT_GT(empty, 400 * 300 / 4);  // the margins and between the labels
  EXPECT_GT(opaque, 150 * 150);     // the heatmap
  EXPECT_GT(partial, 100);          // anti-aliased text edges
  // No light halo around text and lines: their partly covered pixels keep the ink's
  // dark colour (a transparent white background would have lightened them).
  for (int y = 0; y < 300; ++y) {
    for (int x = 0; x < 400; ++x) {
      const Px c = at(p, x, y);
      if (c.a > 0 && c.a < 255) {
        EXPECT_LE(std::max({c.r, c.g, c.b}), 0x80 + 8) << x << ", " << y << " " << c;
      }
    }
  }
  // Without --transparent every pixel is opaque.
  p = soft_.render(f, 400, 300, plot::light_style(), false);
  for (int y = 0; y < 300; ++y) {
    for (int x = 0; x < 400; ++x) ASSERT_EQ(at(p, x, y).a, 255) << x << ", " << y;
  }
}

TEST_F(SoftRendererTest, BadSizesAreRejected) {
  EXPECT_THROW(soft_.render(plot::Figure{}, 8, 100, plot::light_style()), std::runtime_error);
  EXPECT_THROW(soft_.render(plot::Figure{}, 100, 20000, plot::light_style()), std::runtime_error);
}

}  // namespace
}  // namespace peviz
