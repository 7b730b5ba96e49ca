// The RoPE clocks view: one dial per pair, the hand at m * t_i, checked against angles
// computed here from the definition t_i = base^(-2i/d) (RoFormer Eq. 15), and rendered.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "app/plot/backend/imgui_canvas.hpp"
#include "app/plot/draw_figure.hpp"
#include "app/plot/text_audit.hpp"
#include "app/render/soft_renderer.hpp"
#include "app/views/rope_clocks_view.hpp"
#include "app/views/view_util.hpp"
#include "view_test_util.hpp"

namespace peviz {

namespace testing_views {

// A figure's logical size and the text scale it is drawn at (pixels = scale x logical).
struct Presented {
  int width, height;
  float scale;
};

const std::vector<Presented>& presented_sizes() {
  // The figure's logical size beside the lesson column at 1280 x 720, 1600 x 1000 and
  // 1920 x 1080, at text scale 1 and 2 (scripts/tour-matrix), and the tests' default.
  static const std::vector<Presented> sizes = {
      {864, 696, 1.0f},   {364, 336, 2.0f}, {1088, 976, 1.0f}, {464, 476, 2.0f},
      {1312, 1056, 1.0f}, {563, 516, 2.0f}, {1200, 800, 1.0f}};
  return sizes;
}

std::vector<std::string> presented_problems(const plot::Figure& f, const Presented& at) {
  SoftRenderer renderer(at.scale, 1);
  plot::TextAudit audit;
  const plot::Style style = plot::light_style(20.0f * at.scale);
  const int w = static_cast<int>(at.width * at.scale), h = static_cast<int>(at.height * at.scale);
  renderer.render_draw_list(
      w, h, IM_COL32(255, 255, 255, 255), [&](ImDrawList& list, plot::ImageSource& images) {
        plot::ImGuiCanvas canvas(&list, renderer.body_font(), renderer.title_font(), images);
        const plot::Rect area{0.0f, 0.0f, static_cast<float>(w), static_cast<float>(h)};
        plot::AuditCanvas audited(canvas, audit, area);
        const plot::FigureRequest request{at.width, at.height, {}};
        const std::vector<plot::PanelGeometry> layout =
            plot::layout_figure(f, area, style, canvas, request);
        plot::draw_figure(f, layout, area, style, audited, std::nullopt);
      });
  std::vector<std::string> out;
  for (const plot::TextProblem& p : audit.problems()) out.push_back(p.describe());
  return out;
}

// Declared in view_test_util.hpp for every view's tests.
std::string presented_failures(const View& view, const SharedParams& shared) {
  std::string out;
  for (const Presented& at : presented_sizes()) {
    const plot::Figure f = build(view, shared, at.width, at.height);
    for (const std::string& p : presented_problems(f, at)) {
      out += fmt("%s at %dx%d (text x%g): %s\n", view.name(), at.width, at.height, at.scale,
                 p.c_str());
    }
  }
  return out;
}

}  // namespace testing_views

namespace {

using namespace testing_views;

// The hand (the arrow) of a dial panel.
const plot::Shape* hand_of(const plot::Panel& p) {
  for (const plot::Shape& s : p.shapes) {
    if (s.kind == plot::Shape::Kind::Arrow) return &s;
  }
  return nullptr;
}

bool has_text(const plot::Panel& p, const std::string& part) {
  for (const plot::Text& t : p.texts) {
    if (t.text.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(RopeClocksView, HandsPointAtTheAngleOfEachPair) {
  auto view = view_named("rope-clocks");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;  // d = 64, base 10000, half-split
  set_param(s, *view, "position", "10");
  const plot::Figure f = build(*view, s);
  ASSERT_EQ(f.panels.size(), 12u);  // 12 dials by default
  EXPECT_NE(f.note.find("12 of 32 pairs"), std::string::npos) << f.note;
  EXPECT_NE(f.title.find("m = 10"), std::string::npos);
  // Pair 0 turns 1 rad per position: 10 rad = 212.96 degrees, half-split dims (0, 32).
  const plot::Panel& first = f.panels.front();
  EXPECT_TRUE(has_text(first, "pair 0 · (0, 32)"));
  EXPECT_TRUE(has_text(first, "angle 213.0°"));
  const plot::Shape* h = hand_of(first);
  ASSERT_TRUE(h);
  const double len = std::hypot(h->x1 - h->x0, h->y1 - h->y0);
  EXPECT_NEAR((h->x1 - h->x0) / len, std::cos(10.0), 1e-12);
  EXPECT_NEAR((h->y1 - h->y0) / len, std::sin(10.0), 1e-12);
  // The slowest pair, 31: t = 10000^(-62/64), dims (31, 63).
  const plot::Panel& last = f.panels.back();
  EXPECT_TRUE(has_text(last, "pair 31 · (31, 63)"));
  const double t31 = std::pow(10000.0, -62.0 / 64.0);
  const plot::Shape* h31 = hand_of(last);
  ASSERT_TRUE(h31);
  EXPECT_NEAR(std::atan2(h31->y1, h31->x1), 10.0 * t31, 1e-12);
  // Hover: the exact numbers.
  const std::vector<std::string> lines = last.readout(0.0, 0.0);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_NE(lines[0].find("(31, 63)"), std::string::npos);
  EXPECT_NE(lines[2].find(fmt("%.10g", 2 * std::numbers::pi / t31)), std::string::npos) << lines[2];
  EXPECT_NE(lines[4].find(fmt("%.12g", 10.0 * t31)), std::string::npos) << lines[4];
}

TEST(RopeClocksView, WordsKeepTheirSizeAndFewerDialsFitASmallFigure) {
  auto view = view_named("rope-clocks");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  set_param(s, *view, "dials", "12");
  set_param(s, *view, "position", "37");
  // The words of every dial are at the body size (the name a little larger) whatever the
  // figure's size: a presenter's larger text gets fewer dials, not smaller words.
  for (const auto& [w, h] :
       std::vector<std::pair<int, int>>{{1600, 1000}, {864, 696}, {364, 336}}) {
    const plot::Figure f = build(*view, s, w, h);
    ASSERT_FALSE(f.panels.empty());
    for (const plot::Panel& p : f.panels) {
      for (const plot::Text& t : p.texts) EXPECT_GE(t.scale, 1.0f) << t.text << " at " << w;
    }
  }
  EXPECT_EQ(build(*view, s, 1600, 1000).panels.size(), 12u);
  const plot::Figure small = build(*view, s, 364, 336);
  EXPECT_LT(small.panels.size(), 12u);
  EXPECT_NE(small.note.find(fmt("%zu of 32 pairs", small.panels.size())), std::string::npos)
      << small.note;
  // The fastest and the slowest pair stay; pair 0 at m = 37 has turned 37 rad = 119.9 degrees.
  EXPECT_TRUE(has_text(small.panels.front(), "pair 0"));
  EXPECT_TRUE(
      has_text(small.panels.front(),
               fmt("angle %.1f°", std::fmod(37.0, 2 * std::numbers::pi) * 180 / std::numbers::pi)));
  EXPECT_TRUE(has_text(small.panels.back(), "pair 31"));
}

TEST(RopeClocksView, NoTextIsCutOrOverlapsWhenPresented) {
  // The check itself sees a problem when there is one: a text out of its plot.
  plot::Figure bad;
  bad.panels.emplace_back();
  bad.panels.back().texts.push_back({2.0, 0.5, "far outside", plot::ink(plot::Ink::Text)});
  EXPECT_FALSE(presented_problems(bad, {364, 336, 2.0f}).empty());
  auto view = view_named("rope-clocks");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  for (const char* position : {"0", "200"}) {  // lesson 7 plays 0 -> 200
    set_param(s, *view, "position", position);
    EXPECT_EQ(presented_failures(*view, s), "");
  }
  s.d = 4096;
  s.pairing = RopePairing::Interleaved;
  set_param(s, *view, "dials", "16");
  set_param(s, *view, "position", "1000");
  EXPECT_EQ(presented_failures(*view, s), "");
}

TEST(RopeClocksView, PairingNamesTheCoordinatesAndLargeDShowsASpreadSubset) {
  auto view = view_named("rope-clocks");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.d = 4096;
  s.pairing = RopePairing::Interleaved;
  set_param(s, *view, "dials", "16");
  set_param(s, *view, "position", "1000");
  const plot::Figure f = build(*view, s);
  ASSERT_EQ(f.panels.size(), 16u);
  EXPECT_NE(f.note.find("16 of 2048 pairs"), std::string::npos) << f.note;
  EXPECT_TRUE(has_text(f.panels.front(), "pair 0 · (0, 1)"));
  EXPECT_TRUE(has_text(f.panels.back(), "pair 2047 · (4094, 4095)"));
  EXPECT_NE(f.subtitle.find("(2i, 2i+1)"), std::string::npos);
  // Pair 2047 at m = 1000: 1000 * 10000^(-4094/4096) rad.
  const double a = 1000.0 * std::pow(10000.0, -4094.0 / 4096.0);
  const plot::Shape* h = hand_of(f.panels.back());
  ASSERT_TRUE(h);
  EXPECT_NEAR(std::atan2(h->y1, h->x1), a, 1e-12);
}

TEST(RopeClocksView, PartialRotaryAndScalingChangeTheHands) {
  auto view = view_named("rope-clocks");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.partial_rotary = 0.5;  // 32 of 64 coordinates rotate: 16 pairs, (i, i + 16)
  set_param(s, *view, "dials", "32");
  set_param(s, *view, "position", "3");
  plot::Figure f = build(*view, s);
  ASSERT_EQ(f.panels.size(), 16u);
  EXPECT_TRUE(has_text(f.panels.back(), "pair 15 · (15, 31)"));
  // Linear interpolation by 4: pair 0 turns 3/4 rad at m = 3.
  s.partial_rotary = 1.0;
  s.scaling = Scaling::Linear;
  s.factor = 4.0;
  f = build(*view, s);
  const plot::Shape* h = hand_of(f.panels.front());
  ASSERT_TRUE(h);
  EXPECT_NEAR(std::atan2(h->y1, h->x1), 0.75, 1e-12);
  EXPECT_NE(f.subtitle.find("linear"), std::string::npos);
  // d = 2: one dial, one pair.
  s = SharedParams{};
  s.scheme = Scheme::Rope;
  s.d = 2;
  f = build(*view, s);
  ASSERT_EQ(f.panels.size(), 1u);
  EXPECT_TRUE(has_text(f.panels.front(), "pair 0 · (0, 1)"));
  // A rotary fraction that leaves no pair says so instead of drawing.
  s.d = 64;
  s.partial_rotary = 0.02;
  f = build(*view, s);
  EXPECT_TRUE(f.panels.empty());
  EXPECT_FALSE(f.message.empty());
}

TEST(RopeClocksView, PlayWalksThePositionForward) {
  RopeClocksView view;
  SharedParams s;
  s.scheme = Scheme::Rope;
  set_param(s, view, "position", "10");
  set_param(s, view, "speed", "4");
  EXPECT_FALSE(view.animating());
  EXPECT_FALSE(view.tick(1.0));  // paused: nothing moves
  EXPECT_EQ(view.params().position, 10);
  view.set_playing(true);
  EXPECT_TRUE(view.animating());
  EXPECT_FALSE(view.tick(0.1));  // 0.4 of a position: not yet a whole token
  EXPECT_TRUE(view.tick(0.5));   // 0.4 + 2 = 2.4: two tokens
  EXPECT_EQ(view.params().position, 12);
  EXPECT_TRUE(view.tick(0.2));  // 0.4 + 0.8 = 1.2: one more, 0.2 carried
  EXPECT_EQ(view.params().position, 13);
  // Past the last position it starts again: 1048576 + 2 (0.2 + 2 carried) wraps to 1.
  set_param(s, view, "position", "1048576");
  EXPECT_TRUE(view.tick(0.5));
  EXPECT_EQ(view.params().position, 1);
}

// The buttons are data the window draws: Play/Pause, Step +1 (greyed at the last
// position), Back to 0, each doing what its label says.
TEST(RopeClocksView, ActionsPlayStepAndRewind) {
  RopeClocksView view;
  SharedParams s;
  s.scheme = Scheme::Rope;
  set_param(s, view, "position", "10");
  std::vector<ViewAction> a = view.actions();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].label, "Play");
  EXPECT_EQ(a[1].label, "Step +1");
  EXPECT_EQ(a[2].label, "Back to 0");
  for (const ViewAction& x : a) EXPECT_FALSE(x.tooltip.empty()) << x.label;
  EXPECT_TRUE(a[1].run());
  EXPECT_EQ(view.params().position, 11);
  EXPECT_TRUE(a[0].run());
  EXPECT_TRUE(view.animating());
  EXPECT_EQ(view.actions()[0].label, "Pause");
  EXPECT_TRUE(view.actions()[2].run());
  EXPECT_EQ(view.params().position, 0);
  EXPECT_TRUE(view.actions()[0].run());
  EXPECT_FALSE(view.animating());
  set_param(s, view, "position", "1048576");
  a = view.actions();
  EXPECT_FALSE(a[1].enabled);
  EXPECT_FALSE(a[1].run());
  EXPECT_EQ(view.params().position, 1048576);
}

TEST(RopeClocksView, RendersDialsHandsAndArcs) {
  auto view = view_named("rope-clocks");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  const plot::Figure f = build(*view, s);
  const std::vector<std::uint8_t> rgba = render(f);
  const Ink ink = ink_of(rgba);
  EXPECT_GT(ink.pixels, 1200L * 800 / 50);
  EXPECT_GT(ink.colours, 40u);
  // The hands are the palette's blue (0x0072b2), the swept arcs its orange (0xe69f00).
  long blue = 0, orange = 0;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    blue += (rgba[i] == 0x00 && rgba[i + 1] == 0x72 && rgba[i + 2] == 0xb2) ? 1 : 0;
    orange += (rgba[i] == 0xe6 && rgba[i + 1] == 0x9f && rgba[i + 2] == 0x00) ? 1 : 0;
  }
  EXPECT_GT(blue, 500);
  EXPECT_GT(orange, 100);
}

}  // namespace
}  // namespace peviz
