// The "precision" view: RoPE's angle in fp32, bf16 and fp16. Its table against hand-derived
// errors (fp16 holds 4097 as 4096, bf16 holds 257 as 256, fp16 holds nothing past 65504), the
// marked first crossings of 0.1 rad against a scan of every position, its refusals, and pixels:
// the three formats' colours are drawn.
#include <gtest/gtest.h>

#include <cmath>

#include "app/plot/table.hpp"
#include "core/float_format.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

TEST(PrecisionViewTest, TableHoldsEachFormatsAngleError) {
  auto view = view_named("precision");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.d = 64;
  s.start = 4090;
  s.positions = 11;
  TableRows t;
  view->table(s)(t);
  EXPECT_EQ(t.names,
            (std::vector<std::string>{"position", "fp32_error", "bf16_error", "fp16_error"}));
  ASSERT_EQ(t.rows.size(), 12u);  // 11 rows and the empty one after the last end_row
  // Pair 0 (theta = 1): position 4097 is 4096 in fp16 (a tie to even), 4096 in bf16 too
  // (8 bits: 4097 -> 4096), exact in fp32.
  const std::vector<double>& r4097 = t.rows[7];
  EXPECT_EQ(r4097[0], 4097.0);
  EXPECT_EQ(r4097[1], 0.0);
  EXPECT_EQ(r4097[2], -1.0);
  EXPECT_EQ(r4097[3], -1.0);
  // From 4096 fp16 keeps multiples of 4 (11 bits), bf16 multiples of 32 (8 bits): 4098 is a
  // tie that goes to the even 4096 in both; 4100 is exact in fp16 and 4096 in bf16.
  EXPECT_EQ(t.rows[8][3], -2.0);
  EXPECT_EQ(t.rows[8][2], -2.0);
  EXPECT_EQ(t.rows[10][0], 4100.0);
  EXPECT_EQ(t.rows[10][3], 0.0);
  EXPECT_EQ(t.rows[10][2], -4.0);
  // Past 65504 fp16 has no position: NaN, an empty cell in the CSV.
  s.start = 65500;
  s.positions = 30;
  TableRows far;
  view->table(s)(far);
  EXPECT_EQ(far.rows[4][3], 0.0);            // 65504
  EXPECT_TRUE(std::isnan(far.rows[25][3]));  // 65525
  EXPECT_FALSE(std::isnan(far.rows[25][2]));
}

TEST(PrecisionViewTest, MarksTheFirstPositionPastTheLimit) {
  auto view = view_named("precision");
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.d = 64;
  s.positions = 100000;
  const plot::Figure f = build(*view, s);
  ASSERT_TRUE(f.message.empty()) << f.message;
  // Pair 0: bf16 first errs at 257 (-> 256), fp16 at 2049 (-> 2048); fp32 is exact below 2^24.
  EXPECT_EQ(figure_value(f, "first_past_limit_bf16"), 257.0);
  EXPECT_EQ(figure_value(f, "first_past_limit_fp16"), 2049.0);
  for (const auto& [n, v] : f.values) EXPECT_NE(n, "first_past_limit_fp32");
  EXPECT_NE(all_text(f).find("fp32 never"), std::string::npos) << all_text(f);
  EXPECT_NE(all_text(f).find("no position past 65504"), std::string::npos);
  // A slower pair: the scan of every position agrees.
  set_param(s, *view, "pair", "10");
  const plot::Figure g = build(*view, s);
  const double theta = std::pow(10000.0, -20.0 / 64);
  long brute = -1;
  for (long m = 0; m < s.positions && brute < 0; ++m) {
    const double a = round_to(
        round_to(static_cast<double>(m), FloatFormat::Bf16) * round_to(theta, FloatFormat::Bf16),
        FloatFormat::Bf16);
    if (std::abs(static_cast<long double>(a) - static_cast<long double>(m) * theta) > 0.1L)
      brute = m;
  }
  ASSERT_GT(brute, 0);
  EXPECT_EQ(figure_value(g, "first_past_limit_bf16"), static_cast<double>(brute));
  // The three curves are drawn in their colours.
  const std::vector<std::uint8_t> rgba = render(f);
  const plot::Panel* angle = panel(f, "angle");
  ASSERT_TRUE(angle);
  // Every format in the legend; bf16's and fp16's points over their runs (fp32 is exact here).
  for (const char* name : {"fp32", "bf16", "fp16"}) EXPECT_TRUE(series(*angle, name)) << name;
  long points = 0;
  for (const plot::LineSeries& l : angle->lines) points += static_cast<long>(l.y.size());
  EXPECT_GT(points, 300);
  // Okabe-Ito orange (bf16) and green (fp16), the palette's second and third series.
  EXPECT_GT(pixels_near(rgba, 0xd55e00), 2000);
  EXPECT_GT(pixels_near(rgba, 0x009e73), 1000);
}

TEST(PrecisionViewTest, RefusesAPairOutOfRange) {
  auto view = view_named("precision");
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.d = 16;
  set_param(s, *view, "pair", "8");
  const plot::Figure f = build(*view, s);
  EXPECT_NE(f.message.find("between 0 and 7"), std::string::npos) << f.message;
}

}  // namespace
}  // namespace peviz
