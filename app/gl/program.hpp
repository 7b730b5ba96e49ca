// A linked GLSL program that owns its name (move-only). Compile or link errors
// throw std::runtime_error with the driver's log.
#pragma once

#include "gl.hpp"

namespace peviz::gl {

class Program {
 public:
  Program() = default;
  Program(const char* vertex_source, const char* fragment_source);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  Program(Program&& other) noexcept;
  Program& operator=(Program&& other) noexcept;

  GLuint id() const { return id_; }
  GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

 private:
  GLuint id_ = 0;
};

}  // namespace peviz::gl
