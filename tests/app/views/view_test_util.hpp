// Helpers for the per-view tests in tests/app/views/: build a view's Figure with
// parameters set by name (as the command line and lessons set them), find its
// panels, series and texts, and render it headless to count what a person would see.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/plot/style.hpp"
#include "app/plot/table.hpp"
#include "app/render/offscreen.hpp"
#include "app/state/state.hpp"
#include "app/views/registry.hpp"
#include "app/views/shared_params.hpp"

namespace peviz::testing_views {

// Every text problem (cut off, shortened, running into another) of `view`'s figure at the
// sizes a lesson presents it, one a line; "" when there is none. Defined in
// rope_clocks_view_test.cpp.
std::string presented_failures(const View& view, const SharedParams& shared);

// The registered view called `name` (fails the test when there is none).
inline std::unique_ptr<View> view_named(const std::string& name) {
  for (auto& v : make_views()) {
    if (name == v->name()) return std::move(v);
  }
  ADD_FAILURE() << "no view called " << name;
  return nullptr;
}

// Sets `name` = `text` on the view's own parameters or else on the shared ones,
// in the order the explorer and the command line use.
inline void set_param(SharedParams& shared, View& view, const std::string& name,
                      const std::string& text) {
  ASSERT_TRUE(State::set_on(view, shared, name, text)) << "no parameter called " << name;
}

// The Figure of `view` for `shared` at width x height, with no zoom.
inline plot::Figure build(const View& view, const SharedParams& shared, int width = 1200,
                          int height = 800) {
  const plot::FigureRequest request{width, height, {}};
  return view.builder(shared, request)([](double) { return true; });
}

inline const plot::Panel* panel(const plot::Figure& f, const std::string& id) {
  for (const plot::Panel& p : f.panels) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

// The first series of a panel whose label contains `part`.
inline const plot::LineSeries* series(const plot::Panel& p, const std::string& part) {
  for (const plot::LineSeries& s : p.lines) {
    if (s.label.find(part) != std::string::npos) return &s;
  }
  return nullptr;
}

// All text of a figure (title, subtitle, note, panel titles, text annotations, labels).
inline std::string all_text(const plot::Figure& f) {
  std::string out = f.title + "\n" + f.subtitle + "\n" + f.note + "\n" + f.message + "\n";
  for (const plot::Panel& p : f.panels) {
    out += p.title + "\n" + p.x.label + "\n" + p.y.label + "\n";
    for (const plot::Text& t : p.texts) out += t.text + "\n";
    for (const plot::LineSeries& s : p.lines) out += s.label + "\n";
    for (const plot::RefLine& r : p.refs) out += r.label + "\n";
    for (const plot::Band& b : p.bands) out += b.label + "\n";
    for (const plot::Bars& b : p.bars) out += b.label + "\n";
  }
  return out;
}

// What a rendered picture holds: how many distinct colours, and how many pixels
// are not (near) white.
struct Ink {
  std::size_t colours = 0;
  long pixels = 0;
};
inline Ink ink_of(const std::vector<std::uint8_t>& rgba) {
  std::set<std::uint32_t> colours;
  Ink ink;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    colours.insert(static_cast<std::uint32_t>(rgba[i] << 16 | rgba[i + 1] << 8 | rgba[i + 2]));
    ink.pixels += (rgba[i] < 200 || rgba[i + 1] < 200 || rgba[i + 2] < 200) ? 1 : 0;
  }
  ink.colours = colours.size();
  return ink;
}

// A view's table kept in memory: the header and every row's numbers (text cells are left out;
// the last row is the empty one after the last end_row).
struct TableRows : plot::TableSink {
  std::vector<std::string> names;
  std::vector<std::vector<double>> rows{{}};
  void header(const std::vector<std::string>& n) override { names = n; }
  TableSink& cell(double v) override {
    rows.back().push_back(v);
    return *this;
  }
  TableSink& cell(long v) override {
    rows.back().push_back(static_cast<double>(v));
    return *this;
  }
  TableSink& cell(std::string_view) override { return *this; }
  void end_row() override { rows.emplace_back(); }
};

// A number the figure states in words (Figure::values), by name; a test failure when absent.
inline double figure_value(const plot::Figure& f, const std::string& name) {
  for (const auto& [key, v] : f.values) {
    if (key == name) return v;
  }
  ADD_FAILURE() << "no value " << name;
  return std::nan("");
}

// Pixels within 40 of an sRGB colour (the sum of the channels' differences).
inline long pixels_near(const std::vector<std::uint8_t>& rgba, unsigned rgb) {
  const int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
  long count = 0;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    if (std::abs(rgba[i] - r) + std::abs(rgba[i + 1] - g) + std::abs(rgba[i + 2] - b) < 40) ++count;
  }
  return count;
}

// One headless renderer per test binary run (EGL set-up is the slow part).
inline OffscreenRenderer& renderer() {
  static OffscreenRenderer r;  // test-only: shared by the tests of one process, holds no user state
  return r;
}

inline std::vector<std::uint8_t> render(const plot::Figure& f, int width = 1200, int height = 800) {
  return renderer().render(f, width, height, plot::light_style());
}

}  // namespace peviz::testing_views
