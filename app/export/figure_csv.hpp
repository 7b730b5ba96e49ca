// The numbers a Figure draws, as CSV: for the views without a table of their own
// (View::table), `peviz export VIEW --out FILE.csv` writes what the picture shows,
// one record per drawn value, in long form:
//   panel,layer,label,x,y,value
//   wave0,line,"dim 0: sin(p·1)",0,0,            a point of a line series (x, y)
//   wave0,band,"...",0,-1,1                       an envelope point: y = low, value = high
//   slopes,bar,"slope",3,0.0625,                  a bar at x with its height in y
//   grid,heatmap,"cosine",12,40,0.83             a heatmap cell: x, y its centre, the value
// Heatmaps and series are the level of detail the figure was built at (--width,
// --height), so the CSV agrees with the picture cell for cell.
#pragma once

#include "app/plot/figure.hpp"
#include "csv_writer.hpp"

namespace peviz {

void write_figure_csv(const plot::Figure& figure, CsvWriter& csv);

}  // namespace peviz
