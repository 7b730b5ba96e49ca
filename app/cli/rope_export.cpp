#include "rope_export.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <ostream>
#include <vector>

#include "app/cli/figure_export.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/csv_writer.hpp"
#include "app/model/presets.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {

long context_option(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v >= 1 && v <= 1e12) || v != std::floor(v)) {
    throw InvalidArgument("--context wants a whole number of positions from 1 to 1e12 (got '" +
                          text + "')");
  }
  return static_cast<long>(v);
}

std::string rope_json(const ModelRope& model, const ModelFrequencies& f) {
  nlohmann::ordered_json j;
  j["rope_type"] = model.rope_type;
  j["head_dim"] = model.head_dim;
  j["rotary_dim"] = model.rotary_dim;
  j["theta"] = model.theta;
  j["original_context"] = f.original ? nlohmann::ordered_json(*f.original) : nullptr;
  j["context"] = f.context;
  j["attention_factor"] = f.scaled.attention_factor;
  j["softmax_scale_factor"] = f.scaled.softmax_scale_factor;
  std::vector<double> inv(f.scaled.inv_freq.data(),
                          f.scaled.inv_freq.data() + f.scaled.inv_freq.size());
  j["inv_freq"] = inv;
  return j.dump(2) + "\n";
}

void rope_table(const ModelFrequencies& f, plot::TableSink& table) {
  table.header({"pair", "frequency", "wavelength", "angle_range"});
  const Eigen::VectorXd wave = wavelengths_of(f.scaled.inv_freq);
  const Eigen::VectorXd angle = angle_ranges(f.scaled.inv_freq, f.context);
  for (Eigen::Index i = 0; i < f.scaled.inv_freq.size(); ++i) {
    table.cell(static_cast<long>(i)).cell(f.scaled.inv_freq[i]).cell(wave[i]).cell(angle[i]);
    table.end_row();
  }
}

int run_rope_export(int argc, const char* const* argv, std::ostream& err) {
  try {
    std::string config, preset, out;
    long context = 0;
    const std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& [key, value] : option_pairs(rest)) {
      if (key == "config") {
        config = value;
      } else if (key == "preset") {
        preset = value;
      } else if (key == "context") {
        context = context_option(value);
      } else if (key == "out") {
        out = value;
      } else {
        throw InvalidArgument("'export rope' has no option '" + key +
                              "' (it takes --config or --preset, --context and --out)");
      }
    }
    if (config.empty() == preset.empty())
      throw InvalidArgument("name a model: --config FILE (a config.json) or --preset NAME");
    const std::string ext = lower(std::filesystem::path(out).extension().string());
    if (out.empty() || (ext != ".json" && ext != ".csv"))
      throw InvalidArgument("--out FILE.json or FILE.csv is required");
    const ModelRope model = preset.empty() ? load_hf_config(config) : load_preset(preset);
    const ModelFrequencies f = model_frequencies(model, context);
    for (const std::string& w : model.ignored_warnings)
      err << "peviz export: warning: " << w << "\n";
    AtomicFile file(out);
    if (ext == ".json") {
      file.write(rope_json(model, f));
    } else {
      CsvWriter table(file);  // the project's CSV: RFC 4180, %.17g
      rope_table(f, table);
      table.flush();
    }
    file.commit();
  } catch (const std::exception& e) {
    err << "peviz export: " << one_line(e.what()) << "\n";
    return 2;
  }
  return 0;
}

}  // namespace peviz
