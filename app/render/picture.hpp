// The whole picture of a Figure on any Canvas, as every exporter draws it (the GPU
// and CPU PNG renderers and SVG): the background, a margin of 0.8 font sizes, the
// layout and the figure. Kept in one place so that the three agree pixel for pixel.
#pragma once

#include "app/plot/canvas.hpp"
#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"

namespace peviz {

// With `transparent`, no background: fills of the background colour that cover the
// whole drawing area (the picture's and the figure's own) are left out, so nothing
// is drawn where the figure has nothing; boxes on the background (legends) stay.
void draw_picture(const plot::Figure& figure, int width, int height, const plot::Style& style,
                  plot::Canvas& canvas, bool transparent);

}  // namespace peviz
