#include "rope_check.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "text.hpp"
#include "validate.hpp"

namespace peviz {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// float32's unit roundoff 2^-24, and how many of them a float32 value or angle may be off: the
// exponent 2i/d rounded to float32 costs up to ln(theta) of them in torch's
// base ** (arange / dim), pow, the product m * inv_freq and cos add a few more.
constexpr double kFloat32Unit = 5.9604644775390625e-8;
constexpr double kFloat32Units = 32.0;

bool is_float32(double v) {
  if (!std::isfinite(v)) return true;
  if (std::fabs(v) > static_cast<double>(FLT_MAX)) return false;
  return static_cast<double>(static_cast<float>(v)) == v;
}

std::string layout_name(RopePairing p) {
  return p == RopePairing::HalfSplit ? "half-split (cat(freqs, freqs))"
                                     : "interleaved (repeat_interleave(freqs, 2))";
}

struct Candidate {
  Eigen::VectorXd inv;
  double amp = 1.0;
  std::optional<RopePairing> pairing;  // the only layout to try, when set
};

struct Fit {
  double error = kInf;  // max relative error beyond the float32 allowance
  double max_abs = kInf;
  double max_rel = kInf;
  std::string layout;
};

// Their numbers, and how a candidate reference fits them.
class Target {
 public:
  explicit Target(const Eigen::VectorXd& inv) : inv_(&inv) {}
  Target(const Eigen::MatrixXd& c, const Eigen::MatrixXd& s, int head_dim,
         std::optional<RopePairing> expected, bool float32)
      : cos_(&c), sin_(&s), head_dim_(head_dim), expected_(expected), float32_(float32) {
    const long n = static_cast<long>(c.rows());
    // The search looks at the first 64 positions and 448 spread to the last one.
    for (long m = 0; m < n && m < 64; ++m) sample_.push_back(m);
    if (n > 64) {
      const long spread = std::min<long>(448, n - 64);
      for (long k = 1; k <= spread; ++k) sample_.push_back(64 + (n - 65) * k / spread);
      sample_.erase(std::unique(sample_.begin(), sample_.end()), sample_.end());
    }
  }
  bool cache() const { return cos_ != nullptr; }
  const Eigen::VectorXd& inv() const { return *inv_; }
  const Eigen::MatrixXd& cos() const { return *cos_; }
  const Eigen::MatrixXd& sin() const { return *sin_; }
  const std::vector<long>& sample() const { return sample_; }

  // all_rows: every position (else the sample); float32_values: allow float32 rounding of every
  // value and angle even when their numbers are not float32 (the float32 hypothesis).
  Fit fit(const Candidate& c, bool all_rows, bool float32_values = false) const {
    return cache() ? fit_cache(c, all_rows, float32_values) : fit_inv(c, float32_values);
  }

 private:
  Fit fit_inv(const Candidate& c, bool float32_values) const {
    Fit f;
    const Eigen::VectorXd& t = *inv_;
    if (c.inv.size() != t.size()) return f;
    f.error = f.max_abs = f.max_rel = 0.0;
    const double allow = float32_values ? kFloat32Units * kFloat32Unit : 0.0;
    for (Eigen::Index i = 0; i < t.size(); ++i) {
      double d = std::fabs(t[i] - c.inv[i]);
      if (!std::isfinite(d)) d = kInf;
      const double rel = d / std::max(std::fabs(c.inv[i]), DBL_MIN);
      f.max_abs = std::max(f.max_abs, d);
      f.max_rel = std::max(f.max_rel, rel);
      f.error = std::max(f.error, rel - allow);
    }
    return f;
  }

  struct Option {
    RopePairing pairing = RopePairing::HalfSplit;
    bool per_pair = false;
    Fit fit;
  };

  Fit fit_cache(const Candidate& c, bool all_rows, bool float32_values) const {
    const long pairs = static_cast<long>(c.inv.size());
    const long width = static_cast<long>(cos_->cols());
    std::vector<Option> options;
    if (pairs < 1) return {};
    if (width == pairs) {
      options.push_back(Option{RopePairing::HalfSplit, true, {}});
    } else if (width == 2 * pairs || (width == head_dim_ && width > 2 * pairs)) {
      for (RopePairing p : {RopePairing::HalfSplit, RopePairing::Interleaved}) {
        const std::optional<RopePairing> only = c.pairing ? c.pairing : expected_;
        if (!only || *only == p) options.push_back(Option{p, false, {}});
      }
    }
    if (options.empty()) return {};
    for (Option& o : options) o.fit.error = o.fit.max_abs = o.fit.max_rel = 0.0;
    const bool angles = float32_ || float32_values;
    const double value_allow = float32_values ? kFloat32Units * kFloat32Unit : 0.0;
    const double amp = c.amp;
    Eigen::VectorXd rc(pairs), rs(pairs), allow(pairs);
    const long rows =
        all_rows ? static_cast<long>(cos_->rows()) : static_cast<long>(sample_.size());
    for (long r = 0; r < rows; ++r) {
      const long m = all_rows ? r : sample_[static_cast<std::size_t>(r)];
      for (long k = 0; k < pairs; ++k) {
        // LlamaRotaryEmbedding.forward: cos = (m * inv_freq).cos() * attention_scaling.
        const double angle = static_cast<double>(m) * c.inv[k];
        rc[k] = amp * std::cos(angle);
        rs[k] = amp * std::sin(angle);
        allow[k] = value_allow + (angles ? kFloat32Units * kFloat32Unit * std::fabs(angle) : 0.0);
      }
      for (Option& o : options) {
        for (long j = 0; j < width; ++j) {
          long k = -1;
          if (o.per_pair) {
            k = j;
          } else if (j < 2 * pairs) {
            k = o.pairing == RopePairing::HalfSplit ? j % pairs : j / 2;
          }
          // Past the rotated dimensions a padded cache holds the identity: cos 1, sin 0.
          const double want_c = k >= 0 ? rc[k] : 1.0;
          const double want_s = k >= 0 ? rs[k] : 0.0;
          double d = std::max(std::fabs((*cos_)(m, j) - want_c), std::fabs((*sin_)(m, j) - want_s));
          if (!std::isfinite(d)) d = kInf;
          const double rel = d / amp;
          o.fit.max_abs = std::max(o.fit.max_abs, d);
          o.fit.max_rel = std::max(o.fit.max_rel, rel);
          o.fit.error = std::max(o.fit.error, rel - (k >= 0 ? allow[k] : value_allow));
        }
      }
    }
    Option* best = &options.front();
    for (Option& o : options)
      if (o.fit.error < best->fit.error) best = &o;
    best->fit.error = std::max(best->fit.error, 0.0);
    if (best->per_pair) {
      best->fit.layout = "one column per pair";
    } else {
      best->fit.layout = layout_name(best->pairing);
      if (width > 2 * pairs) best->fit.layout += ", then cos 1 and sin 0 up to head_dim";
    }
    return best->fit;
  }

  const Eigen::VectorXd* inv_ = nullptr;
  const Eigen::MatrixXd* cos_ = nullptr;
  const Eigen::MatrixXd* sin_ = nullptr;
  int head_dim_ = 0;
  std::optional<RopePairing> expected_;
  bool float32_ = false;
  std::vector<long> sample_;
};

struct Found {
  double x = 0.0;
  double error = kInf;
};

// Minimises f over [lo, hi]: the grid first, then a golden-section search in log x between the
// best grid point's neighbours. A round number (the nearest integer) wins when it fits as well.
Found search(const std::function<double(double)>& f, std::vector<double> grid, double lo, double hi,
             bool integer, double tol) {
  std::erase_if(grid, [&](double g) { return !(g >= lo && g <= hi); });
  grid.push_back(lo);
  grid.push_back(hi);
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  const auto eval = [&](double x) { return f(integer ? std::round(x) : x); };
  std::vector<double> err(grid.size());
  std::size_t b = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    err[i] = eval(grid[i]);
    if (err[i] < err[b]) b = i;
  }
  Found best{integer ? std::round(grid[b]) : grid[b], err[b]};
  double a = std::log(grid[b > 0 ? b - 1 : b]);
  double c = std::log(grid[b + 1 < grid.size() ? b + 1 : b]);
  const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = c - phi * (c - a), x2 = a + phi * (c - a);
  double f1 = eval(std::exp(x1)), f2 = eval(std::exp(x2));
  for (int it = 0; it < 80 && c - a > 1e-13; ++it) {
    if (f1 <= f2) {
      c = x2;
      x2 = x1;
      f2 = f1;
      x1 = c - phi * (c - a);
      f1 = eval(std::exp(x1));
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + phi * (c - a);
      f2 = eval(std::exp(x2));
    }
  }
  const double xm = std::exp(f1 <= f2 ? x1 : x2);
  const double fm = std::min(f1, f2);
  if (fm < best.error) best = {integer ? std::round(xm) : xm, fm};
  if (integer) {
    for (double dx : {-3.0, -2.0, -1.0, 1.0, 2.0, 3.0}) {
      const double x = best.x + dx;
      if (x < lo || x > hi) continue;
      const double e = f(x);
      if (e < best.error) best = {x, e};
    }
  } else {
    const double round = std::round(best.x);
    if (round >= lo && round <= hi && round != best.x) {
      const double e = f(round);
      if (e <= std::max(best.error * (1.0 + 1e-6), tol)) best = {round, e};
    }
  }
  return best;
}

// Powers of two and three times them, from lo up to hi.
std::vector<double> doubling_grid(double lo, double hi) {
  std::vector<double> g;
  for (double x = 1.0; x <= hi; x *= 2.0) {
    if (x >= lo) g.push_back(x);
    if (1.5 * x >= lo && 1.5 * x <= hi) g.push_back(1.5 * x);
  }
  return g;
}

class Checker {
 public:
  Checker(const RopeCheckModel& m, const Target& t, const RopeCheckOptions& o)
      : m_(m), t_(t), tol_(o.tolerance) {
    if (!m_.frequencies) throw InvalidArgument("the RoPE check has no reference to compare with");
    require_positive(tol_, "the tolerance");
    const ScaledFrequencies f = m_.frequencies(m_.config);
    ref_ = Candidate{f.inv_freq, f.attention_factor, std::nullopt};
    softmax_ = f.softmax_scale_factor;
  }

  RopeCheckResult run() {
    RopeCheckResult r;
    const Fit fit = t_.fit(ref_, true);
    r.max_abs = fit.max_abs;
    r.max_rel = fit.max_rel;
    r.layout = fit.layout;
    r.float32 = their_float32();
    r.match = fit.error <= tol_;
    ref_error_ = fit.error;
    note_values(r);
    if (r.match) {
      note_precision(r, fit);
      if (!t_.cache() && std::fabs(ref_.amp - 1.0) > 1e-12) {
        r.notes.push_back("inv_freq does not show the attention factor " + plain_number(ref_.amp) +
                          " on cos and sin: check the cos/sin cache for it");
      }
      return r;
    }
    if (!std::isfinite(fit.max_abs) && all_finite()) {
      r.notes.push_back(t_.cache() ? "their columns are not a layout of the model's " +
                                         std::to_string(ref_.inv.size()) + " pairs"
                                   : "their inv_freq has another length than the model's " +
                                         std::to_string(ref_.inv.size()) + " pairs");
    }
    pairing();
    partial_rotary();
    factor();
    attention_factor();
    context();
    float32();
    theta();
    // The most likely first: every hypothesis that fits within the tolerance ranks by the
    // order above (a specific mistake before a refit theta), the others by their residual.
    std::stable_sort(tested_.begin(), tested_.end(), [&](const auto& a, const auto& b) {
      const double ka = a.second.residual <= tol_ ? 0.0 : a.second.residual;
      const double kb = b.second.residual <= tol_ ? 0.0 : b.second.residual;
      return ka != kb ? ka < kb : a.first < b.first;
    });
    for (const auto& [priority, cause] : tested_) r.tested.push_back(cause);
    // "Much better": within the tolerance, or a hundredth of the reference's error.
    if (!r.tested.empty() &&
        (r.tested.front().residual <= tol_ || r.tested.front().residual <= 0.01 * ref_error_)) {
      r.cause = r.tested.front();
    }
    return r;
  }

 private:
  bool their_float32() const {
    const auto all = [](const auto& x) {
      return std::all_of(x.data(), x.data() + x.size(), [](double v) { return is_float32(v); });
    };
    return t_.cache() ? all(t_.cos()) && all(t_.sin()) : all(t_.inv());
  }
  bool all_finite() const {
    return t_.cache() ? t_.cos().allFinite() && t_.sin().allFinite() : t_.inv().allFinite();
  }

  void note_values(RopeCheckResult& r) const {
    if (!all_finite()) r.notes.push_back("their numbers include NaN or infinity");
  }

  void note_precision(RopeCheckResult& r, const Fit& fit) const {
    if (!r.float32 || fit.max_rel == 0.0) return;
    if (t_.cache()) {
      r.notes.push_back("precision: their cache holds float32 numbers (or narrower); max error " +
                        plain_number(fit.max_rel) +
                        " of the amplitude, within the tolerance plus " +
                        "float32's error of the angles m * inv_freq (" +
                        plain_number(kFloat32Units) + " x 2^-24 x angle)");
    } else {
      r.notes.push_back(
          std::string("precision: their inv_freq holds float32 numbers (or narrower); max ") +
          "relative error " + plain_number(fit.max_rel) + " (float32 rounds to 6e-8)");
    }
  }

  std::optional<Candidate> variant(const RopeVariant& v) const {
    try {
      const ScaledFrequencies f = m_.frequencies(v);
      return Candidate{f.inv_freq, f.attention_factor, std::nullopt};
    } catch (const InvalidArgument&) {
      return std::nullopt;
    }
  }
  double score(const std::optional<Candidate>& c) const {
    return c ? t_.fit(*c, false).error : kInf;
  }
  void add(int priority, std::string name, std::string finding, double value, const Candidate& c,
           bool float32_values = false) {
    const Fit f = t_.fit(c, true, float32_values);
    if (!std::isfinite(f.error)) return;
    tested_.emplace_back(priority, RopeCause{std::move(name), std::move(finding), value, f.error});
  }

  void pairing() {
    if (!t_.cache() || !m_.pairing || t_.cos().cols() == ref_.inv.size()) return;
    Candidate c = ref_;
    const RopePairing other =
        *m_.pairing == RopePairing::HalfSplit ? RopePairing::Interleaved : RopePairing::HalfSplit;
    c.pairing = other;
    add(0, "pairing",
        "their cache is " + layout_name(other) + "; the model pairs " + layout_name(*m_.pairing),
        0.0, c);
  }

  void partial_rotary() {
    const int rd = m_.config.rotary_dim, hd = m_.head_dim;
    if (hd <= rd) return;
    RopeVariant v = m_.config;
    v.rotary_dim = hd;
    const std::optional<Candidate> full = variant(v);
    if (!full) return;
    const std::string r = std::to_string(rd), h = std::to_string(hd);
    add(1, "partial rotary",
        "inv_freq over all of head_dim " + h + ": " + std::to_string(hd / 2) +
            " frequencies theta^(-2i/" + h + ") where only rotary_dim " + r + " rotate (" +
            std::to_string(rd / 2) + ", theta^(-2i/" + r + "))",
        hd, *full);
    Candidate first = *full;
    first.inv.conservativeResize(rd / 2);
    add(1, "partial rotary",
        "the exponent over head_dim: theta^(-2i/" + h + ") instead of theta^(-2i/" + r +
            ") (rotary_dim " + r + " of head_dim " + h + ")",
        hd, first);
    // Keep the better of the two readings only.
    if (tested_.size() >= 2 && tested_[tested_.size() - 2].second.name == "partial rotary") {
      auto& a = tested_[tested_.size() - 2].second;
      const auto& b = tested_.back().second;
      if (b.residual < a.residual) a = b;
      tested_.pop_back();
    }
  }

  bool scaled() const {
    const std::string& t = m_.rope_type;
    return t == "linear" || t == "dynamic" || t == "yarn" || t == "llama3" || t == "longrope";
  }

  void factor() {
    if (!scaled()) return;
    const double s = m_.config.factor;
    std::vector<double> grid{1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 128, s};
    const auto f = [&](double x) {
      RopeVariant v = m_.config;
      v.factor = x;
      return score(variant(v));
    };
    const Found best = search(f, grid, 1.0, std::max(256.0, 4.0 * s), false, tol_);
    RopeVariant v = m_.config;
    v.factor = best.x;
    const std::optional<Candidate> c = variant(v);
    if (!c || std::fabs(best.x - s) <= 1e-9 * s) return;
    add(2, "factor", "factor " + plain_number(best.x) + " fits; the config says " + plain_number(s),
        best.x, *c);
  }

  void attention_factor() {
    if (!t_.cache()) return;
    // Their amplitude: sqrt(cos^2 + sin^2) of a rotated column, whatever its layout.
    double sum = 0.0;
    long count = 0;
    const long cols = std::min<long>(static_cast<long>(t_.cos().cols()), ref_.inv.size());
    for (long m : t_.sample()) {
      for (long j = 0; j < cols; ++j) {
        const double a = std::hypot(t_.cos()(m, j), t_.sin()(m, j));
        if (std::isfinite(a)) {
          sum += a;
          ++count;
        }
      }
    }
    if (count == 0) return;
    const double amplitude = sum / static_cast<double>(count);
    // Their amplitude is the model's: the attention factor is not what differs.
    if (std::fabs(amplitude - ref_.amp) <= tol_ * ref_.amp) return;
    const double s = m_.config.factor;
    std::vector<std::pair<double, std::string>> named;
    if (m_.rope_type == "yarn") {
      if (m_.mscale != 0.0 && m_.mscale_all_dim != 0.0) {
        named.emplace_back(yarn_mscale(s, m_.mscale),
                           "get_mscale(" + plain_number(s) + ", mscale " + plain_number(m_.mscale) +
                               ") not divided by get_mscale(" + plain_number(s) +
                               ", mscale_all_dim " + plain_number(m_.mscale_all_dim) + ")");
        named.emplace_back(yarn_mscale(s, m_.mscale) / yarn_mscale(s, m_.mscale_all_dim),
                           "get_mscale(s, mscale) / get_mscale(s, mscale_all_dim)");
      }
      if (s > 1.0) {
        named.emplace_back(yarn_mscale(s), "0.1 ln(" + plain_number(s) + ") + 1 (get_mscale(s))");
      }
      if (softmax_ != 1.0) {
        named.emplace_back(softmax_, "DeepSeek's softmax factor get_mscale(s, mscale_all_dim)^2 " +
                                         std::string("applied to cos and sin"));
      }
    }
    named.emplace_back(1.0, "no attention factor");
    named.emplace_back(amplitude, "");
    const std::pair<double, std::string>* best = nullptr;
    double best_error = kInf;
    for (const auto& n : named) {
      if (std::fabs(n.first - ref_.amp) <= 1e-12 * ref_.amp || !(n.first > 0.0)) continue;
      Candidate c = ref_;
      c.amp = n.first;
      const double e = score(c);
      // A named formula wins over the fitted amplitude when it fits within the tolerance.
      if (e < best_error && !(best && !best->second.empty() && best_error <= tol_)) {
        best = &n;
        best_error = e;
      }
    }
    if (!best) return;
    Candidate c = ref_;
    c.amp = best->first;
    const std::string what = best->second.empty() ? "" : ": " + best->second;
    add(3, "attention factor",
        "attention factor " + plain_number(best->first) + " fits" + what + "; the config implies " +
            plain_number(ref_.amp),
        best->first, c);
  }

  void context() {
    const long L = m_.config.context;
    if (m_.rope_type == "longrope" && m_.original >= 1) {
      // HF longrope_frequency_update: long_factor when seq_len > original, else short_factor.
      const bool long_now = L > m_.original;
      RopeVariant v = m_.config;
      v.context = long_now ? m_.original : m_.original + 1;
      const std::optional<Candidate> c = variant(v);
      if (!c) return;
      const std::string l0 = std::to_string(m_.original);
      add(4, "context",
          long_now ? "short_factor fits (the list for at most " + l0 +
                         " positions); the reference at " + std::to_string(L) + " uses long_factor"
                   : "long_factor fits (the list beyond " + l0 + " positions); the reference at " +
                         std::to_string(L) + " uses short_factor",
          static_cast<double>(v.context), *c);
      return;
    }
    if (m_.rope_type != "dynamic") return;
    const auto f = [&](double x) {
      RopeVariant v = m_.config;
      v.context = static_cast<long>(x);
      return score(variant(v));
    };
    std::vector<double> grid = doubling_grid(256.0, 1 << 24);
    grid.push_back(static_cast<double>(L));
    grid.push_back(static_cast<double>(m_.max_position));
    const Found best = search(f, grid, 1.0, static_cast<double>(1 << 24), true, tol_);
    long fitted = static_cast<long>(best.x);
    RopeVariant v = m_.config;
    v.context = fitted;
    const std::optional<Candidate> c = variant(v);
    if (!c || fitted == L) return;
    std::string what;
    if (fitted <= m_.max_position) {
      fitted = m_.max_position;
      what = "frequencies for at most " + std::to_string(fitted) +
             " positions (max_position_embeddings: no dynamic scaling) fit";
    } else {
      what = "frequencies for " + std::to_string(fitted) +
             " positions fit (a dynamic-NTK cache computed for another length)";
    }
    add(4, "context", what + "; the reference is at " + std::to_string(L),
        static_cast<double>(fitted), *c);
  }

  void float32() {
    add(5, "float32",
        "float32 precision: the difference is float32 rounding of the values (and of the "
        "angles m * inv_freq)",
        0.0, ref_, true);
  }

  void theta() {
    const double base = m_.config.theta;
    std::vector<double> grid{10000, 20000, 50000, 100000, 160000, 250000, 500000,
                             1e6,   2e6,   5e6,   1e7,    1e8,    base};
    const auto f = [&](double x) {
      RopeVariant v = m_.config;
      v.theta = x;
      return score(variant(v));
    };
    const Found best = search(f, grid, 100.0, 1e10, false, tol_);
    RopeVariant v = m_.config;
    v.theta = best.x;
    const std::optional<Candidate> c = variant(v);
    if (!c || std::fabs(best.x - base) <= 1e-9 * base) return;
    add(6, "theta",
        "theta " + plain_number(best.x) + " fits; the config says " + plain_number(base), best.x,
        *c);
  }

  const RopeCheckModel& m_;
  const Target& t_;
  double tol_;
  Candidate ref_;
  double softmax_ = 1.0;
  double ref_error_ = kInf;
  std::vector<std::pair<int, RopeCause>> tested_;
};

void require_model(const RopeCheckModel& m) {
  require_even_dim(m.config.rotary_dim, "rotary_dim");
  require_even_dim(m.head_dim, "head_dim");
}

}  // namespace

RopeCheckResult check_rope_inv_freq(const RopeCheckModel& model, const Eigen::VectorXd& theirs,
                                    const RopeCheckOptions& options) {
  require_model(model);
  const long pairs = model.config.rotary_dim / 2, head_pairs = model.head_dim / 2;
  const long n = static_cast<long>(theirs.size());
  if (n != pairs && n != head_pairs) {
    throw InvalidArgument("their inv_freq has " + std::to_string(n) +
                          " values; the model rotates " + std::to_string(pairs) +
                          " pairs (rotary_dim " + std::to_string(model.config.rotary_dim) +
                          "), so it wants " + std::to_string(pairs));
  }
  const Target target(theirs);
  Checker checker(model, target, options);
  return checker.run();
}

RopeCheckResult check_rope_cos_sin(const RopeCheckModel& model, const Eigen::MatrixXd& cos,
                                   const Eigen::MatrixXd& sin, const RopeCheckOptions& options) {
  require_model(model);
  if (cos.rows() != sin.rows() || cos.cols() != sin.cols()) {
    throw InvalidArgument("their cos is " + std::to_string(cos.rows()) + " x " +
                          std::to_string(cos.cols()) + " but their sin is " +
                          std::to_string(sin.rows()) + " x " + std::to_string(sin.cols()));
  }
  const long rd = model.config.rotary_dim, hd = model.head_dim, w = static_cast<long>(cos.cols());
  const bool ok = w == rd / 2 || w == rd || w == hd || (hd > rd && w == hd / 2);
  if (cos.rows() < 1 || !ok) {
    throw InvalidArgument("their cos/sin cache is " + std::to_string(cos.rows()) + " x " +
                          std::to_string(w) + "; it should be positions x " +
                          std::to_string(rd / 2) + " (one column per pair), x " +
                          std::to_string(rd) + " (rotary_dim)" +
                          (hd > rd ? " or x " + std::to_string(hd) + " (head_dim)" : ""));
  }
  const bool f32 = std::all_of(cos.data(), cos.data() + cos.size(), is_float32) &&
                   std::all_of(sin.data(), sin.data() + sin.size(), is_float32);
  const Target target(cos, sin, model.head_dim, model.pairing, f32);
  Checker checker(model, target, options);
  return checker.run();
}

}  // namespace peviz
