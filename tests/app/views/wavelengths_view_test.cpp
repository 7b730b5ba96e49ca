// The "wavelengths" view at the sizes a lecture hall's projector asks for: the wavelength of
// every pair is 2 pi base^(2i/d) (written out here) at every size; the turns chart joins it
// when both fit; the reference lines keep their labels clear of the legend at the normal size.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <utility>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

TEST(WavelengthsViewTest, EverySizeShowsTheWavelengths) {
  auto view = view_named("wavelengths");
  ASSERT_TRUE(view);
  SharedParams s;
  for (const auto& [w, h] : {std::pair{364, 336}, std::pair{464, 476}, std::pair{563, 516},
                             std::pair{864, 696}, std::pair{1200, 900}}) {
    const plot::Figure f = build(*view, s, w, h);
    const plot::Panel* top = panel(f, "wavelength");
    ASSERT_TRUE(top) << w;
    const plot::LineSeries& wl = top->lines.at(0);
    ASSERT_EQ(wl.y.size(), 32u) << w;
    for (int i : {0, 7, 31})
      EXPECT_NEAR(wl.y[i], 2 * std::numbers::pi * std::pow(10000.0, 2.0 * i / 64), 1e-9 * wl.y[i])
          << w;
    EXPECT_NE(f.subtitle.find("47117.2"), std::string::npos) << w;  // the longest wavelength
  }
  // The normal size has both charts and labels on the context, 2 pi and one-turn lines.
  const plot::Figure normal = build(*view, s, 1200, 900);
  ASSERT_TRUE(panel(normal, "cycles"));
  std::string labels;
  for (const char* id : {"wavelength", "cycles"}) {
    for (const plot::Text& t : panel(normal, id)->texts) labels += t.text + "\n";
  }
  EXPECT_NE(labels.find("context = 100 positions"), std::string::npos) << labels;
  EXPECT_NE(labels.find("one full turn"), std::string::npos) << labels;
}

}  // namespace
}  // namespace peviz
