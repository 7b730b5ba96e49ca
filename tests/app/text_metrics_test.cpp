// The views' text measure (plot/text_metrics) against the canvases' own: Dear ImGui's
// CalcTextSizeA with the fonts the window, the PNG and the SVG draw with (built on the CPU,
// no window), for Latin, Greek, mathematics and CJK (a fallback font) at several sizes.
#include "app/plot/text_metrics.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>

#include "app/plot/backend/fonts.hpp"

namespace peviz {
namespace {

class TextMetrics : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    const std::vector<ImWchar> extra = extra_glyphs(kCjk);
    fonts_ = load_fonts(1.0f, extra);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }
  static constexpr const char* kCjk = "犬が人を";  // 犬が人を
  Fonts fonts_;
};

TEST_F(TextMetrics, EqualsWhatTheCanvasMeasures) {
  ASSERT_NE(fonts_.body, nullptr);
  for (const char* text : {"Similarity between positions", "d_model = 64 · base = 10000",
                           "ωᵢ = base^(−"
                           "2i/d)",
                           "B(0) = (d/2 + 1)/2 = 16.5", kCjk, "0.8414709848078965"}) {
    for (float size : {17.0f, 20.0f, 21.0f, 27.0f, 40.0f}) {
      for (const bool bold : {false, true}) {
        ImFont* font = bold ? fonts_.title : fonts_.body;
        const float imgui = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text).x;
        EXPECT_NEAR(plot::text_width(text, size, bold), imgui, 0.05 + imgui * 1e-4)
            << text << " at " << size << (bold ? " bold" : "");
      }
    }
  }
}

TEST_F(TextMetrics, GrowsWithSizeAndLength) {
  EXPECT_DOUBLE_EQ(plot::text_width("", 20.0), 0.0);
  EXPECT_NEAR(plot::text_width("abc", 40.0), 2.0 * plot::text_width("abc", 20.0), 1e-9);
  EXPECT_NEAR(plot::text_width("abcabc", 20.0), 2.0 * plot::text_width("abc", 20.0), 1e-9);
  EXPECT_GT(plot::text_width("W", 20.0, true), plot::text_width("W", 20.0, false));
}

}  // namespace
}  // namespace peviz
