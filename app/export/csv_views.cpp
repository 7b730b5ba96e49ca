#include "csv_views.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/cli/names.hpp"
#include "core/alibi.hpp"
#include "core/attention.hpp"
#include "core/embedding.hpp"
#include "core/learned.hpp"
#include "core/rope_decay.hpp"
#include "core/rope_scaling.hpp"
#include "core/shift.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"
#include "core/t5.hpp"
#include "core/tokens.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

// The largest table a CSV export writes (about 800 MB of text at 24 bytes a cell).
constexpr double kMaxCells = 33554432.0;  // 2^25
constexpr int kMaxDim = 65536;
constexpr int kMaxHeads = 4096;
constexpr int kMaxTokens = 4096;

void require_cells(double cells, const std::string& what, const char* advice) {
  if (cells > kMaxCells) {
    char count[32];
    std::snprintf(count, sizeof count, "%.0f", cells);
    throw InvalidArgument(what + " would have " + count + " cells, more than the " +
                          std::to_string(static_cast<long>(kMaxCells)) + " a CSV export writes; " +
                          advice);
  }
}

void require_positions(const ExportOptions& o) {
  if (o.positions < 1) {
    throw InvalidArgument("--positions must be at least 1 (got " + std::to_string(o.positions) +
                          ")");
  }
}

void require_dim_limit(const ExportOptions& o) {
  if (o.d > kMaxDim) {
    throw InvalidArgument("--d " + std::to_string(o.d) + " is larger than the " +
                          std::to_string(kMaxDim) + " peviz supports");
  }
}

std::string scheme_or(const ExportOptions& o, const char* fallback) {
  return o.scheme.empty() ? fallback : o.scheme;
}

// Sinusoidal or learned: the two schemes with an encoding matrix.
bool learned_scheme(const ExportOptions& o) {
  const Scheme s = parse_scheme(scheme_or(o, "sinusoidal"));
  if (s != Scheme::Sinusoidal && s != Scheme::Learned) {
    throw InvalidArgument("view '" + o.view + "' shows an encoding matrix, which only " +
                          "--scheme sinusoidal and --scheme learned have (got '" + o.scheme + "')");
  }
  return s == Scheme::Learned;
}

Eigen::MatrixXd encoding_matrix(const ExportOptions& o) {
  if (learned_scheme(o)) {
    return learned_encoding({o.d, o.positions, o.start, static_cast<std::uint64_t>(o.seed), 0.02});
  }
  return sinusoidal_encoding({o.d, o.base, o.positions, o.start, parse_layout(o.layout)});
}

ScalingParams scaling_params(const ExportOptions& o) {
  ScalingParams p;
  p.kind = parse_scaling(o.scaling);
  p.factor = o.factor;
  p.original_context = o.original_context;
  require_at_least_one(o.factor, "--factor");
  if (o.original_context < 1) {
    throw InvalidArgument("--original-context must be at least 1 (got " +
                          std::to_string(o.original_context) + ")");
  }
  const double target = o.factor * static_cast<double>(o.original_context);
  if (o.context < 0) {
    throw InvalidArgument("--context must not be negative (got " + std::to_string(o.context) + ")");
  }
  p.context = o.context > 0 ? o.context : static_cast<long>(std::min(target, 1e15));
  p.low_freq_factor = o.low_freq_factor;
  p.high_freq_factor = o.high_freq_factor;
  p.beta_fast = o.beta_fast;
  p.beta_slow = o.beta_slow;
  return p;
}

void encoding_csv(const ExportOptions& o, CsvWriter& csv) {
  require_positions(o);
  require_dim_limit(o);
  require_cells(static_cast<double>(o.positions) * o.d, "the encoding", "lower --positions or --d");
  const Eigen::MatrixXd pe = encoding_matrix(o);
  std::vector<std::string> header{"position"};
  for (int j = 0; j < o.d; ++j) header.push_back("dim_" + std::to_string(j));
  csv.header(header);
  for (Eigen::Index r = 0; r < pe.rows(); ++r) {
    csv.cell(o.start + static_cast<long>(r));
    for (Eigen::Index c = 0; c < pe.cols(); ++c) csv.cell(pe(r, c));
    csv.end_row();
  }
}

void wavelengths_csv(const ExportOptions& o, CsvWriter& csv) {
  require_dim_limit(o);
  const ScalingParams p = scaling_params(o);
  const ScaledFrequencies f = scale_frequencies(o.d, o.base, p);
  const Eigen::VectorXd lambda = wavelengths_of(f.inv_freq);
  const Eigen::VectorXd angles = angle_ranges(f.inv_freq, p.context);
  csv.header({"pair", "frequency", "wavelength", "angle_range"});
  for (Eigen::Index i = 0; i < f.inv_freq.size(); ++i) {
    csv.cell(static_cast<long>(i)).cell(f.inv_freq[i]).cell(lambda[i]).cell(angles[i]);
    csv.end_row();
  }
}

void similarity_csv(const ExportOptions& o, CsvWriter& csv) {
  require_positions(o);
  require_dim_limit(o);
  const double n = static_cast<double>(o.positions);
  require_cells(n * n, "the similarity grid", "lower --positions");
  const Metric metric = parse_metric(o.metric);
  Eigen::MatrixXd grid;
  if (learned_scheme(o)) {
    grid = similarity_grid(encoding_matrix(o), metric);
  } else {
    // Toeplitz fast path: O(N d) trigonometry instead of O(N^2 d).
    grid = sinusoidal_similarity_grid({o.d, o.base, o.positions, o.start, parse_layout(o.layout)},
                                      metric);
  }
  std::vector<std::string> header{"position"};
  for (long j = 0; j < o.positions; ++j) header.push_back("pos_" + std::to_string(o.start + j));
  csv.header(header);
  for (Eigen::Index r = 0; r < grid.rows(); ++r) {
    csv.cell(o.start + static_cast<long>(r));
    for (Eigen::Index c = 0; c < grid.cols(); ++c) csv.cell(grid(r, c));
    csv.end_row();
  }
}

void shift_csv(const ExportOptions& o, CsvWriter& csv) {
  require_positions(o);
  require_dim_limit(o);
  if (learned_scheme(o)) {
    throw InvalidArgument(
        "view 'shift' needs --scheme sinusoidal: a learned table has no shift matrix");
  }
  require_cells(static_cast<double>(o.positions) * o.d, "the shift check",
                "lower --positions or --d");
  const Eigen::VectorXd err =
      shift_errors({o.d, o.base, o.positions, o.start, parse_layout(o.layout)}, o.offset);
  csv.header({"position", "error"});
  for (Eigen::Index r = 0; r < err.size(); ++r) {
    csv.cell(o.start + static_cast<long>(r)).cell(err[r]);
    csv.end_row();
  }
}

void rope_decay_csv(const ExportOptions& o, CsvWriter& csv) {
  require_dim_limit(o);
  const long max_distance = o.max_distance < 0 ? 256 : o.max_distance;
  // B(r) costs d/2 complex additions per distance.
  require_cells(static_cast<double>(max_distance) * o.d / 64.0, "the decay bound",
                "lower --max-distance or --d");
  const Eigen::VectorXd bound = rope_decay_bound(o.d, o.base, max_distance);
  csv.header({"distance", "bound"});
  for (Eigen::Index r = 0; r < bound.size(); ++r) {
    csv.cell(static_cast<long>(r)).cell(bound[r]);
    csv.end_row();
  }
}

void alibi_csv(const ExportOptions& o, CsvWriter& csv) {
  if (o.heads > kMaxHeads) {
    throw InvalidArgument("--heads " + std::to_string(o.heads) + " is more than the " +
                          std::to_string(kMaxHeads) + " peviz supports");
  }
  const Eigen::VectorXd slopes = alibi_slopes(o.heads);
  csv.header({"head", "slope"});
  for (Eigen::Index h = 0; h < slopes.size(); ++h) {
    csv.cell(static_cast<long>(h)).cell(slopes[h]);
    csv.end_row();
  }
}

T5Params t5_params(const ExportOptions& o, Mask mask) {
  T5Params p;
  p.num_buckets = o.num_buckets;
  p.max_distance =
      static_cast<int>(std::clamp<long>(o.max_distance < 0 ? 128 : o.max_distance, 0, 1L << 30));
  p.bidirectional = mask == Mask::None;
  check_t5_params(p);
  return p;
}

void t5_csv(const ExportOptions& o, CsvWriter& csv) {
  const T5Params p = t5_params(o, parse_mask(o.mask.empty() ? "none" : o.mask));
  const long r = o.max_relative < 0 ? 2L * p.max_distance : o.max_relative;
  require_cells(2.0 * static_cast<double>(r) + 1.0, "the bucket table", "lower --max-relative");
  csv.header({"relative_position", "bucket"});
  for (long rel = -r; rel <= r; ++rel) {
    csv.cell(rel).cell(static_cast<long>(t5_bucket(rel, p)));
    csv.end_row();
  }
}

void attention_csv(const ExportOptions& o, CsvWriter& csv) {
  require_dim_limit(o);
  const std::vector<std::string> tokens = tokenize(o.text);
  if (tokens.empty()) {
    throw InvalidArgument("--text has no words to attend over (got '" + o.text + "')");
  }
  if (static_cast<int>(tokens.size()) > kMaxTokens) {
    throw InvalidArgument("--text has " + std::to_string(tokens.size()) + " words, more than the " +
                          std::to_string(kMaxTokens) + " the attention export handles");
  }
  require_cells(static_cast<double>(tokens.size()) * (tokens.size() + o.d) * 3.0, "the attention",
                "use a shorter --text or a smaller --d");
  AttentionParams p;
  p.scheme = parse_scheme(scheme_or(o, "sinusoidal"));
  p.mask = parse_mask(o.mask.empty() ? "causal" : o.mask);
  p.d = o.d;
  p.base = o.base;
  p.layout = parse_layout(o.layout);
  p.pairing = parse_pairing(o.pairing);
  p.partial_rotary_factor = o.partial_rotary;
  if (p.scheme == Scheme::Rope) p.scaling = scaling_params(o);
  if (p.scheme == Scheme::Alibi && o.heads > kMaxHeads) {
    throw InvalidArgument("--heads " + std::to_string(o.heads) + " is more than the " +
                          std::to_string(kMaxHeads) + " peviz supports");
  }
  p.heads = o.heads;
  p.head = o.head;
  if (p.scheme == Scheme::T5) p.t5 = t5_params(o, p.mask);
  if (o.seed < 0) throw InvalidArgument("--seed must not be negative");
  p.seed = static_cast<std::uint64_t>(o.seed);
  p.position_scale = o.position_scale;
  const AttentionResult r = attend(embed_tokens(tokens, o.d), p);
  std::vector<std::string> header{"query"};
  for (std::size_t j = 0; j < tokens.size(); ++j) header.push_back("key_" + std::to_string(j));
  csv.header(header);
  for (Eigen::Index i = 0; i < r.weights.rows(); ++i) {
    csv.cell(std::string_view(tokens[static_cast<std::size_t>(i)]));
    for (Eigen::Index j = 0; j < r.weights.cols(); ++j) csv.cell(r.weights(i, j));
    csv.end_row();
  }
}

struct Entry {
  CsvView info;
  void (*write)(const ExportOptions&, CsvWriter&);
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {{"encoding", "position,dim_0,...,dim_{d-1}",
        "the encoding matrix (--scheme sinusoidal|learned)"},
       encoding_csv},
      {{"wavelengths", "pair,frequency,wavelength,angle_range",
        "per-pair RoPE/sinusoidal frequency under --scaling, angle over --context"},
       wavelengths_csv},
      {{"similarity", "position,pos_<p>,...",
        "cosine or dot-product grid between positions (--metric)"},
       similarity_csv},
      {{"shift", "position,error", "max |M_k PE[p] - PE[p+k]| for --offset k"}, shift_csv},
      {{"rope-decay", "distance,bound",
        "RoFormer long-term decay bound B(r), r = 0..--max-distance (default 256)"},
       rope_decay_csv},
      {{"alibi", "head,slope", "ALiBi slope of each of --heads heads"}, alibi_csv},
      {{"t5", "relative_position,bucket",
        "T5 bucket of key - query in [-R, R] (--max-relative R, --mask none|causal)"},
       t5_csv},
      {{"attention", "query,key_0,...",
        "softmax weights for --text under --scheme (--mask causal|none)"},
       attention_csv},
  };
  return table;
}

}  // namespace

const std::vector<CsvView>& csv_views() {
  static const std::vector<CsvView> views = [] {
    std::vector<CsvView> v;
    for (const Entry& e : entries()) v.push_back(e.info);
    return v;
  }();
  return views;
}

bool is_csv_view(const std::string& name) {
  return std::any_of(entries().begin(), entries().end(),
                     [&](const Entry& e) { return name == e.info.name; });
}

void write_csv_view(const ExportOptions& options, CsvWriter& csv) {
  for (const Entry& e : entries()) {
    if (options.view == e.info.name) {
      e.write(options, csv);
      return;
    }
  }
  std::string names;
  for (const Entry& e : entries()) names += (names.empty() ? "" : ", ") + std::string(e.info.name);
  throw InvalidArgument("unknown view '" + options.view + "' (choose " + names + ")");
}

}  // namespace peviz
