// One panel of a Figure drawn into its laid-out geometry: heatmap, bands, bars, lines,
// markers, reference lines, shapes, texts, the cursor, axes, legend and colorbar; and the
// legend's size, which the layout reserves.
#pragma once

#include <optional>

#include "canvas.hpp"
#include "draw_figure.hpp"
#include "figure.hpp"
#include "style.hpp"

namespace peviz::plot {

// The width of the legend box (0 without entries).
float legend_height(const Panel& p, const Style& style);

float legend_width(Canvas& canvas, const Panel& p, const Style& style);

void draw_panel(Canvas& canvas, const Panel& p, const PanelGeometry& g, const Style& style,
                std::optional<Cursor> cursor);

}  // namespace peviz::plot
