// The "model" view for real presets: which channels rotate and with whom (Phi-2 rotates 32 of
// 80, half-split; GPT-J pairs neighbours), the wavelengths against the trained and target
// contexts (written out here from base^(2i/r)), the factor Llama 3.1 gives each pair, both
// attention factors (DeepSeek-V3), the per-pair ratio against another model (--versus and
// compare mode), and what happens when the two models cannot be compared pair by pair.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "app/compare/compare.hpp"
#include "app/plot/table.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

TEST(ModelViewTest, PartialRotaryAndPairingAsTheChannelsShowThem) {
  auto view = view_named("model");
  ASSERT_TRUE(view);
  SharedParams s;
  set_param(s, *view, "preset", "phi-2");
  const plot::Figure f = build(*view, s);
  ASSERT_TRUE(f.message.empty()) << f.message;
  EXPECT_EQ(f.title, "Phi-2: positions, pair by pair");
  const plot::Panel* strip = panel(f, "channels");
  ASSERT_TRUE(strip && strip->heatmap);
  const Eigen::MatrixXd& pairs = *strip->heatmap->values;
  ASSERT_EQ(pairs.cols(), 80);
  // Half-split over the 32 rotated channels: c and c + 16 are pair c; 32..79 pass through.
  EXPECT_EQ(pairs(0, 0), 0.0);
  EXPECT_EQ(pairs(0, 16), 0.0);
  EXPECT_EQ(pairs(0, 31), 15.0);
  EXPECT_TRUE(std::isnan(pairs(0, 32)));
  EXPECT_TRUE(std::isnan(pairs(0, 79)));
  EXPECT_EQ(figure_value(f, "rotary_dim"), 32.0);
  EXPECT_NE(f.subtitle.find("32 of 80 channels rotate"), std::string::npos) << f.subtitle;
  // Wavelengths 2 pi 10000^(2i/32); pairs 11..15 exceed 2048 positions (no turn in training).
  const plot::LineSeries* wl = series(*panel(f, "wavelength"), "wavelength");
  ASSERT_TRUE(wl);
  ASSERT_EQ(wl->y.size(), 16u);
  for (int i : {0, 10, 15})
    EXPECT_NEAR(wl->y[i], 2 * std::numbers::pi * std::pow(10000.0, 2.0 * i / 32), 1e-9 * wl->y[i]);
  EXPECT_EQ(figure_value(f, "pairs_without_turn_trained"), 5.0);

  // GPT-J: neighbours pair, 64 of 256 channels.
  SharedParams j;
  set_param(j, *view, "preset", "gpt-j-6b");
  const plot::Figure g = build(*view, j);
  const Eigen::MatrixXd& gp = *panel(g, "channels")->heatmap->values;
  EXPECT_EQ(gp(0, 0), 0.0);
  EXPECT_EQ(gp(0, 1), 0.0);
  EXPECT_EQ(gp(0, 63), 31.0);
  EXPECT_TRUE(std::isnan(gp(0, 64)));
  EXPECT_NE(g.subtitle.find("interleaved"), std::string::npos) << g.subtitle;
}

TEST(ModelViewTest, ScalingFactorsAndBothAttentionFactors) {
  auto view = view_named("model");
  SharedParams s;
  set_param(s, *view, "preset", "llama-3.1-8b");
  const plot::Figure f = build(*view, s);
  // Llama 3.1: pairs with wavelength below 8192/4 kept (factor 1), above 8192/1 divided by 8.
  const plot::LineSeries& factor = panel(f, "factor")->lines.at(0);
  ASSERT_EQ(factor.y.size(), 64u);
  EXPECT_DOUBLE_EQ(factor.y[0], 1.0);
  EXPECT_DOUBLE_EQ(factor.y[63], 1.0 / 8.0);
  ASSERT_EQ(panel(f, "factor")->bands.size(), 1u);
  EXPECT_EQ(panel(f, "factor")->bands[0].label, "Llama 3.1 blend");
  EXPECT_NE(f.note.find("cos, sin × 1 "), std::string::npos) << f.note;
  // DeepSeek-V3: cos, sin x 1 (mscale = mscale_all_dim), softmax scale x (0.1 ln 40 + 1)^2.
  SharedParams d;
  set_param(d, *view, "preset", "deepseek-v3");
  const plot::Figure g = build(*view, d);
  const double m = 0.1 * std::log(40.0) + 1.0;
  EXPECT_DOUBLE_EQ(figure_value(g, "attention_factor"), 1.0);
  EXPECT_NEAR(figure_value(g, "softmax_scale_factor"), m * m, 1e-12);
  EXPECT_NE(g.note.find("softmax scale × 1.87"), std::string::npos) << g.note;
  EXPECT_EQ(panel(g, "factor")->bands.at(0).label, "YaRN ramp");
}

TEST(ModelViewTest, PerPairRatioAgainstAnotherModel) {
  auto view = view_named("model");
  SharedParams s;
  set_param(s, *view, "preset", "llama-3.1-8b");
  set_param(s, *view, "versus", "llama-3-8b");
  const plot::Figure f = build(*view, s);
  const plot::Panel* ratio = panel(f, "ratio");
  ASSERT_TRUE(ratio);
  // Same base and size: the ratio is the inverse of Llama 3.1's factor (1 to 8).
  const plot::LineSeries& r = ratio->lines.at(0);
  EXPECT_DOUBLE_EQ(r.y[0], 1.0);
  EXPECT_DOUBLE_EQ(r.y[63], 8.0);
  // Pairs 0..28 are kept by Llama 3.1 (wavelength < 2048), the others changed.
  double changed = figure_value(f, "pairs_changed");
  long expected = 0;
  for (int i = 0; i < 64; ++i)
    expected += 2 * std::numbers::pi * std::pow(500000.0, 2.0 * i / 128) >= 8192.0 / 4.0;
  EXPECT_EQ(changed, static_cast<double>(expected));
  TableRows rows;
  view->table(s)(rows);
  ASSERT_EQ(rows.names.back(), "wavelength_ratio");
  EXPECT_DOUBLE_EQ(rows.rows[63].back(), 8.0);
  EXPECT_DOUBLE_EQ(rows.rows[0][0], 0.0);   // pair
  EXPECT_DOUBLE_EQ(rows.rows[0][2], 64.0);  // channel_b of pair 0: half-split, i + 64
  // Models with different pair counts: no ratio, the note says why, the rest is drawn.
  SharedParams p;
  set_param(p, *view, "preset", "phi-2");
  set_param(p, *view, "versus", "llama-3-8b");
  const plot::Figure q = build(*view, p);
  EXPECT_FALSE(panel(q, "ratio"));
  EXPECT_TRUE(panel(q, "wavelength"));
  EXPECT_NE(q.note.find("do not match"), std::string::npos) << q.note;
}

TEST(ModelViewTest, CompareModeComparesEachPanelWithPanelA) {
  State base;
  base.select_view("model");
  const std::vector<State> panels =
      compare::apply_spec(base, compare::parse_spec("preset=llama-3-8b;preset=llama-3.1-8b"));
  ASSERT_EQ(panels.size(), 2u);
  EXPECT_FALSE(panels[0].shared.versus_params);
  ASSERT_TRUE(panels[1].shared.versus_params);
  EXPECT_EQ(panels[1].shared.versus_params->model, "Llama 3 8B");
  const plot::Figure f = panels[1].builder({1200, 800, {}})([](double) { return true; });
  ASSERT_TRUE(panel(f, "ratio"));
  EXPECT_DOUBLE_EQ(panel(f, "ratio")->lines.at(0).y[63], 8.0);
}

TEST(ModelViewTest, TheCsvHoldsEveryPair) {
  auto view = view_named("model");
  SharedParams s;
  set_param(s, *view, "preset", "phi-3.5-mini");
  TableRows rows;
  view->table(s)(rows);
  rows.rows.pop_back();  // the row end_row opened last
  ASSERT_EQ(rows.rows.size(), 48u);
  // LongRoPE at 131072 > 4096: the long factors; pair 47's frequency 1 / (64.84 x 10000^(94/96)).
  EXPECT_DOUBLE_EQ(rows.rows[47][3], 1.0 / (64.83999633789062 * std::pow(10000.0, 94.0 / 96.0)));
  EXPECT_DOUBLE_EQ(rows.rows[47][5], 1.0 / 64.83999633789062);
}

}  // namespace
}  // namespace peviz
