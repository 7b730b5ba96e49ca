// View "encoding": the encoding matrix as a heatmap, rows are positions and
// columns dimensions, for sinusoidal and learned PE. Small grids print their
// values in the cells (the 11 x 11 view of the classic notebooks). A pixel row that covers
// many positions shows their exact mean (sinusoidal: core/box_mean's closed form; learned:
// the mean while it reads at most 2^24 entries, else every k-th position, said on the
// colorbar); the hover shows the exact value and formula of the hovered cell.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "view.hpp"

namespace peviz {

// Text layout for the views that choose their layout from the request's logical size
// (encoding, waves, wavelengths, similarity, shift, properties, alternatives): a request is
// in pixels at the body font size of 20, and the drawing (app/plot/draw_figure.cpp) sets the
// figure's headings, panel titles and ticks at fixed multiples of it. These estimate what it
// will do, a little generously, so that a view can pick wordings that fit, wrap its own texts
// and keep them inside their panels; they never make a text smaller.
namespace fit {

inline constexpr double kBody = 20.0;        // body text, axis labels
inline constexpr double kTick = 17.0;        // ticks, legends, notes
inline constexpr double kPanelTitle = 21.0;  // panel titles (bold)
inline constexpr double kTitle = 27.0;       // the figure's title (bold)

// The width of `text` in DejaVu Sans (bold) drawn at `size` pixels (a font's line height, as
// ImGui sizes fonts), from the fonts' advance widths (a few per cent over them).
double text_px(const std::string& text, double size = kBody, bool bold = false);
// `text` in lines of at most `width` pixels, broken at spaces as the drawing breaks headings
// (a word wider than the line stands alone).
std::vector<std::string> wrap(const std::string& text, double width, double size = kBody,
                              bool bold = false);
int lines_of(const std::string& text, double width, double size = kBody, bool bold = false);
// The first of `options` that fits in `max_lines` lines of `width`, else the last one.
std::string first_fitting(const std::vector<std::string>& options, double width,
                          double size = kBody, bool bold = false, int max_lines = 1);

// A rectangle in logical pixels.
struct Box {
  double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};
// Where the panels of `f` go in a `width` x `height` request: below its title and subtitle,
// above its note and warnings (set them first).
Box figure_body(const plot::Figure& f, double width, double height);
// The part of `body` at the panel's fractions.
Box panel_area(const plot::Panel& p, const Box& body);
// The plot box of a panel without axes, colorbar or legend (a panel of texts): its area less
// the margins and its title's lines.
Box bare_plot(const plot::Panel& p, const Box& body);
// Makes `p` a panel of texts whose data units are the logical pixels of `plot` (x right, y
// down from its top-left corner).
void text_panel(plot::Panel& p, const Box& plot);

// A label (tick size) for a vertical line at x = `at`, near the top of a plot of `plot_w` x
// `plot_h` pixels showing [x_lo, x_hi] x [y_lo, y_hi] (a linear y): to the line's right when
// there is room, else to its left, else none. Where the plot layer would write a RefLine's
// label (right of the line) it can run off the plot.
std::optional<plot::Text> vline_label(double at, const std::string& text, plot::Color color,
                                      const plot::DataWindow& window, double plot_w, double plot_h);

// A plot's data window and its size in pixels, for placing texts in it.
struct PlotFrame {
  plot::DataWindow window;
  bool log_y = false;
  double width = 0.0, height = 0.0;
};
// A label (tick size) for a horizontal line at y = `at`: above it at the right end, above it
// at the left, below at the right, below at the left; the first that stays inside the plot
// and clear of `taken` (boxes in the plot's pixels, from its top-left corner), which it joins.
// None when no place is free (the caller says it elsewhere).
std::optional<plot::Text> hline_label(double at, const std::string& text, plot::Color color,
                                      const PlotFrame& frame, std::vector<Box>& taken);

}  // namespace fit

struct EncodingParams {
  bool values = true;  // print values in the cells when at most 32 x 32 are visible

  void visit(ParamVisitor& v);
};

class EncodingView : public View {
 public:
  const char* name() const override { return "encoding"; }
  const char* title() const override { return "Encoding heatmap"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Sinusoidal, Scheme::Learned}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

 private:
  EncodingParams params_;
};

// The encoding matrix: `position,dim_0,...,dim_{d-1}`, one row per position, sinusoidal or
// learned by the shared scheme. Throws InvalidArgument past kMaxTableCells.
void encoding_table(const SharedParams& shared, plot::TableSink& table);

// The figure, built synchronously (also used by tests and export).
plot::Figure encoding_figure(const SharedParams& shared, const EncodingParams& params,
                             const plot::FigureRequest& request);

}  // namespace peviz
