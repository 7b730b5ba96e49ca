#include "preset_command.hpp"

#include <algorithm>
#include <ostream>
#include <string>

#include "app/model/presets.hpp"

namespace peviz {

int run_preset(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  if (argc != 2 || std::string(argv[1]) != "list") {
    err << "peviz preset: usage: peviz preset list\n";
    return 2;
  }
  const std::vector<Preset> presets = list_presets();
  if (presets.empty()) {
    err << "peviz preset: no presets in " << preset_dir().string() << "\n";
    return 2;
  }
  for (const Preset& p : presets) {
    std::string line = p.id;
    line.resize(std::max<std::size_t>(line.size() + 1, 18), ' ');
    try {
      const ModelRope m = load_hf_config(p.file);
      if (m.learned) {
        line += p.name + " (learned, " + std::to_string(m.max_position_embeddings) + " x " +
                std::to_string(m.hidden_size) + " table)";
      } else {
        line += p.name + " (" + m.rope_type + ", " + std::to_string(m.rotary_dim) + " of " +
                std::to_string(m.head_dim) + " dims rotate)";
      }
    } catch (const std::exception& e) {
      line += p.name + " (unreadable: " + e.what() + ")";
    }
    out << line << "\n" << std::string(18, ' ') << p.source << "\n";
  }
  return 0;
}

}  // namespace peviz
