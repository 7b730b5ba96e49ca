// The builders of the paper figures, one file each (app/figures/<name>_figure.cpp): the panels
// and the numbers each figure states. paper_figure.cpp lists them with their words.
#pragma once

#include "app/plot/figure.hpp"

namespace peviz::figures {

plot::Figure sinusoidal_dot_figure(const plot::FigureRequest& request);
plot::Figure rope_decay_figure(const plot::FigureRequest& request);
plot::Figure alibi_bias_figure(const plot::FigureRequest& request);
plot::Figure pi_fit_figure(const plot::FigureRequest& request);
plot::Figure pi_bounds_figure(const plot::FigureRequest& request);
plot::Figure ntk_base_figure(const plot::FigureRequest& request);
plot::Figure yarn_ramp_figure(const plot::FigureRequest& request);
plot::Figure llama3_bands_figure(const plot::FigureRequest& request);
plot::Figure nope_visible_figure(const plot::FigureRequest& request);
plot::Figure xpos_decay_figure(const plot::FigureRequest& request);

}  // namespace peviz::figures
