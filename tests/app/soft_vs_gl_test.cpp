// The CPU renderer (SoftRenderer) against the GPU one (OffscreenRenderer, Mesa llvmpipe
// on EGL): the same ImGui draw lists and the same views give the same pictures. Raw
// primitives at half-pixel coordinates (where the rasterisation rules decide) must
// cover exactly the same pixels; whole views must agree to a per-channel mean
// difference under a quarter of a level, with more than 99.9% of pixels within 8
// levels (measured: means 0.01 to 0.10, 100.00% within 8 but for one pixel).
#include <backends/imgui_impl_opengl3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "app/gl/framebuffer.hpp"
#include "app/gl/gl.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/render/soft_renderer.hpp"
#include "views/view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

struct Difference {
  double mean = 0.0;    // mean absolute difference per colour channel, in levels
  double alpha = 0.0;   // the same for alpha
  double within = 0.0;  // fraction of pixels whose channels all differ by <= tolerance
  int worst = 0;        // largest difference of any channel
  long differing = 0;   // pixels with any difference
};

Difference compare(const std::uint8_t* a, const std::uint8_t* b, std::size_t pixels,
                   int tolerance) {
  Difference d;
  long sum = 0, alpha = 0, close = 0;
  for (std::size_t i = 0; i < pixels; ++i) {
    int most = 0;
    for (int c = 0; c < 4; ++c) {
      const int e = std::abs(a[4 * i + c] - b[4 * i + c]);
      (c < 3 ? sum : alpha) += e;
      most = std::max(most, e);
    }
    close += most <= tolerance ? 1 : 0;
    d.differing += most > 0 ? 1 : 0;
    d.worst = std::max(d.worst, most);
  }
  d.mean = static_cast<double>(sum) / (3.0 * static_cast<double>(pixels));
  d.alpha = static_cast<double>(alpha) / static_cast<double>(pixels);
  d.within = static_cast<double>(close) / static_cast<double>(pixels);
  return d;
}

using Paint = std::function<void(ImDrawList&, ImFont* body)>;

// What `paint` adds to a draw list, rendered by ImGui's OpenGL3 backend into a
// framebuffer on the GL context of the shared headless renderer, from an ImGui context
// of its own with the same fonts (the shared context is current again afterwards).
std::vector<std::uint8_t> gl_draw(int width, int height, const Paint& paint) {
  renderer();  // the shared EGL context exists and is current
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::SetCurrentContext(context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  const Fonts fonts = load_fonts(1.0f);
  EXPECT_TRUE(ImGui_ImplOpenGL3_Init("#version 330 core"));
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DeltaTime = 1.0f / 60.0f;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  paint(*ImGui::GetBackgroundDrawList(), fonts.body);
  ImGui::Render();
  std::vector<std::uint8_t> pixels;
  {
    gl::Framebuffer target;
    target.resize(width, height);
    target.bind();
    glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    pixels = target.read_rgba();
    gl::Framebuffer::unbind();
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext(context);
  ImGui::SetCurrentContext(previous);
  EXPECT_EQ(gl::take_errors(), "");
  return pixels;
}

Difference gl_against_cpu(int width, int height, const Paint& paint, int tolerance) {
  const std::vector<std::uint8_t> gl = gl_draw(width, height, paint);
  SoftRenderer soft(1.0f, 1);
  const PixelsView cpu =
      soft.render_draw_list(width, height, IM_COL32(255, 255, 255, 255),
                            [&](ImDrawList& d, plot::ImageSource&) { paint(d, soft.body_font()); });
  return compare(gl.data(), cpu.rgba, static_cast<std::size_t>(width) * height, tolerance);
}

TEST(SoftVsGlTest, PrimitivesCoverTheSamePixelsAsLlvmpipe) {
  // Edges through pixel centres (x.5), where the tie rules decide, a fractional clip
  // rectangle, solid shapes without anti-aliasing: every pixel must be identical.
  const Difference solid = gl_against_cpu(
      48, 40,
      [](ImDrawList& d, ImFont*) {
        d.Flags &= ~ImDrawListFlags_AntiAliasedFill;
        d.AddRectFilled({2.5f, 2.5f}, {8.5f, 8.5f}, IM_COL32(255, 0, 0, 255));
        d.AddTriangleFilled({12.5f, 2.5f}, {20.5f, 2.5f}, {12.5f, 10.5f}, IM_COL32(0, 255, 0, 255));
        d.AddTriangleFilled({30.5f, 12.5f}, {30.5f, 20.5f}, {22.5f, 20.5f},
                            IM_COL32(0, 0, 255, 255));
        d.AddTriangleFilled({2.3f, 30.1f}, {17.8f, 22.6f}, {11.2f, 38.9f}, IM_COL32(0, 0, 0, 255));
        d.AddQuadFilled({30.0f, 25.0f}, {45.5f, 28.5f}, {40.0f, 38.0f}, {26.5f, 36.5f},
                        IM_COL32(90, 40, 200, 255));
        d.PushClipRect({34.7f, 2.2f}, {44.9f, 9.6f});
        d.AddRectFilled({30.0f, 0.0f}, {48.0f, 20.0f}, IM_COL32(10, 120, 30, 255));
        d.PopClipRect();
      },
      0);
  EXPECT_EQ(solid.differing, 0) << "worst " << solid.worst;

  // Anti-aliased lines (thin ones sample the atlas's baked lines), fringes of filled
  // shapes (interpolated alpha), blending, text: within 2 levels.
  const Difference smooth = gl_against_cpu(
      64, 48,
      [](ImDrawList& d, ImFont* body) {
        d.AddLine({2.0f, 15.0f}, {10.0f, 25.0f}, IM_COL32(0, 0, 0, 255), 1.0f);
        d.AddLine({2.0f, 28.0f}, {62.0f, 29.5f}, IM_COL32(0, 0, 0, 200), 2.3f);
        d.AddLine({4.0f, 33.0f}, {60.0f, 41.0f}, IM_COL32(200, 30, 30, 255), 3.0f);
        d.AddCircleFilled({26.0f, 6.0f}, 4.3f, IM_COL32(200, 100, 0, 180));
        d.AddCircle({50.0f, 16.0f}, 6.0f, IM_COL32(0, 90, 160, 255), 0, 1.5f);
        d.AddText(body, 14.0f, {12.0f, 10.0f}, IM_COL32(20, 20, 20, 255), "Ag 0.5");
        d.AddText(body, 20.0f, {30.3f, 20.0f}, IM_COL32(20, 20, 120, 230), "x₂");
      },
      2);
  EXPECT_LE(smooth.worst, 2) << smooth.differing << " pixels differ";
}

// A view's figure drawn by both renderers at 1200 x 800.
struct ViewCase {
  const char* view;
  Scheme scheme;
  std::vector<std::pair<const char*, const char*>> params;
};

TEST(SoftVsGlTest, ViewsLookTheSameOnTheCpuAndTheGpu) {
  const std::vector<ViewCase> cases = {
      {"encoding", Scheme::Sinusoidal, {{"positions", "8192"}, {"d", "1024"}}},
      {"encoding", Scheme::Sinusoidal, {{"positions", "12"}, {"d", "10"}, {"values", "true"}}},
      {"waves", Scheme::Sinusoidal, {}},
      {"alibi", Scheme::Alibi, {{"heads", "12"}, {"head", "9"}}},
      {"rope-clocks", Scheme::Rope, {}},
      {"playground", Scheme::Sinusoidal, {}},
      {"similarity", Scheme::Sinusoidal, {{"positions", "300"}}},
      {"long-context", Scheme::Rope, {{"d", "128"}}},
  };
  SoftRenderer soft;
  const plot::Style style = plot::light_style();
  const int w = 1200, h = 800;
  for (const ViewCase& c : cases) {
    auto view = view_named(c.view);
    ASSERT_TRUE(view);
    SharedParams s;
    s.scheme = c.scheme;
    for (const auto& [key, value] : c.params) set_param(s, *view, key, value);
    const plot::Figure f = build(*view, s, w, h);
    const std::vector<std::uint8_t> gl = renderer().render(f, w, h, style);
    const PixelsView cpu = soft.render(f, w, h, style);
    ASSERT_EQ(gl.size(), static_cast<std::size_t>(cpu.width) * cpu.height * 4) << c.view;
    const Difference d = compare(gl.data(), cpu.rgba, static_cast<std::size_t>(w) * h, 8);
    std::printf(
        "  %-12s mean |difference| %.4f levels per channel, %.4f%% of pixels within 8, "
        "%.2f%% identical, worst %d\n",
        c.view, d.mean, 100.0 * d.within,
        100.0 * (1.0 - static_cast<double>(d.differing) / (w * h)), d.worst);
    EXPECT_LT(d.mean, 0.25) << c.view;
    EXPECT_GT(d.within, 0.999) << c.view;
    EXPECT_EQ(d.alpha, 0.0) << c.view;  // both opaque everywhere
  }
}

TEST(SoftVsGlTest, TransparentPicturesAgreeInColourAndAlpha) {
  auto view = view_named("waves");
  ASSERT_TRUE(view);
  SharedParams s;
  const plot::Figure f = build(*view, s, 900, 600);
  const plot::Style style = plot::light_style();
  const std::vector<std::uint8_t> gl = renderer().render(f, 900, 600, style, true);
  SoftRenderer soft;
  const PixelsView cpu = soft.render(f, 900, 600, style, true);
  const Difference d = compare(gl.data(), cpu.rgba, 900u * 600u, 8);
  std::printf("  transparent waves: colour %.4f, alpha %.4f levels, %.4f%% within 8\n", d.mean,
              d.alpha, 100.0 * d.within);
  EXPECT_LT(d.alpha, 0.5);
  EXPECT_GT(d.within, 0.99);
  // Both leave the corners empty and draw the title opaque.
  EXPECT_EQ(gl[3], 0);
  EXPECT_EQ(cpu.rgba[3], 0);
}

}  // namespace
}  // namespace peviz
