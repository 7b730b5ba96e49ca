// View "rope-clocks": one dial per RoPE pair, the hand at the angle m * t_i the pair has
// turned at position m. Fast pairs spin like second hands, slow pairs crawl like hour
// hands. A play button walks m forward; at large d a readable subset of pairs is shown,
// spread evenly from the fastest to the slowest.
#pragma once

#include <string>

#include "view.hpp"

namespace peviz {

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
  bool extra_controls() override;
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
