// The pipeline core -> texture -> shader -> pixels, headless (EGL surfaceless, no
// DISPLAY): the colours the GPU produces are the colours of core's colormap table.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <vector>

#include "app/gl/egl_context.hpp"
#include "app/gl/gl.hpp"
#include "app/plot/backend/heatmap_renderer.hpp"
#include "core/colormap.hpp"

namespace peviz {
namespace {

struct Pixel {
  int r, g, b;
};

Pixel at(const std::vector<std::uint8_t>& rgba, int width, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
  return {rgba[i], rgba[i + 1], rgba[i + 2]};
}

Pixel expected(double t) {
  const Rgb c = colormap_sample(colormap(ColormapId::RdBu), t);
  return {static_cast<int>(std::lround(c.r * 255)), static_cast<int>(std::lround(c.g * 255)),
          static_cast<int>(std::lround(c.b * 255))};
}

void expect_close(Pixel got, Pixel want, int tolerance, const char* what) {
  EXPECT_LE(std::abs(got.r - want.r), tolerance) << what << ": r " << got.r << " vs " << want.r;
  EXPECT_LE(std::abs(got.g - want.g), tolerance) << what << ": g " << got.g << " vs " << want.g;
  EXPECT_LE(std::abs(got.b - want.b), tolerance) << what << ": b " << got.b << " vs " << want.b;
}

class HeatmapRenderTest : public ::testing::Test {
 protected:
  gl::HeadlessContext context_;
};

TEST_F(HeatmapRenderTest, RunsOnAHeadlessContext) {
  EXPECT_EQ(std::getenv("DISPLAY") == nullptr || std::string(std::getenv("DISPLAY")).empty(), true);
  EXPECT_FALSE(context_.renderer().empty());
}

TEST_F(HeatmapRenderTest, CellsGetTheColormapColourOfTheirValue) {
  plot::HeatmapRenderer renderer;
  // One row of five cells spanning the colormap.
  const std::vector<float> values = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f};
  renderer.set_values(values.data(), 5, 1);
  const gl::Framebuffer& fb = renderer.render(100, 20, -1.0, 1.0, {0, 5, 0, 1});
  const std::vector<std::uint8_t> rgba = fb.read_rgba();
  ASSERT_EQ(rgba.size(), 100u * 20u * 4u);
  for (int c = 0; c < 5; ++c) {
    const double t = (values[c] + 1.0) / 2.0;
    expect_close(at(rgba, 100, 20 * c + 10, 10), expected(t), 3, "cell centre");
  }
  EXPECT_EQ(gl::take_errors(), "");
}

TEST_F(HeatmapRenderTest, RowZeroIsOnTopAndTheRangeClamps) {
  plot::HeatmapRenderer renderer;
  // Two rows: row 0 below the range (clamps to the low end), row 1 above it.
  const std::vector<float> values = {-5.0f, -5.0f, 7.0f, 7.0f};
  renderer.set_values(values.data(), 2, 2);
  const std::vector<std::uint8_t> rgba = renderer.render(8, 8, -1.0, 1.0, {0, 2, 0, 2}).read_rgba();
  expect_close(at(rgba, 8, 4, 1), expected(0.0), 2, "top row");     // dark red #67001f
  expect_close(at(rgba, 8, 4, 6), expected(1.0), 2, "bottom row");  // dark blue #053061
  EXPECT_EQ(at(rgba, 8, 4, 1).r, 0x67);
}

TEST_F(HeatmapRenderTest, AGradientSpansTheWholeColormap) {
  plot::HeatmapRenderer renderer;
  std::vector<float> values(256);
  for (int i = 0; i < 256; ++i) values[i] = static_cast<float>(i) / 255.0f * 2.0f - 1.0f;
  renderer.set_values(values.data(), 256, 1);
  const std::vector<std::uint8_t> rgba =
      renderer.render(256, 4, -1.0, 1.0, {0, 256, 0, 1}).read_rgba();
  int worst = 0;
  for (int x = 0; x < 256; ++x) {
    const Pixel got = at(rgba, 256, x, 2);
    const Pixel want = expected(x / 255.0);
    worst = std::max(
        {worst, std::abs(got.r - want.r), std::abs(got.g - want.g), std::abs(got.b - want.b)});
  }
  EXPECT_LE(worst, 3);
  // Blue grows from the red end to the blue end.
  EXPECT_LT(at(rgba, 256, 0, 2).b, at(rgba, 256, 255, 2).b);
  EXPECT_GT(at(rgba, 256, 0, 2).r, at(rgba, 256, 255, 2).r);
}

TEST_F(HeatmapRenderTest, AWindowShowsOnlyItsCells) {
  plot::HeatmapRenderer renderer;
  const std::vector<float> values = {-1.0f, -1.0f, 1.0f, 1.0f};  // columns 0-1 low, 2-3 high
  renderer.set_values(values.data(), 4, 1);
  const std::vector<std::uint8_t> rgba =
      renderer.render(10, 2, -1.0, 1.0, {2, 4, 0, 1}).read_rgba();
  for (int x = 0; x < 10; ++x) expect_close(at(rgba, 10, x, 1), expected(1.0), 2, "window");
}

TEST_F(HeatmapRenderTest, OversizedValuesAreRejected) {
  plot::HeatmapRenderer renderer;
  const std::vector<float> one(1, 0.0f);
  EXPECT_THROW(renderer.set_values(one.data(), 0, 1), std::runtime_error);
  EXPECT_THROW(renderer.set_values(one.data(), 1 << 20, 1), std::runtime_error);
}

}  // namespace
}  // namespace peviz
