// Tests for the "t5" view: the step chart and the bucket matrix against the published
// HF values of docs/formulas.md Sec. 6 (bidirectional defaults: r = -64 -> 14, +64 -> 30,
// -63 -> 13; causal r = -99 -> 16 + trunc(16/3 log2(99/16)) = 30), the bucket sizes
// summing to the chart's range, invalid parameters, and the rendered picture.
#include <gtest/gtest.h>

#include <cmath>

#include "core/t5.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

// The value of a step line at integer r (the segment whose x-range holds it).
double step_at(const plot::LineSeries& s, long r) {
  for (std::size_t k = 0; k + 1 < s.x.size(); k += 2) {
    if (s.x[k] <= r && r <= s.x[k + 1]) return s.y[k];
  }
  return NAN;
}

TEST(T5ViewTest, EncoderStepsMatchPublishedBoundaries) {
  auto view = view_named("t5");
  SharedParams s;
  s.scheme = Scheme::T5;
  set_param(s, *view, "mask", "none");
  const plot::Figure f = build(*view, s);
  const plot::Panel* st = panel(f, "steps");
  ASSERT_TRUE(st);
  const plot::LineSeries* enc = series(*st, "encoder");
  const plot::LineSeries* dec = series(*st, "decoder");
  ASSERT_TRUE(enc && dec);
  EXPECT_EQ(step_at(*enc, -64), 14.0);
  EXPECT_EQ(step_at(*enc, 64), 30.0);
  EXPECT_EQ(step_at(*enc, -63), 13.0);
  EXPECT_EQ(step_at(*enc, 0), 0.0);
  EXPECT_EQ(step_at(*enc, 5), 21.0);     // exact: 16 + 5
  EXPECT_EQ(step_at(*enc, -256), 15.0);  // saturated
  EXPECT_EQ(step_at(*dec, 200), 0.0);    // decoder: future keys
  // Default range R = 2 x max_distance.
  EXPECT_DOUBLE_EQ(st->x.hi, 256.5);
  const std::vector<std::string> r = st->readout(-70.0, 0.0);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NE(r[1].find("bucket 14 (r in -90"), std::string::npos) << r[1];
}

TEST(T5ViewTest, BucketMatrixAndSizes) {
  auto view = view_named("t5");
  SharedParams s;
  s.scheme = Scheme::T5;
  const plot::Figure f = build(*view, s);  // causal, 100 positions
  const plot::Panel* m = panel(f, "matrix");
  ASSERT_TRUE(m && m->heatmap);
  const Eigen::MatrixXd& b = *m->heatmap->values;
  ASSERT_EQ(b.rows(), 100);
  EXPECT_EQ(b(99, 0), 30.0);  // r = -99
  EXPECT_EQ(b(20, 5), 15.0);  // r = -15: exact
  EXPECT_EQ(b(5, 90), 0.0);   // future key
  for (int i = 0; i < 100; i += 7) {
    for (int j = 0; j < 100; j += 3) EXPECT_EQ(b(i, j), t5_bucket(j - i, s.t5_params()));
  }
  // Every relative position in -256..256 is counted once.
  double total = 0.0;
  for (const plot::Bars& bars : panel(f, "sizes")->bars) {
    for (double h : bars.height) total += h;
  }
  EXPECT_EQ(total, 513.0);
}

TEST(T5ViewTest, ChartRangeAndLargeN) {
  auto view = view_named("t5");
  SharedParams s;
  s.scheme = Scheme::T5;
  set_param(s, *view, "max-relative", "1000000");
  set_param(s, *view, "positions", "131072");
  const plot::Figure f = build(*view, s);
  const plot::Panel* st = panel(f, "steps");
  ASSERT_TRUE(st);
  const plot::LineSeries* dec = series(*st, "decoder");
  ASSERT_TRUE(dec);
  EXPECT_LE(dec->x.size(), 200u);  // runs, not a million points
  EXPECT_EQ(step_at(*dec, -1000000), 31.0);
  EXPECT_LE(panel(f, "matrix")->heatmap->values->rows(), 2000);
}

TEST(T5ViewTest, InvalidBucketsGiveAMessage) {
  auto view = view_named("t5");
  SharedParams s;
  s.scheme = Scheme::T5;
  set_param(s, *view, "num-buckets", "2");
  set_param(s, *view, "mask", "none");
  const plot::Figure f = build(*view, s);
  EXPECT_FALSE(f.message.empty());
  EXPECT_TRUE(f.panels.empty());
}

TEST(T5ViewTest, Renders) {
  auto view = view_named("t5");
  SharedParams s;
  s.scheme = Scheme::T5;
  const std::vector<std::uint8_t> px = render(build(*view, s));
  const Ink ink = ink_of(px);
  EXPECT_GT(ink.pixels, 1200L * 800 / 20);
  EXPECT_GT(ink.colours, 100u);
  long orange = 0;  // the decoder line (#d55e00) in the top half
  for (int y = 0; y < 400; ++y) {
    for (int x = 0; x < 1200; ++x) {
      const std::uint8_t* c = &px[(static_cast<std::size_t>(y) * 1200 + x) * 4];
      if (std::abs(c[0] - 0xd5) < 12 && std::abs(c[1] - 0x5e) < 12 && c[2] < 20) ++orange;
    }
  }
  EXPECT_GT(orange, 300);
}

TEST(T5ViewTest, NoTextIsCutOrOverlapsWhenPresented) {
  auto view = view_named("t5");
  SharedParams s;
  s.scheme = Scheme::T5;
  for (const char* mask : {"causal", "none"}) {
    set_param(s, *view, "mask", mask);
    EXPECT_EQ(presented_failures(*view, s), "");
  }
  // Small figures keep the step chart.
  const plot::Figure f = build(*view, s, 364, 336);
  ASSERT_EQ(f.panels.size(), 1u);
  EXPECT_EQ(f.panels[0].id, "steps");
}

}  // namespace
}  // namespace peviz
