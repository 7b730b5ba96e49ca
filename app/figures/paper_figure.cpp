#include "paper_figure.hpp"

#include "app/plot/text_metrics.hpp"
#include "figures.hpp"

namespace peviz::figures {
namespace {
constexpr double kNotePixels = 17.0;  // the note's font at text scale 1 (plot::tick_font)
}  // namespace

std::vector<PaperFigure> paper_figures() {
  return {
      {"sinusoidal-dot", "The sinusoidal encoding: similarity against distance",
       "The cosine similarity of position 1000 with every position (the normalised rows' dot "
       "product): 1 at itself, high for near neighbours, lower and rippling further away.",
       "sinusoidal PE, d_model 512, base 10000, 2048 positions, row 1000; zoom 950–1050",
       "TensorFlow tutorial \"Neural machine translation with a Transformer and Keras\", "
       "positional encoding section (Vaswani et al. 2017, Sec. 3.5)",
       "TensorFlow Transformer tutorial, positional encoding", sinusoidal_dot_figure},
      {"rope-decay", "RoFormer Fig. 2: RoPE's long-term decay",
       "The relative upper bound (1/(d/2)) Σ_j |S_j|, S_j = Σ_{k<j} e^{i r θ_k}, of RoPE's "
       "score against the relative distance r: it falls with distance, but not monotonically.",
       "d 128, θ_k = 10000^(−2k/d), relative distance 0–256",
       "Su et al. 2021, RoFormer, arXiv:2104.09864, Sec. 3.4.3, Eq. (37), Fig. 2",
       "RoFormer, arXiv:2104.09864, Fig. 2", rope_decay_figure},
      {"alibi-bias", "ALiBi Fig. 3: the linear biases and the slopes of 8 heads",
       "Each head adds m · (j − i) to the score of query i and key j (a penalty linear in the "
       "distance, future keys masked); head h of 8 has slope m = 2^(−8h/8) = 2^−h.",
       "5 positions (as in the paper's figure), causal; 8 heads",
       "Press, Smith, Lewis 2021, ALiBi, arXiv:2108.12409, Sec. 3, Fig. 3",
       "ALiBi, arXiv:2108.12409, Fig. 3", alibi_bias_figure},
      {"pi-fit", "Position Interpolation Fig. 2: extrapolation against interpolation",
       "a(s) = Re Σ_j h_j e^{i s θ_j} fitted to random targets in [0, L]: small inside the "
       "window, huge outside it; PI reads positions 0–2L at s/2, inside the window, and stays "
       "small.",
       "d 128, base 10000, L 2048, targets uniform in [−1, 1] every 8 positions (seed 1), "
       "least squares with ridge 1e−8",
       "Chen, Wong, Chen, Tian 2023, Position Interpolation, arXiv:2306.15595, Sec. 2.2–2.3, "
       "Eq. 3, Fig. 2",
       "Position Interpolation, arXiv:2306.15595, Fig. 2", pi_fit_figure},
      {"pi-bounds", "Position Interpolation Theorem 2.1: the two bounds",
       "Between integers, interpolation's error is at most d max|h| (s−s1)(s2−s)/(8 ln c); "
       "extrapolation's bound is max|Δh| Σ_k |A_k(s)|. Their ratio stays above 32 ln c = 294.73.",
       "d 128, c = 10000, max|h| = max|h_{j+1} − h_j| = 1, s 0–4096",
       "Chen et al. 2023, arXiv:2306.15595, Sec. 2.3, Theorem 2.1 and Eq. 5 (RoFormer Eq. 37)",
       "Position Interpolation, arXiv:2306.15595, Theorem 2.1", pi_bounds_figure},
      {"ntk-base", "NTK-aware scaling: the base change b' = b · s^(d/(d−2))",
       "Raising the base stretches every pair by a different amount: the fastest pair is kept, "
       "the slowest is divided by s exactly like PI, the ones between by s^(2i/(d−2)).",
       "d 128, base 10000, scale s 1–64; per pair at s = 8",
       "bloc97 2023 (r/LocalLLaMA, \"NTK-Aware Scaled RoPE\"); YaRN, arXiv:2309.00071, "
       "Sec. 3.1, Eq. 16, App. A.1",
       "YaRN, arXiv:2309.00071, Eq. 16 (NTK-aware, bloc97)", ntk_base_figure},
      {"yarn-ramp", "YaRN: the ramp γ(r) and the temperature 0.1 ln s + 1",
       "γ(r) blends interpolation (pairs that turn fewer than α = 1 times in the context) with "
       "no change (more than β = 32 turns); the logits are scaled by 1/t = (0.1 ln s + 1)².",
       "d 128, base 10000, L 4096 (Llama 2), α 1, β 32; scale s 1–64",
       "Peng et al. 2023, YaRN, arXiv:2309.00071, Sec. 3.2 Eqs. 17–18, Sec. 3.4 Eq. 22",
       "YaRN, arXiv:2309.00071, Eqs. 17, 18, 22", yarn_ramp_figure},
      {"llama3-bands", "Llama 3.1: the three wavelength bands",
       "Pairs with wavelength below L0/4 = 2048 are kept, above L0 = 8192 divided by 8, and "
       "those between blended smoothly in 8192/λ.",
       "d 128, base 500000, factor 8, low_freq_factor 1, high_freq_factor 4, L0 8192",
       "Meta llama-models, models/llama3/model.py apply_scaling; HF "
       "_compute_llama3_parameters (Llama 3.1, 2024)",
       "Meta llama-models apply_scaling (Llama 3.1)", llama3_bands_figure},
      {"nope-visible", "NoPE: the causal mask is a positional signal",
       "With no positional encoding the causal mask is the only term that depends on position: "
       "query i sees i + 1 keys, a different count at every position.",
       "8 positions, causal mask M[i][j] = 0 for j ≤ i, −∞ otherwise",
       "Haviv et al. 2022, arXiv:2203.16634, Sec. 1 and 4; Kazemnejad et al. 2023, "
       "arXiv:2305.19466, Sec. 3",
       "Haviv et al. 2022; Kazemnejad et al. 2023", nope_visible_figure},
      {"xpos-decay", "xPos against RoPE: a steady decay",
       "xPos scales pair k of q by ζ_k^(m/B) and of k by ζ_k^(−n/B), so each term of RoPE's score "
       "shrinks by ζ_k^((m−n)/B): the bound falls steadily where RoPE's keeps oscillating.",
       "d 128, base 10000, γ 0.4, ζ_k = (2k/d + γ)/(1 + γ), B = 512, distance 0–4096",
       "Sun et al. 2022, A Length-Extrapolatable Transformer, arXiv:2212.10554, Sec. 3.2; "
       "microsoft/torchscale xpos_relative_position.py",
       "xPos, arXiv:2212.10554, Sec. 3.2", xpos_decay_figure},
  };
}

std::vector<const char*> paper_figure_names() {
  std::vector<const char*> out;
  for (const PaperFigure& f : paper_figures()) out.push_back(f.name);
  return out;
}

int paper_figure_index(const std::string& name) {
  const std::vector<PaperFigure> all = paper_figures();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (name == all[i].name) return static_cast<int>(i);
  }
  return -1;
}

plot::Figure paper_figure(int index, const plot::FigureRequest& request) {
  const std::vector<PaperFigure> all = paper_figures();
  const PaperFigure& paper = all.at(static_cast<std::size_t>(index));
  plot::Figure f = paper.build(request);
  f.title = paper.title;
  f.subtitle = paper.caption;
  // Parameters and source under the panels, on the two lines the plot layer wraps them to:
  // the full source when it fits, else its short form, else the short source alone.
  const auto fits = [&](const std::string& text) {
    return plot::text_width(text, kNotePixels) <= 1.8 * request.width;
  };
  const std::string parameters = std::string("Parameters: ") + paper.parameters + ". ";
  f.note = parameters + "Source: " + paper.source + ".";
  if (!fits(f.note)) f.note = parameters + "Source: " + paper.short_source + ".";
  if (!fits(f.note)) f.note = std::string("Source: ") + paper.short_source + ".";
  return f;
}

}  // namespace peviz::figures
