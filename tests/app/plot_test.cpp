// The plot layer without a GPU: axis mapping, zoom and pan arithmetic, figure layout
// (with a canvas that only measures text), and the hover readout.
#include <gtest/gtest.h>

#include <cmath>

#include "app/plot/axis_map.hpp"
#include "app/plot/backend/figure_widget.hpp"
#include "app/plot/draw_figure.hpp"

namespace peviz::plot {
namespace {

// Measures text as 10 px per character and 20 px high; draws nothing but counts.
class CountingCanvas : public Canvas {
 public:
  int lines = 0, texts = 0, heatmaps = 0, clips = 0;
  std::vector<std::string> drawn;  // every text(), in order
  CellRange last_cells;
  Rect last_heatmap;
  std::vector<std::pair<Vec2, Vec2>> segments;  // every line(), in order
  void line(Vec2 a, Vec2 b, Color, float) override {
    ++lines;
    segments.emplace_back(a, b);
  }
  void polyline(const std::vector<Vec2>& p, Color, float) override {
    lines += static_cast<int>(p.size()) - 1;
  }
  void convex_fill(const std::vector<Vec2>&, Color) override {}
  void rect(Rect, Color, float) override {}
  void rect_fill(Rect, Color) override {}
  void circle(Vec2, float, Color, float) override {}
  void circle_fill(Vec2, float, Color) override {}
  void text(Vec2, const std::string& t, Color, float, bool, float, float, bool) override {
    ++texts;
    drawn.push_back(t);
  }
  Vec2 text_size(const std::string& t, float, bool) override { return {10.0f * t.size(), 20.0f}; }
  void heatmap(Rect dst, const HeatmapLayer&, CellRange cells) override {
    ++heatmaps;
    last_heatmap = dst;
    last_cells = cells;
  }
  void colorbar(Rect, ColormapId, bool) override {}
  void push_clip(Rect) override { ++clips; }
  void pop_clip() override { --clips; }
};

TEST(AxisMap, LinearAndLogAreInversesOfEachOther) {
  const AxisMap lin{-1.0, 1.0, 100.0f, 300.0f, false};
  EXPECT_FLOAT_EQ(lin.to_pixel(-1.0), 100.0f);
  EXPECT_FLOAT_EQ(lin.to_pixel(0.0), 200.0f);
  EXPECT_NEAR(lin.to_data(250.0f), 0.5, 1e-12);
  const AxisMap log{1.0, 1e4, 500.0f, 100.0f, true};  // y axis: 1 at the bottom
  EXPECT_FLOAT_EQ(log.to_pixel(100.0), 300.0f);       // half way in decades
  EXPECT_NEAR(log.to_data(200.0f), 1000.0, 1e-9);
  for (double v : {1.5, 37.0, 9999.0}) EXPECT_NEAR(log.to_data(log.to_pixel(v)), v, v * 1e-6);
}

TEST(ZoomPan, ZoomKeepsTheAnchorAndPanMovesBothEnds) {
  double lo = 0.0, hi = 100.0;
  zoom_range(lo, hi, 25.0, 0.5, false);
  EXPECT_DOUBLE_EQ(lo, 12.5);
  EXPECT_DOUBLE_EQ(hi, 62.5);
  pan_range(lo, hi, 30.0, 20.0, false);  // drag the point 30 to where 20 is
  EXPECT_DOUBLE_EQ(lo, 22.5);
  EXPECT_DOUBLE_EQ(hi, 72.5);
  double a = 1.0, b = 1e4;
  zoom_range(a, b, 100.0, 0.5, true);  // in decades: [0, 4] around 2 -> [1, 3]
  EXPECT_NEAR(a, 10.0, 1e-9);
  EXPECT_NEAR(b, 1000.0, 1e-9);
}

TEST(ZoomPan, ClampKeepsTheWindowInsideAndItsWidth) {
  double lo = -20.0, hi = 30.0;
  clamp_range(lo, hi, 0.0, 100.0, false);
  EXPECT_DOUBLE_EQ(lo, 0.0);
  EXPECT_DOUBLE_EQ(hi, 50.0);
  lo = 80.0;
  hi = 130.0;
  clamp_range(lo, hi, 0.0, 100.0, false);
  EXPECT_DOUBLE_EQ(lo, 50.0);
  EXPECT_DOUBLE_EQ(hi, 100.0);
  lo = -10.0;
  hi = 500.0;  // wider than allowed: the whole range
  clamp_range(lo, hi, 0.0, 100.0, false);
  EXPECT_DOUBLE_EQ(lo, 0.0);
  EXPECT_DOUBLE_EQ(hi, 100.0);
}

Figure two_panels() {
  Figure f;
  f.title = "Title";
  Panel a;
  a.id = "a";
  a.right = 0.5f;
  a.x = {"x", 0.0, 10.0};
  a.y = {"y", -1.0, 1.0};
  a.equal_aspect = false;
  a.lines.push_back({"line", {0, 5, 10}, {-1, 1, 0}});
  Panel b = a;
  b.id = "b";
  b.left = 0.5f;
  b.right = 1.0f;
  b.equal_aspect = true;
  b.x = {"x", 0.0, 10.0};
  b.y = {"y", 0.0, 5.0};
  f.panels = {a, b};
  return f;
}

TEST(Layout, PlotsSitInsideTheirAreasAndEqualAspectIsSquare) {
  CountingCanvas c;
  const Figure f = two_panels();
  const Rect area{0, 0, 1000, 600};
  const std::vector<PanelGeometry> g = layout_figure(f, area, light_style(), c, {});
  ASSERT_EQ(g.size(), 2u);
  for (const PanelGeometry& p : g) {
    EXPECT_GE(p.plot.x0, p.area.x0);
    EXPECT_LE(p.plot.x1, p.area.x1);
    EXPECT_GE(p.plot.y0, p.area.y0);
    EXPECT_LE(p.plot.y1, p.area.y1);
    EXPECT_GT(p.plot.width(), 100.0f);
  }
  EXPECT_GT(g[0].area.y0, 20.0f);  // below the title
  // 10 x 5 data units at the same scale: twice as wide as high.
  EXPECT_NEAR(g[1].plot.width() / g[1].plot.height(), 2.0f, 0.01f);
  // Mapping: the window's corners are the plot's corners (y up).
  EXPECT_FLOAT_EQ(g[0].x.to_pixel(0.0), g[0].plot.x0);
  EXPECT_FLOAT_EQ(g[0].y.to_pixel(-1.0), g[0].plot.y1);
}

TEST(Layout, ZoomedWindowsComeFromTheRequestAndLinkedPanelsAlign) {
  CountingCanvas c;
  Figure f = two_panels();
  f.panels[1].equal_aspect = false;
  f.panels[0].left = 0.0f;
  f.panels[0].right = 1.0f;
  f.panels[0].bottom = 0.5f;
  f.panels[1].left = 0.0f;
  f.panels[1].top = 0.5f;
  f.panels[1].y.label = "a much longer y label";
  f.panels[1].y.lo = -123456.0;  // wide tick labels push its plot to the right
  f.panels[0].x_link = f.panels[1].x_link = "x";
  FigureRequest r;
  r.windows.push_back({"a", DataWindow{2.0, 4.0, -1.0, 1.0}});
  const std::vector<PanelGeometry> g = layout_figure(f, {0, 0, 800, 800}, light_style(), c, r);
  EXPECT_DOUBLE_EQ(g[0].window.x_lo, 2.0);
  EXPECT_DOUBLE_EQ(g[1].window.x_lo, 0.0);  // not zoomed
  EXPECT_FLOAT_EQ(g[0].plot.x0, g[1].plot.x0);
  EXPECT_FLOAT_EQ(g[0].plot.x1, g[1].plot.x1);
}

TEST(DrawFigure, HeatmapCellsFollowTheWindowAndRowZeroIsOnTopWhenInverted) {
  CountingCanvas c;
  Figure f;
  Panel p;
  p.id = "h";
  p.x = {"dimension", -0.5, 9.5};
  p.y = {"position", -0.5, 19.5};
  p.y.inverted = true;
  HeatmapLayer h;
  h.values = std::make_shared<const Eigen::MatrixXd>(Eigen::MatrixXd::Zero(20, 10));
  h.x_lo = -0.5;
  h.x_hi = 9.5;
  h.y_lo = -0.5;
  h.y_hi = 19.5;
  p.heatmap = h;
  f.panels.push_back(p);
  FigureRequest r;
  r.windows.push_back({"h", DataWindow{1.5, 3.5, 4.5, 9.5}});
  const Rect area{0, 0, 600, 600};
  const auto g = layout_figure(f, area, light_style(), c, r);
  draw_figure(f, g, area, light_style(), c, std::nullopt);
  EXPECT_EQ(c.heatmaps, 1);
  EXPECT_DOUBLE_EQ(c.last_cells.col0, 2.0);
  EXPECT_DOUBLE_EQ(c.last_cells.col1, 4.0);
  EXPECT_DOUBLE_EQ(c.last_cells.row0, 5.0);  // top of the picture: the smaller row
  EXPECT_DOUBLE_EQ(c.last_cells.row1, 10.0);
  EXPECT_EQ(c.clips, 0);  // every push_clip popped
  // Not inverted: the larger row goes on top.
  f.panels[0].y.inverted = false;
  const auto g2 = layout_figure(f, area, light_style(), c, r);
  draw_figure(f, g2, area, light_style(), c, std::nullopt);
  EXPECT_DOUBLE_EQ(c.last_cells.row0, 10.0);
  EXPECT_DOUBLE_EQ(c.last_cells.row1, 5.0);
}

// Hovering cell (q = 35, p = 82) of a grid of positions against positions marks column 35
// and row 82 (the row line was drawn at 35, the column's value, before).
TEST(DrawFigure, TheCursorOfAPositionGridMarksTheHoveredRowAndColumn) {
  Figure f;
  Panel grid;
  grid.id = "grid";
  grid.x = {"q", -0.5, 99.5};
  grid.y = {"p", -0.5, 99.5};
  grid.x.position = grid.y.position = true;
  grid.y.inverted = true;
  grid.grid = false;
  grid.legend = Corner::None;
  f.panels = {grid};
  CountingCanvas c;
  const Rect area{0, 0, 800, 800};
  const auto g = layout_figure(f, area, light_style(), c, {});
  draw_figure(f, g, area, light_style(), c, Cursor{35.0, 82.0});
  const float x35 = g[0].x.to_pixel(35.0), y82 = g[0].y.to_pixel(82.0), y35 = g[0].y.to_pixel(35.0);
  bool vertical = false, horizontal = false, wrong = false;
  for (const auto& [a, b] : c.segments) {
    if (std::abs(a.x - x35) < 0.01f && std::abs(b.x - x35) < 0.01f && a.y != b.y) vertical = true;
    if (a.y == b.y && std::abs(a.y - y82) < 0.01f && b.x - a.x > 100) horizontal = true;
    if (a.y == b.y && std::abs(a.y - y35) < 0.01f && b.x - a.x > 100) wrong = true;
  }
  EXPECT_TRUE(vertical);
  EXPECT_TRUE(horizontal);
  EXPECT_FALSE(wrong);
}

TEST(DrawFigure, ATextWithAMaximumWidthIsCutByTheLayoutsMeasure) {
  // The compare headers' lines: the Figure says how wide a text may be (a fraction of the
  // plot), the layout cuts it with the canvas's own measure (10 px a byte here).
  Figure f;
  Panel p;
  p.id = "header";
  p.axes = false;
  p.grid = false;
  p.legend = Corner::None;
  p.x = {"", 0.0, 1.0};
  p.y = {"", 0.0, 1.0};
  const std::string long_line(200, 'x');  // 2000 px, in a plot of at most 800
  p.texts.push_back({.x = 0.0, .y = 0.5, .text = long_line, .align_x = 0.0f, .max_width = 0.5f});
  p.texts.push_back({.x = 0.0, .y = 0.8, .text = "short", .align_x = 0.0f, .max_width = 0.5f});
  p.texts.push_back({.x = 0.0, .y = 0.2, .text = long_line, .align_x = 0.0f});  // no limit
  f.panels = {p};
  CountingCanvas c;
  const Rect area{0, 0, 800, 400};
  const auto g = layout_figure(f, area, light_style(), c, {});
  draw_figure(f, g, area, light_style(), c, std::nullopt);
  const float limit = 0.5f * g[0].plot.width();
  bool cut = false, kept_short = false, kept_long = false;
  for (const std::string& t : c.drawn) {
    if (t.size() > 3 && t.compare(t.size() - 3, 3, "…") == 0) {
      cut = true;
      EXPECT_LE(c.text_size(t, 20.0f, false).x, limit) << t;
      EXPECT_GT(c.text_size(t, 20.0f, false).x, limit - 40.0f) << "cut far too short: " << t;
    }
    kept_short = kept_short || t == "short";
    kept_long = kept_long || t == long_line;
  }
  EXPECT_TRUE(cut);
  EXPECT_TRUE(kept_short);
  EXPECT_TRUE(kept_long);
}

TEST(Readout, HeatmapCellAndNearestSeriesValues) {
  Panel p;
  p.x = {"dimension", -0.5, 2.5};
  p.y = {"position", -0.5, 1.5};
  HeatmapLayer h;
  Eigen::MatrixXd v(2, 3);
  v << 1, 2, 3, 4, 5, 6;
  h.values = std::make_shared<const Eigen::MatrixXd>(v);
  h.x_lo = -0.5;
  h.x_hi = 2.5;
  h.y_lo = -0.5;
  h.y_hi = 1.5;
  h.value_label = "PE";
  p.heatmap = h;
  const std::vector<std::string> lines = readout_lines(p, 2.2, 0.9);  // row 1, column 2
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "PE = 6");
  Panel q;
  q.x.label = "pair";
  q.lines.push_back({"wavelength", {0, 1, 2}, {6.28, 19.9, 62.8}});
  const std::vector<std::string> l2 = readout_lines(q, 1.3, 0.0);
  ASSERT_EQ(l2.size(), 2u);
  EXPECT_EQ(l2[0], "pair = 1");
  EXPECT_EQ(l2[1], "wavelength: 19.9");
  q.readout = [](double x, double) {
    return std::vector<std::string>{"custom " + std::to_string(static_cast<int>(x))};
  };
  EXPECT_EQ(readout_lines(q, 2.0, 0.0), std::vector<std::string>{"custom 2"});
}

}  // namespace
}  // namespace peviz::plot
