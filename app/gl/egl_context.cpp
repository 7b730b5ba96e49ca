#include "egl_context.hpp"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include "gl.hpp"

#include <cstring>
#include <stdexcept>

namespace peviz::gl {
namespace {

bool has_extension(const char* list, const char* name) {
  if (list == nullptr) return false;
  const std::size_t n = std::strlen(name);
  for (const char* p = list; (p = std::strstr(p, name)) != nullptr; p += n) {
    if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
  }
  return false;
}

}  // namespace

HeadlessContext::HeadlessContext() {
  const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  EGLDisplay display = EGL_NO_DISPLAY;
  if (has_extension(client, "EGL_MESA_platform_surfaceless")) {
    display = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  }
  if (display == EGL_NO_DISPLAY) {
    throw std::runtime_error("EGL: no surfaceless display (is Mesa's libegl1-mesa installed?)");
  }
  EGLint major = 0, minor = 0;
  if (eglInitialize(display, &major, &minor) != EGL_TRUE) {
    throw std::runtime_error("EGL: eglInitialize failed");
  }
  if (eglBindAPI(EGL_OPENGL_API) != EGL_TRUE) {
    eglTerminate(display);
    throw std::runtime_error("EGL: desktop OpenGL is not available");
  }
  const EGLint attributes[] = {EGL_CONTEXT_MAJOR_VERSION,
                               3,
                               EGL_CONTEXT_MINOR_VERSION,
                               3,
                               EGL_CONTEXT_OPENGL_PROFILE_MASK,
                               EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                               EGL_NONE};
  // EGL_KHR_no_config_context + surfaceless: no config, no surface.
  EGLContext context = eglCreateContext(display, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attributes);
  if (context == EGL_NO_CONTEXT) {
    eglTerminate(display);
    throw std::runtime_error("EGL: cannot create an OpenGL 3.3 core context");
  }
  if (eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context) != EGL_TRUE) {
    eglDestroyContext(display, context);
    eglTerminate(display);
    throw std::runtime_error("EGL: cannot make the context current");
  }
  display_ = display;
  context_ = context;
  gl::keep_driver_loaded();
}

HeadlessContext::~HeadlessContext() {
  auto display = static_cast<EGLDisplay>(display_);
  eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(display, static_cast<EGLContext>(context_));
  eglTerminate(display);
}

std::string HeadlessContext::renderer() const {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return r != nullptr ? r : "";
}

}  // namespace peviz::gl
