// The interactive plot with simulated mouse input (ImGui 1.86: io.MousePos and
// io.MouseDown set directly), no window and no GPU: hover readout, shared cursor,
// wheel zoom into the next request, drag to pan, double-click to reset.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app/plot/backend/figure_widget.hpp"

namespace peviz::plot {
namespace {

class WidgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000, 700);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the font atlas on the CPU
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    figure_.title = "t";
    Panel a;
    a.id = "waves";
    a.bottom = 0.5f;
    a.x = {"position", -0.5, 99.5};
    a.x.position = true;
    a.y = {"value", -1.0, 1.0};
    a.x_link = "p";
    a.lines.push_back({"sin", {0, 50, 99}, {0, 1, 0}});
    Panel b = a;
    b.id = "waves2";
    b.top = 0.5f;
    b.bottom = 1.0f;
    figure_.panels = {a, b};
    // ImGui learns which window is under the mouse from the frame before: one frame
    // with the mouse outside, as a real session starts.
    frame(-100, -100);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame with the mouse at (x, y).
  void frame(float x, float y, float wheel = 0.0f, bool down = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseWheel = wheel;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    widget_.draw(figure_, ImVec2(980, 680), light_style(), nullptr, nullptr, cursor_);
    ImGui::End();
    ImGui::Render();
  }

  Figure figure_;
  FigureWidget widget_;
  std::optional<Cursor> cursor_;
};

TEST_F(WidgetTest, HoverSetsTheSharedCursorToTheRoundedPosition) {
  frame(-100, -100);
  EXPECT_FALSE(widget_.hover().active);
  frame(500, 170);  // inside the top panel
  ASSERT_TRUE(widget_.hover().active);
  EXPECT_EQ(widget_.hover().panel, 0);
  ASSERT_TRUE(cursor_.has_value());
  EXPECT_EQ(cursor_->x, std::round(widget_.hover().x));
  EXPECT_EQ(cursor_->y, cursor_->x);  // one position axis: the same position on both
  EXPECT_GT(cursor_->x, 20.0);
  EXPECT_LT(cursor_->x, 80.0);
  frame(-100, -100);  // leaving clears the cursor this widget set
  EXPECT_FALSE(cursor_.has_value());
}

TEST_F(WidgetTest, AGridOfPositionsSetsTheCursorToTheHoveredCell) {
  Panel grid;
  grid.id = "grid";
  grid.x = {"q", -0.5, 99.5};
  grid.y = {"p", -0.5, 99.5};
  grid.x.position = grid.y.position = true;
  figure_.panels = {grid};
  frame(-100, -100);
  frame(300, 500);
  ASSERT_TRUE(widget_.hover().active);
  ASSERT_TRUE(cursor_.has_value());
  EXPECT_EQ(cursor_->x, std::round(widget_.hover().x));
  EXPECT_EQ(cursor_->y, std::round(widget_.hover().y));
  EXPECT_NE(cursor_->x, cursor_->y);
}

TEST_F(WidgetTest, WheelZoomsLinkedPanelsAndDoubleClickResets) {
  frame(500, 170);
  EXPECT_FALSE(widget_.zoomed());
  const double anchor = widget_.hover().x;
  frame(500, 170, 3.0f);  // three notches in
  ASSERT_TRUE(widget_.zoomed());
  FigureRequest r = widget_.request(980, 680);
  const DataWindow* top = r.window("waves");
  const DataWindow* bottom = r.window("waves2");
  ASSERT_NE(top, nullptr);
  ASSERT_NE(bottom, nullptr);
  const double width = top->x_hi - top->x_lo;
  EXPECT_NEAR(width, 100.0 * std::pow(0.85, 3), 1e-6);
  EXPECT_LT(top->x_lo, anchor);
  EXPECT_GT(top->x_hi, anchor);
  EXPECT_DOUBLE_EQ(bottom->x_lo, top->x_lo);  // linked in x
  // A double-click resets (two clicks within the double-click time).
  frame(500, 170, 0, true);
  frame(500, 170, 0, false);
  frame(500, 170, 0, true);
  frame(500, 170, 0, false);
  EXPECT_FALSE(widget_.zoomed());
}

TEST_F(WidgetTest, DragPansTheZoomedWindow) {
  frame(500, 170, 4.0f);
  const DataWindow before = *widget_.request(980, 680).window("waves");
  frame(500, 170, 0, true);
  frame(400, 170, 0, true);  // drag left: the data moves left, the window right
  frame(400, 170, 0, false);
  const DataWindow after = *widget_.request(980, 680).window("waves");
  EXPECT_GT(after.x_lo, before.x_lo);
  EXPECT_NEAR(after.x_hi - after.x_lo, before.x_hi - before.x_lo, 1e-9);
}

TEST_F(WidgetTest, NewDefaultsForgetTheZoom) {
  frame(500, 170, 2.0f);
  ASSERT_TRUE(widget_.zoomed());
  figure_.panels[0].x.hi = 199.5;  // e.g. the positions slider moved
  figure_.panels[1].x.hi = 199.5;
  frame(-100, -100);
  EXPECT_FALSE(widget_.zoomed());
}

}  // namespace
}  // namespace peviz::plot
