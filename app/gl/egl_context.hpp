// A headless OpenGL 3.3 core context with no display and no window: EGL on Mesa's
// surfaceless platform (llvmpipe when there is no GPU). Used by tests and by
// headless rendering. Throws std::runtime_error when EGL cannot provide one.
#pragma once

#include <string>

namespace peviz::gl {

class HeadlessContext {
 public:
  HeadlessContext();
  ~HeadlessContext();
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;

  // "Mesa llvmpipe ..." etc.
  std::string renderer() const;

 private:
  void* display_ = nullptr;
  void* context_ = nullptr;
};

}  // namespace peviz::gl
