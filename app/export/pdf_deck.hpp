// A PDF of several pages, for handouts and slides: each page a title, a Figure and
// paragraphs of formatted text, added one at a time and written all-or-nothing at the end
// (AtomicFile). Figures are drawn by PdfCanvas, text with the same layout (the screen's
// fonts and advances, DejaVu Sans in four styles), so a page's figure is its PNG.
//
// A page is width x height points (PictureOptions::width x height, 1 px = 1 pt, as
// figure_pdf): the title across the top; the figure on the left 60% of the page when the
// page has text, the text in a column on the right (wrapped at spaces, made smaller down to
// 60% when it would not fit, then cut); the figure on the whole page without text; a
// footer at the bottom right.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/export/figure_file.hpp"
#include "app/plot/canvas.hpp"
#include "app/plot/figure.hpp"

namespace peviz {

// A run of text in one style.
struct DeckSpan {
  std::string text;
  bool bold = false;
  bool italic = false;
};

// A paragraph: spans wrapped into lines.
struct DeckBlock {
  std::vector<DeckSpan> spans;
  bool bullet = false;      // a list item: a bullet, and its lines indented
  float size = 1.0f;        // times the body text's size
  bool muted = false;       // in the theme's muted colour (notes)
  float gap_before = 0.0f;  // extra space above it, in body sizes (a heading)
};

struct DeckPage {
  std::string title;
  std::optional<plot::Figure> figure;  // built for figure_size(!text.empty())
  std::vector<DeckBlock> text;
  std::string footer;  // small, at the bottom right ("Step 3 of 7")
};

class PdfDeck {
 public:
  // `options`: page size (width x height), scale, theme and transparency, as for one figure;
  // `title` goes into the document's information.
  PdfDeck(std::string path, const PictureOptions& options, std::string title);

  // The logical size a page's figure is drawn at, with or without a text column: build
  // the figure with a FigureRequest of this size.
  plot::FigureRequest figure_request(bool with_text) const;

  void add_page(DeckPage page);
  int pages() const { return static_cast<int>(pages_.size()); }

  // The document's bytes (every page laid out and drawn).
  std::string pdf() const;
  // Writes the document into the path, all or nothing. Throws InvalidArgument (no page,
  // a page with a refused figure, a bad size) or WriteError; leaves no partial file.
  void commit() const;

 private:
  std::string path_;
  PictureOptions options_;
  std::string title_;
  std::vector<DeckPage> pages_;
};

}  // namespace peviz
