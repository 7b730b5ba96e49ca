// Every view of the explorer, with default and extreme parameters (d = 2 and 4096,
// 1 and 131072 positions), for every scheme it lists: it builds a Figure without
// error or NaN, and that Figure renders headless into a picture that is not blank.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>

#include "app/export/png_writer.hpp"
#include "app/plot/style.hpp"
#include "app/render/offscreen.hpp"
#include "app/views/registry.hpp"
#include "app/views/shared_params.hpp"
#include "views/view_test_util.hpp"

namespace peviz {
namespace {

// Every number a Figure will draw is finite (infinities only in heatmaps, where they
// are a mask).
void expect_finite(const plot::Figure& f, const std::string& what) {
  for (const plot::Panel& p : f.panels) {
    const std::string where = what + " panel '" + p.id + "'";
    EXPECT_TRUE(std::isfinite(p.x.lo) && std::isfinite(p.x.hi) && std::isfinite(p.y.lo) &&
                std::isfinite(p.y.hi))
        << where << ": axis range";
    EXPECT_LE(p.x.lo, p.x.hi) << where;
    EXPECT_LE(p.y.lo, p.y.hi) << where;
    if (p.x.log) {
      EXPECT_GT(p.x.lo, 0.0) << where;
    }
    if (p.y.log) {
      EXPECT_GT(p.y.lo, 0.0) << where;
    }
    if (p.heatmap && p.heatmap->values) {
      EXPECT_FALSE(p.heatmap->values->hasNaN()) << where << ": heatmap NaN";
      EXPECT_TRUE(std::isfinite(p.heatmap->lo) && std::isfinite(p.heatmap->hi)) << where;
    }
    for (const plot::LineSeries& s : p.lines) {
      for (double v : s.x) ASSERT_FALSE(std::isnan(v)) << where << ": series '" << s.label << "' x";
      for (double v : s.y) ASSERT_FALSE(std::isnan(v)) << where << ": series '" << s.label << "' y";
      for (double v : s.y_low)
        ASSERT_FALSE(std::isnan(v)) << where << ": series '" << s.label << "' y_low";
    }
    for (const plot::Bars& b : p.bars) {
      for (double v : b.height)
        ASSERT_FALSE(std::isnan(v)) << where << ": bars '" << b.label << "'";
    }
  }
}

struct Case {
  const char* name;
  int d;
  int positions;
};

constexpr Case kCases[] = {{"default", 64, 100}, {"tiny", 2, 1}, {"huge", 4096, 131072}};

TEST(ViewsTest, EveryViewBuildsAndRendersAtDefaultAndExtremeSizes) {
  OffscreenRenderer& renderer = testing_views::renderer();
  const plot::Style style = plot::light_style();
  std::vector<std::unique_ptr<View>> views = make_views();
  ASSERT_EQ(views.size(), 19u);
  for (auto& view : views) {
    for (Scheme scheme : view->schemes()) {
      for (const Case& c : kCases) {
        SharedParams shared;
        shared.scheme = scheme;
        shared.d = c.d;
        shared.positions = c.positions;
        const std::string what =
            std::string(view->name()) + " / " + scheme_name(scheme) + " / " + c.name;
        SCOPED_TRACE(what);
        const plot::FigureRequest request{1200, 800, {}};
        const auto t0 = std::chrono::steady_clock::now();
        plot::Figure figure;
        try {
          figure = view->builder(shared, request)([](double f) { return f >= 0.0 && f <= 1.0; });
        } catch (const std::exception& e) {
          ADD_FAILURE() << what << ": " << e.what();
          continue;
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        RecordProperty(what, std::to_string(seconds));
        EXPECT_TRUE(!figure.panels.empty() || !figure.message.empty())
            << what << ": nothing to draw";
        EXPECT_FALSE(figure.title.empty()) << what;
        expect_finite(figure, what);

        const std::vector<std::uint8_t> rgba = renderer.render(figure, 1200, 800, style);
        ASSERT_EQ(rgba.size(), 1200u * 800u * 4u);
        std::set<std::uint32_t> colours;
        long ink = 0;
        for (std::size_t i = 0; i < rgba.size(); i += 4) {
          colours.insert(rgba[i] << 16 | rgba[i + 1] << 8 | rgba[i + 2]);
          ink += (rgba[i] < 200 || rgba[i + 1] < 200 || rgba[i + 2] < 200) ? 1 : 0;
        }
        EXPECT_GT(colours.size(), 20u) << what << ": a nearly blank picture";
        EXPECT_GT(ink, 1200 * 800 / 100) << what << ": less than 1% of the picture is drawn";
        EXPECT_EQ(renderer.gl_errors(), "") << what;
        // PEVIZ_TEST_PICTURES=folder keeps every picture, to look at them.
        if (const char* dir = std::getenv("PEVIZ_TEST_PICTURES");
            dir != nullptr && dir[0] != '\0') {
          std::string file = std::string(dir) + "/" + view->name() + "_" + scheme_name(scheme) +
                             "_" + c.name + ".png";
          write_png(file, 1200, 800, rgba);
        }
        std::printf("[ timing ] %-40s %.3f s\n", what.c_str(), seconds);
      }
    }
  }
}

TEST(ViewsTest, NamesAreUniqueAndEveryViewHasAnExplanation) {
  std::set<std::string> names;
  for (auto& view : make_views()) {
    EXPECT_TRUE(names.insert(view->name()).second) << view->name();
    SharedParams shared;
    shared.scheme = view->schemes().front();
    EXPECT_GT(view->explanation(shared).size(), 80u) << view->name();
  }
  for (const char* name : {"encoding", "waves", "wavelengths", "similarity", "shift", "properties",
                           "alternatives", "rope-clocks", "rope-relative", "rope-decay", "alibi",
                           "t5", "nope", "long-context", "playground", "precision", "figure"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
}

}  // namespace
}  // namespace peviz
