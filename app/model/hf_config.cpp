#include "hf_config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>

#include "core/validate.hpp"

namespace peviz {
namespace {

using nlohmann::json;

// The shortest "%g" that reads back as v (8, 0.25, 500000, 1e+30).
std::string number_text(double v) {
  char b[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(b, sizeof b, "%.*g", precision, v);
    if (std::strtod(b, nullptr) == v) break;
  }
  return b;
}

// A value as a message shows it: strings quoted and cut short, containers by kind.
std::string describe(const json& v) {
  if (v.is_string()) {
    std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > 42) s = s.substr(0, 40) + "...\"";
    return s;
  }
  if (v.is_array()) return "a list of " + std::to_string(v.size());
  if (v.is_object()) return "an object";
  if (v.is_number()) return number_text(v.get<double>());
  return v.dump();  // null, true, false
}

const char* const kKnownTypes = "default, linear, dynamic, yarn, longrope, llama3";

class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw InvalidArgument(source_ + ": " + what);
  }

  // The value under `key`, or nullptr when absent or null (HF's dict.get() / getattr(.., None)).
  static const json* find(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
  }

  double number(const json& v, const std::string& name) const {
    if (!v.is_number()) fail(name + " must be a number (got " + describe(v) + ")");
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(name + " must be a finite number (got " + describe(v) + ")");
    return d;
  }

  // A whole number in [low, high] (8192 and 8192.0 alike: JSON writers differ).
  long whole(const json& v, const std::string& name, long low, long high) const {
    const double d = number(v, name);
    if (d != std::floor(d)) fail(name + " must be a whole number (got " + describe(v) + ")");
    if (d < static_cast<double>(low) || d > static_cast<double>(high)) {
      fail(name + " must be between " + std::to_string(low) + " and " + std::to_string(high) +
           " (got " + describe(v) + ")");
    }
    return static_cast<long>(d);
  }

  std::vector<double> numbers(const json& v, const std::string& name, std::size_t size) const {
    if (!v.is_array()) fail(name + " must be a list of numbers (got " + describe(v) + ")");
    if (v.size() != size) {
      fail(name + " must have rotary_dim / 2 = " + std::to_string(size) + " entries (got " +
           std::to_string(v.size()) + ")");
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < v.size(); ++i)
      out.push_back(number(v[i], name + "[" + std::to_string(i) + "]"));
    return out;
  }

 private:
  std::string source_;
};

// Past any real model (head_dim 256, 10M positions) and exact as doubles.
constexpr long kMaxDim = 1L << 16;
constexpr long kMaxPositions = 1L << 40;

struct KeySet {
  std::set<std::string> required, optional;
};

// modeling_rope_utils.py, RotaryEmbeddingConfigMixin._validate_<type>_rope_parameters: the keys
// each rope_type needs and may have (rope_theta, partial_rotary_factor and "type" always may).
KeySet keys_of(const std::string& type) {
  if (type == "linear" || type == "dynamic") return {{"factor"}, {}};
  if (type == "yarn") {
    return {{"factor", "original_max_position_embeddings"},
            {"attention_factor", "beta_fast", "beta_slow", "mscale", "mscale_all_dim", "truncate"}};
  }
  if (type == "longrope") {
    return {{"short_factor", "long_factor", "original_max_position_embeddings"},
            {"attention_factor", "factor"}};
  }
  if (type == "llama3") {
    return {{"factor", "original_max_position_embeddings", "low_freq_factor", "high_freq_factor"},
            {}};
  }
  return {};
}

}  // namespace

ModelRope read_hf_config(const json& config, std::string_view source) {
  const Reader r(source);
  if (!config.is_object())
    r.fail("the top level must be a JSON object (got " + describe(config) + ")");
  ModelRope m;
  const json* model_type = Reader::find(config, "model_type");
  const std::string type_name =
      model_type && model_type->is_string() ? model_type->get<std::string>() : "";

  // Learned absolute positions: GPT-2's wpe (GPT2Model), BERT-style position_embeddings
  // (BertEmbeddings, position_embedding_type "absolute"), OPT's learned table.
  const json* embedding_type = Reader::find(config, "position_embedding_type");
  const bool absolute =
      embedding_type && embedding_type->is_string() && *embedding_type == "absolute";
  const bool rope_fields =
      Reader::find(config, "rope_theta") || Reader::find(config, "rope_scaling") ||
      Reader::find(config, "rope_parameters") || Reader::find(config, "rotary_pct") ||
      Reader::find(config, "partial_rotary_factor");
  if (!rope_fields && (absolute || type_name == "gpt2" || type_name == "gpt_neo" ||
                       type_name == "opt" || type_name == "bert" || type_name == "roberta" ||
                       type_name == "distilbert" || type_name == "xlm-roberta")) {
    m.learned = true;
    m.rope_type = "learned";
    const json* width = nullptr;
    std::string width_name;
    for (const char* key : {"n_embd", "hidden_size", "dim"}) {
      if (width == nullptr && (width = Reader::find(config, key))) width_name = key;
    }
    if (width == nullptr) r.fail("learned positions: n_embd, hidden_size or dim is missing");
    m.hidden_size = static_cast<int>(r.whole(*width, width_name, 1, kMaxDim));
    const json* rows = nullptr;
    std::string rows_name;
    for (const char* key : {"n_positions", "max_position_embeddings"}) {
      if (rows == nullptr && (rows = Reader::find(config, key))) rows_name = key;
    }
    if (rows == nullptr)
      r.fail("learned positions: n_positions or max_position_embeddings is missing");
    m.max_position_embeddings = r.whole(*rows, rows_name, 1, kMaxPositions);
    return m;
  }
  // GPTJAttention and CodeGenAttention rotate neighbours (rotate_every_two); the others halves.
  if (type_name == "gptj" || type_name == "codegen") m.pairing = RopePairing::Interleaved;

  // convert_rope_params_to_dict: rope_parameters = rope_scaling or rope_parameters, so a
  // non-empty rope_scaling wins and null or {} means plain RoPE.
  std::string block_name = "rope_scaling";
  const json* block = Reader::find(config, "rope_scaling");
  if (block == nullptr || (block->is_object() && block->empty())) {
    block = Reader::find(config, "rope_parameters");
    block_name = "rope_parameters";
  }
  if (block != nullptr && !block->is_object())
    r.fail(block_name + " must be an object or null (got " + describe(*block) + ")");
  if (block != nullptr && block->empty()) block = nullptr;
  const json empty = json::object();
  const json& rope = block != nullptr ? *block : empty;
  const std::string prefix = block_name + ".";

  // standardize_rope_params: one block per layer type (Gemma 3) when its keys are layer types.
  if (const json* layers = Reader::find(config, "layer_types"); layers && layers->is_array()) {
    bool all_layer_types = !rope.empty();
    for (const auto& [key, value] : rope.items())
      all_layer_types =
          all_layer_types && std::find(layers->begin(), layers->end(), key) != layers->end();
    if (all_layer_types)
      r.fail(block_name + " has one block per layer type; peviz reads one RoPE per model");
  }

  // standardize_rope_params: rope_type, else the old "type", else "default".
  std::string type_key = "rope_type";
  const json* type = Reader::find(rope, "rope_type");
  if (type == nullptr) {
    type = Reader::find(rope, "type");
    type_key = "type";
  }
  m.rope_type = "default";
  if (type != nullptr) {
    if (!type->is_string())
      r.fail(prefix + type_key + " must be a string (got " + describe(*type) + ")");
    m.rope_type = type->get<std::string>();
  }
  // Phi3Config._rope_scaling_adjustment: the old names "su" and, for Phi-3, "yarn" are "longrope".
  const bool phi3 = type_name == "phi3";
  if (m.rope_type == "su" || (phi3 && m.rope_type == "yarn")) m.rope_type = "longrope";
  const std::string quoted_type = "\"" + m.rope_type + "\"";
  if (keys_of(m.rope_type).required.empty() && m.rope_type != "default") {
    r.fail(prefix + type_key + " " + describe(*type) + " is unknown; known: " + kKnownTypes);
  }

  // convert_rope_params_to_dict: rope_parameters' rope_theta, else the top level's, else
  // default_theta = 10000; GPTNeoXConfig: rope_theta = rotary_emb_base.
  std::string theta_name = prefix + "rope_theta";
  const json* theta = Reader::find(rope, "rope_theta");
  for (const char* key : {"rope_theta", "rotary_emb_base"}) {
    if (theta == nullptr) {
      theta = Reader::find(config, key);
      theta_name = key;
    }
  }
  if (theta != nullptr) {
    m.theta = r.number(*theta, theta_name);
    if (m.theta <= 1) r.fail(theta_name + " must be greater than 1 (got " + describe(*theta) + ")");
  }

  // _compute_*_parameters: head_dim = getattr(config, "head_dim", None) or hidden_size //
  // num_attention_heads; DeepseekV3Config: head_dim = qk_rope_head_dim.
  if (const json* rope_head = Reader::find(config, "qk_rope_head_dim")) {
    m.head_dim = static_cast<int>(r.whole(*rope_head, "qk_rope_head_dim", 1, kMaxDim));
  } else if (const json* head = Reader::find(config, "head_dim")) {
    m.head_dim = static_cast<int>(r.whole(*head, "head_dim", 1, kMaxDim));
  } else {
    // GPTJConfig.attribute_map: hidden_size is n_embd, num_attention_heads is n_head.
    const json* hidden = Reader::find(config, "hidden_size");
    if (hidden == nullptr) hidden = Reader::find(config, "n_embd");
    const json* heads = Reader::find(config, "num_attention_heads");
    if (heads == nullptr) heads = Reader::find(config, "n_head");
    if (hidden == nullptr || heads == nullptr)
      r.fail("head_dim is missing, and so is hidden_size or num_attention_heads to work it out");
    const long h = r.whole(*hidden, "hidden_size", 1, kMaxDim * kMaxDim);
    const long n = r.whole(*heads, "num_attention_heads", 1, kMaxDim);
    // HF floors the division; a remainder means a wrong config, so refuse it.
    if (h % n != 0) {
      r.fail("hidden_size (" + std::to_string(h) + ") is not a multiple of num_attention_heads (" +
             std::to_string(n) + "), and there is no head_dim");
    }
    if (h / n > kMaxDim)
      r.fail("hidden_size / num_attention_heads is over " + std::to_string(kMaxDim));
    m.head_dim = static_cast<int>(h / n);
  }

  // _compute_*_parameters: dim = int(head_dim * partial_rotary_factor), the factor from
  // rope_parameters, else the top level's (convert_rope_params_to_dict), else 1;
  // GPTNeoXConfig: partial_rotary_factor = rotary_pct.
  std::string partial_name = prefix + "partial_rotary_factor";
  const json* partial = Reader::find(rope, "partial_rotary_factor");
  for (const char* key : {"partial_rotary_factor", "rotary_pct"}) {
    if (partial == nullptr) {
      partial = Reader::find(config, key);
      partial_name = key;
    }
  }
  double fraction = 1;
  if (partial != nullptr) {
    fraction = r.number(*partial, partial_name);
    if (fraction <= 0 || fraction > 1)
      r.fail(partial_name + " must be in (0, 1] (got " + describe(*partial) + ")");
  }
  m.rotary_dim = static_cast<int>(m.head_dim * fraction);  // Python's int(): toward zero
  // GPTJAttention, CodeGenAttention: rotary_dim is a count of dimensions (None: all of them).
  if (const json* dims = Reader::find(config, "rotary_dim");
      dims && partial == nullptr && m.pairing == RopePairing::Interleaved) {
    m.rotary_dim = static_cast<int>(r.whole(*dims, "rotary_dim", 1, m.head_dim));
  }
  if (m.rotary_dim < 2 || m.rotary_dim % 2 != 0) {
    r.fail("the rotary dimension int(head_dim * partial_rotary_factor) = int(" +
           std::to_string(m.head_dim) + " * " + number_text(fraction) +
           ") = " + std::to_string(m.rotary_dim) + " must be a positive even number");
  }

  // GPTJConfig.attribute_map: max_position_embeddings is n_positions.
  const json* max_positions = Reader::find(config, "max_position_embeddings");
  if (max_positions == nullptr) max_positions = Reader::find(config, "n_positions");
  if (max_positions == nullptr) r.fail("max_position_embeddings is missing");
  m.max_position_embeddings = r.whole(*max_positions, "max_position_embeddings", 1, kMaxPositions);

  // _check_received_keys: a missing required key is an error, an unknown one a warning.
  const KeySet keys = keys_of(m.rope_type);
  for (const auto& [key, value] : rope.items()) {
    if (key == "rope_type" || key == "type" || key == "rope_theta" ||
        key == "partial_rotary_factor" || keys.required.count(key) || keys.optional.count(key))
      continue;
    m.ignored_warnings.push_back(prefix + key + " is not used by rope_type " + quoted_type +
                                 " (transformers: unrecognized key)");
  }
  // standardize_rope_params fills original_max_position_embeddings, so it is never missing.
  for (const std::string& key : keys.required) {
    if (key != "original_max_position_embeddings" && !rope.contains(key))
      r.fail(prefix + key + " is missing (rope_type " + quoted_type + " needs it)");
  }

  // standardize_rope_params: for llama3, yarn and longrope the top level's
  // original_max_position_embeddings (Phi-3) wins over rope_scaling's, else
  // max_position_embeddings. Other types keep whichever the config gives.
  const bool needs_original =
      m.rope_type == "llama3" || m.rope_type == "yarn" || m.rope_type == "longrope";
  const json* top_original = Reader::find(config, "original_max_position_embeddings");
  const json* rope_original = Reader::find(rope, "original_max_position_embeddings");
  if (needs_original && top_original != nullptr) {
    m.original_max_position_embeddings =
        r.whole(*top_original, "original_max_position_embeddings", 1, kMaxPositions);
  } else if (rope_original != nullptr) {
    m.original_max_position_embeddings =
        r.whole(*rope_original, prefix + "original_max_position_embeddings", 1, kMaxPositions);
  } else if (top_original != nullptr) {
    m.original_max_position_embeddings =
        r.whole(*top_original, "original_max_position_embeddings", 1, kMaxPositions);
  } else if (needs_original) {
    m.original_max_position_embeddings = m.max_position_embeddings;
  }
  const double implicit_factor = m.original_max_position_embeddings
                                     ? static_cast<double>(m.max_position_embeddings) /
                                           static_cast<double>(*m.original_max_position_embeddings)
                                     : 1.0;

  // _validate_*_rope_parameters: transformers only warns about a factor below 1 (it would
  // shrink the context, which no model does), peviz refuses it. _compute_yarn_parameters and
  // _compute_longrope_parameters: a null or absent factor is max / original positions.
  if (m.rope_type != "default") {
    const json* factor = Reader::find(rope, "factor");
    if (factor != nullptr) {
      m.factor = r.number(*factor, prefix + "factor");
      if (m.factor < 1)
        r.fail(prefix + "factor must be at least 1 (got " + describe(*factor) + ")");
    } else if (m.rope_type == "yarn" || m.rope_type == "longrope") {
      m.factor = implicit_factor;
      if (m.rope_type == "longrope") {
        m.ignored_warnings.push_back(prefix +
                                     "factor is absent: max_position_embeddings / "
                                     "original_max_position_embeddings = " +
                                     number_text(m.factor) + " is used (transformers warns)");
      }
    } else {
      r.fail(prefix + "factor must be a number (got null)");
    }
  }

  auto optional_number = [&](const char* key) -> std::optional<double> {
    if (const json* v = Reader::find(rope, key)) return r.number(*v, prefix + key);
    return std::nullopt;
  };
  if (m.rope_type == "yarn" || m.rope_type == "longrope") {
    m.attention_factor = optional_number("attention_factor");
    if (m.attention_factor && *m.attention_factor < 0) {
      r.fail(prefix + "attention_factor must be at least 0 (got " +
             number_text(*m.attention_factor) + ")");
    }
  }
  if (m.rope_type == "yarn") {
    m.beta_fast = optional_number("beta_fast");
    m.beta_slow = optional_number("beta_slow");
    m.mscale = optional_number("mscale");
    m.mscale_all_dim = optional_number("mscale_all_dim");
    // _compute_yarn_parameters: truncate = rope_parameters.get("truncate", True).
    if (const json* truncate = Reader::find(rope, "truncate")) {
      if (!truncate->is_boolean())
        r.fail(prefix + "truncate must be true or false (got " + describe(*truncate) + ")");
      m.truncate = truncate->get<bool>();
    }
    // _validate_yarn_rope_parameters: (beta_fast or 32) < (beta_slow or 1) is warned about.
    const double fast = m.beta_fast && *m.beta_fast != 0 ? *m.beta_fast : 32;
    const double slow = m.beta_slow && *m.beta_slow != 0 ? *m.beta_slow : 1;
    if (fast < slow) {
      m.ignored_warnings.push_back(prefix + "beta_fast (" + number_text(fast) +
                                   ") is below beta_slow (" + number_text(slow) +
                                   ") (transformers warns)");
    }
    // _validate_yarn_rope_parameters: an explicit factor other than max / original (unless 1).
    if (implicit_factor != m.factor && implicit_factor != 1) {
      m.ignored_warnings.push_back(
          prefix + "factor " + number_text(m.factor) +
          " differs from max_position_embeddings / original_max_position_embeddings = " +
          number_text(implicit_factor) + "; the factor is used (transformers warns)");
    }
  }
  if (m.rope_type == "llama3") {
    m.low_freq_factor = r.number(rope.at("low_freq_factor"), prefix + "low_freq_factor");
    m.high_freq_factor = r.number(rope.at("high_freq_factor"), prefix + "high_freq_factor");
    // _validate_llama3_rope_parameters warns; equal factors would divide by zero in
    // _compute_llama3_parameters, so peviz refuses.
    if (*m.high_freq_factor <= *m.low_freq_factor) {
      r.fail(prefix + "high_freq_factor (" + number_text(*m.high_freq_factor) +
             ") must be greater than low_freq_factor (" + number_text(*m.low_freq_factor) + ")");
    }
    if (*m.low_freq_factor <= 0) {
      r.fail(prefix + "low_freq_factor must be greater than 0 (got " +
             number_text(*m.low_freq_factor) + ")");
    }
    if (*m.original_max_position_embeddings >= m.max_position_embeddings) {
      m.ignored_warnings.push_back(prefix + "original_max_position_embeddings (" +
                                   std::to_string(*m.original_max_position_embeddings) +
                                   ") is not below max_position_embeddings (" +
                                   std::to_string(m.max_position_embeddings) +
                                   ") (transformers warns)");
    }
  }
  if (m.rope_type == "longrope") {
    // _validate_longrope_rope_parameters: each list has dim // 2 entries (HF warns, then fails
    // in the tensor product; peviz refuses here).
    const auto half = static_cast<std::size_t>(m.rotary_dim / 2);
    m.short_factor = r.numbers(rope.at("short_factor"), prefix + "short_factor", half);
    m.long_factor = r.numbers(rope.at("long_factor"), prefix + "long_factor", half);
  }
  return m;
}

ModelRope load_hf_config(const std::filesystem::path& file, std::uintmax_t max_bytes) {
  namespace fs = std::filesystem;
  const std::string name = file.string();
  const auto fail = [&](const std::string& what) { throw InvalidArgument(name + ": " + what); };
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found) fail("no such file");
  if (ec) fail("cannot read the file (" + ec.message() + ")");
  if (fs::is_directory(status)) fail("is a folder, not a config.json file");
  if (!fs::is_regular_file(status)) fail("is not a regular file");
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) fail("cannot read the file (" + ec.message() + ")");
  if (size > max_bytes) {
    fail("the file has " + std::to_string(size) + " bytes, over the limit of " +
         std::to_string(max_bytes) + " for a config.json");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("cannot open the file for reading");
  std::string text;
  text.resize(static_cast<std::size_t>(size));
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) fail("cannot read the whole file");

  json config;
  try {
    config = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte counts from 1 and points at the character that broke the parse.
    const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    fail("not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(column));
  } catch (const json::exception& e) {
    // A number past double's range (1e400) is refused while parsing, without a position.
    const std::string what = e.what();
    fail("not valid JSON: " + what.substr(what.find("] ") + 2));
  }
  return read_hf_config(config, name);
}

}  // namespace peviz
