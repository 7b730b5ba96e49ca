// Scene files (app/state/scene.hpp) on disk: read with one clear line for a missing,
// unreadable, oversized or malformed file; written all or nothing (AtomicFile).
#pragma once

#include <string>

#include "app/state/scene.hpp"

namespace peviz {

// Throws InvalidArgument ("F.scene: ...").
Scene read_scene(const std::string& path);
// Throws WriteError; never leaves a partial file.
void write_scene(const std::string& path, const Scene& scene);

}  // namespace peviz
