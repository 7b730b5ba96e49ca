#include "compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "app/plot/draw_figure.hpp"

namespace peviz::compare {

std::vector<Cell> grid(int n, bool stacked) {
  constexpr float gap = 0.015f;
  std::vector<Cell> cells;
  if (n == 2 && stacked) {
    return {{0.0f, 0.0f, 1.0f, 0.5f - gap}, {0.0f, 0.5f + gap, 1.0f, 1.0f}};
  }
  for (int i = 0; i < n; ++i) {
    const int col = i % 2, row = n <= 2 ? 0 : i / 2;
    const int rows = n <= 2 ? 1 : 2;
    cells.push_back({col == 0 ? 0.0f : 0.5f + gap,
                     row / static_cast<float>(rows) + (row > 0 ? gap : 0.0f),
                     col == 0 ? 0.5f - gap : 1.0f,
                     (row + 1) / static_cast<float>(rows) - (row + 1 < rows ? gap : 0.0f)});
  }
  return cells;
}

bool wants_stacking(const plot::Figure& f) {
  return std::any_of(f.panels.begin(), f.panels.end(),
                     [](const plot::Panel& p) { return p.left >= 0.2f; });
}

bool shareable(const plot::Panel& a, const plot::Panel& b) {
  auto same = [](const plot::Axis& x, const plot::Axis& y) {
    return x.label == y.label && x.log == y.log && x.categories.empty() && y.categories.empty();
  };
  return a.axes && b.axes && !a.equal_aspect && !b.equal_aspect && same(a.x, b.x) && same(a.y, b.y);
}

double extent(const plot::Axis& a) {
  if (a.log && a.lo > 0 && a.hi > 0) return std::abs(std::log10(a.hi) - std::log10(a.lo));
  return std::abs(a.hi - a.lo);
}

bool similar_extents(const plot::Axis& own, const plot::Axis& united) {
  const double u = extent(united);
  return u > 0 && extent(own) >= 0.25 * u;
}

plot::Figure merge(const std::vector<Part>& parts, const std::vector<Cell>& cells,
                   float header_fraction, const std::string& common, const plot::Color& muted) {
  plot::Figure out;
  std::set<std::string> notes;
  for (const Part& part : parts) {
    if (part.figure == nullptr) continue;
    if (out.title.empty()) out.title = part.figure->title + " · comparison";
    if (!part.figure->note.empty()) notes.insert(part.figure->note);
  }
  if (out.title.empty()) out.title = "Comparison";
  out.subtitle = common.empty() ? std::string("no parameter is the same in every panel")
                                : "same in every panel: " + common;
  // One note when the panels agree, else each panel's, named.
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].figure == nullptr || parts[i].figure->note.empty()) continue;
    const bool everywhere = std::all_of(parts.begin(), parts.end(), [&](const Part& q) {
      return q.figure != nullptr && q.figure->note == parts[i].figure->note;
    });
    if (notes.size() == 1 && everywhere) {
      out.note = parts[i].figure->note;
      break;
    }
    out.note += (out.note.empty() ? "" : "  |  ") + std::string(1, letter(static_cast<int>(i))) +
                ": " + parts[i].figure->note;
  }

  // Shared ranges for ids present in several parts.
  std::map<std::string, std::pair<plot::Axis, plot::Axis>> ranges;
  std::map<std::string, int> count;
  for (const Part& part : parts) {
    if (part.figure == nullptr || !part.figure->message.empty()) continue;
    for (const plot::Panel& p : part.figure->panels) {
      auto it = ranges.find(p.id);
      ++count[p.id];
      if (it == ranges.end()) {
        ranges.emplace(p.id, std::make_pair(p.x, p.y));
        continue;
      }
      plot::Axis& x = it->second.first;
      plot::Axis& y = it->second.second;
      x.lo = std::min(x.lo, p.x.lo);
      x.hi = std::max(x.hi, p.x.hi);
      y.lo = std::min(y.lo, p.y.lo);
      y.hi = std::max(y.hi, p.y.hi);
    }
  }
  // Panels whose ids differ between parts in shape cannot share: check pairwise.
  std::map<std::string, bool> can_share, share_x, share_y;
  for (const Part& part : parts) {
    if (part.figure == nullptr || !part.figure->message.empty()) continue;
    for (const plot::Panel& p : part.figure->panels) {
      auto [it, fresh] = can_share.emplace(p.id, true);
      for (const Part& other : parts) {
        if (other.figure == nullptr || !other.figure->message.empty()) continue;
        for (const plot::Panel& q : other.figure->panels) {
          if (q.id == p.id && !shareable(p, q)) it->second = false;
        }
      }
      (void)fresh;
    }
  }
  for (const Part& part : parts) {
    if (part.figure == nullptr || !part.figure->message.empty()) continue;
    for (const plot::Panel& p : part.figure->panels) {
      const auto& [x, y] = ranges[p.id];
      const bool together = count[p.id] > 1 && can_share[p.id];
      share_x.emplace(p.id, together);
      share_y.emplace(p.id, together);
      share_x[p.id] = share_x[p.id] && similar_extents(p.x, x);
      share_y[p.id] = share_y[p.id] && similar_extents(p.y, y);
    }
  }

  for (std::size_t i = 0; i < parts.size() && i < cells.size(); ++i) {
    const Part& part = parts[i];
    const Cell& c = cells[i];
    const float head = header_fraction * (c.bottom - c.top);
    plot::Panel header;
    header.id = prefix(static_cast<int>(i)) + "#header";
    header.title = part.header;
    header.left = c.left;
    header.right = c.right;
    header.top = c.top;
    header.bottom = c.top + head;
    header.axes = false;
    header.grid = false;
    header.legend = plot::Corner::None;
    const std::string line = part.figure == nullptr          ? part.placeholder
                             : !part.figure->message.empty() ? part.figure->message
                                                             : part.figure->subtitle;
    // The header's line is cut to the cell by the layout (max_width), with the font's metrics.
    header.texts.push_back({.x = 0.0,
                            .y = 0.5,
                            .text = line,
                            .color = muted,
                            .scale = 0.9f,
                            .align_x = 0.0f,
                            .align_y = 0.5f,
                            .max_width = 1.0f});
    out.panels.push_back(std::move(header));
    if (part.figure != nullptr && !part.figure->refusal().empty() && out.problem.empty()) {
      out.problem =
          "panel " + std::string(1, letter(static_cast<int>(i))) + ": " + part.figure->refusal();
    }
    if (part.figure == nullptr || !part.figure->message.empty()) continue;
    for (const plot::Panel& p : part.figure->panels) {
      plot::Panel q = p;
      q.id = prefix(static_cast<int>(i)) + p.id;
      q.left = c.left + p.left * (c.right - c.left);
      q.right = c.left + p.right * (c.right - c.left);
      q.top = c.top + head + p.top * (c.bottom - c.top - head);
      q.bottom = c.top + head + p.bottom * (c.bottom - c.top - head);
      // Linked across parts only on a shared x range; else within the part only.
      const std::string link = p.x_link.empty() ? "=" + p.id : p.x_link;
      q.x_link =
          share_x[p.id] ? link : (p.x_link.empty() ? "" : link + "@" + letter(static_cast<int>(i)));
      const auto& [x, y] = ranges[p.id];
      if (share_x[p.id]) {
        q.x.lo = x.lo;
        q.x.hi = x.hi;
      }
      if (share_y[p.id]) {
        q.y.lo = y.lo;
        q.y.hi = y.hi;
      }
      out.panels.push_back(std::move(q));
    }
  }
  return out;
}

FigureBuilder comparison_builder(std::vector<State> panels, int width, int height) {
  const int n = static_cast<int>(panels.size());
  std::vector<std::vector<Setting>> values;
  for (State& p : panels) values.push_back(p.used_values());
  const Differences diff = differences(values);
  constexpr float fs = 20.0f;
  const float body_h = std::max(100.0f, height - 5.0f * fs);
  struct Cells {
    std::vector<Cell> cells;
    float header_fraction = 0;
    std::vector<FigureBuilder> builders;
  };
  const auto layout = [&](bool stacked) {
    Cells l;
    l.cells = grid(n, stacked);
    const float cell_h = (l.cells[0].bottom - l.cells[0].top) * body_h;
    l.header_fraction = std::min(0.35f, 4.0f * fs / std::max(1.0f, cell_h));
    for (int i = 0; i < n; ++i) {
      const Cell& c = l.cells[i];
      const plot::FigureRequest request{
          static_cast<int>((c.right - c.left) * width),
          static_cast<int>((c.bottom - c.top) * body_h * (1.0f - l.header_fraction)),
          {}};
      l.builders.push_back(panels[i].builder(request));
    }
    return l;
  };
  std::vector<std::string> headers;
  for (int i = 0; i < n; ++i) {
    headers.push_back(
        std::string(1, letter(i)) + "  ·  " +
        (diff.per_panel[i].empty() ? std::string("the same parameters") : diff.per_panel[i]));
  }
  return [side = layout(false), stacked = layout(true), headers, common = diff.common,
          n](const ProgressFn& progress) {
    std::vector<plot::Figure> figures(n);
    const auto build = [&](const Cells& l) {
      for (int i = 0; i < n; ++i) {
        figures[i] = l.builders[i]([&](double f) { return !progress || progress((i + f) / n); });
      }
    };
    build(side);
    const Cells* used = &side;
    if (n == 2 && wants_stacking(figures[0])) {
      build(stacked);  // again, at the stacked cells' size
      used = &stacked;
    }
    std::vector<Part> parts;
    for (int i = 0; i < n; ++i) parts.push_back({&figures[i], headers[i], ""});
    return merge(parts, used->cells, used->header_fraction, common, plot::ink(plot::Ink::Muted));
  };
}

std::pair<int, std::string> split_id(const std::string& merged_id) {
  if (merged_id.size() < 2 || merged_id[1] != '/') return {-1, merged_id};
  return {merged_id[0] - 'A', merged_id.substr(2)};
}

plot::FigureRequest part_request(const plot::FigureRequest& merged, int panel, int width,
                                 int height) {
  plot::FigureRequest r;
  r.width = std::max(1, width);
  r.height = std::max(1, height);
  for (const auto& [id, w] : merged.windows) {
    const auto [part, own] = split_id(id);
    if (part == panel && own != "#header") r.windows.emplace_back(own, w);
  }
  return r;
}

void align_linked(plot::Figure& merged, const std::vector<plot::PanelGeometry>& layout,
                  float body_width) {
  if (layout.size() != merged.panels.size() || body_width <= 0) return;
  std::map<std::pair<int, std::string>, std::pair<float, float>> edges;  // (part, link) -> x0, x1
  for (std::size_t i = 0; i < merged.panels.size(); ++i) {
    const plot::Panel& p = merged.panels[i];
    const int part = split_id(p.id).first;
    if (p.x_link.empty() || part < 0) continue;
    auto [it, fresh] = edges.emplace(std::make_pair(part, p.x_link),
                                     std::make_pair(layout[i].plot.x0, layout[i].plot.x1));
    if (!fresh) {
      it->second.first = std::max(it->second.first, layout[i].plot.x0);
      it->second.second = std::min(it->second.second, layout[i].plot.x1);
    }
  }
  for (std::size_t i = 0; i < merged.panels.size(); ++i) {
    plot::Panel& p = merged.panels[i];
    const int part = split_id(p.id).first;
    if (p.x_link.empty() || part < 0) continue;
    const auto& [x0, x1] = edges[{part, p.x_link}];
    if (x1 <= x0 + 10.0f) continue;
    p.left += (x0 - layout[i].plot.x0) / body_width;
    p.right -= (layout[i].plot.x1 - x1) / body_width;
  }
}

}  // namespace peviz::compare
