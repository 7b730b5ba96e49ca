// Tests for the "figure" view: every paper figure builds with its title, caption,
// parameters and source on it, and each figure's numbers equal the paper's formula written
// out here (RoFormer's bound, ALiBi's biases and slopes, PI's fit and bounds, NTK's base,
// YaRN's ramp and temperature, Llama 3.1's bands, the causal mask's counts, the TensorFlow
// tutorial's normalised dot products).
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <complex>
#include <numbers>
#include <sstream>

#include "app/figures/paper_figure.hpp"
#include "core/random.hpp"
#include "view_test_util.hpp"

namespace peviz {
namespace {

using namespace testing_views;

plot::Figure figure(const std::string& name, int width = 1600, int height = 1000) {
  auto view = view_named("figure");
  SharedParams s;
  set_param(s, *view, "name", name);
  return build(*view, s, width, height);
}

const plot::Panel& panel_of(const plot::Figure& f, const std::string& id) {
  const plot::Panel* p = panel(f, id);
  if (p == nullptr) throw std::runtime_error("no panel " + id);
  return *p;
}

const plot::LineSeries& series_of(const plot::Panel& p, const std::string& label) {
  const plot::LineSeries* s = series(p, label);
  if (s == nullptr) throw std::runtime_error("no series " + label + " in " + p.id);
  return *s;
}

double theta(int i, int d, double base) {
  return std::pow(base, -2.0 * i / d);
}

TEST(FigureView, EveryFigureBuildsWithItsWords) {
  const std::vector<figures::PaperFigure> all = figures::paper_figures();
  ASSERT_GE(all.size(), 8u);
  for (const figures::PaperFigure& paper : all) {
    SCOPED_TRACE(paper.name);
    const plot::Figure f = figure(paper.name);
    EXPECT_EQ(f.title, paper.title);
    EXPECT_EQ(f.subtitle, paper.caption);
    EXPECT_NE(f.note.find(std::string("Parameters: ") + paper.parameters), std::string::npos);
    EXPECT_NE(f.note.find(std::string("Source: ") + paper.source), std::string::npos);
    EXPECT_FALSE(f.panels.empty());
    EXPECT_FALSE(f.values.empty());
    EXPECT_TRUE(f.refusal().empty());
  }
}

TEST(FigureView, UnknownNameIsRefusedWithTheChoices) {
  auto view = view_named("figure");
  SharedParams s;
  try {
    State::set_on(*view, s, "name", "rope-decy");
    ADD_FAILURE() << "accepted an unknown figure";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("rope-decay"), std::string::npos) << e.what();
  }
}

// RoFormer Sec. 3.4.3, Fig. 2: (1/(d/2)) sum_{j=1}^{d/2} |sum_{k<j} e^{i r theta_k}|, d 128.
TEST(FigureView, RopeDecayIsRoformersRelativeBound) {
  const plot::Figure f = figure("rope-decay");
  const plot::LineSeries& b = panel_of(f, "decay").lines.at(0);
  ASSERT_EQ(b.x.size(), 257u);
  for (std::size_t r = 0; r < b.x.size(); ++r) {
    ASSERT_EQ(b.x[r], static_cast<double>(r));
    std::complex<double> s(0.0, 0.0);
    double sum = 0.0;
    for (int k = 0; k < 64; ++k) {
      s += std::polar(1.0, static_cast<double>(r) * theta(k, 128, 10000.0));
      sum += std::abs(s);
    }
    ASSERT_NEAR(b.y[r], sum / 64.0, 1e-12) << r;
  }
  EXPECT_NEAR(figure_value(f, "B(0)"), 32.5, 1e-12);  // (d/2 + 1) / 2
}

// Press et al. Sec. 3: bias -m (i - j) for j <= i, masked after; slopes 2^-1 ... 2^-8.
TEST(FigureView, AlibiBiasesAndSlopes) {
  const plot::Figure f = figure("alibi-bias");
  const Eigen::MatrixXd& v = *panel_of(f, "bias").heatmap->values;
  ASSERT_EQ(v.rows(), 5);
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      if (j <= i) {
        EXPECT_EQ(v(i, j), static_cast<double>(j - i));
      } else {
        EXPECT_TRUE(std::isinf(v(i, j)) && v(i, j) < 0.0);
      }
    }
  }
  const plot::Bars& bars = panel_of(f, "slopes").bars.at(0);
  ASSERT_EQ(bars.height.size(), 8u);
  for (int h = 1; h <= 8; ++h) EXPECT_EQ(bars.height[h - 1], std::pow(2.0, -8.0 / 8.0 * h));
}

// Chen et al. Eq. 3 and Fig. 2: the ridge least-squares fit solved here another way (QR of
// the stacked system [A; sqrt(ridge) I] x = [y; 0]) and a(s) summed with complex numbers.
TEST(FigureView, PiFitIsTheLeastSquaresFitOfEquationThree) {
  const plot::Figure f = figure("pi-fit");
  const int d = 128, half = 64;
  const long window = 2048, spacing = 8;
  const double ridge = 1e-8;
  const long n = window / spacing + 1;
  Rng rng(1);
  Eigen::MatrixXd a(n + 2 * half, 2 * half);
  a.setZero();
  Eigen::VectorXd y = Eigen::VectorXd::Zero(n + 2 * half);
  for (long t = 0; t < n; ++t) {
    y[t] = 2.0 * rng.uniform() - 1.0;
    for (int j = 0; j < half; ++j) {
      const std::complex<double> e = std::polar(1.0, t * spacing * theta(j, d, 10000.0));
      a(t, j) = e.real();
      a(t, half + j) = -e.imag();
    }
  }
  for (int j = 0; j < 2 * half; ++j) a(n + j, j) = std::sqrt(ridge);
  const Eigen::VectorXd x = a.householderQr().solve(y);
  const auto score = [&](double s) {
    std::complex<double> sum(0.0, 0.0);
    for (int j = 0; j < half; ++j) {
      sum += std::complex<double>(x[j], x[half + j]) * std::polar(1.0, s * theta(j, d, 10000.0));
    }
    return sum.real();
  };
  const plot::LineSeries& fit = series_of(panel_of(f, "fit"), "fitted");
  const plot::LineSeries& out = panel_of(f, "extrapolation").lines.at(0);
  const plot::LineSeries& in = panel_of(f, "interpolation").lines.at(0);
  ASSERT_EQ(out.x.size(), 4097u);
  const double peak = figure_value(f, "largest |a(s)| for s in [L, 2L] (extrapolation)");
  for (std::size_t s = 0; s < out.x.size(); s += 7) {
    // The ridge problem's condition number is about 1e11: two solvers agree to about 1e-6 of
    // the largest value outside the window.
    ASSERT_NEAR(out.y[s], score(static_cast<double>(s)), 1e-5 * peak) << s;
    ASSERT_NEAR(in.y[s], score(0.5 * static_cast<double>(s)), 1e-5) << s;
  }
  for (std::size_t s = 0; s < fit.x.size(); s += 5) ASSERT_NEAR(fit.y[s], score(s), 1e-5) << s;
  // The picture's message: outside the window a(s) is hundreds of times larger.
  EXPECT_GT(peak, 100.0 * figure_value(f, "largest |a(s)| at integers inside [0, L]"));
  EXPECT_LT(figure_value(f, "largest |a(s/2)| for s in [0, 2L] (interpolation)"), 1.5);
}

// Chen et al. Theorem 2.1 and Eq. 5 with max|h| = max|dh| = 1:
// ratio(s) = sum_k |A_k(s)| / (d / (32 ln c)).
TEST(FigureView, PiBoundsRatio) {
  const plot::Figure f = figure("pi-bounds");
  const plot::LineSeries& r = panel_of(f, "ratio").lines.at(0);
  ASSERT_EQ(r.x.size(), 4097u);
  for (std::size_t s = 0; s < r.x.size(); s += 13) {
    std::complex<double> partial(0.0, 0.0);
    double sum = 0.0;
    for (int k = 0; k < 64; ++k) {
      partial += std::polar(1.0, static_cast<double>(s) * theta(k, 128, 10000.0));
      sum += std::abs(partial);
    }
    ASSERT_NEAR(r.y[s], sum / (128.0 / (32.0 * std::log(10000.0))), 1e-9 * r.y[s]) << s;
  }
  EXPECT_NEAR(figure_value(f, "32 ln c"), 294.7308919, 1e-6);
  EXPECT_GT(figure_value(f, "lowest ratio over s = 0..4096"), 294.73);
  // The interpolation arches: d (s - s1)(s2 - s) / (8 ln c), at s = 2.25 between 2 and 3.
  const plot::LineSeries& arch = series_of(panel_of(f, "bounds"), "interpolation");
  EXPECT_NEAR(arch.y.at(72), 128.0 * 0.25 * 0.75 / (8.0 * std::log(10000.0)), 1e-12);
}

// b' = b s^(d/(d-2)); theta_i / theta_i' = s^(2i/(d-2)) (YaRN paper Eq. 16).
TEST(FigureView, NtkBaseChange) {
  const plot::Figure f = figure("ntk-base");
  const plot::LineSeries& b = panel_of(f, "base").lines.at(0);
  for (std::size_t t = 0; t < b.x.size(); ++t) {
    ASSERT_NEAR(b.y[t], 10000.0 * std::pow(b.x[t], 128.0 / 126.0), 1e-9 * b.y[t]);
  }
  EXPECT_NEAR(figure_value(f, "b' at s = 8"), 10000.0 * std::pow(8.0, 128.0 / 126.0), 1e-8);
  const plot::LineSeries& p = series_of(panel_of(f, "pairs"), "NTK");
  ASSERT_EQ(p.y.size(), 64u);
  for (int i = 0; i < 64; ++i) ASSERT_NEAR(p.y[i], std::pow(8.0, 2.0 * i / 126.0), 1e-12) << i;
  EXPECT_NEAR(p.y[63], 8.0, 1e-12);  // the slowest pair exactly as PI
}

// YaRN Eqs. 17-18 (gamma over r = L / lambda) and Eq. 22 (sqrt(1/t) = 0.1 ln s + 1).
TEST(FigureView, YarnRampAndTemperature) {
  const plot::Figure f = figure("yarn-ramp");
  const plot::LineSeries& g = series_of(panel_of(f, "ramp"), "γ(r)");
  for (std::size_t t = 0; t < g.x.size(); ++t) {
    const double r = g.x[t];
    const double want = r < 1.0 ? 0.0 : r > 32.0 ? 1.0 : (r - 1.0) / 31.0;
    ASSERT_NEAR(g.y[t], want, 1e-15) << r;
  }
  const plot::LineSeries& pair0 = series_of(panel_of(f, "ramp"), "pairs");
  EXPECT_NEAR(pair0.x.at(0), 4096.0 / (2.0 * std::numbers::pi), 1e-9);  // pair 0: r = L/2pi
  const plot::LineSeries& root = series_of(panel_of(f, "temperature"), "√(1/t)");
  const plot::LineSeries& logits = series_of(panel_of(f, "temperature"), "logits");
  for (std::size_t t = 0; t < root.x.size(); ++t) {
    const double want = 0.1 * std::log(root.x[t]) + 1.0;
    ASSERT_NEAR(root.y[t], want, 1e-15);
    ASSERT_NEAR(logits.y[t], want * want, 1e-14);
  }
}

// Meta's apply_scaling: wavelen < 8192/4 kept, > 8192/1 divided by 8, else
// smooth = (8192/wavelen - 1)/(4 - 1) and (1 - smooth) theta/8 + smooth theta.
TEST(FigureView, Llama3Bands) {
  const plot::Figure f = figure("llama3-bands");
  const plot::LineSeries& after = series_of(panel_of(f, "wavelengths"), "Llama 3.1");
  ASSERT_EQ(after.y.size(), 64u);
  int kept = 0, divided = 0;
  for (int i = 0; i < 64; ++i) {
    const double freq = theta(i, 128, 500000.0);
    const double wavelen = 2.0 * std::numbers::pi / freq;
    double scaled = freq;
    if (wavelen > 8192.0) {
      scaled = freq / 8.0;
      ++divided;
    } else if (wavelen >= 2048.0) {
      const double smooth = (8192.0 / wavelen - 1.0) / 3.0;
      scaled = (1.0 - smooth) * freq / 8.0 + smooth * freq;
    } else {
      ++kept;
    }
    ASSERT_NEAR(after.y[i], 2.0 * std::numbers::pi / scaled, 1e-9 * after.y[i]) << i;
  }
  EXPECT_EQ(figure_value(f, "pairs kept (wavelength < 2048)"), kept);
  EXPECT_EQ(figure_value(f, "pairs divided by 8 (wavelength > 8192)"), divided);
}

// The causal mask M[i][j] = 0 for j <= i, -inf after; query i sees i + 1 keys.
TEST(FigureView, NopeVisibleCounts) {
  const plot::Figure f = figure("nope-visible");
  const Eigen::MatrixXd& m = *panel_of(f, "mask").heatmap->values;
  ASSERT_EQ(m.rows(), 8);
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) {
      if (j <= i) {
        EXPECT_EQ(m(i, j), 0.0);
      } else {
        EXPECT_TRUE(std::isinf(m(i, j)) && m(i, j) < 0.0);
      }
    }
  }
  const plot::Bars& b = panel_of(f, "visible").bars.at(0);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(b.height.at(i), i + 1.0);
  for (double v : series_of(panel_of(f, "visible"), "no mask").y) EXPECT_EQ(v, 8.0);
}

// The TensorFlow tutorial: positional_encoding(length=2048, depth=512) as
// concat([sin(p rates), cos(p rates)]), rates = 1/10000^(i/256); rows normalised; dotted with
// row 1000.
TEST(FigureView, SinusoidalDotIsTheTutorialsNormalisedDot) {
  const plot::Figure f = figure("sinusoidal-dot");
  const auto row = [](double p) {
    Eigen::VectorXd e(512);
    for (int i = 0; i < 256; ++i) {
      const double rate = 1.0 / std::pow(10000.0, i / 256.0);
      e[i] = std::sin(p * rate);
      e[256 + i] = std::cos(p * rate);
    }
    return Eigen::VectorXd(e.normalized());
  };
  const Eigen::VectorXd anchor = row(1000.0);
  const plot::LineSeries& all = panel_of(f, "all").lines.at(0);
  ASSERT_EQ(all.x.size(), 2048u);
  for (std::size_t p = 0; p < all.x.size(); p += 11) {
    ASSERT_NEAR(all.y[p], row(static_cast<double>(p)).dot(anchor), 1e-12) << p;
  }
  EXPECT_NEAR(all.y[1000], 1.0, 1e-15);
  const plot::LineSeries& near = panel_of(f, "near").lines.at(0);
  EXPECT_EQ(near.x.front(), 950.0);
  EXPECT_EQ(near.x.back(), 1050.0);
}

// Sun et al. Sec. 3.2 (torchscale XPOS): zeta_k = (2k/d + 0.4)/1.4, each term of RoFormer's
// partial sums scaled by zeta_k^(r/512).
TEST(FigureView, XposDecayAgainstRope) {
  const plot::Figure f = figure("xpos-decay");
  const plot::Panel& b = panel_of(f, "bounds");
  const plot::LineSeries& rope = series_of(b, "RoPE");
  const plot::LineSeries& xpos = series_of(b, "xPos");
  ASSERT_EQ(xpos.x.size(), 4097u);
  for (std::size_t r = 0; r < xpos.x.size(); r += 17) {
    std::complex<double> plain(0.0, 0.0), scaled(0.0, 0.0);
    double sum_plain = 0.0, sum_scaled = 0.0;
    for (int k = 0; k < 64; ++k) {
      const double zeta = (2.0 * k / 128.0 + 0.4) / 1.4;
      const std::complex<double> e = std::polar(1.0, static_cast<double>(r) * theta(k, 128, 1e4));
      plain += e;
      scaled += std::pow(zeta, static_cast<double>(r) / 512.0) * e;
      sum_plain += std::abs(plain);
      sum_scaled += std::abs(scaled);
    }
    ASSERT_NEAR(rope.y[r], sum_plain / 64.0, 1e-11) << r;
    ASSERT_NEAR(xpos.y[r], sum_scaled / 64.0, 1e-11) << r;
  }
  EXPECT_NEAR(xpos.y[0], 32.5, 1e-12);  // no scale at r = 0
  EXPECT_NEAR(figure_value(f, "zeta of pair 0"), 0.4 / 1.4, 1e-15);
}

// No text cut, shortened or drawn over other text at the sizes the window and a lesson show
// the figure at text scale 1 (text scale 2 in a lesson's small figure area is not checked:
// the paper figures keep their panels side by side there).
TEST(FigureView, TextFitsWhenPresented) {
  auto view = view_named("figure");
  for (const char* name : figures::paper_figure_names()) {
    SharedParams s;
    set_param(s, *view, "name", name);
    std::string at_scale_one;
    std::stringstream lines(presented_failures(*view, s));
    for (std::string line; std::getline(lines, line);) {
      if (line.find("(text x1)") != std::string::npos) at_scale_one += line + "\n";
    }
    EXPECT_EQ(at_scale_one, "") << name;
  }
}

}  // namespace
}  // namespace peviz
