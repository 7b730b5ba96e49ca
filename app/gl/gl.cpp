#include "gl.hpp"

#include <dlfcn.h>
#include <link.h>

#include <string>
#include <vector>

namespace peviz::gl {

void keep_driver_loaded() {
#if defined(__SANITIZE_ADDRESS__)
  // Every loaded DRI driver, by the path it was loaded from; RTLD_NOLOAD opens only what is
  // already in the process, RTLD_NODELETE keeps it there.
  std::vector<std::string> drivers;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        const std::string name = info->dlpi_name != nullptr ? info->dlpi_name : "";
        if (name.find("_dri.so") != std::string::npos)
          static_cast<std::vector<std::string>*>(out)->push_back(name);
        return 0;
      },
      &drivers);
  for (const std::string& path : drivers) {
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE))
      dlclose(handle);
  }
#endif
}

const char* error_name(GLenum error) {
  switch (error) {
    case GL_NO_ERROR:
      return "GL_NO_ERROR";
    case GL_INVALID_ENUM:
      return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE:
      return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION:
      return "GL_INVALID_OPERATION";
    case GL_INVALID_FRAMEBUFFER_OPERATION:
      return "GL_INVALID_FRAMEBUFFER_OPERATION";
    case GL_OUT_OF_MEMORY:
      return "GL_OUT_OF_MEMORY";
    default:
      return "GL_UNKNOWN_ERROR";
  }
}

std::string take_errors() {
  std::string out;
  for (int guard = 0; guard < 32; ++guard) {
    const GLenum e = glGetError();
    if (e == GL_NO_ERROR) break;
    if (!out.empty()) out += ", ";
    out += error_name(e);
  }
  return out;
}

}  // namespace peviz::gl
