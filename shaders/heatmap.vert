#version 330 core
// A quad covering the viewport, drawn as a 4-vertex triangle strip without buffers.
// uv spans the visible data window [uv_min, uv_max] of the value texture.
uniform vec2 uv_min;
uniform vec2 uv_max;
out vec2 uv;
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  uv = mix(uv_min, uv_max, corner);
  // corner.y = 0 is the top row of the picture: texture row 0 (the first position) on top.
  gl_Position = vec4(corner.x * 2.0 - 1.0, 1.0 - corner.y * 2.0, 0.0, 1.0);
}
