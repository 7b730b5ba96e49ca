// View "rope-clocks": one dial per RoPE pair, the hand at the angle m * t_i the pair has
// turned at position m. Fast pairs spin like second hands, slow pairs crawl like hour
// hands. A play button walks m forward; at large d a readable subset of pairs is shown,
// spread evenly from the fastest to the slowest.
#pragma once

#include <string>
#include <vector>

#include "view.hpp"

namespace peviz {

// How much room text takes where a Figure is drawn, for views that choose their layout from
// the request's logical size (FigureRequest: pixels at the body font of 20 px) instead of
// shrinking text to fit: the RoPE, ALiBi, NoPE, T5 and long-context views. Widths come from
// DejaVu Sans' advance widths (the font every canvas draws with), a little generous; the
// sizes are the plot layer's (draw_figure.cpp).
namespace reflow {
inline constexpr double kBody = 20.0;        // body text, axis labels, subtitle
inline constexpr double kSmall = 17.0;       // ticks, legends, the note
inline constexpr double kPanelTitle = 21.0;  // bold
inline constexpr double kTitle = 27.0;       // the figure's title, bold
// The width of `text` at `px` pixels.
double width(const std::string& text, double px, bool bold = false);
// `text` broken at spaces into lines of at most `room` pixels, as the plot layer wraps titles
// and notes (a word wider than the line stands alone).
std::vector<std::string> wrap(const std::string& text, double px, bool bold, double room);
inline int lines(const std::string& text, double px, bool bold, double room) {
  return static_cast<int>(wrap(text, px, bold, room).size());
}
// The first of `options` (longest first) that takes at most `max_lines` lines of `room`
// pixels, else the last (the shortest).
std::string first_fitting(const std::vector<std::string>& options, double px, bool bold,
                          double room, int max_lines = 1);
// The height of the figure's title and subtitle, and of its note and warnings, at `width`
// (wrapped to at most two lines each, as drawn).
double header_height(const plot::Figure& f, double width);
double footer_height(const plot::Figure& f, double width);
// The widest of `texts` at `px`.
double widest(const std::vector<std::string>& texts, double px, bool bold = false);
// The words for the room there is: the first of `options` (longest first) that fits on one
// line of `room` pixels, else the first that fits on two, else the last.
std::string heading(const std::vector<std::string>& options, double px, bool bold, double room);
// A panel's title height (0 lines: none) and its plot inside a panel of w x h pixels with
// axes whose y tick labels are `ytick_w` wide, with or without axis titles (the plot
// layer's margins).
double panel_title_height(int lines);
struct Room {
  double w = 0.0, h = 0.0;
};
Room plot_room(double w, double h, int title_lines, double ytick_w, bool y_label, bool x_label);
// A legend box of these entries (Corner::Outside puts it right of the plot, or under it when
// it is wider than 0.42 of the panel).
double legend_width(const std::vector<std::string>& labels);
double legend_height(std::size_t entries);
}  // namespace reflow

struct RopeClocksParams {
  int position = 10;   // m, the token position the hands show
  int dials = 12;      // how many pairs get a dial (spread from fast to slow)
  double speed = 4.0;  // positions per second while playing

  void visit(ParamVisitor& v);
};

class RopeClocksView : public View {
 public:
  const char* name() const override { return "rope-clocks"; }
  const char* title() const override { return "RoPE clocks"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Rope}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  std::vector<ViewAction> actions() override;
  bool tick(double seconds) override;
  bool animating() const override { return playing_; }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;
  plot::TableWriter table(const SharedParams& shared) const override;
  TableColumns table_columns() const override;

  // For tests and lessons: start or stop the animation.
  void set_playing(bool playing) { playing_ = playing; }
  const RopeClocksParams& params() const { return params_; }

 private:
  RopeClocksParams params_;
  bool playing_ = false;  // the play button
  double carry_ = 0.0;    // fraction of a position accumulated between frames
};

// The hands the dials show: pair, the coordinates it turns, its frequency and
// wavelength, and its angle at position m (radians, degrees, turns, cos, sin).
void rope_clocks_table(const SharedParams& shared, const RopeClocksParams& params,
                       plot::TableSink& table);

plot::Figure rope_clocks_figure(const SharedParams& shared, const RopeClocksParams& params,
                                const plot::FigureRequest& request);

}  // namespace peviz
