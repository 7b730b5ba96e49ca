#include "text_audit.hpp"

#include <algorithm>

namespace peviz::plot {

std::string TextProblem::describe() const {
  switch (kind) {
    case Kind::Cut:
      return "cut off: \"" + text + "\"";
    case Kind::Shortened:
      return "shortened: \"" + text + "\"";
    case Kind::Overlap:
      return "\"" + text + "\" runs into \"" + other + "\"";
  }
  return "";
}

void TextAudit::text(const std::string& text, Rect box, Rect bounds) {
  if (text.find_first_not_of(' ') == std::string::npos) return;
  texts_.push_back({text, box, bounds});
}

std::vector<TextProblem> TextAudit::problems() const {
  std::vector<TextProblem> out;
  for (const std::string& s : shortened_) out.push_back({TextProblem::Kind::Shortened, s, "", {}});
  constexpr float kSlack = 1.0f;  // a pixel of anti-aliasing over the edge is no cut
  for (const Entry& e : texts_) {
    const Rect& b = e.bounds;
    if (e.box.x0 < b.x0 - kSlack || e.box.x1 > b.x1 + kSlack || e.box.y0 < b.y0 - kSlack ||
        e.box.y1 > b.y1 + kSlack) {
      out.push_back({TextProblem::Kind::Cut, e.text, "", e.box});
    }
  }
  // Overlaps, by a sweep over x (a figure draws a few hundred texts).
  std::vector<const Entry*> order;
  for (const Entry& e : texts_) order.push_back(&e);
  std::sort(order.begin(), order.end(),
            [](const Entry* a, const Entry* b) { return a->box.x0 < b->box.x0; });
  constexpr float kTouch = 2.0f;  // boxes of neighbouring glyph runs touch by a pixel or two
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Rect& a = order[i]->box;
    for (std::size_t j = i + 1; j < order.size() && order[j]->box.x0 < a.x1 - kTouch; ++j) {
      const Rect& c = order[j]->box;
      const float w = std::min(a.x1, c.x1) - std::max(a.x0, c.x0);
      const float h = std::min(a.y1, c.y1) - std::max(a.y0, c.y0);
      if (w > kTouch && h > kTouch) {
        out.push_back({TextProblem::Kind::Overlap, order[i]->text, order[j]->text, a});
      }
    }
  }
  return out;
}

void AuditCanvas::text(Vec2 at, const std::string& text, Color color, float size, bool bold,
                       float align_x, float align_y, bool vertical) {
  target_.text(at, text, color, size, bold, align_x, align_y, vertical);
  if (text.empty()) return;
  const Vec2 s = target_.text_size(text, size, bold);
  // The box the canvases draw into (ImGuiCanvas::text): upright from its top-left corner,
  // vertical turned about its foot.
  Rect box;
  if (!vertical) {
    box.x0 = at.x - s.x * align_x;
    box.y0 = at.y - s.y * align_y;
    box.x1 = box.x0 + s.x;
    box.y1 = box.y0 + s.y;
  } else {
    box.x0 = at.x - align_x * s.y;
    box.y1 = at.y - align_y * s.x + s.x;
    box.x1 = box.x0 + s.y;
    box.y0 = box.y1 - s.x;
  }
  audit_.text(text, box, clips_.back());
}

void AuditCanvas::push_clip(Rect r) {
  target_.push_clip(r);
  clips_.push_back(r);
}

void AuditCanvas::pop_clip() {
  target_.pop_clip();
  if (clips_.size() > 1) clips_.pop_back();
}

}  // namespace peviz::plot
