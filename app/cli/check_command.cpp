#include "check_command.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "app/cli/figure_export.hpp"
#include "app/cli/rope_export.hpp"
#include "app/model/model_frequencies.hpp"
#include "app/model/presets.hpp"
#include "app/model/tensor_file.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

double tolerance_option(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v > 0 && v < 1)) {
    throw InvalidArgument(
        "--tolerance wants a relative error between 0 and 1, such as 1e-5 (got '" + text + "')");
  }
  return v;
}

// The model_type of a config.json (or preset) file, "" when it has none.
std::string model_type_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_object() && j.contains("model_type") && j["model_type"].is_string())
    return j["model_type"].get<std::string>();
  return "";
}

// The one tensor of a file, or the one whose name mentions `what` ("inv_freq", "cos", "sin").
const TensorInfo& pick(const TensorFile& file, const std::string& what) {
  const std::vector<TensorInfo>& all = file.tensors();
  if (all.size() == 1) return all.front();
  const TensorInfo* found = nullptr;
  int matches = 0;
  std::string names;
  for (const TensorInfo& t : all) {
    names += (names.empty() ? "" : ", ") + t.name;
    if (t.name.find(what) != std::string::npos) {
      found = &t;
      ++matches;
    }
  }
  if (matches == 1) return *found;
  throw InvalidArgument(file.path().string() + ": " + std::to_string(all.size()) +
                        " tensors and not one named like '" + what + "' (" + names +
                        "): save the " + what + " array alone with numpy.save");
}

// Their array as doubles, with a line describing it ("inv_freq.npy: F32, 64").
Eigen::MatrixXd load(const std::string& path, const std::string& what, std::string& described,
                     std::string& dtype) {
  const TensorFile file(path);
  const TensorInfo& t = pick(file, what);
  std::int64_t entries = 1;
  std::string shape;
  for (std::int64_t d : t.shape) {
    entries = d > 0 && entries > kMaxTableEntries / d ? kMaxTableEntries + 1 : entries * d;
    shape += (shape.empty() ? "" : " x ") + std::to_string(d);
  }
  if (entries > kMaxTableEntries) {
    throw InvalidArgument(path + ": " + shape + " values are more than peviz checks (at most " +
                          std::to_string(kMaxTableEntries) + "); check fewer positions");
  }
  if (t.dtype != "F32" && t.dtype != "F64" && t.dtype != "F16" && t.dtype != "BF16")
    throw InvalidArgument(path + ": " + t.name + " is " + t.dtype + ", not floating point");
  if (entries == 0) throw InvalidArgument(path + ": " + t.name + " is empty (" + shape + ")");
  described = std::filesystem::path(path).filename().string() + " (" + t.dtype + ", " + shape + ")";
  dtype = t.dtype;
  return file.read(t);
}

std::string reference_line(const ModelRope& m, const ModelFrequencies& f,
                           std::optional<RopePairing> pairing) {
  std::string s = "reference: " + m.rope_type + ", theta " + plain_number(m.theta) +
                  ", rotary_dim " + std::to_string(m.rotary_dim) + " of head_dim " +
                  std::to_string(m.head_dim);
  if (m.rope_type != "default") s += ", factor " + plain_number(m.factor);
  if (f.original) s += ", original context " + std::to_string(*f.original);
  s += ", context " + std::to_string(f.context) + ", attention factor " +
       plain_number(f.scaled.attention_factor) + ", pairing " +
       (pairing ? kPairingNames[static_cast<std::size_t>(*pairing)] : "either (no model_type)");
  return s + "\n";
}

}  // namespace

std::optional<RopePairing> pairing_of_model_type(const std::string& model_type) {
  if (model_type.empty()) return std::nullopt;
  // transformers' GPTJAttention and CodeGenAttention: rotate_every_two (neighbours pair up);
  // every other model: rotate_half over cat(freqs, freqs).
  if (model_type == "gptj" || model_type == "codegen") return RopePairing::Interleaved;
  return RopePairing::HalfSplit;
}

RopeCheckModel rope_check_model(const ModelRope& model, long context,
                                std::optional<RopePairing> pairing) {
  const ModelFrequencies f = model_frequencies(model, context);
  RopeCheckModel m;
  m.rope_type = model.rope_type;
  m.head_dim = model.head_dim;
  m.max_position = model.max_position_embeddings;
  m.original = f.original.value_or(0);
  m.config = RopeVariant{model.theta, model.factor, model.rotary_dim, f.context};
  m.mscale = model.mscale.value_or(0.0);
  m.mscale_all_dim = model.mscale_all_dim.value_or(0.0);
  m.pairing = pairing;
  m.frequencies = [model](const RopeVariant& v) {
    ModelRope changed = model;
    changed.theta = v.theta;
    changed.factor = v.factor;
    changed.rotary_dim = v.rotary_dim;
    return model_frequencies(changed, v.context).scaled;
  };
  return m;
}

std::string rope_check_report(const RopeCheckResult& r) {
  std::ostringstream s;
  // A match says which layout theirs is; a mismatch, which layout it was compared as.
  if (!r.layout.empty()) s << (r.match ? "layout: " : "compared as: ") << r.layout << "\n";
  if (std::isfinite(r.max_abs)) {
    s << "max absolute error " << plain_number(r.max_abs) << ", max relative error "
      << plain_number(r.max_rel) << "\n";
  }
  for (const std::string& n : r.notes) s << n << "\n";
  s << (r.match ? "match" : "MISMATCH") << "\n";
  if (r.match) return s.str();
  if (r.cause) {
    s << "likely cause: " << r.cause->name << ": " << r.cause->finding << " (residual "
      << plain_number(r.cause->residual) << ")\n";
  } else {
    s << "no single cause fits much better than the reference";
    if (!r.tested.empty()) {
      s << "; closest: " << r.tested.front().name << ": " << r.tested.front().finding
        << " (residual " << plain_number(r.tested.front().residual) << ")";
    }
    s << "\n";
  }
  for (std::size_t i = 1; i < r.tested.size(); ++i) {
    const RopeCause& t = r.tested[i];
    s << "  also tested: " << t.name;
    if (t.name != "pairing" && t.name != "float32") s << ", best " << plain_number(t.value);
    s << " (residual " << plain_number(t.residual) << ")\n";
  }
  return s.str();
}

int run_check(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  try {
    if (argc < 2 || std::string(argv[1]) != "rope") {
      throw InvalidArgument(
          "usage: peviz check rope --config FILE|--preset NAME [--context N] "
          "(--inv-freq FILE | --cos FILE --sin FILE) [--tolerance T] [--pairing P]");
    }
    std::string config, preset, inv, cos, sin, pairing_text;
    long context = 0;
    RopeCheckOptions options;
    bool tolerance_given = false;
    std::string tolerance_note;
    const std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& [key, value] : option_pairs(rest)) {
      if (key == "config") {
        config = value;
      } else if (key == "preset") {
        preset = value;
      } else if (key == "context") {
        context = context_option(value);
      } else if (key == "inv-freq") {
        inv = value;
      } else if (key == "cos") {
        cos = value;
      } else if (key == "sin") {
        sin = value;
      } else if (key == "tolerance") {
        options.tolerance = tolerance_option(value);
        tolerance_given = true;
      } else if (key == "pairing") {
        pairing_text = value;
      } else {
        throw InvalidArgument("'check rope' has no option '" + key +
                              "' (it takes --config or --preset, --context, --inv-freq or --cos "
                              "and --sin, --tolerance and --pairing)");
      }
    }
    if (config.empty() == preset.empty())
      throw InvalidArgument("name a model: --config FILE (a config.json) or --preset NAME");
    if (inv.empty() == (cos.empty() && sin.empty()) || cos.empty() != sin.empty())
      throw InvalidArgument("give their numbers: --inv-freq FILE, or --cos FILE and --sin FILE");
    std::optional<RopePairing> pairing;
    if (pairing_text == "half-split") {
      pairing = RopePairing::HalfSplit;
    } else if (pairing_text == "interleaved") {
      pairing = RopePairing::Interleaved;
    } else if (!pairing_text.empty()) {
      throw InvalidArgument("--pairing is half-split or interleaved (got '" + pairing_text + "')");
    }
    const ModelRope model = preset.empty() ? load_hf_config(config) : load_preset(preset);
    if (!pairing) {
      std::filesystem::path file = config;
      for (const Preset& p : preset.empty() ? std::vector<Preset>{} : list_presets())
        if (p.id == preset) file = p.file;
      pairing = pairing_of_model_type(model_type_of(file));
    }
    const RopeCheckModel check = rope_check_model(model, context, pairing);
    const ModelFrequencies f = model_frequencies(model, context);
    std::string described, described_sin, dtype, dtype_sin;
    RopeCheckResult result;
    // 16-bit numbers cannot be closer than their own rounding (bfloat16 2^-8, float16 2^-10,
    // relative) unless --tolerance asks for it: the default widens to that.
    const auto widen = [&](const std::string& d) {
      const double own = d == "BF16" ? 0.00390625 : d == "F16" ? 0.0009765625 : 0.0;
      if (!tolerance_given && own > options.tolerance) {
        options.tolerance = own;
        tolerance_note = "tolerance " + plain_number(own) + ": their numbers are " + d +
                         " (--tolerance sets another)\n";
      }
    };
    if (!inv.empty()) {
      const Eigen::MatrixXd a = load(inv, "inv_freq", described, dtype);
      widen(dtype);
      if (a.rows() > 1 && a.cols() > 1) {
        throw InvalidArgument(inv + ": their inv_freq is " + std::to_string(a.rows()) + " x " +
                              std::to_string(a.cols()) + "; it should be 1-D (" +
                              std::to_string(model.rotary_dim / 2) + " values)");
      }
      const Eigen::VectorXd v = Eigen::Map<const Eigen::VectorXd>(a.data(), a.size());
      result = check_rope_inv_freq(check, v, options);
    } else {
      const Eigen::MatrixXd c = load(cos, "cos", described, dtype);
      const Eigen::MatrixXd s = load(sin, "sin", described_sin, dtype_sin);
      widen(dtype);
      widen(dtype_sin);
      described += " and " + described_sin;
      result = check_rope_cos_sin(check, c, s, options);
    }
    for (const std::string& w : model.ignored_warnings)
      err << "peviz check: warning: " << w << "\n";
    out << reference_line(model, f, pairing) << "theirs: " << described << "\n"
        << tolerance_note << rope_check_report(result);
    return result.match ? 0 : 1;
  } catch (const std::exception& e) {
    err << "peviz check: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace peviz
