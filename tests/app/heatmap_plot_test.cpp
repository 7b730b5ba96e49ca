#include "app/plot/heatmap_plot.hpp"

#include <gtest/gtest.h>

namespace peviz::plot {
namespace {

// The hover readout maps a screen point to the cell under it.
TEST(HeatmapHoverTest, PointsMapToTheCellUnderThem) {
  const ImVec2 lo(100, 50), hi(740, 450);  // 640 x 400 pixels for 64 columns x 100 rows
  HeatmapHover h = cell_at(ImVec2(100, 50), lo, hi, 64, 100);
  ASSERT_TRUE(h.active);
  EXPECT_EQ(h.col, 0);
  EXPECT_EQ(h.row, 0);
  h = cell_at(ImVec2(100 + 10 * 12 + 5, 50 + 4 * 37 + 2), lo, hi, 64, 100);
  EXPECT_EQ(h.col, 12);
  EXPECT_EQ(h.row, 37);
  h = cell_at(ImVec2(739.9f, 449.9f), lo, hi, 64, 100);
  EXPECT_EQ(h.col, 63);
  EXPECT_EQ(h.row, 99);
}

TEST(HeatmapHoverTest, PointsOutsideAreNotHovered) {
  const ImVec2 lo(100, 50), hi(740, 450);
  EXPECT_FALSE(cell_at(ImVec2(99, 60), lo, hi, 64, 100).active);
  EXPECT_FALSE(cell_at(ImVec2(740, 60), lo, hi, 64, 100).active);
  EXPECT_FALSE(cell_at(ImVec2(200, 450), lo, hi, 64, 100).active);
  EXPECT_FALSE(cell_at(ImVec2(200, 200), lo, hi, 0, 100).active);
}

}  // namespace
}  // namespace peviz::plot
