#include "pdf_deck.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/export/atomic_file.hpp"
#include "app/export/pdf_canvas.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/render/picture.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

constexpr float kBody = 20.0f;  // the body text's size at scale 1 (load_fonts)

// Where a page's parts go, in logical pixels (points) for a body text of `f` px.
struct PageGeometry {
  plot::Rect title, figure, text;
  float title_size = 0.0f;
  float footer_size = 0.0f;
  plot::Vec2 footer_at;  // its right end, bottom
};

PageGeometry geometry(float width, float height, float f, bool with_text) {
  PageGeometry g;
  const float margin = 0.8f * f;  // the figure's own (draw_picture): titles align
  g.title_size = 1.6f * f;
  g.title = {margin, 0.8f * f, width - margin, 0.8f * f + 1.2f * g.title_size};
  const float top = g.title.y1 + 0.4f * f;
  const float bottom = height - 1.6f * f;  // the footer's line
  const float split = with_text ? std::round(0.6f * width) : width;
  g.figure = {0.0f, top, split, bottom};
  // The figure's own margin is 0.8 font sizes (draw_picture): the text starts level with it.
  g.text = {split + 0.4f * f, top + 0.8f * f, width - margin, bottom};
  g.footer_size = 0.75f * f;
  g.footer_at = {width - margin, height - 0.6f * f};
  return g;
}

// A piece of text between spaces in one style; `glued` when no space comes before it
// (it stays on the line of the piece before: "**bold**," is two pieces, one word).
struct Piece {
  std::string text;
  FontStyle style = FontStyle::Regular;
  bool glued = false;
};

FontStyle style_of(const DeckSpan& s) {
  if (s.bold) return s.italic ? FontStyle::BoldItalic : FontStyle::Bold;
  return s.italic ? FontStyle::Italic : FontStyle::Regular;
}

std::vector<Piece> pieces_of(const std::vector<DeckSpan>& spans) {
  std::vector<Piece> out;
  bool space = true;  // a space before the next piece
  for (const DeckSpan& span : spans) {
    std::string word;
    const auto flush = [&] {
      if (word.empty()) return;
      out.push_back({word, style_of(span), !space && !out.empty()});
      word.clear();
      space = false;
    };
    for (char c : span.text) {
      if (c == ' ' || c == '\t' || c == '\n') {
        flush();
        space = true;
      } else {
        word += c;
      }
    }
    flush();
  }
  return out;
}

// A piece placed on the page.
struct Placed {
  plot::Vec2 top_left;
  std::string text;
  FontStyle style = FontStyle::Regular;
  float size = 0.0f;
  bool muted = false;
};

// The blocks wrapped into `box` with every size times `k`; returns the pieces and sets
// `bottom` to where the text ends.
std::vector<Placed> wrap(const std::vector<DeckBlock>& blocks, plot::Rect box, float f, float k,
                         const TextLayout& text, float& bottom) {
  std::vector<Placed> out;
  float y = box.y0;
  for (const DeckBlock& block : blocks) {
    if (&block != &blocks.front()) y += block.gap_before * f * k;
    const float size = f * block.size * k;
    const float line = 1.3f * size;
    const float indent = block.bullet ? 1.2f * size : 0.0f;
    if (block.bullet) out.push_back({{box.x0, y}, "\u2022", FontStyle::Regular, size, block.muted});
    const float left = box.x0 + indent;
    const float space = text.measure(" ", size, FontStyle::Regular).x;
    const std::vector<Piece> pieces = pieces_of(block.spans);
    float x = left;
    bool line_empty = true;
    for (std::size_t i = 0; i < pieces.size();) {
      // A word: this piece and the glued ones after it, never broken.
      std::size_t j = i + 1;
      while (j < pieces.size() && pieces[j].glued) ++j;
      float width = 0.0f;
      std::vector<float> widths;
      for (std::size_t p = i; p < j; ++p) {
        widths.push_back(text.measure(pieces[p].text, size, pieces[p].style).x);
        width += widths.back();
      }
      const float gap = line_empty ? 0.0f : space;
      if (!line_empty && x + gap + width > box.x1) {
        y += line;
        x = left;
        line_empty = true;
      } else {
        x += gap;
      }
      for (std::size_t p = i; p < j; ++p) {
        out.push_back({{x, y}, pieces[p].text, pieces[p].style, size, block.muted});
        x += widths[p - i];
      }
      line_empty = false;
      i = j;
    }
    y += line + 0.5f * size;
  }
  bottom = y;
  return out;
}

}  // namespace

PdfDeck::PdfDeck(std::string path, const PictureOptions& options, std::string title)
    : path_(std::move(path)), options_(options), title_(std::move(title)) {}

plot::FigureRequest PdfDeck::figure_request(bool with_text) const {
  const PageGeometry g = geometry(static_cast<float>(options_.width),
                                  static_cast<float>(options_.height), kBody, with_text);
  return {static_cast<int>(std::lround(g.figure.width())),
          static_cast<int>(std::lround(g.figure.height())),
          {}};
}

void PdfDeck::add_page(DeckPage page) {
  pages_.push_back(std::move(page));
}

std::string PdfDeck::pdf() const {
  if (pages_.empty()) throw InvalidArgument("a deck needs at least one page");
  const int width = options_.pixel_width(), height = options_.pixel_height();
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw InvalidArgument("the pages would be " + std::to_string(width) + " x " +
                          std::to_string(height) + " pixels; each side must be 16 to 16384");
  }
  const float scale = static_cast<float>(options_.scale);
  plot::Style style = options_.style;  // as FigureFileWriter::write
  style.font_size = kBody * scale;
  style.line_scale *= scale;
  const float f = style.font_size;
  // One layout for the whole deck: every text it draws picks the fallback glyphs.
  std::string all_text = title_ + "\n\u2022";
  for (const DeckPage& page : pages_) {
    if (page.figure) {
      if (!page.figure->refusal().empty()) throw InvalidArgument(page.figure->refusal());
      all_text += "\n" + figure_text(*page.figure);
    }
    all_text += "\n" + page.title + "\n" + page.footer;
    for (const DeckBlock& b : page.text) {
      for (const DeckSpan& s : b.spans) all_text += "\n" + s.text;
    }
  }
  const ScreenTextLayout screen(scale, all_text, true);
  const plot::Color ink = style.resolve(style.text);
  const plot::Color muted = style.resolve(style.muted);
  PdfDocument document(title_);
  for (const DeckPage& page : pages_) {
    cairo_t* cr = document.begin_page(width / scale, height / scale, scale);
    PdfCanvas canvas(cr, screen);
    const bool with_text = !page.text.empty();
    const PageGeometry g =
        geometry(static_cast<float>(width), static_cast<float>(height), f, with_text);
    if (!options_.transparent) {
      canvas.rect_fill({0.0f, 0.0f, static_cast<float>(width), static_cast<float>(height)},
                       style.resolve(style.background));
    }
    // The title on one line, made smaller to fit (down to the body's size).
    float title_size = g.title_size;
    const float title_width = screen.measure(page.title, title_size, FontStyle::Bold).x;
    if (title_width > g.title.width()) {
      title_size = std::max(f, title_size * g.title.width() / title_width);
    }
    canvas.push_clip(g.title);
    canvas.styled_text({g.title.x0, g.title.y0}, page.title, ink, title_size, FontStyle::Bold);
    canvas.pop_clip();
    if (page.figure) {
      // Laid out at the figure's pixel size (figure_request times the scale).
      const plot::FigureRequest request = figure_request(with_text);
      const int fw = static_cast<int>(std::lround(request.width * scale));
      const int fh = static_cast<int>(std::lround(request.height * scale));
      if (fw >= 16 && fh >= 16) {
        cairo_save(cr);
        cairo_translate(cr, g.figure.x0, g.figure.y0);
        draw_picture(*page.figure, fw, fh, style, canvas, options_.transparent);
        canvas.finish();
        cairo_restore(cr);
      }
    }
    if (with_text) {
      // The largest size of 100%, 90% ... 60% at which the text fits; cut below that.
      float bottom = 0.0f;
      std::vector<Placed> placed;
      for (float k = 1.0f; k > 0.55f; k -= 0.1f) {
        placed = wrap(page.text, g.text, f, k, screen, bottom);
        if (bottom <= g.text.y1) break;
      }
      canvas.push_clip(g.text);
      for (const Placed& p : placed) {
        canvas.styled_text(p.top_left, p.text, p.muted ? muted : ink, p.size, p.style);
      }
      canvas.pop_clip();
    }
    if (!page.footer.empty()) {
      canvas.text(g.footer_at, page.footer, muted, g.footer_size, false, 1.0f, 1.0f, false);
    }
    canvas.finish();
    document.end_page();
  }
  return document.finish();
}

void PdfDeck::commit() const {
  const std::string bytes = pdf();
  AtomicFile file(path_);
  file.write(bytes);
  file.commit();
}

}  // namespace peviz
