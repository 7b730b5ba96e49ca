// The papers' figures on demand: each entry names a figure of a paper (or a tutorial) that
// peviz redraws from core's numbers, with the paper's parameters, a caption and its source.
// The figure view (app/views/figure_view.hpp) shows them in the window, `peviz export figure
// NAME` writes them, `peviz figure list` lists them (docs/paper-figures.md).
#pragma once

#include <string>
#include <vector>

#include "app/plot/figure.hpp"

namespace peviz::figures {

struct PaperFigure {
  const char* name = "";          // on the command line: "rope-decay"
  const char* title = "";         // "RoFormer Fig. 2: RoPE's long-term decay"
  const char* caption = "";       // one or two sentences: what the figure shows
  const char* parameters = "";    // the paper's parameters, as drawn: "d 128, base 10000, ..."
  const char* source = "";        // paper, figure, section
  const char* short_source = "";  // the same in a few words, for a small figure
  // The panels and the numbers the figure states (values); paper_figure adds the words.
  plot::Figure (*build)(const plot::FigureRequest& request) = nullptr;
};

// Every figure, in the order `peviz figure list` prints them.
std::vector<PaperFigure> paper_figures();
std::vector<const char*> paper_figure_names();
// The index of the figure called `name`, or -1.
int paper_figure_index(const std::string& name);

// The figure `index` with its title, caption (subtitle), parameters and source (note).
plot::Figure paper_figure(int index, const plot::FigureRequest& request);

}  // namespace peviz::figures
