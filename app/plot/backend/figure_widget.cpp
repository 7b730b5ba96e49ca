#include "figure_widget.hpp"

#include "app/plot/text_audit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace peviz::plot {
namespace {

std::string format_value(double v) {
  char b[48];
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

PanelGeometry geometry_for(const std::vector<PanelGeometry>& layout, int i) {
  return layout[i];
}

}  // namespace

std::vector<std::string> readout_lines(const Panel& p, double x, double y) {
  if (p.readout) return p.readout(x, y);
  std::vector<std::string> lines;
  char b[160];
  if (p.heatmap && p.heatmap->values && p.heatmap->values->size() > 0) {
    const HeatmapLayer& h = *p.heatmap;
    const auto rows = h.values->rows(), cols = h.values->cols();
    const long c = static_cast<long>(std::floor((x - h.x_lo) / (h.x_hi - h.x_lo) * cols));
    const long r = static_cast<long>(std::floor((y - h.y_lo) / (h.y_hi - h.y_lo) * rows));
    if (c >= 0 && c < cols && r >= 0 && r < rows) {
      const std::string xs = p.x.categories.empty() || c >= static_cast<long>(p.x.categories.size())
                                 ? format_value(std::round(x))
                                 : p.x.categories[c];
      const std::string ys = p.y.categories.empty() || r >= static_cast<long>(p.y.categories.size())
                                 ? format_value(std::round(y))
                                 : p.y.categories[r];
      std::snprintf(b, sizeof b, "%s %s, %s %s", p.y.label.c_str(), ys.c_str(), p.x.label.c_str(),
                    xs.c_str());
      lines.push_back(b);
      lines.push_back((h.value_label.empty() ? std::string("value") : h.value_label) + " = " +
                      format_value((*h.values)(r, c)));
    }
  }
  bool header = false;
  for (const LineSeries& s : p.lines) {
    if (s.x.empty()) continue;
    std::size_t best = 0;
    double best_d = INFINITY;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      const double d = std::abs(s.x[i] - x);
      if (d < best_d) {
        best_d = d;
        best = i;
      }
    }
    if (!header) {
      lines.push_back(p.x.label + " = " + format_value(s.x[best]));
      header = true;
    }
    if (best < s.y.size()) {
      lines.push_back((s.label.empty() ? p.y.label : s.label) + ": " + format_value(s.y[best]));
    }
  }
  for (const Bars& bars : p.bars) {
    for (std::size_t i = 0; i < bars.x.size() && i < bars.height.size(); ++i) {
      if (std::abs(bars.x[i] - x) <= bars.width / 2) {
        lines.push_back(p.x.label + " " + format_value(bars.x[i]) + ": " +
                        (bars.label.empty() ? p.y.label : bars.label) + " = " +
                        format_value(bars.height[i]));
      }
    }
  }
  return lines;
}

void FigureWidget::apply(const Figure& figure, int panel, const DataWindow& window) {
  const Panel& p = figure.panels[panel];
  const DataWindow base = default_window(p);
  DataWindow w = window;
  clamp_range(w.x_lo, w.x_hi, std::min(base.x_lo, base.x_hi), std::max(base.x_lo, base.x_hi),
              p.x.log);
  clamp_range(w.y_lo, w.y_hi, std::min(base.y_lo, base.y_hi), std::max(base.y_lo, base.y_hi),
              p.y.log);
  zoom_[p.id] = {base, w};
  if (p.x_link.empty()) return;
  for (const Panel& other : figure.panels) {
    if (&other == &p || other.x_link != p.x_link) continue;
    const DataWindow ob = default_window(other);
    auto it = zoom_.find(other.id);
    DataWindow ow = it != zoom_.end() ? it->second.window : ob;
    ow.x_lo = w.x_lo;
    ow.x_hi = w.x_hi;
    zoom_[other.id] = {ob, ow};
  }
}

FigureRequest FigureWidget::request(int width, int height) const {
  FigureRequest r;
  r.width = width;
  r.height = height;
  for (const auto& [id, z] : zoom_) r.windows.emplace_back(id, z.window);
  return r;
}

void FigureWidget::draw(const Figure& figure, ImVec2 size, const Style& style, ImFont* regular,
                        ImFont* bold, std::optional<Cursor>& cursor) {
  // Forget zooms whose panel changed its default window (new parameters) or disappeared.
  for (auto it = zoom_.begin(); it != zoom_.end();) {
    const auto p = std::find_if(figure.panels.begin(), figure.panels.end(),
                                [&](const Panel& q) { return q.id == it->first; });
    if (p == figure.panels.end() || !(default_window(*p) == it->second.base)) {
      it = zoom_.erase(it);
    } else {
      ++it;
    }
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const Rect area{origin.x, origin.y, origin.x + size.x, origin.y + size.y};
  ImGuiCanvas canvas(ImGui::GetWindowDrawList(), regular, bold, cache_);
  const FigureRequest windows = request(static_cast<int>(size.x), static_cast<int>(size.y));
  std::vector<PanelGeometry> layout = layout_figure(figure, area, style, canvas, windows);

  ImGui::InvisibleButton("##figure", size.x > 0 && size.y > 0 ? size : ImVec2(1, 1));
  const bool hovered = ImGui::IsItemHovered();
  const ImGuiIO& io = ImGui::GetIO();
  const Vec2 mouse{io.MousePos.x, io.MousePos.y};
  hover_ = {};
  if (hovered && figure.message.empty()) {
    for (int i = 0; i < static_cast<int>(layout.size()); ++i) {
      if (layout[i].plot.contains(mouse)) {
        hover_ = {true, i, layout[i].x.to_data(mouse.x), layout[i].y.to_data(mouse.y)};
        break;
      }
    }
  }

  // Zoom, pan, reset.
  if (hover_.active) {
    const Panel& p = figure.panels[hover_.panel];
    const PanelGeometry& g = layout[hover_.panel];
    if (io.MouseWheel != 0.0f) {
      const double factor = std::pow(0.85, io.MouseWheel);
      DataWindow w = g.window;
      if (!io.KeyCtrl) zoom_range(w.x_lo, w.x_hi, hover_.x, factor, p.x.log);
      if (!io.KeyShift) zoom_range(w.y_lo, w.y_hi, hover_.y, factor, p.y.log);
      apply(figure, hover_.panel, w);
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      zoom_.erase(p.id);
      if (!p.x_link.empty()) {
        for (const Panel& other : figure.panels) {
          if (other.x_link == p.x_link) zoom_.erase(other.id);
        }
      }
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      drag_panel_ = hover_.panel;
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) drag_panel_ = -1;
  if (drag_panel_ >= 0 && drag_panel_ < static_cast<int>(layout.size()) &&
      (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f)) {
    const Panel& p = figure.panels[drag_panel_];
    const PanelGeometry g = geometry_for(layout, drag_panel_);
    DataWindow w = g.window;
    pan_range(w.x_lo, w.x_hi, g.x.to_data(mouse.x - io.MouseDelta.x), g.x.to_data(mouse.x),
              p.x.log);
    pan_range(w.y_lo, w.y_hi, g.y.to_data(mouse.y - io.MouseDelta.y), g.y.to_data(mouse.y),
              p.y.log);
    apply(figure, drag_panel_, w);
  }
  if (!zoom_.empty() || drag_panel_ >= 0) {
    layout = layout_figure(figure, area, style, canvas,
                           request(static_cast<int>(size.x), static_cast<int>(size.y)));
  }

  // The shared cursor: set while hovering a position axis.
  if (hover_.active) {
    const Panel& p = figure.panels[hover_.panel];
    const double x = std::round(hover_.x), y = std::round(hover_.y);
    if (p.x.position && p.y.position) {
      cursor = Cursor{x, y};  // a grid of positions against positions: the hovered cell
      owns_cursor_ = true;
    } else if (p.x.position) {
      cursor = Cursor{x, x};
      owns_cursor_ = true;
    } else if (p.y.position) {
      cursor = Cursor{y, y};
      owns_cursor_ = true;
    }
  } else if (owns_cursor_) {
    cursor.reset();
    owns_cursor_ = false;
  }

  // Every text box of the drawing, for --tour's check of cut and overlapping text.
  audit_.clear();
  AuditCanvas audited(canvas, audit_, area);
  draw_figure(figure, layout, area, style, audited, cursor);
  cache_.end_frame();

  if (hover_.active) {
    const std::vector<std::string> lines =
        readout_lines(figure.panels[hover_.panel], hover_.x, hover_.y);
    if (!lines.empty()) {
      ImGui::BeginTooltip();
      for (const std::string& l : lines) ImGui::TextUnformatted(l.c_str());
      ImGui::EndTooltip();
    }
  }
}

}  // namespace peviz::plot
