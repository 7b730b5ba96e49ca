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

// Under AddressSanitizer (scripts/sanitize): keeps Mesa's driver loaded to the end of the
// process. Mesa unloads it when the last context goes, before LeakSanitizer looks, and
// the driver's allocations then leak from an "<unknown module>" no suppression can name.
// Call with a context current; does nothing in other builds.
void keep_driver_loaded();

}  // namespace peviz::gl
