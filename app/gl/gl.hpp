// The GL entry point for the app: libepoxy resolves functions for GLX (the window)
// and EGL (headless) contexts alike. Include this, never <GL/gl.h>.
#pragma once

#include <epoxy/gl.h>

#include <string>

namespace peviz::gl {

// "GL_INVALID_OPERATION" etc. for glGetError codes.
const char* error_name(GLenum error);
// Drains glGetError; returns "" when there was none, else the names joined by ", ".
std::string take_errors();

}  // namespace peviz::gl
