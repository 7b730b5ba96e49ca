#include "soft_raster.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace peviz::soft {
namespace {

// Vertices snap to 1/256 pixel (llvmpipe's FIXED_ORDER 8). Coverage is decided on
// these snapped coordinates held in doubles: every product of the edge functions is
// an integer below 2^53 for pictures up to 16384 pixels, so the tests are exact.
constexpr double kOne = 256.0;
constexpr double kHalf = 128.0;
// llvmpipe draws into an FBO with GL's y up; ImGui's y points down, so GL's "top"
// edges are ImGui's bottom edges: a horizontal edge through pixel centres belongs to
// the triangle above it (checked against llvmpipe in soft_vs_gl_test).
constexpr bool kBottomEdgesInside = true;

// Clip box in pixels: [x0, x1) x [y0, y1).
struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// a * b / 255 rounded to nearest (exact for bytes), as GPUs blend 8-bit channels.
inline unsigned mul255(unsigned a, unsigned b) {
  const unsigned t = a * b + 128;
  return (t + (t >> 8)) >> 8;
}

inline unsigned to_byte(float v) {
  return static_cast<unsigned>(std::clamp(v, 0.0f, 255.0f) + 0.5f);
}

// dst = src * As + dst * (1 - As) for colour, As + Ad (1 - As) for alpha.
inline void blend(std::uint8_t* d, unsigned r, unsigned g, unsigned b, unsigned a) {
  if (a == 255) {
    d[0] = static_cast<std::uint8_t>(r);
    d[1] = static_cast<std::uint8_t>(g);
    d[2] = static_cast<std::uint8_t>(b);
    d[3] = 255;
    return;
  }
  if (a == 0) return;
  const unsigned ia = 255 - a;
  d[0] = static_cast<std::uint8_t>(mul255(r, a) + mul255(d[0], ia));
  d[1] = static_cast<std::uint8_t>(mul255(g, a) + mul255(d[1], ia));
  d[2] = static_cast<std::uint8_t>(mul255(b, a) + mul255(d[2], ia));
  d[3] = static_cast<std::uint8_t>(a + mul255(d[3], ia));
}

struct Rgba {
  unsigned r = 255, g = 255, b = 255, a = 255;
};

Rgba unpack(ImU32 c) {
  return {c >> IM_COL32_R_SHIFT & 0xFF, c >> IM_COL32_G_SHIFT & 0xFF, c >> IM_COL32_B_SHIFT & 0xFF,
          c >> IM_COL32_A_SHIFT & 0xFF};
}

// One texture axis at a pixel: GL_LINEAR with clamp-to-edge, with the 8-bit
// fractional weights of llvmpipe's unorm8 sampling.
struct Tap {
  int i0 = 0, i1 = 0;  // texel indices along the axis
  unsigned w = 0;      // weight of i1, 0..255
};

Tap tap(float coord, int size) {
  // Texel centres sit at (i + 0.5) / size.
  const float pos = std::clamp(coord * static_cast<float>(size) - 0.5f, -2.0f, size + 1.0f);
  const int fixed = static_cast<int>(std::floor(pos * 256.0f));
  const int i = fixed >> 8;
  return {std::clamp(i, 0, size - 1), std::clamp(i + 1, 0, size - 1),
          static_cast<unsigned>(fixed & 255)};
}

inline unsigned lerp2(unsigned p00, unsigned p01, unsigned p10, unsigned p11, unsigned wc,
                      unsigned wr) {
  const unsigned top = p00 * (256 - wc) + p01 * wc;
  const unsigned bottom = p10 * (256 - wc) + p11 * wc;
  return (top * (256 - wr) + bottom * wr + 32768) >> 16;
}

// The texel (bilinear) at texture coordinates (u, v): RGBA bytes; white where there
// is no texture, white with the atlas's alpha for alpha-only textures.
Rgba sample(const Texture* t, float u, float v) {
  if (t == nullptr || t->pixels == nullptr) return {};
  const Tap x = tap(u, t->width), y = tap(v, t->height);
  const int n = t->channels;
  const std::size_t stride = static_cast<std::size_t>(t->width) * n;
  const std::uint8_t* r0 = t->pixels + y.i0 * stride;
  const std::uint8_t* r1 = t->pixels + y.i1 * stride;
  const std::size_t c0 = static_cast<std::size_t>(x.i0) * n,
                    c1 = static_cast<std::size_t>(x.i1) * n;
  if (n == 1) return {255, 255, 255, lerp2(r0[c0], r0[c1], r1[c0], r1[c1], x.w, y.w)};
  Rgba out;
  out.r = lerp2(r0[c0], r0[c1], r1[c0], r1[c1], x.w, y.w);
  out.g = lerp2(r0[c0 + 1], r0[c1 + 1], r1[c0 + 1], r1[c1 + 1], x.w, y.w);
  out.b = lerp2(r0[c0 + 2], r0[c1 + 2], r1[c0 + 2], r1[c1 + 2], x.w, y.w);
  out.a = lerp2(r0[c0 + 3], r0[c1 + 3], r1[c0 + 3], r1[c1 + 3], x.w, y.w);
  return out;
}

// Vertex colour (bytes) times texel (bytes), as the backend's fragment shader does.
inline Rgba modulate(Rgba c, Rgba t) {
  return {mul255(c.r, t.r), mul255(c.g, t.g), mul255(c.b, t.b), mul255(c.a, t.a)};
}

// An attribute interpolated linearly over the triangle, about vertex 0's position.
struct Plane {
  float f0 = 0.0f, dx = 0.0f, dy = 0.0f;
  float at(float x, float y) const { return f0 + dx * x + dy * y; }
};

struct Gradient {
  float x0, y0;  // vertex 0
  float e1x, e1y, e2x, e2y, inv_det;
  Plane plane(float f0, float f1, float f2) const {
    const float d1 = f1 - f0, d2 = f2 - f0;
    return {f0, (d1 * e2y - d2 * e1y) * inv_det, (d2 * e1x - d1 * e2x) * inv_det};
  }
};

// Edge function E(X, Y) = a X + b Y + c over snapped coordinates, >= 0 inside;
// `bias` is 0 when points on the edge are inside, 1 when they are not.
struct Edge {
  double a = 0, b = 0, c = 0, bias = 0;
};

Edge make_edge(double ax, double ay, double bx, double by) {
  Edge e;
  e.a = ay - by;
  e.b = bx - ax;
  e.c = -(e.a * ax + e.b * ay);
  const bool inside = e.a > 0 || (e.a == 0 && (kBottomEdgesInside ? e.b < 0 : e.b > 0));
  e.bias = inside ? 0.0 : 1.0;
  return e;
}

inline double snap(float v) {
  return std::nearbyint(static_cast<double>(v) * kOne);
}

// The pixel rows whose centres Y = py * 256 + 128 satisfy lo <= Y (or lo < Y) and Y <= hi
// (or Y < hi).
int first_centre(double lo, bool inclusive) {
  return static_cast<int>(
      std::clamp(std::ceil((lo - kHalf + (inclusive ? 0.0 : 1.0)) / kOne), -1e9, 1e9));
}
int last_centre(double hi, bool inclusive) {
  return static_cast<int>(
      std::clamp(std::floor((hi - kHalf - (inclusive ? 0.0 : 1.0)) / kOne), -1e9, 1e9));
}

struct Raster {
  const Target& target;
  std::vector<unsigned> col_w;
  std::vector<std::size_t> col_off0, col_off1;

  std::uint8_t* row_ptr(int py) const {
    return target.rgba + (static_cast<std::size_t>(py) * target.width) * 4;
  }

  void fill(int py, int x0, int x1, Rgba s) const {
    std::uint8_t* d = row_ptr(py) + static_cast<std::size_t>(x0) * 4;
    if (s.a == 255) {
      const std::uint8_t px[4] = {static_cast<std::uint8_t>(s.r), static_cast<std::uint8_t>(s.g),
                                  static_cast<std::uint8_t>(s.b), 255};
      for (int x = x0; x < x1; ++x, d += 4) std::memcpy(d, px, 4);
      return;
    }
    if (s.a == 0) return;
    // Constant source: its share s * As is the same for every pixel.
    const unsigned ia = 255 - s.a;
    const unsigned sr = mul255(s.r, s.a), sg = mul255(s.g, s.a), sb = mul255(s.b, s.a);
    for (int x = x0; x < x1; ++x, d += 4) {
      d[0] = static_cast<std::uint8_t>(sr + mul255(d[0], ia));
      d[1] = static_cast<std::uint8_t>(sg + mul255(d[1], ia));
      d[2] = static_cast<std::uint8_t>(sb + mul255(d[2], ia));
      d[3] = static_cast<std::uint8_t>(s.a + mul255(d[3], ia));
    }
  }

  void triangle(const ImDrawVert& v0, const ImDrawVert& v1, const ImDrawVert& v2,
                const Texture* tex, const Box& clip);
  bool quad(const ImDrawVert* q[4], const Texture* tex, const Box& clip);
  void textured_box(const Box& box, const Texture* tex, Rgba colour, float u0, float v0, float dudx,
                    float dudy, float dvdx, float dvdy, float ox, float oy);
};

void Raster::triangle(const ImDrawVert& p0, const ImDrawVert& p1, const ImDrawVert& p2,
                      const Texture* tex, const Box& clip) {
  const ImDrawVert* v[3] = {&p0, &p1, &p2};
  for (const ImDrawVert* p : v) {
    if (!std::isfinite(p->pos.x) || !std::isfinite(p->pos.y)) return;
  }
  double X[3], Y[3];
  for (int i = 0; i < 3; ++i) {
    X[i] = snap(v[i]->pos.x);
    Y[i] = snap(v[i]->pos.y);
  }
  const double area = (X[1] - X[0]) * (Y[2] - Y[0]) - (Y[1] - Y[0]) * (X[2] - X[0]);
  if (area == 0.0) return;
  if (area < 0.0) {  // either winding is drawn (no culling): make the inside positive
    std::swap(X[1], X[2]);
    std::swap(Y[1], Y[2]);
    std::swap(v[1], v[2]);
  }
  const Edge e[3] = {make_edge(X[0], Y[0], X[1], Y[1]), make_edge(X[1], Y[1], X[2], Y[2]),
                     make_edge(X[2], Y[2], X[0], Y[0])};
  const double ylo = std::min({Y[0], Y[1], Y[2]}), yhi = std::max({Y[0], Y[1], Y[2]});
  const int py0 = std::max(clip.y0, first_centre(ylo, true));
  const int py1 = std::min(clip.y1 - 1, last_centre(yhi, true));
  if (py0 > py1) return;

  // What to paint: one colour, interpolated colours, or interpolated texture coordinates.
  const ImDrawVert &a = *v[0], &b = *v[1], &c = *v[2];
  const bool same_uv = a.uv.x == b.uv.x && a.uv.x == c.uv.x && a.uv.y == b.uv.y && a.uv.y == c.uv.y;
  const bool same_col = a.col == b.col && a.col == c.col;
  Gradient g{a.pos.x,           a.pos.y, b.pos.x - a.pos.x, b.pos.y - a.pos.y, c.pos.x - a.pos.x,
             c.pos.y - a.pos.y, 0.0f};
  const float det = g.e1x * g.e2y - g.e2x * g.e1y;
  g.inv_det = det != 0.0f ? 1.0f / det : 0.0f;
  const Rgba ca = unpack(a.col), cb = unpack(b.col), cc = unpack(c.col);
  const Rgba flat_tex = same_uv ? sample(tex, a.uv.x, a.uv.y) : Rgba{};
  const Rgba flat = modulate(ca, flat_tex);
  Plane col[4], uv[2];
  if (!same_col) {
    col[0] = g.plane(static_cast<float>(ca.r), static_cast<float>(cb.r), static_cast<float>(cc.r));
    col[1] = g.plane(static_cast<float>(ca.g), static_cast<float>(cb.g), static_cast<float>(cc.g));
    col[2] = g.plane(static_cast<float>(ca.b), static_cast<float>(cb.b), static_cast<float>(cc.b));
    col[3] = g.plane(static_cast<float>(ca.a), static_cast<float>(cb.a), static_cast<float>(cc.a));
  }
  if (!same_uv) {
    uv[0] = g.plane(a.uv.x, b.uv.x, c.uv.x);
    uv[1] = g.plane(a.uv.y, b.uv.y, c.uv.y);
  }

  for (int py = py0; py <= py1; ++py) {
    const double yc = py * kOne + kHalf;
    double lo = clip.x0, hi = clip.x1 - 1;
    for (const Edge& ed : e) {
      const double k = ed.a * kHalf + ed.b * yc + ed.c;  // E at the centre of column 0
      const double step = ed.a * kOne;
      if (step > 0) {
        lo = std::max(lo, std::ceil((ed.bias - k) / step));
      } else if (step < 0) {
        hi = std::min(hi, std::floor((k - ed.bias) / -step));
      } else if (k < ed.bias) {
        hi = lo - 1;
      }
    }
    if (lo > hi) continue;
    const int x0 = static_cast<int>(lo), x1 = static_cast<int>(hi) + 1;
    if (same_col && same_uv) {
      fill(py, x0, x1, flat);
      continue;
    }
    std::uint8_t* d = row_ptr(py) + static_cast<std::size_t>(x0) * 4;
    const float fy = static_cast<float>(py) + 0.5f - g.y0;
    for (int x = x0; x < x1; ++x, d += 4) {
      const float fx = static_cast<float>(x) + 0.5f - g.x0;
      Rgba vc = ca;
      if (!same_col) {
        vc = {to_byte(col[0].at(fx, fy)), to_byte(col[1].at(fx, fy)), to_byte(col[2].at(fx, fy)),
              to_byte(col[3].at(fx, fy))};
      }
      const Rgba t = same_uv ? flat_tex : sample(tex, uv[0].at(fx, fy), uv[1].at(fx, fy));
      const Rgba s = modulate(vc, t);
      blend(d, s.r, s.g, s.b, s.a);
    }
  }
}

// Two triangles (a, b, c), (a, c, d) that make an axis-aligned rectangle of one colour
// with an affine texture mapping, as ImGui's PrimRect, PrimRectUV and PrimQuadUV emit:
// filled as one box. False when the quad is not one (the triangles are drawn instead).
bool Raster::quad(const ImDrawVert* q[4], const Texture* tex, const Box& clip) {
  const ImU32 col = q[0]->col;
  if (q[1]->col != col || q[2]->col != col || q[3]->col != col) return false;
  const ImVec2 p0 = q[0]->pos, p1 = q[1]->pos, p2 = q[2]->pos, p3 = q[3]->pos;
  const bool across = p0.y == p1.y && p1.x == p2.x && p2.y == p3.y && p3.x == p0.x;  // a->b along x
  const bool down = p0.x == p1.x && p1.y == p2.y && p2.x == p3.x && p3.y == p0.y;    // a->b along y
  if (!across && !down) return false;
  for (const ImDrawVert* v : {q[0], q[2]}) {
    if (!std::isfinite(v->pos.x) || !std::isfinite(v->pos.y)) return false;
  }
  // The texture coordinates must be a parallelogram too, for one affine map over both triangles.
  const ImVec2 t0 = q[0]->uv, t1 = q[1]->uv, t2 = q[2]->uv, t3 = q[3]->uv;
  if (t0.x + t2.x != t1.x + t3.x || t0.y + t2.y != t1.y + t3.y) return false;
  const double xa = snap(std::min(p0.x, p2.x)), xb = snap(std::max(p0.x, p2.x));
  const double ya = snap(std::min(p0.y, p2.y)), yb = snap(std::max(p0.y, p2.y));
  if (xa == xb || ya == yb) return true;  // no area: nothing to draw
  // Left edges inside, right ones not; top and bottom by the tie rule.
  Box box;
  box.x0 = std::max(clip.x0, first_centre(xa, true));
  box.x1 = std::min(clip.x1, last_centre(xb, false) + 1);
  box.y0 = std::max(clip.y0, first_centre(ya, !kBottomEdgesInside));
  box.y1 = std::min(clip.y1, last_centre(yb, kBottomEdgesInside) + 1);
  if (box.empty()) return true;
  const Rgba colour = unpack(col);
  if (t0.x == t2.x && t0.y == t2.y && t1.x == t3.x && t1.y == t3.y && t0.x == t1.x &&
      t0.y == t1.y) {
    const Rgba s = modulate(colour, sample(tex, t0.x, t0.y));
    for (int y = box.y0; y < box.y1; ++y) fill(y, box.x0, box.x1, s);
    return true;
  }
  // Texture coordinate gradients: a->b is one axis, a->d the other.
  float dudx, dvdx, dudy, dvdy;
  if (across) {
    const float sx = p1.x - p0.x, sy = p3.y - p0.y;
    dudx = (t1.x - t0.x) / sx;
    dvdx = (t1.y - t0.y) / sx;
    dudy = (t3.x - t0.x) / sy;
    dvdy = (t3.y - t0.y) / sy;
  } else {
    const float sy = p1.y - p0.y, sx = p3.x - p0.x;
    dudy = (t1.x - t0.x) / sy;
    dvdy = (t1.y - t0.y) / sy;
    dudx = (t3.x - t0.x) / sx;
    dvdx = (t3.y - t0.y) / sx;
  }
  textured_box(box, tex, colour, t0.x, t0.y, dudx, dudy, dvdx, dvdy, p0.x, p0.y);
  return true;
}

// A box of constant vertex colour whose texture coordinates are u = u0 + dudx (x - ox) +
// dudy (y - oy) and likewise v. When each texture axis follows one screen axis (images,
// glyphs, upright or turned) the bilinear taps of every column are computed once.
void Raster::textured_box(const Box& box, const Texture* tex, Rgba colour, float u0, float v0,
                          float dudx, float dudy, float dvdx, float dvdy, float ox, float oy) {
  const auto u_at = [&](float x, float y) { return u0 + dudx * (x - ox) + dudy * (y - oy); };
  const auto v_at = [&](float x, float y) { return v0 + dvdx * (x - ox) + dvdy * (y - oy); };
  const bool upright = dudy == 0.0f && dvdx == 0.0f;
  const bool turned = dudx == 0.0f && dvdy == 0.0f;
  if (tex == nullptr || tex->pixels == nullptr || (!upright && !turned)) {
    for (int y = box.y0; y < box.y1; ++y) {
      std::uint8_t* d = row_ptr(y) + static_cast<std::size_t>(box.x0) * 4;
      const float fy = static_cast<float>(y) + 0.5f;
      for (int x = box.x0; x < box.x1; ++x, d += 4) {
        const float fx = static_cast<float>(x) + 0.5f;
        const Rgba s = modulate(colour, sample(tex, u_at(fx, fy), v_at(fx, fy)));
        blend(d, s.r, s.g, s.b, s.a);
      }
    }
    return;
  }
  const int n = tex->channels;
  const std::size_t stride = static_cast<std::size_t>(tex->width) * n;
  // Byte offsets of the two taps along the texture axis that follows x (per column) and
  // the one that follows y (per row).
  const int w = box.x1 - box.x0;
  col_off0.resize(w);
  col_off1.resize(w);
  col_w.resize(w);
  for (int i = 0; i < w; ++i) {
    const float fx = static_cast<float>(box.x0 + i) + 0.5f;
    const Tap t = upright ? tap(u_at(fx, oy), tex->width) : tap(v_at(fx, oy), tex->height);
    col_off0[i] = upright ? static_cast<std::size_t>(t.i0) * n : t.i0 * stride;
    col_off1[i] = upright ? static_cast<std::size_t>(t.i1) * n : t.i1 * stride;
    col_w[i] = t.w;
  }
  const bool white = colour.r == 255 && colour.g == 255 && colour.b == 255 && colour.a == 255;
  for (int y = box.y0; y < box.y1; ++y) {
    const float fy = static_cast<float>(y) + 0.5f;
    const Tap t = upright ? tap(v_at(ox, fy), tex->height) : tap(u_at(ox, fy), tex->width);
    const std::uint8_t* r0 =
        tex->pixels + (upright ? t.i0 * stride : static_cast<std::size_t>(t.i0) * n);
    const std::uint8_t* r1 =
        tex->pixels + (upright ? t.i1 * stride : static_cast<std::size_t>(t.i1) * n);
    const unsigned wr = t.w;
    std::uint8_t* d = row_ptr(y) + static_cast<std::size_t>(box.x0) * 4;
    if (n == 1) {
      for (int i = 0; i < w; ++i, d += 4) {
        const std::size_t a = col_off0[i], b = col_off1[i];
        const unsigned texel = lerp2(r0[a], r0[b], r1[a], r1[b], col_w[i], wr);
        blend(d, colour.r, colour.g, colour.b, mul255(colour.a, texel));
      }
      continue;
    }
    for (int i = 0; i < w; ++i, d += 4) {
      const std::uint8_t* a0 = r0 + col_off0[i];
      const std::uint8_t* b0 = r0 + col_off1[i];
      const std::uint8_t* a1 = r1 + col_off0[i];
      const std::uint8_t* b1 = r1 + col_off1[i];
      const unsigned wc = col_w[i];
      Rgba s{lerp2(a0[0], b0[0], a1[0], b1[0], wc, wr), lerp2(a0[1], b0[1], a1[1], b1[1], wc, wr),
             lerp2(a0[2], b0[2], a1[2], b1[2], wc, wr), lerp2(a0[3], b0[3], a1[3], b1[3], wc, wr)};
      if (!white) s = modulate(colour, s);
      blend(d, s.r, s.g, s.b, s.a);
    }
  }
}

// The backend's scissor box of a clip rectangle: glScissor((int)min.x, (int)(H - max.y),
// (int)(max.x - min.x), (int)(max.y - min.y)), in rows counted from the top.
Box scissor(const ImVec4& r, ImVec2 offset, int height) {
  const auto whole = [](float v) { return static_cast<int>(std::clamp(v, -1e9f, 1e9f)); };
  const float x0 = r.x - offset.x, y0 = r.y - offset.y, x1 = r.z - offset.x, y1 = r.w - offset.y;
  if (!(x1 > x0) || !(y1 > y0)) return {};
  const int sx = whole(x0), sw = whole(x1 - x0);
  const int sy = whole(static_cast<float>(height) - y1), sh = whole(y1 - y0);
  return {sx, height - (sy + sh), sx + sw, height - sy};
}

}  // namespace

void rasterise(const ImDrawData& data, const Target& target) {
  Raster raster{target, {}, {}, {}};
  const Box frame{0, std::max(0, target.row0), target.width, std::min(target.height, target.row1)};
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr || cmd.ElemCount == 0) continue;
      Box clip = scissor(cmd.ClipRect, data.DisplayPos, target.height);
      clip = {std::max(clip.x0, frame.x0), std::max(clip.y0, frame.y0), std::min(clip.x1, frame.x1),
              std::min(clip.y1, frame.y1)};
      if (clip.empty()) continue;
      const Texture* tex = reinterpret_cast<const Texture*>(cmd.TextureId);
      const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const unsigned count = cmd.ElemCount;
      for (unsigned i = 0; i + 2 < count; i += 3) {
        if (i + 5 < count && idx[i + 3] == idx[i] && idx[i + 4] == idx[i + 2]) {
          const ImDrawVert* q[4] = {&vtx[idx[i]], &vtx[idx[i + 1]], &vtx[idx[i + 2]],
                                    &vtx[idx[i + 5]]};
          if (raster.quad(q, tex, clip)) {
            i += 3;
            continue;
          }
        }
        raster.triangle(vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]], tex, clip);
      }
    }
  }
}

void unpremultiply(std::uint8_t* rgba, std::size_t pixel_count) {
  for (std::size_t i = 0; i < pixel_count; ++i, rgba += 4) {
    const unsigned a = rgba[3];
    if (a == 255) continue;
    if (a == 0) {
      std::memset(rgba, 0, 4);
      continue;
    }
    for (int c = 0; c < 3; ++c)
      rgba[c] = static_cast<std::uint8_t>(std::min(255u, (rgba[c] * 255u + a / 2) / a));
  }
}

}  // namespace peviz::soft
