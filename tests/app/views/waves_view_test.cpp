// The "waves" view at the sizes a lecture hall's projector asks for: every chosen dimension is
// drawn as core's sin or cos at every size, in fewer panels when the figure is small; at the
// normal size one panel per pair, each line named in the legend.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <utility>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

TEST(WavesViewTest, EverySizeDrawsEveryChosenDimension) {
  auto view = view_named("waves");
  ASSERT_TRUE(view);
  SharedParams s;
  set_param(s, *view, "dims", "0,1,16,17,24,25");
  for (const auto& [w, h] : {std::pair{364, 336}, std::pair{464, 476}, std::pair{563, 516},
                             std::pair{864, 696}, std::pair{1200, 900}}) {
    const plot::Figure f = build(*view, s, w, h);
    std::size_t lines = 0;
    for (const plot::Panel& p : f.panels) {
      for (const plot::LineSeries& l : p.lines) {
        ++lines;
        ASSERT_EQ(l.y.size(), 100u) << w;
      }
    }
    EXPECT_EQ(lines, 6u) << w;
    // dim 16 is sin(p w_8), w_8 = 10000^(-16/64) = 0.1: find it by its values.
    bool found = false;
    for (const plot::Panel& p : f.panels) {
      for (const plot::LineSeries& l : p.lines)
        found = found || std::abs(l.y[10] - std::sin(10 * 0.1)) < 1e-12;
    }
    EXPECT_TRUE(found) << w;
  }
  const plot::Figure normal = build(*view, s, 1200, 900);
  EXPECT_EQ(normal.panels.size(), 3u);
  EXPECT_NE(all_text(normal).find("dim 17: cos(p·"
                                  "0.1)"),
            std::string::npos);
}

}  // namespace
}  // namespace peviz
