// Tests for the "long-context" view: its series are core's scaled frequencies, and they
// obey what the papers say independently of core (PI stretches every wavelength by s,
// NTK stretches the slowest by s, Llama 3.1 keeps pair 0 and divides the slowest by s,
// YaRN's attention factor is 0.1 ln s + 1), the YaRN ramp and Llama 3.1 band sit where
// the reference formulas put them, and the picture shows every scaling's colour.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numbers>

#include "app/views/long_context_view.hpp"
#include "core/rope_scaling.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

constexpr double kTwoPi = 2.0 * std::numbers::pi;

struct Built {
  std::unique_ptr<View> view;
  SharedParams shared;
  plot::Figure figure;
};

Built build_with(const std::vector<std::pair<std::string, std::string>>& settings) {
  Built b;
  b.view = view_named("long-context");
  b.shared.scheme = Scheme::Rope;
  for (const auto& [name, value] : settings) set_param(b.shared, *b.view, name, value);
  b.figure = build(*b.view, b.shared);
  return b;
}

// Unscaled wavelength of pair i written out: 2 pi base^(2i/d).
double plain_wavelength(int i, int d, double base) {
  return kTwoPi * std::pow(base, 2.0 * i / d);
}

std::string text_of(double v, const char* format) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

TEST(LongContextView, SeriesAreCoresScaledFrequencies) {
  const Built b = build_with({});
  ASSERT_TRUE(b.figure.message.empty()) << b.figure.message;
  const plot::Panel* top = panel(b.figure, "wavelength");
  const plot::Panel* bottom = panel(b.figure, "factor");
  ASSERT_NE(top, nullptr);
  ASSERT_NE(bottom, nullptr);
  const std::vector<std::pair<Scaling, std::string>> kinds = {
      {Scaling::None, "none"},     {Scaling::Linear, "linear PI"},
      {Scaling::Ntk, "NTK-aware"}, {Scaling::DynamicNtk, "dynamic NTK"},
      {Scaling::Yarn, "YaRN"},     {Scaling::Llama3, "Llama 3.1"}};
  ASSERT_EQ(top->lines.size(), kinds.size());
  const Eigen::VectorXd plain = scale_frequencies(64, 10000.0, ScalingParams{}).inv_freq;
  for (const auto& [kind, label] : kinds) {
    ScalingParams p = b.shared.scaling_params();
    p.kind = kind;
    const Eigen::VectorXd w = scale_frequencies(64, 10000.0, p).inv_freq;
    const plot::LineSeries* wl = series(*top, label);
    const plot::LineSeries* fa = series(*bottom, label);
    ASSERT_NE(wl, nullptr) << label;
    ASSERT_NE(fa, nullptr) << label;
    ASSERT_EQ(wl->y.size(), 32u) << label;
    ASSERT_EQ(fa->y.size(), 32u) << label;
    for (int i = 0; i < 32; ++i) {
      EXPECT_EQ(wl->x[i], i);
      EXPECT_NEAR(wl->y[i], kTwoPi / w[i], 1e-9 * wl->y[i]) << label << " pair " << i;
      EXPECT_NEAR(fa->y[i], w[i] / plain[i], 1e-12) << label << " pair " << i;
    }
  }
}

TEST(LongContextView, PublishedPropertiesOfEachScaling) {
  const Built b = build_with({});
  const plot::Panel& top = *panel(b.figure, "wavelength");
  const plot::LineSeries& none = *series(top, "none");
  const plot::LineSeries& pi = *series(top, "linear PI");
  const plot::LineSeries& ntk = *series(top, "NTK-aware");
  for (int i = 0; i < 32; ++i) {
    EXPECT_NEAR(none.y[i], plain_wavelength(i, 64, 10000.0), 1e-9 * none.y[i]);
    EXPECT_NEAR(pi.y[i], 4.0 * plain_wavelength(i, 64, 10000.0),
                1e-9 * pi.y[i]);  // PI: exactly s times
  }
  EXPECT_NEAR(ntk.y[31], 4.0 * plain_wavelength(31, 64, 10000.0),
              1e-9 * ntk.y[31]);         // NTK: slowest s times
  EXPECT_NEAR(ntk.y[0], kTwoPi, 1e-12);  // ... fastest untouched
  // NTK-aware base' = base s^(d/(d-2)) (YaRN paper Eq. 16) is stated in the legend.
  EXPECT_NE(
      series(top, "NTK-aware")->label.find(text_of(10000.0 * std::pow(4.0, 64.0 / 62.0), "%.0f")),
      std::string::npos)
      << series(top, "NTK-aware")->label;
}

TEST(LongContextView, LlamaRealConfigKeepsFastPairsAndDividesSlowOnes) {
  const Built b =
      build_with({{"d", "128"}, {"base", "500000"}, {"original-context", "8192"}, {"factor", "8"}});
  const plot::Panel& bottom = *panel(b.figure, "factor");
  const plot::LineSeries& llama = *series(bottom, "Llama 3.1");
  ASSERT_EQ(llama.y.size(), 64u);
  EXPECT_EQ(llama.y[0], 1.0);
  EXPECT_NEAR(llama.y[63], 1.0 / 8.0, 1e-15);
  // Meta apply_scaling: kept below wavelength 8192/4, divided by 8 above 8192/1, blended between.
  for (int i = 0; i < 64; ++i) {
    const double lambda = plain_wavelength(i, 128, 500000.0);
    if (lambda < 2048.0) {
      EXPECT_NEAR(llama.y[i], 1.0, 1e-15) << i;
    }
    if (lambda > 8192.0) {
      EXPECT_NEAR(llama.y[i], 0.125, 1e-15) << i;
    }
    if (lambda >= 2048.0 && lambda <= 8192.0) {
      const double smooth = (8192.0 / lambda - 1.0) / 3.0;
      EXPECT_NEAR(llama.y[i], (1.0 - smooth) / 8.0 + smooth, 1e-12) << i;
    }
  }
  // The blend band in the strip: the pairs where the wavelength is 2048 and 8192.
  const plot::LineSeries* band = series(*panel(b.figure, "ranges"), "Llama 3.1 blend");
  ASSERT_NE(band, nullptr);
  EXPECT_NEAR(band->x[0], 64.0 * std::log(2048.0 / kTwoPi) / std::log(500000.0), 1e-9);
  EXPECT_NEAR(band->x[1], 64.0 * std::log(8192.0 / kTwoPi) / std::log(500000.0), 1e-9);
  EXPECT_NE(band->label.find("2048"), std::string::npos);
  EXPECT_NE(band->label.find("8192"), std::string::npos);
}

TEST(LongContextView, YarnRampAndAttentionFactor) {
  const Built b = build_with({{"d", "128"}, {"original-context", "4096"}, {"factor", "32"}});
  // YaRN Eq. 22: sqrt(1/t) = 0.1 ln s + 1.
  const double af = 0.1 * std::log(32.0) + 1.0;
  EXPECT_NE(b.figure.note.find(text_of(af, "%.5g")), std::string::npos) << b.figure.note;
  EXPECT_NE(b.figure.note.find(text_of(af * af, "%.5g")), std::string::npos) << b.figure.note;
  EXPECT_NE(series(*panel(b.figure, "wavelength"), "YaRN")->label.find(text_of(af, "%.4g")),
            std::string::npos);
  // The ramp: floor / ceil of d ln(L / (2 pi beta)) / (2 ln base) for beta = 32 and 1.
  const double low =
      std::floor(128.0 * std::log(4096.0 / (32.0 * kTwoPi)) / (2.0 * std::log(10000.0)));
  const double high = std::ceil(128.0 * std::log(4096.0 / kTwoPi) / (2.0 * std::log(10000.0)));
  const plot::LineSeries* ramp = series(*panel(b.figure, "ranges"), "YaRN ramp");
  ASSERT_NE(ramp, nullptr);
  EXPECT_EQ(ramp->x[0], low);
  EXPECT_EQ(ramp->x[1], high);
  const plot::LineSeries& yarn = *series(*panel(b.figure, "factor"), "YaRN");
  for (int i = 0; i < 64; ++i) {
    if (i <= low) {
      EXPECT_EQ(yarn.y[i], 1.0) << i;
    }
    if (i >= high) {
      EXPECT_NEAR(yarn.y[i], 1.0 / 32.0, 1e-15) << i;
    }
  }
  EXPECT_NE(b.figure.title.find("131072"), std::string::npos) << b.figure.title;
}

TEST(LongContextView, ReferencesSlowBandAndReadout) {
  const Built b = build_with({});
  const plot::Panel& top = *panel(b.figure, "wavelength");
  ASSERT_EQ(top.refs.size(), 2u);
  EXPECT_EQ(top.refs[0].at, 4096.0);
  EXPECT_EQ(top.refs[1].at, 16384.0);
  // First pair slower than 4096: 2 pi 10000^(2 * 23 / 64) = 4711 > 4096 > 3533 (pair 22).
  ASSERT_EQ(top.bands.size(), 2u);
  EXPECT_TRUE(top.bands[0].vertical);
  EXPECT_EQ(top.bands[0].from, 22.5);
  // Llama 3.1's blend band of wavelengths: L/high = 1024 to L/low = 4096.
  EXPECT_FALSE(top.bands[1].vertical);
  EXPECT_EQ(top.bands[1].from, 1024.0);
  EXPECT_EQ(top.bands[1].to, 4096.0);
  EXPECT_TRUE(top.y.log);
  const std::vector<std::string> lines = top.readout(5.2, 100.0);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_NE(lines[0].find("pair 5"), std::string::npos);
  EXPECT_NE(lines[0].find("5 and 37"), std::string::npos)
      << lines[0];  // half-split pairs (i, i + d/2)
  EXPECT_NE(lines[3].find(text_of(4.0 * plain_wavelength(5, 64, 10000.0), "%.6g")),
            std::string::npos)
      << lines[3];
  EXPECT_TRUE(top.readout(-3.0, 1.0).empty());
}

TEST(LongContextView, ChoosingScalingsAndTheTurnsChart) {
  Built b = build_with({{"scalings", "yarn, PI"}, {"lower", "turns"}});
  const plot::Panel& top = *panel(b.figure, "wavelength");
  ASSERT_EQ(top.lines.size(), 2u);
  EXPECT_NE(top.lines[0].label.find("linear"), std::string::npos);
  EXPECT_NE(top.lines[1].label.find("YaRN"), std::string::npos);
  EXPECT_EQ(series(*panel(b.figure, "ranges"), "Llama"), nullptr);
  const plot::Panel* turns = panel(b.figure, "turns");
  ASSERT_NE(turns, nullptr);
  // PI over L' = s L sweeps exactly the turns the unscaled pairs made over L.
  const plot::LineSeries& trained = *series(*turns, "as trained");
  const plot::LineSeries& pi = *series(*turns, "linear PI");
  for (int i = 0; i < 32; ++i) {
    EXPECT_NEAR(trained.y[i], 4096.0 / plain_wavelength(i, 64, 10000.0), 1e-9);
    EXPECT_NEAR(pi.y[i], trained.y[i], 1e-9);
  }
  b = build_with({{"scalings", "rope-x"}});
  EXPECT_NE(b.figure.message.find("rope-x"), std::string::npos);
  b = build_with({{"scalings", " , "}});
  EXPECT_FALSE(b.figure.message.empty());
  b = build_with({{"d", "2"}});
  EXPECT_TRUE(b.figure.message.empty());
  EXPECT_EQ(series(*panel(b.figure, "wavelength"), "none")->y.size(), 1u);
}

TEST(LongContextView, PictureShowsEveryScalingsColour) {
  const Built b = build_with({});
  const std::vector<std::uint8_t> rgba = render(b.figure);
  const Ink ink = ink_of(rgba);
  EXPECT_GT(ink.colours, 20u);
  EXPECT_GT(ink.pixels, 1200L * 800 / 50);
  const plot::Style style = plot::light_style();
  int distinct = 0;
  for (std::size_t k : {0u, 1u, 2u, 3u, 4u, 6u}) {  // PI, NTK, YaRN, dynamic NTK, Llama 3.1, none
    const plot::Color c = style.series(k);
    long count = 0;
    for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
      const bool near = std::abs(rgba[i] - c.r * 255) < 12 &&
                        std::abs(rgba[i + 1] - c.g * 255) < 12 &&
                        std::abs(rgba[i + 2] - c.b * 255) < 12;
      count += near ? 1 : 0;
    }
    EXPECT_GT(count, 300) << "palette colour " << k;
    distinct += count > 300 ? 1 : 0;
  }
  EXPECT_EQ(distinct, 6);
}

TEST(LongContextView, SmallFiguresKeepTheFactorsAndLabelBothContexts) {
  Built b = build_with(
      {{"d", "128"}, {"original-context", "4096"}, {"factor", "8"}, {"scalings", "all"}});
  // Beside a lesson at 1280 x 720: all three charts, the curves named once (below), the
  // trained and target contexts both labelled.
  plot::Figure f = build(*b.view, b.shared, 864, 696);
  ASSERT_EQ(f.panels.size(), 3u);
  const plot::Panel& top = *panel(f, "wavelength");
  std::string labels;
  for (const plot::Text& t : top.texts) labels += t.text + "\n";
  EXPECT_NE(labels.find("L = 4096"), std::string::npos) << labels;
  EXPECT_NE(labels.find("L′ = 32768"), std::string::npos) << labels;
  EXPECT_NE(series(*panel(f, "factor"), "YaRN"), nullptr);
  // At text scale 2: the factor chart alone, still every scaling's curve.
  f = build(*b.view, b.shared, 364, 336);
  ASSERT_EQ(f.panels.size(), 1u);
  EXPECT_EQ(f.panels[0].id, "factor");
  EXPECT_EQ(f.panels[0].lines.size(), 6u);
  EXPECT_NEAR(f.panels[0].lines[1].y[0], 0.125, 1e-15);  // PI: every pair x 1/8
}

TEST(LongContextView, NoTextIsCutOrOverlapsWhenPresented) {
  // The steps of lesson 10 that show the view.
  const std::vector<std::vector<std::pair<std::string, std::string>>> steps = {
      {{"d", "128"}, {"original-context", "4096"}, {"factor", "8"}, {"scalings", "none,linear"}},
      {{"d", "128"}, {"original-context", "4096"}, {"factor", "8"}, {"scalings", "none,ntk"}},
      {{"d", "128"}, {"original-context", "4096"}, {"factor", "8"}, {"scalings", "none,yarn"}},
      {{"d", "128"},
       {"base", "500000"},
       {"original-context", "8192"},
       {"factor", "8"},
       {"scalings", "none,llama3"}},
      {{"d", "128"},
       {"base", "500000"},
       {"original-context", "8192"},
       {"factor", "8"},
       {"scalings", "all"}},
      {{"d", "128"}, {"factor", "32"}, {"scalings", "all"}, {"lower", "turns"}}};
  for (const auto& step : steps) {
    const Built b = build_with(step);
    EXPECT_EQ(presented_failures(*b.view, b.shared), "");
  }
}

}  // namespace
}  // namespace peviz
