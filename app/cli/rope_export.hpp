// `peviz export rope --config FILE|--preset NAME [--context N] --out F.json|F.csv`: the RoPE
// a Hugging Face config.json (or a preset, assets/presets) implies at a sequence length (default
// max_position_embeddings), computed as transformers computes it. JSON: rope_type, head_dim,
// rotary_dim, theta, original_context (or null), context, attention_factor (on cos and sin),
// softmax_scale_factor (on the softmax scale), inv_freq (rotary_dim / 2 numbers, full precision).
// CSV: pair, frequency, wavelength, angle_range for the rotated pairs. Bad input: one line, exit 2,
// no file.
#pragma once

#include <iosfwd>
#include <string>

#include "app/model/model_frequencies.hpp"
#include "app/plot/table.hpp"

namespace peviz {

// The JSON document `export rope` writes (ends with a newline).
// --context N as export rope and check rope take it: a whole number of positions, 1 to 1e12.
// Throws InvalidArgument with one line.
long context_option(const std::string& text);

std::string rope_json(const ModelRope& model, const ModelFrequencies& f);
// The table `export rope` writes as CSV: one row per rotated pair.
void rope_table(const ModelFrequencies& f, plot::TableSink& table);

// argv[0] is "export", argv[1] "rope". Returns the exit code: 0, or 2 with one line on `err`.
int run_rope_export(int argc, const char* const* argv, std::ostream& err);

}  // namespace peviz
