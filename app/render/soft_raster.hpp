// A software rasteriser of Dear ImGui's draw data into RGBA8 pixels: what ImGui's
// OpenGL3 backend asks of the GPU, done on the CPU with the same rules, so that a
// picture drawn here matches the one Mesa's llvmpipe draws (see soft_vs_gl_test):
//   - coverage: a pixel is drawn when its centre is inside the triangle; vertices
//     snap to 1/256 pixel and edges through a centre follow llvmpipe's tie rule for
//     framebuffer objects (left edges and, in ImGui's y-down coordinates, bottom
//     edges are inside: GL's top-left rule seen through the FBO's flipped y);
//   - colour: vertex colours interpolated linearly times the texture, sampled
//     bilinearly with clamp-to-edge (GL_LINEAR, as the backend and our textures use);
//   - clip rectangles: GL scissor boxes, truncated to whole pixels as the backend does;
//   - blending: glBlendFuncSeparate(SRC_ALPHA, ONE_MINUS_SRC_ALPHA, ONE,
//     ONE_MINUS_SRC_ALPHA) on 8-bit channels, each product rounded.
// Triangles are filled span by span (exact edge functions per row); solid-colour
// triangles, axis-aligned quads (rectangles, glyphs, images) and images whose texels
// map separably onto pixels take faster paths.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>

namespace peviz::soft {

// A texture the rasteriser samples; its address is the ImTextureID ImGui carries.
struct Texture {
  int width = 0, height = 0;
  int channels = 4;                      // 4: RGBA8; 1: alpha only, white (ImGui's font atlas)
  const std::uint8_t* pixels = nullptr;  // rows top first, tightly packed
};

inline ImTextureID texture_id(const Texture& t) {
  return reinterpret_cast<ImTextureID>(const_cast<Texture*>(&t));
}

// Where the rasteriser draws: width x height RGBA8 pixels, top row first. Only rows
// [row0, row1) are written, so that bands of one picture can be drawn on several threads.
struct Target {
  std::uint8_t* rgba = nullptr;
  int width = 0, height = 0;
  int row0 = 0, row1 = 0;
};

// Draws every command of `data` (whose textures are all Texture*) onto `target`,
// blending over what is there.
void rasterise(const ImDrawData& data, const Target& target);

// The blend function leaves colours multiplied by their alpha when drawing starts
// from transparent black (C = Cs As + Cd (1 - As) keeps C = c A): this divides them
// out again (straight alpha, as PNG stores it). Pixels with alpha 0 become 0, 0, 0, 0.
void unpremultiply(std::uint8_t* rgba, std::size_t pixel_count);

}  // namespace peviz::soft
