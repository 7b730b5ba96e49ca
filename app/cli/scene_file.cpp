#include "scene_file.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

#include "app/export/atomic_file.hpp"
#include "core/validate.hpp"

namespace peviz {

Scene read_scene(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidArgument("cannot read the scene '" + path + "'");
  std::string text;
  text.resize(kSceneMaxBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw InvalidArgument("cannot read the scene '" + path + "'");
  text.resize(static_cast<std::size_t>(in.gcount()));
  try {
    return parse_scene(text);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument("'" + path + "': " + e.what());
  }
}

void write_scene(const std::string& path, const Scene& scene) {
  AtomicFile file(path);
  file.write(scene_text(scene));
  file.commit();
}

}  // namespace peviz
