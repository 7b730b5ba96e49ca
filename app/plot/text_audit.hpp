// What a lecture hall must never see: text cut off by its box, shortened with an ellipsis,
// or drawn over other text. A TextAudit collects every text box of a drawing (the figure's,
// the lesson column's) with the box it must stay in; problems() names each fault. The
// window's --tour fails on any, at every size and text scale it runs at.
#pragma once

#include <string>
#include <vector>

#include "canvas.hpp"

namespace peviz::plot {

struct TextProblem {
  enum class Kind { Cut, Shortened, Overlap } kind = Kind::Cut;
  std::string text;
  std::string other;  // Overlap: the text it runs into
  Rect box;
  std::string describe() const;
};

class TextAudit {
 public:
  void clear() {
    texts_.clear();
    shortened_.clear();
  }
  // A text drawn in `box` that must stay inside `bounds`.
  void text(const std::string& text, Rect box, Rect bounds);
  // A text that did not fit and was shortened to an ellipsis.
  void shortened(const std::string& full) { shortened_.push_back(full); }
  // Every text cut by more than a pixel, shortened, or overlapping another by more than
  // two pixels both ways (glyph boxes of neighbours touch; that is not an overlap).
  std::vector<TextProblem> problems() const;
  std::size_t size() const { return texts_.size(); }

 private:
  struct Entry {
    std::string text;
    Rect box, bounds;
  };
  std::vector<Entry> texts_;
  std::vector<std::string> shortened_;
};

// A Canvas that passes everything to another and tells the audit where each text lands,
// within the clip box in force.
class AuditCanvas : public Canvas {
 public:
  AuditCanvas(Canvas& target, TextAudit& audit, Rect bounds) : target_(target), audit_(audit) {
    clips_.push_back(bounds);
  }
  void line(Vec2 a, Vec2 b, Color c, float w) override { target_.line(a, b, c, w); }
  void polyline(const std::vector<Vec2>& p, Color c, float w) override {
    target_.polyline(p, c, w);
  }
  void convex_fill(const std::vector<Vec2>& p, Color c) override { target_.convex_fill(p, c); }
  void rect(Rect r, Color c, float w) override { target_.rect(r, c, w); }
  void rect_fill(Rect r, Color c) override { target_.rect_fill(r, c); }
  void circle(Vec2 o, float r, Color c, float w) override { target_.circle(o, r, c, w); }
  void circle_fill(Vec2 o, float r, Color c) override { target_.circle_fill(o, r, c); }
  void text(Vec2 at, const std::string& text, Color color, float size, bool bold, float align_x,
            float align_y, bool vertical) override;
  Vec2 text_size(const std::string& text, float size, bool bold) override {
    return target_.text_size(text, size, bold);
  }
  void heatmap(Rect dst, const HeatmapLayer& layer, CellRange cells) override {
    target_.heatmap(dst, layer, cells);
  }
  void colorbar(Rect dst, ColormapId map, bool vertical) override {
    target_.colorbar(dst, map, vertical);
  }
  void push_clip(Rect r) override;
  void pop_clip() override;
  void shortened(const std::string& full) override { audit_.shortened(full); }

 private:
  Canvas& target_;
  TextAudit& audit_;
  std::vector<Rect> clips_;
};

}  // namespace peviz::plot
