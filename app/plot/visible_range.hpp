// A picture of what a zoomed plot shows: each panel whose id has a window in the request
// gets that window as its axes' ranges, so that a file drawn from the figure shows the
// visible range, as the screen does (the window's zoom draws the same figure through
// layout_figure's windows instead). Used by scenes and the export dialog's "visible range".
#pragma once

#include "figure.hpp"

namespace peviz::plot {

void show_windows(Figure& figure, const FigureRequest& request);

}  // namespace peviz::plot
