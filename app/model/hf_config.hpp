// Reads a Hugging Face config.json into what peviz needs about a model's positions, field by
// field as transformers reads it (src/transformers/modeling_rope_utils.py and the model configs;
// docs/model-configs.md lists each rule and where it comes from).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rope.hpp"

namespace peviz {

// What a config implies for RoPE, or for learned absolute positions.
struct ModelRope {
  // Learned absolute positions (GPT-2, BERT, OPT): no RoPE; hidden_size and
  // max_position_embeddings give the table's shape, and the fields below stay at their defaults.
  bool learned = false;
  int hidden_size = 0;  // learned: the width of a position's vector (n_embd, hidden_size, dim)
  // The pairs RoPE rotates: half-split (rotate_half) in every transformers model but GPT-J and
  // CodeGen, whose rotate_every_two pairs neighbours.
  RopePairing pairing = RopePairing::HalfSplit;
  std::string rope_type;  // HF's name: "default", "linear", "dynamic", "yarn", "longrope", "llama3"
  double theta = 10000;   // rope_theta (10000 when absent, as HF)
  int head_dim = 0;  // head_dim, else hidden_size / num_attention_heads; DeepSeek: qk_rope_head_dim
  int rotary_dim = 0;  // int(head_dim * partial_rotary_factor) (GPT-NeoX: rotary_pct)
  long max_position_embeddings = 0;
  // llama3/yarn/longrope: the top level's, else rope_scaling's, else max_position_embeddings.
  std::optional<long> original_max_position_embeddings;
  double factor = 1;  // rope_scaling.factor (yarn, longrope without one: max / original)
  // YaRN
  std::optional<double> beta_fast, beta_slow, mscale, mscale_all_dim, attention_factor;
  bool truncate = true;
  // Llama 3
  std::optional<double> low_freq_factor, high_freq_factor;
  // LongRoPE: rotary_dim / 2 entries each
  std::vector<double> short_factor, long_factor;
  std::vector<std::string> ignored_warnings;  // what transformers would warn about
};

// Throws InvalidArgument with one line naming the field ("config.json: rope_scaling.factor must
// be a number (got \"8\")"); `source` starts every message.
ModelRope read_hf_config(const nlohmann::json& config, std::string_view source = "config.json");

// 100 MB: real config.json files are a few kB; this stops a wrong file before it is read.
inline constexpr std::uintmax_t kHfConfigMaxBytes = 100u * 1000u * 1000u;

// read_hf_config of a file; also refuses an unreadable file, a folder, a file over max_bytes
// and bad JSON (with its line and column). Messages start with the file's path.
ModelRope load_hf_config(const std::filesystem::path& file,
                         std::uintmax_t max_bytes = kHfConfigMaxBytes);

}  // namespace peviz
