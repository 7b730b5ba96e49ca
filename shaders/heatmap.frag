#version 330 core
// Colours one value per texel through a colormap lookup texture.
uniform sampler2D values;    // R32F, one texel per cell, sampled NEAREST
uniform sampler2D colormap;  // RGBA8, lut_size x 1, sampled LINEAR
uniform float value_lo;      // value mapped to the first colormap entry
uniform float value_hi;      // value mapped to the last colormap entry
uniform float lut_size;      // number of colormap entries
in vec2 uv;
out vec4 color;
void main() {
  float v = texture(values, uv).r;
  float t = clamp((v - value_lo) / max(value_hi - value_lo, 1e-30), 0.0, 1.0);
  // Sample entry centres: t = 0 hits entry 0, t = 1 hits entry lut_size - 1.
  float s = (t * (lut_size - 1.0) + 0.5) / lut_size;
  color = vec4(texture(colormap, vec2(s, 0.5)).rgb, 1.0);
}
