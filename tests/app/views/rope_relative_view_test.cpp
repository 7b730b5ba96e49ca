// The RoPE relative-property view: the "both move" series is flat at <R_m q, R_n k> and the
// "only k moves" series is <q, R_{n+t-m} k> (RoFormer Eq. 16), both checked against dense
// rotation matrices built here, and rendered.
#include <gtest/gtest.h>

#include <cmath>

#include <complex>
#include "app/views/view_util.hpp"
#include "core/random.hpp"
#include "core/rope.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

TEST(RopeRelativeView, FlatLineAndKeyOnlyScoresAgreeWithDenseRotations) {
  auto view = view_named("rope-relative");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;  // d = 64, 100 positions, seed 0, half-split
  set_param(s, *view, "m", "5");
  set_param(s, *view, "n", "12");
  const plot::Figure f = build(*view, s);
  const Eigen::VectorXd q = normal_vector(mix_seed(0, 1), 64),
                        k = normal_vector(mix_seed(0, 2), 64);
  const Eigen::VectorXd inv = rope_inv_freq(64, 10000.0);
  const double ref = (rope_matrix(64, 5, inv, RopePairing::HalfSplit) * q)
                         .dot(rope_matrix(64, 12, inv, RopePairing::HalfSplit) * k);
  const plot::Panel* top = panel(f, "scores");
  ASSERT_TRUE(top);
  const plot::LineSeries* both = series(*top, "both move");
  const plot::LineSeries* key = series(*top, "only k moves");
  ASSERT_TRUE(both && key);
  ASSERT_EQ(both->y.size(), 100u);  // every shift 0..99
  for (std::size_t j = 0; j < both->y.size(); ++j) {
    EXPECT_NEAR(both->y[j], ref, 1e-12) << "t = " << both->x[j];
    const double rel = q.dot(rope_matrix(64, 12 + key->x[j] - 5, inv, RopePairing::HalfSplit) * k);
    EXPECT_NEAR(key->y[j], rel, 1e-10) << "t = " << key->x[j];
  }
  // The key-only score really moves away from the reference.
  double spread = 0.0;
  for (double v : key->y) spread = std::max(spread, std::abs(v - ref));
  EXPECT_GT(spread, 1.0);
  // The numbers are stated: score(m, n) and the largest difference, which is rounding.
  EXPECT_NE(f.note.find(fmt("score(m, n) = %.12g", ref)), std::string::npos) << f.note;
  const plot::Panel* dev = panel(f, "difference");
  ASSERT_TRUE(dev);
  EXPECT_NE(dev->title.find("rounding"), std::string::npos);
  ASSERT_EQ(dev->lines.size(), 1u);
  double largest = 0.0;
  for (double v : dev->lines[0].y) largest = std::max(largest, std::abs(v));
  EXPECT_GT(largest, 0.0);
  EXPECT_LE(largest, dev->y.hi);
  // Hover on the scores: exact values at t = 3.
  const std::vector<std::string> lines = top->readout(3.0, 0.0);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_NE(lines[0].find("t = 3"), std::string::npos);
  EXPECT_NE(lines[1].find("R(8) q, R(15) k"), std::string::npos) << lines[1];
}

TEST(RopeRelativeView, PairZeroVectorsAndLongRangesAreSampled) {
  auto view = view_named("rope-relative");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  s.pairing = RopePairing::Interleaved;
  set_param(s, *view, "m", "2");
  set_param(s, *view, "n", "9");
  set_param(s, *view, "t", "10");
  plot::Figure f = build(*view, s);
  const plot::Panel* geo = panel(f, "pair0");
  ASSERT_TRUE(geo);
  EXPECT_NE(geo->title.find("(0, 1)"), std::string::npos);
  // The four arrows: q at m and m+t keep the angle between q and k at n and n+t; the first
  // pair turns 1 rad per position, so q's arrow turned by exactly t = 10 rad.
  std::vector<const plot::Shape*> arrows;
  for (const plot::Shape& sh : geo->shapes) {
    if (sh.kind == plot::Shape::Kind::Arrow) arrows.push_back(&sh);
  }
  ASSERT_EQ(arrows.size(), 4u);
  const Eigen::VectorXd q = normal_vector(mix_seed(0, 1), 64);
  const double q0 = std::atan2(q[1], q[0]);
  EXPECT_NEAR(std::remainder(std::atan2(arrows[0]->y1, arrows[0]->x1) - q0 - 2.0, 2 * M_PI), 0.0,
              1e-12);
  EXPECT_NEAR(std::remainder(std::atan2(arrows[2]->y1, arrows[2]->x1) - q0 - 12.0, 2 * M_PI), 0.0,
              1e-12);
  const double before =
      std::atan2(arrows[1]->y1, arrows[1]->x1) - std::atan2(arrows[0]->y1, arrows[0]->x1);
  const double after =
      std::atan2(arrows[3]->y1, arrows[3]->x1) - std::atan2(arrows[2]->y1, arrows[2]->x1);
  EXPECT_NEAR(std::remainder(before - after, 2 * M_PI), 0.0, 1e-12);
  // 131072 shifts at d = 4096: sampled to the screen, and saying so.
  s.d = 4096;
  s.positions = 131072;
  f = build(*view, s);
  const plot::LineSeries* both = series(*panel(f, "scores"), "both move");
  ASSERT_TRUE(both);
  EXPECT_LE(both->y.size(), 1200u);
  EXPECT_NE(f.note.find("every"), std::string::npos) << f.note;
}

TEST(RopeRelativeView, RendersBothCurvesInTheirColours) {
  auto view = view_named("rope-relative");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Rope;
  const std::vector<std::uint8_t> rgba = render(build(*view, s));
  const Ink ink = ink_of(rgba);
  EXPECT_GT(ink.pixels, 1200L * 800 / 50);
  long blue = 0, orange = 0;
  for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) {
    blue += (rgba[i] == 0x00 && rgba[i + 1] == 0x72 && rgba[i + 2] == 0xb2) ? 1 : 0;
    orange += (rgba[i] == 0xd5 && rgba[i + 1] == 0x5e && rgba[i + 2] == 0x00) ? 1 : 0;
  }
  EXPECT_GT(blue, 1000);
  EXPECT_GT(orange, 500);
}

TEST(RopeRelativeView, SmallFiguresKeepTheScoresAndTheirNumbers) {
  auto view = view_named("rope-relative");
  SharedParams s;
  s.scheme = Scheme::Rope;
  const plot::Figure full = build(*view, s, 1200, 800);
  ASSERT_EQ(full.panels.size(), 3u);
  const plot::Figure f = build(*view, s, 364, 336);
  ASSERT_EQ(f.panels.size(), 1u);
  const plot::LineSeries* both = series(f.panels[0], "both move");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->y, series(full.panels[0], "both move")->y);
  // The score and the flat line's size are in the note.
  const double ref = both->y.front();
  EXPECT_NE(f.note.find(fmt("%.12g", ref)), std::string::npos) << f.note;
}

TEST(RopeRelativeView, NoTextIsCutOrOverlapsWhenPresented) {
  auto view = view_named("rope-relative");
  SharedParams s;
  s.scheme = Scheme::Rope;
  for (const auto& [m, n] :
       std::vector<std::pair<const char*, const char*>>{{"5", "12"}, {"20", "27"}}) {
    set_param(s, *view, "m", m);  // lesson 7
    set_param(s, *view, "n", n);
    EXPECT_EQ(presented_failures(*view, s), "");
  }
  set_param(s, *view, "t", "99");  // the shift at the right edge
  EXPECT_EQ(presented_failures(*view, s), "");
}

// xPos: the scores against the definition written here (interleaved rotation matrices, each
// pair scaled by zeta_p^((m - n)/512), zeta_p = (2p/d + 0.4)/1.4).
double xpos_by_hand(const Eigen::VectorXd& q, const Eigen::VectorXd& k, double m, double n) {
  const int d = static_cast<int>(q.size());
  const Eigen::VectorXd inv = rope_inv_freq(d, 10000.0);
  const Eigen::VectorXd qm = rope_matrix(d, m, inv, RopePairing::Interleaved) * q;
  const Eigen::VectorXd kn = rope_matrix(d, n, inv, RopePairing::Interleaved) * k;
  double sum = 0.0;
  for (int p = 0; p < d / 2; ++p)
    sum += std::pow((2.0 * p / d + 0.4) / 1.4, (m - n) / 512.0) *
           (qm[2 * p] * kn[2 * p] + qm[2 * p + 1] * kn[2 * p + 1]);
  return sum;
}

TEST(RopeRelativeView, XposIsRelativeAndFades) {
  auto view = view_named("rope-relative");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Xpos;
  s.positions = 3000;
  const plot::Figure f = build(*view, s);
  const Eigen::VectorXd q = normal_vector(mix_seed(0, 1), 64),
                        k = normal_vector(mix_seed(0, 2), 64);
  const double ref = xpos_by_hand(q, k, 5, 12);
  const plot::Panel* top = panel(f, "scores");
  ASSERT_TRUE(top);
  const plot::LineSeries* both = series(*top, "both move");
  const plot::LineSeries* query = series(*top, "only q moves");
  ASSERT_TRUE(both && query);
  for (std::size_t j = 0; j < both->y.size(); j += 7) {
    EXPECT_NEAR(both->y[j], ref, 1e-11) << "t = " << both->x[j];
    EXPECT_NEAR(query->y[j], xpos_by_hand(q, k, 5 + query->x[j], 12), 1e-10)
        << "t = " << query->x[j];
  }
  // It fades: the largest |score| over the last 500 shifts is well below that over the first.
  double early = 0.0, late = 0.0;
  for (std::size_t j = 0; j < query->y.size(); ++j) {
    if (query->x[j] < 500) early = std::max(early, std::abs(query->y[j]));
    if (query->x[j] >= 2500) late = std::max(late, std::abs(query->y[j]));
  }
  EXPECT_LT(late, 0.5 * early);
  EXPECT_NE(f.title.find("xPos"), std::string::npos);
  const plot::Panel* dev = panel(f, "difference");
  ASSERT_TRUE(dev);
  EXPECT_NE(dev->title.find("rounding"), std::string::npos) << dev->title;
  EXPECT_TRUE(panel(f, "pair0"));
}

TEST(RopeRelativeView, PopeScoresAndItsPeakAtDistanceZeroBesideRope) {
  auto view = view_named("rope-relative");
  ASSERT_TRUE(view);
  SharedParams s;
  s.scheme = Scheme::Pope;  // d = 64, 100 positions, seed 0, m = 5, n = 12
  const plot::Figure f = build(*view, s);
  const Eigen::VectorXd q = normal_vector(mix_seed(0, 1), 64),
                        k = normal_vector(mix_seed(0, 2), 64);
  // arXiv:2509.10534: Re[sum_c conj(softplus(q_c) e^{i t theta_c}) softplus(k_c) e^{i s theta_c}],
  // theta_c = 10000^(-c/64), in std::complex.
  const auto pope = [&](double t, double sp) {
    std::complex<double> sum = 0.0;
    for (int c = 0; c < 64; ++c) {
      const double th = std::pow(10000.0, -c / 64.0);
      sum += std::conj(std::polar(std::log1p(std::exp(q[c])), t * th)) *
             std::polar(std::log1p(std::exp(k[c])), sp * th);
    }
    return sum.real();
  };
  const plot::Panel* top = panel(f, "scores");
  ASSERT_TRUE(top);
  const plot::LineSeries* both = series(*top, "both move");
  const plot::LineSeries* key = series(*top, "only k moves");
  ASSERT_TRUE(both && key);
  for (std::size_t j = 0; j < both->y.size(); j += 3) {
    EXPECT_NEAR(both->y[j], pope(5, 12), 1e-11);
    EXPECT_NEAR(key->y[j], pope(5, 12 + key->x[j]), 1e-11);
  }
  // The distance panel: PoPE's curve peaks at 0 (value 1 over its own largest), RoPE's where
  // the content puts it, both against scores computed here.
  const plot::Panel* dist = panel(f, "distance");
  ASSERT_TRUE(dist);
  const plot::LineSeries* p = series(*dist, "PoPE");
  const plot::LineSeries* r = series(*dist, "RoPE");
  ASSERT_TRUE(p && r);
  const Eigen::VectorXd inv = rope_inv_freq(64, 10000.0);
  double p_top = 0.0, r_top = 0.0;
  std::size_t r_at = 0;
  std::vector<double> rope(r->x.size());
  for (std::size_t j = 0; j < p->x.size(); ++j) {
    p_top = std::max(p_top, std::abs(pope(0, p->x[j])));
    rope[j] = q.dot(rope_matrix(64, p->x[j], inv, RopePairing::HalfSplit) * k);
    r_top = std::max(r_top, std::abs(rope[j]));
    if (rope[j] > rope[r_at]) r_at = j;
  }
  for (std::size_t j = 0; j < p->x.size(); ++j) {
    EXPECT_NEAR(p->y[j], pope(0, p->x[j]) / p_top, 1e-12);
    EXPECT_NEAR(r->y[j], rope[j] / r_top, 1e-12);
    if (p->x[j] == 0.0)
      EXPECT_NEAR(p->y[j], 1.0, 1e-15);
    else
      EXPECT_LT(p->y[j], 1.0);
  }
  // The peaks are marked: PoPE's at 0, RoPE's (for this content) elsewhere.
  std::vector<double> marks;
  for (const plot::LineSeries& l : dist->lines)
    if (l.width == 0.0f) marks.push_back(l.x.front());
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_EQ(marks[0], 0.0);
  EXPECT_EQ(marks[1], r->x[r_at]);
  EXPECT_NE(marks[1], 0.0);
}

TEST(RopeRelativeView, XposAndPopeNoTextIsCutOrOverlapsWhenPresented) {
  for (Scheme scheme : {Scheme::Xpos, Scheme::Pope}) {
    auto view = view_named("rope-relative");
    SharedParams s;
    s.scheme = scheme;
    EXPECT_EQ(presented_failures(*view, s), "") << scheme_name(scheme);
  }
}

}  // namespace
}  // namespace peviz
