// Compare mode: the --compare syntax, the panels' parameters, the merged Figure
// (prefixed ids, shared ranges, x links, headers naming what differs) and the
// explorer driving two panels through ImGui frames without a window: both build,
// their figures hold the requested parameters' numbers, and zooming one panel
// changes the other panel's request.
#include <gtest/gtest.h>
#include <imgui.h>

#include <chrono>
#include <cmath>
#include <numbers>
#include <thread>

#include "app/compare/compare.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/window/explorer.hpp"
#include "core/validate.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using compare::parse_spec;

TEST(CompareSpec, GroupsAreSeparatedBySemicolonsAndSettingsByCommas) {
  const auto g = parse_spec("scheme=sinusoidal;scheme=learned");
  ASSERT_EQ(g.size(), 2u);
  ASSERT_EQ(g[0].size(), 1u);
  EXPECT_EQ(g[0][0], (compare::Setting{"scheme", "sinusoidal"}));
  EXPECT_EQ(g[1][0], (compare::Setting{"scheme", "learned"}));

  const auto h = parse_spec(" base = 10000 ; --base=500000, d=128 ;;");
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0], (compare::Group{{"base", "10000"}}));
  EXPECT_EQ(h[1], (compare::Group{{"base", "500000"}, {"d", "128"}}));
  EXPECT_TRUE(h[2].empty());  // an empty group: the other options unchanged
  EXPECT_TRUE(h[3].empty());

  // A list value: items without '=' continue it.
  const auto l = parse_spec("scalings=ntk,yarn,factor=8;scalings=llama3");
  EXPECT_EQ(l[0], (compare::Group{{"scalings", "ntk,yarn"}, {"factor", "8"}}));
}

TEST(CompareSpec, BadSyntaxIsOneClearError) {
  for (const char* bad :
       {"base=10000", "", "a=1;a=2;a=3;a=4;a=5", "base;base=2", "=5;base=2", "base=;base=2"}) {
    try {
      parse_spec(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InvalidArgument& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("--compare", 0), 0u) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
  }
}

TEST(CompareSpec, DifferencesNameWhatDiffersPerPanel) {
  const compare::Differences d = compare::differences({
      {{"scheme", "rope"}, {"d", "128"}, {"base", "10000"}},
      {{"scheme", "rope"}, {"d", "128"}, {"base", "500000"}},
      {{"scheme", "rope"}, {"d", "64"}, {"base", "10000"}, {"seed", "3"}},
  });
  ASSERT_EQ(d.per_panel.size(), 3u);
  EXPECT_EQ(d.per_panel[0], "d = 128 · base = 10000");
  EXPECT_EQ(d.per_panel[1], "d = 128 · base = 500000");
  EXPECT_EQ(d.per_panel[2], "d = 64 · base = 10000 · seed = 3");
  EXPECT_EQ(d.common, "scheme = rope");
}

TEST(CompareSpec, GridPlacesTwoSideBySideOrStackedAndFourInTwoRows) {
  const auto two = compare::grid(2);
  EXPECT_LT(two[0].right, two[1].left);
  EXPECT_EQ(two[0].top, two[1].top);
  const auto stacked = compare::grid(2, true);
  EXPECT_LT(stacked[0].bottom, stacked[1].top);
  const auto four = compare::grid(4);
  EXPECT_LT(four[0].bottom, four[2].top);
  EXPECT_LT(four[2].right, four[3].left);
}

plot::Figure line_figure(double y_hi, double x_hi) {
  plot::Figure f;
  f.title = "T";
  f.subtitle = "sub";
  plot::Panel p;
  p.id = "curve";
  p.x = {"position", 0.0, x_hi};
  p.y = {"value", 0.0, y_hi};
  p.lines.push_back({"v", {0, 1}, {0, 1}});
  f.panels.push_back(p);
  return f;
}

TEST(CompareMerge, SameIdsShareRangesAndAnXLinkUnderHeaders) {
  const plot::Figure a = line_figure(2.0, 100.0), b = line_figure(5.0, 50.0);
  const auto cells = compare::grid(2);
  const plot::Figure m = compare::merge({{&a, "A · base = 1", ""}, {&b, "B · base = 2", ""}}, cells,
                                        0.1f, "d = 64", plot::hex_color(0x666666));
  ASSERT_EQ(m.panels.size(), 4u);  // a header and the curve per part
  const plot::Panel* ha = testing_views::panel(m, "A/#header");
  const plot::Panel* ca = testing_views::panel(m, "A/curve");
  const plot::Panel* cb = testing_views::panel(m, "B/curve");
  ASSERT_TRUE(ha && ca && cb);
  EXPECT_EQ(ha->title, "A · base = 1");
  EXPECT_EQ(ha->texts.at(0).text, "sub");
  EXPECT_NE(m.subtitle.find("d = 64"), std::string::npos);
  // The union of both ranges, on both panels.
  EXPECT_EQ(ca->y.hi, 5.0);
  EXPECT_EQ(cb->y.hi, 5.0);
  EXPECT_EQ(ca->x.hi, 100.0);
  EXPECT_EQ(cb->x.hi, 100.0);
  EXPECT_EQ(ca->x_link, cb->x_link);
  EXPECT_FALSE(ca->x_link.empty());
  // Placed in their cells, under the header.
  EXPECT_LE(ca->right, cells[0].right);
  EXPECT_GE(cb->left, cells[1].left);
  EXPECT_GE(ca->top, ha->bottom);

  // A merged request splits back into each part's own ids.
  plot::FigureRequest r;
  r.windows = {{"A/curve", {1, 2, 0, 1}}, {"B/curve", {3, 4, 0, 1}}, {"B/#header", {0, 1, 0, 1}}};
  const plot::FigureRequest rb = compare::part_request(r, 1, 600, 400);
  ASSERT_EQ(rb.windows.size(), 1u);
  EXPECT_EQ(rb.windows[0].first, "curve");
  EXPECT_EQ(rb.windows[0].second.x_lo, 3.0);
  EXPECT_EQ(rb.width, 600);
}

TEST(CompareMerge, DifferentAxesKeepTheirOwnRanges) {
  plot::Figure a = line_figure(2.0, 100.0), b = line_figure(5.0, 50.0);
  b.panels[0].y.log = true;
  b.panels[0].y.lo = 1.0;
  const plot::Figure m =
      compare::merge({{&a, "A", ""}, {&b, "B", ""}}, compare::grid(2), 0.1f, "", {});
  EXPECT_EQ(testing_views::panel(m, "A/curve")->y.hi, 2.0);
  EXPECT_EQ(testing_views::panel(m, "B/curve")->y.hi, 5.0);
}

TEST(CompareMerge, RangesOfVeryDifferentSizeAreNotShared) {
  // 131072 positions next to 100: on shared axes the small one would be a speck.
  const plot::Figure a = line_figure(1.0, 131071.0), b = line_figure(1.0, 99.0);
  const plot::Figure m =
      compare::merge({{&a, "A", ""}, {&b, "B", ""}}, compare::grid(2), 0.1f, "", {});
  const plot::Panel* ca = testing_views::panel(m, "A/curve");
  const plot::Panel* cb = testing_views::panel(m, "B/curve");
  ASSERT_TRUE(ca && cb);
  EXPECT_EQ(cb->x.hi, 99.0);
  EXPECT_EQ(ca->x.hi, 131071.0);
  EXPECT_TRUE(ca->x_link.empty() || ca->x_link != cb->x_link);  // nor zoomed together
  EXPECT_EQ(cb->y.hi, 1.0);                                     // the y ranges are alike and shared
}

TEST(CompareMerge, HeaderLinesAreCutToTheirCellByTheLayout) {
  plot::Figure a;
  a.subtitle = std::string(300, 'x');  // longer than any cell
  const plot::Figure merged =
      compare::merge({{&a, "A", ""}, {&a, "B", ""}}, compare::grid(2), 0.1f, "", {});
  int headers = 0;
  for (const plot::Panel& p : merged.panels) {
    if (compare::split_id(p.id).second != "#header") continue;
    ++headers;
    ASSERT_EQ(p.texts.size(), 1u);
    EXPECT_EQ(p.texts[0].text, a.subtitle);  // whole in the Figure, cut when laid out
    EXPECT_EQ(p.texts[0].max_width, 1.0f);
  }
  EXPECT_EQ(headers, 2);
}

TEST(CompareExplorer, SpecSetsEachPanelOnTopOfTheOtherOptions) {
  Explorer e;
  e.select_view("similarity");
  e.set_param("compare", "scheme=sinusoidal;scheme=learned,seed=7");
  e.set_param("d", "128");  // an option after --compare applies to every panel
  ASSERT_TRUE(e.comparing());
  ASSERT_EQ(e.compare_count(), 2);
  EXPECT_EQ(e.panel_shared(0).scheme, Scheme::Sinusoidal);
  EXPECT_EQ(e.panel_shared(1).scheme, Scheme::Learned);
  EXPECT_EQ(e.panel_shared(1).seed, 7);
  EXPECT_EQ(e.panel_shared(0).seed, 0);
  EXPECT_EQ(e.panel_shared(0).d, 128);
  EXPECT_EQ(e.panel_shared(1).d, 128);
  EXPECT_STREQ(e.panel_view(1).name(), "similarity");

  // Toggling: off keeps panel A's parameters; on copies them into A and B.
  e.set_compare(false);
  EXPECT_FALSE(e.comparing());
  e.set_compare(true);
  EXPECT_EQ(e.compare_count(), 2);
  EXPECT_EQ(e.panel_shared(1).scheme, Scheme::Sinusoidal);
  e.add_panel();
  e.add_panel();
  e.add_panel();  // a fifth is refused
  EXPECT_EQ(e.compare_count(), 4);
}

TEST(CompareExplorer, SettingsRememberEveryPanel) {
  Explorer e;
  e.select_view("rope-decay");
  e.set_param("compare", "base=10000,max-distance=300;base=500000");
  const nlohmann::json saved = e.save();
  ASSERT_TRUE(saved.contains("compare"));
  EXPECT_EQ(saved["compare"].size(), 2u);
  EXPECT_EQ(saved["views"]["rope-decay"]["max-distance"], 300);  // panel A's are the main ones

  Explorer f;
  f.load(saved);
  ASSERT_TRUE(f.comparing());
  ASSERT_EQ(f.compare_count(), 2);
  EXPECT_STREQ(f.active().name(), "rope-decay");
  EXPECT_EQ(f.panel_shared(0).base, 10000.0);
  EXPECT_EQ(f.panel_shared(1).base, 500000.0);
  // A later option reaches every remembered panel.
  f.set_param("d", "256");
  EXPECT_EQ(f.panel_shared(0).d, 256);
  EXPECT_EQ(f.panel_shared(1).d, 256);
  f.set_compare(false);
  EXPECT_FALSE(f.save().contains("compare"));
}

TEST(CompareExplorer, PanelsTheViewCannotShowAreRejected) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"similarity", "scheme=sinusoidal;scheme=rope"},  // the similarity view does not list RoPE
      {"wavelengths", "scaling=ntk;scaling=yarn"},      // the view does not use the scaling
      {"wavelengths", "base=10000;nonsense=3"},         // no such option
      {"wavelengths", "d=64;d=7"},                      // not a valid d_model
  };
  for (const auto& [view, spec] : bad) {
    Explorer e;
    e.select_view(view);
    try {
      e.set_param("compare", spec);
      ADD_FAILURE() << view << " accepted " << spec;
    } catch (const InvalidArgument& ex) {
      EXPECT_EQ(std::string(ex.what()).rfind("--compare panel ", 0), 0u) << ex.what();
    }
  }
}

// The explorer in an ImGui context without a window: frames with the mouse where
// the test puts it, until both panels are built.
class CompareFrames : public ::testing::Test {
 protected:
  void SetUp() override {
    // Our own context, made current; the headless renderer of the other tests keeps its own.
    previous_ = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    explorer_ = std::make_unique<Explorer>();
  }
  void TearDown() override {
    explorer_.reset();
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous_);
  }
  void frame(float x = -100, float y = -100, float wheel = 0.0f) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseWheel = wheel;
    ImGui::NewFrame();
    explorer_->frame(fonts_, style_, 0.0);
    ImGui::Render();
  }
  bool settle() {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20); ++i) {
      frame();
      if (i > 2 && explorer_->settled()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  ImGuiContext* previous_ = nullptr;
  ImGuiContext* context_ = nullptr;
  Fonts fonts_;
  plot::Style style_ = plot::light_style(20.0f);
  std::unique_ptr<Explorer> explorer_;
};

TEST_F(CompareFrames, KeyCTogglesCompareModeAndBothPanelsBuild) {
  Explorer& e = *explorer_;
  e.select_view("rope-decay");
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown['C'] = true;
  frame();
  io.KeysDown['C'] = false;
  ASSERT_TRUE(e.comparing());
  EXPECT_EQ(e.compare_count(), 2);
  e.panel_shared(1).base = 500000.0;  // as the sidebar's slider for panel B does
  ASSERT_TRUE(settle());
  const std::string text = testing_views::all_text(e.compare_figure());
  EXPECT_NE(text.find("B  ·  base = 500000"), std::string::npos) << text;
  ASSERT_TRUE(e.panel_figure(1).has_value());
  EXPECT_NE(e.panel_figure(1)->subtitle.find("500000"), std::string::npos);
  io.KeysDown['C'] = true;
  frame();
  io.KeysDown['C'] = false;
  EXPECT_FALSE(e.comparing());
  EXPECT_EQ(e.active().name(), std::string("rope-decay"));
}

TEST_F(CompareFrames, TwoBasesBuildTheirOwnWavelengthsAndZoomTogether) {
  Explorer& e = *explorer_;
  e.select_view("wavelengths");
  e.set_param("d", "128");
  e.set_param("compare", "base=10000;base=500000");
  ASSERT_TRUE(settle());
  EXPECT_EQ(e.error(), "");

  // Each panel's figure: the longest wavelength 2 pi base^((d-2)/d) of its own base.
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(e.panel_figure(i).has_value());
    const plot::Panel* top = testing_views::panel(*e.panel_figure(i), "wavelength");
    ASSERT_NE(top, nullptr);
    ASSERT_FALSE(top->lines.empty());
    const double base = i == 0 ? 10000.0 : 500000.0;
    const double longest = 2 * std::numbers::pi * std::pow(base, 126.0 / 128.0);
    EXPECT_NEAR(top->lines[0].y.back() / longest, 1.0, 1e-9) << "panel " << i;
  }

  // The merged figure: both under headers naming their base, on one y range.
  const plot::Figure& m = e.compare_figure();
  const std::string text = testing_views::all_text(m);
  EXPECT_NE(text.find("A  ·  base = 10000"), std::string::npos) << text;
  EXPECT_NE(text.find("B  ·  base = 500000"), std::string::npos) << text;
  const plot::Panel* a = testing_views::panel(m, "A/wavelength");
  const plot::Panel* b = testing_views::panel(m, "B/wavelength");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->y.lo, b->y.lo);
  EXPECT_EQ(a->y.hi, b->y.hi);
  EXPECT_GT(a->y.hi, 2 * std::numbers::pi * std::pow(500000.0, 126.0 / 128.0));

  // Side by side: A's plot left of B's.
  const auto& layout = e.compare_layout();
  std::size_t ia = 0, ib = 0;
  for (std::size_t i = 0; i < m.panels.size(); ++i) {
    if (m.panels[i].id == "A/wavelength") ia = i;
    if (m.panels[i].id == "B/wavelength") ib = i;
  }
  ASSERT_LT(std::max(ia, ib), layout.size());
  const plot::Rect ra = layout[ia].plot, rb = layout[ib].plot;
  EXPECT_LT(ra.x1, rb.x0);
  const double full_width = b->x.hi - b->x.lo;  // the merged figure is rebuilt below

  // Zoom A with the wheel: B's next request carries the same x window.
  EXPECT_EQ(e.panel_request(1).window("wavelength"), nullptr);
  const float cx = (ra.x0 + ra.x1) / 2, cy = (ra.y0 + ra.y1) / 2;
  frame(cx, cy);  // ImGui learns the hovered window from the frame before
  frame(cx, cy, 3.0f);
  frame(cx, cy);
  ASSERT_TRUE(settle());
  const plot::DataWindow* wa = e.panel_request(0).window("wavelength");
  const plot::DataWindow* wb = e.panel_request(1).window("wavelength");
  ASSERT_NE(wa, nullptr);
  ASSERT_NE(wb, nullptr) << "zooming A did not reach B";
  EXPECT_EQ(wa->x_lo, wb->x_lo);
  EXPECT_EQ(wa->x_hi, wb->x_hi);
  EXPECT_LT(wb->x_hi - wb->x_lo, 0.7 * full_width);
  // ...and the lower panels of both, linked to the top ones within their figure.
  const plot::DataWindow* cb = e.panel_request(1).window("cycles");
  ASSERT_NE(cb, nullptr);
  EXPECT_EQ(cb->x_lo, wb->x_lo);

  // The wheel over a header zooms nothing visible: its line stays at the left edge.
  std::size_t ih = 0;
  for (std::size_t i = 0; i < e.compare_figure().panels.size(); ++i) {
    if (e.compare_figure().panels[i].id == "A/#header") ih = i;
  }
  const plot::Rect rh = e.compare_layout().at(ih).plot;
  const float hx = (rh.x0 + rh.x1) / 2, hy = (rh.y0 + rh.y1) / 2;
  frame(hx, hy);
  frame(hx, hy, 3.0f);
  frame(hx, hy);
  const plot::Panel* header = testing_views::panel(e.compare_figure(), "A/#header");
  ASSERT_NE(header, nullptr);
  EXPECT_GT(header->texts.at(0).x, 0.05) << "the header was not zoomed";
  EXPECT_LT(header->texts.at(0).x, 0.95);
}

}  // namespace
}  // namespace peviz
