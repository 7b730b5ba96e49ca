#include "gl.hpp"

namespace peviz::gl {

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
