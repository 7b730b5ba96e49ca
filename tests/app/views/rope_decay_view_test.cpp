// The RoPE decay view: B(r) against the RoFormer Sec. 3.4.3 sum written out here, B(0) =
// (d/2 + 1)/2, the published non-monotone pair for d = 64 (B(50) < B(100)), overlays and
// sampling at d = 4096, and the rendered picture.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/cli/xpos_export.hpp"
#include "app/views/rope_decay_view.hpp"
#include "core/validate.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

// RoFormer Sec. 3.4.3, written out with separate real and imaginary sums.
double bound_by_hand(double r, int d, double base) {
  double re = 0.0, im = 0.0, total = 0.0;
  for (int k = 0; k < d / 2; ++k) {
    const double a = r * std::pow(base, -2.0 * k / d);
    re += std::cos(a);
    im += std::sin(a);
    total += std::hypot(re, im);
  }
  return total / (d / 2.0);
}

void set_own(View& view, const std::string& name, const std::string& value) {
  ParamSetter p(name, value);
  view.visit(p);
  ASSERT_TRUE(p.found()) << name;
}

TEST(RopeDecayView, CurveIsTheBoundAndB0IsMarked) {
  auto view = view_named("rope-decay");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;  // d = 64, base 10000; max distance 256 by default
  const plot::Figure f = build(*view, s);
  const plot::Panel* p = panel(f, "decay");
  ASSERT_TRUE(p);
  const plot::LineSeries* main = series(*p, "base 10000");
  ASSERT_TRUE(main);
  ASSERT_EQ(main->x.size(), 257u);  // r = 0..256, every one
  for (std::size_t j = 0; j < main->x.size(); j += 7) {
    EXPECT_NEAR(main->y[j], bound_by_hand(main->x[j], 64, 10000.0), 1e-10) << "r = " << main->x[j];
  }
  EXPECT_NEAR(main->y[0], 16.5, 1e-12);  // (64/2 + 1)/2
  // docs/formulas.md Sec. 4: B(50) = 5.73 < B(100) = 7.47.
  EXPECT_NEAR(main->y[50], 5.73, 0.005);
  EXPECT_NEAR(main->y[100], 7.47, 0.005);
  ASSERT_FALSE(p->refs.empty());
  EXPECT_NEAR(p->refs[0].at, 16.5, 1e-12);
  EXPECT_NE(all_text(f).find("B(0) = (d/2 + 1)/2 = 16.5"), std::string::npos);
  // Never claimed to be monotone; the note shows where it rises.
  EXPECT_NE(f.note.find("not monotone"), std::string::npos) << f.note;
  const std::vector<std::string> lines = p->readout(100.2, 0.0);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("B(100) = 7.46527659994"), std::string::npos) << lines[1];
}

TEST(RopeDecayView, OverlaysLogAxisAndSamplingAtLargeD) {
  auto view = view_named("rope-decay");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  set_own(*view, "bases", "500, 10000,500000");
  plot::Figure f = build(*view, s);
  const plot::Panel* p = panel(f, "decay");
  ASSERT_TRUE(p);
  const plot::LineSeries* b500 = series(*p, "base 500 ");
  const plot::LineSeries* b5e5 = series(*p, "base 500000");
  ASSERT_TRUE(b500 && b5e5);
  EXPECT_NEAR(b500->y[30], bound_by_hand(30, 64, 500.0), 1e-10);
  EXPECT_NEAR(b5e5->y[30], bound_by_hand(30, 64, 500000.0), 1e-10);
  EXPECT_EQ(p->lines.size(), 3u + 2u);  // 10000 once (not twice), two overlays, two markers
  // d = 4096, a million distances on a log axis: sampled, fast, exact where drawn.
  set_own(*view, "bases", "");
  set_own(*view, "max-distance", "1000000");
  set_own(*view, "log-x", "true");
  s.d = 4096;
  f = build(*view, s);
  p = panel(f, "decay");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->x.log);
  const plot::LineSeries* main = series(*p, "base 10000");
  ASSERT_TRUE(main);
  EXPECT_LE(main->x.size(), 1200u);
  EXPECT_EQ(main->x.front(), 1.0);
  EXPECT_EQ(main->x.back(), 1000000.0);
  EXPECT_NEAR(main->y.back(), bound_by_hand(1e6, 4096, 10000.0), 1e-8);
  EXPECT_NE(all_text(f).find("1024.5"), std::string::npos);
  // A bad base list is a message, not a crash.
  set_own(*view, "bases", "500,abc");
  f = build(*view, s);
  EXPECT_TRUE(f.panels.empty());
  EXPECT_NE(f.message.find("abc"), std::string::npos);
  EXPECT_THROW(parse_bases("1"), InvalidArgument);
}

TEST(RopeDecayView, RendersTheCurves) {
  auto view = view_named("rope-decay");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  set_own(*view, "bases", "500");
  const std::vector<std::uint8_t> rgba = render(build(*view, s));
  EXPECT_GT(ink_of(rgba).pixels, 1200L * 800 / 100);
  long blue = 0, orange = 0;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    blue += (rgba[i] == 0x00 && rgba[i + 1] == 0x72 && rgba[i + 2] == 0xb2) ? 1 : 0;
    orange += (rgba[i] == 0xd5 && rgba[i + 1] == 0x5e && rgba[i + 2] == 0x00) ? 1 : 0;
  }
  EXPECT_GT(blue, 1000);
  EXPECT_GT(orange, 300);
}

TEST(RopeDecayView, NoTextIsCutOrOverlapsWhenPresented) {
  auto view = view_named("rope-decay");
  SharedParams s;
  s.scheme = Scheme::Rope;
  // Lesson 7's steps: 256 distances, then bases 500 and 500000 over 2000 on a log axis.
  set_param(s, *view, "max-distance", "256");
  EXPECT_EQ(presented_failures(*view, s), "");
  set_param(s, *view, "bases", "500,500000");
  set_param(s, *view, "max-distance", "2000");
  set_param(s, *view, "log-x", "true");
  EXPECT_EQ(presented_failures(*view, s), "");
  // Small: B(0) still labelled with its value, every base still drawn and named.
  const plot::Figure f = build(*view, s, 364, 336);
  ASSERT_EQ(f.panels.size(), 1u);
  std::string texts;
  for (const plot::Text& t : f.panels[0].texts) texts += t.text;
  EXPECT_NE(texts.find("B(0) = "), std::string::npos);
  EXPECT_NE(texts.find("16.5"), std::string::npos) << texts;
  EXPECT_NE(series(f.panels[0], "10000"), nullptr);
  EXPECT_NE(series(f.panels[0], "500000"), nullptr);
}

// xPos: RoFormer's sum with zeta_k^(r/512) inside, written out here; zeta_k = (2k/d + 0.4)/1.4.
double xpos_bound_by_hand(double r, int d, double base) {
  double re = 0.0, im = 0.0, total = 0.0;
  for (int k = 0; k < d / 2; ++k) {
    const double a = r * std::pow(base, -2.0 * k / d);
    const double f = std::pow((2.0 * k / d + 0.4) / 1.4, r / 512.0);
    re += f * std::cos(a);
    im += f * std::sin(a);
    total += std::hypot(re, im);
  }
  return total / (d / 2.0);
}

TEST(RopeDecayView, XposAgainstRopeAndTheEnvelope) {
  auto view = view_named("rope-decay");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Xpos;         // d = 64, base 10000, r = 0..256
  set_own(*view, "bases", "500");  // ignored under xPos: one base
  const plot::Figure f = build(*view, s);
  const plot::Panel* p = panel(f, "decay");
  ASSERT_TRUE(p);
  const plot::LineSeries* x = series(*p, "xPos");
  const plot::LineSeries* r = series(*p, "RoPE");
  const plot::LineSeries* env = series(*p, "envelope");
  ASSERT_TRUE(x && r && env);
  ASSERT_EQ(x->x.size(), 257u);
  for (std::size_t j = 0; j < x->x.size(); j += 5) {
    const double d = x->x[j];
    EXPECT_NEAR(x->y[j], xpos_bound_by_hand(d, 64, 10000.0), 1e-10) << "r = " << d;
    EXPECT_NEAR(r->y[j], bound_by_hand(d, 64, 10000.0), 1e-10) << "r = " << d;
    double mean = 0.0;
    for (int k = 0; k < 32; ++k) mean += std::pow((2.0 * k / 64 + 0.4) / 1.4, d / 512.0) / 32.0;
    EXPECT_NEAR(env->y[j], 16.5 * mean, 1e-10);
    // The envelope bounds xPos's curve, which stays under RoPE's (every factor is below 1).
    EXPECT_LE(x->y[j], env->y[j] + 1e-12);
  }
  EXPECT_NEAR(x->y[0], 16.5, 1e-12);
  EXPECT_LT(x->y[256], r->y[256]);
  EXPECT_EQ(series(*p, "base 500"), nullptr);
  EXPECT_NE(f.title.find("xPos"), std::string::npos);
  // The CSV: distance,xpos_bound,rope_bound,mean_zeta_power.
  TableRows t;
  view->table(s)(t);
  ASSERT_EQ(t.names,
            (std::vector<std::string>{"distance", "xpos_bound", "rope_bound", "mean_zeta_power"}));
  t.rows.pop_back();  // the row after the last end_row
  ASSERT_EQ(t.rows.size(), 257u);
  EXPECT_NEAR(t.rows[100][1], xpos_bound_by_hand(100, 64, 10000.0), 1e-10);
  EXPECT_NEAR(t.rows[100][2], bound_by_hand(100, 64, 10000.0), 1e-10);
}

TEST(RopeDecayView, XposNoTextIsCutOrOverlapsWhenPresented) {
  auto view = view_named("rope-decay");
  SharedParams s;
  s.scheme = Scheme::Xpos;
  EXPECT_EQ(presented_failures(*view, s), "");
  set_param(s, *view, "max-distance", "8192");
  set_param(s, *view, "log-x", "true");
  EXPECT_EQ(presented_failures(*view, s), "");
}

// `peviz export xpos`: pair,zeta with zeta_i = (2i/d + 0.4)/1.4; bad input is one line, no file.
TEST(XposExport, WritesPairZeta) {
  const std::string out = ::testing::TempDir() + "xpos_export_test.csv";
  std::remove(out.c_str());
  std::ostringstream err;
  const std::string out_arg = "--out=" + out;
  const char* argv[] = {"export", "xpos", "--d", "8", out_arg.c_str()};
  ASSERT_EQ(run_xpos_export(5, argv, err), 0) << err.str();
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "pair,zeta");
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(std::getline(in, line));
    const std::size_t comma = line.find(',');
    EXPECT_EQ(std::stoi(line.substr(0, comma)), i);
    EXPECT_NEAR(std::stod(line.substr(comma + 1)), (2.0 * i / 8 + 0.4) / 1.4, 1e-16);
  }
  EXPECT_FALSE(std::getline(in, line) && !line.empty());
  std::remove(out.c_str());
  for (const char* d : {"7", "0", "abc", "1e9"}) {
    std::ostringstream e;
    const char* bad[] = {"export", "xpos", "--d", d, out_arg.c_str()};
    EXPECT_EQ(run_xpos_export(5, bad, e), 2) << d;
    const std::string said = e.str();
    EXPECT_NE(said.find("--d"), std::string::npos) << said;
    EXPECT_EQ(std::count(said.begin(), said.end(), '\n'), 1) << said;
    EXPECT_FALSE(std::ifstream(out).good());
  }
  std::ostringstream e;
  const char* png[] = {"export", "xpos", "--out", "x.png"};
  EXPECT_EQ(run_xpos_export(4, png, e), 2);
  EXPECT_NE(e.str().find(".csv"), std::string::npos);
}

}  // namespace
}  // namespace peviz
