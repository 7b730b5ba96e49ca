// Every option of `peviz export`, with its default. The same option means the
// same thing in every view; a few defaults depend on the view and are marked.
#pragma once

#include <string>

namespace peviz {

struct ExportOptions {
  std::string view;                    // encoding, wavelengths, similarity, ...
  std::string out;                     // output file; its extension picks the format
  std::string scheme;                  // "" = the view's default scheme
  std::string layout = "interleaved";  // sinusoidal column order: interleaved | concat
  long positions = 100;                // number of positions N
  long start = 0;                      // first position p0
  int d = 64;                          // d_model (head dimension for RoPE)
  double base = 10000.0;               // frequency base
  long long seed = 0;                  // learned table, projections, T5 bias table
  std::string metric = "cosine";       // similarity: cosine | dot
  long offset = 1;                     // shift: k in PE[p+k] = M_k PE[p]
  long max_distance = -1;              // rope-decay: largest r (default 256);
                                       // t5: bucket max_distance (default 128)
  long max_relative = -1;  // t5: rows for relative positions -R..R (default 2*max_distance)
  int num_buckets = 32;    // t5
  int heads = 8;           // alibi: number of heads
  int head = 0;            // attention under alibi: the head used
  std::string mask;        // "" = view default (attention: causal; t5: none)
  std::string text = "dog bites man";  // attention: the sentence
  std::string pairing = "half-split";  // RoPE pairs: interleaved | half-split
  double partial_rotary = 1.0;         // RoPE: fraction of dimensions rotated
  double position_scale = 1.0;         // attention: strength of the positional signal
  std::string scaling = "none";        // none | linear | ntk | dynamic-ntk | yarn | llama3
  double factor = 4.0;                 // context extension s
  long original_context = 4096;        // trained context L0
  long context = 0;                    // current context; 0 = factor * original_context
  double low_freq_factor = 1.0;        // llama3
  double high_freq_factor = 4.0;       // llama3
  double beta_fast = 32.0;             // yarn
  double beta_slow = 1.0;              // yarn
};

}  // namespace peviz
