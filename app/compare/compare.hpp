// Compare mode: the same view for two to four parameter sets side by side. This
// file holds the parts that need no window: the --compare syntax, which parameters
// differ between the panels, and merging the panels' Figures into one Figure whose
// panels of the same id zoom together in x (Panel::x_link) on shared axis ranges.
// Header-only because app/CMakeLists.txt lists the window sources one by one.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/params/param_io.hpp"
#include "app/plot/draw_figure.hpp"
#include "app/plot/figure.hpp"
#include "app/views/view.hpp"
#include "core/validate.hpp"

namespace peviz::compare {

constexpr int kMaxPanels = 4;
constexpr const char* kSyntax = "--compare \"name=value,name=value;name=value\"";

// For a user who asks for a view called "compare": comparing is a mode of every view.
constexpr const char* kNotAView =
    "'compare' is a mode, not a view: add --compare \"name=value;name=value\" to a view, "
    "e.g. --view similarity --compare \"scheme=sinusoidal;scheme=learned\"";

inline char letter(int panel) {
  return static_cast<char>('A' + panel);
}
// Merged panel ids are "A/<id>", "B/<id>"...; a panel's header is "A/#header".
inline std::string prefix(int panel) {
  return std::string(1, letter(panel)) + "/";
}

using Setting = std::pair<std::string, std::string>;  // name, value as on the command line
using Group = std::vector<Setting>;                   // the settings of one panel

inline std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// "scheme=sinusoidal;scheme=learned" or "base=10000;base=500000,d=128": one group
// per panel, separated by ';'; within a group, name=value settings separated by ','
// (names as the command-line options, a leading "--" is allowed; an item without
// '=' continues a list value: "scalings=ntk,yarn,factor=8"). An empty group
// keeps the other options unchanged. Throws InvalidArgument with one clear line.
inline std::vector<Group> parse_spec(const std::string& spec) {
  const std::vector<std::string> parts = split(spec, ';');
  const int n = static_cast<int>(parts.size());
  if (n < 2 || n > kMaxPanels) {
    throw InvalidArgument("--compare wants 2 to 4 panels separated by ';' (got " +
                          std::to_string(n) + " in '" + spec +
                          "'), e.g. --compare \"base=10000;base=500000\"");
  }
  std::vector<Group> groups;
  for (int i = 0; i < n; ++i) {
    Group g;
    if (!trim(parts[i]).empty()) {
      for (const std::string& item : split(parts[i], ',')) {
        const std::string t = trim(item);
        const std::size_t eq = t.find('=');
        // A list value ("scalings=ntk,yarn"): an item without '=' continues the value before.
        if (eq == std::string::npos && !g.empty() && !t.empty()) {
          g.back().second += "," + t;
          continue;
        }
        std::string name = eq == std::string::npos ? t : trim(t.substr(0, eq));
        if (name.rfind("--", 0) == 0) name = name.substr(2);
        if (eq == std::string::npos || name.empty() || trim(t.substr(eq + 1)).empty()) {
          throw InvalidArgument(
              std::string("--compare panel ") + letter(i) + ": '" + t +
              "' is not name=value (panels are separated by ';', settings within a "
              "panel by ',')");
        }
        g.emplace_back(name, trim(t.substr(eq + 1)));
      }
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

// Collects every field as (name, value), in the text the command line accepts.
class ValueCollector : public ParamVisitor {
 public:
  std::vector<Setting> values;
  void visit(const ParamInfo& info, int& value) override { add(info, value); }
  void visit(const ParamInfo& info, double& value) override { add(info, value); }
  void visit(const ParamInfo& info, bool& value) override { add(info, value); }
  void visit(const ParamInfo& info, std::string& value) override { add(info, value); }
  void visit_choice(const ParamInfo& info, int& index) override {
    ParamDescriber d;
    d.visit_choice(info, index);
    store(info, d.text());
  }

 private:
  template <typename T>
  void add(const ParamInfo& info, T& value) {
    ParamDescriber d;
    d.visit(info, value);
    store(info, d.text());
  }
  void store(const ParamInfo& info, const std::string& text) {  // text is "name=value;"
    const std::size_t skip = std::string(info.name).size() + 1;
    values.emplace_back(info.name, text.substr(skip, text.size() - skip - 1));
  }
};

// The names of the parameters `view` uses with `shared`: the scheme, the shared
// fields it shows, its own fields.
inline std::vector<std::string> used_names(SharedParams& shared, View& view) {
  std::vector<std::string> names{"scheme"};
  for (const std::string& n : view.shared_fields(shared)) names.push_back(n);
  ValueCollector own;
  view.visit(own);
  for (const auto& [n, v] : own.values) names.push_back(n);
  return names;
}

// The values of the parameters `view` uses, in the order of used_names.
inline std::vector<Setting> used_values(SharedParams& shared, View& view) {
  ValueCollector all;  // the view's own first: its names win, as in set_param
  view.visit(all);
  shared.visit(all);
  std::vector<Setting> out;
  for (const std::string& n : used_names(shared, view)) {
    for (const auto& [name, value] : all.values) {
      if (name == n) {
        out.emplace_back(name, value);
        break;
      }
    }
  }
  return out;
}

// Per panel, "name = value" of the parameters whose values are not the same in all
// panels (a parameter one panel uses and another does not counts as differing);
// and the parameters that are the same everywhere.
struct Differences {
  std::vector<std::string> per_panel;
  std::string common;
};
inline Differences differences(const std::vector<std::vector<Setting>>& panels) {
  std::vector<std::string> names;  // in first-seen order
  for (const auto& p : panels) {
    for (const auto& [n, v] : p) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
  }
  auto value_of = [](const std::vector<Setting>& p, const std::string& n) -> const std::string* {
    for (const auto& [name, value] : p) {
      if (name == n) return &value;
    }
    return nullptr;
  };
  Differences d;
  d.per_panel.resize(panels.size());
  for (const std::string& n : names) {
    std::set<std::string> seen;
    bool everywhere = true;
    for (const auto& p : panels) {
      const std::string* v = value_of(p, n);
      everywhere = everywhere && v != nullptr;
      seen.insert(v != nullptr ? *v : std::string("\x01"));
    }
    if (everywhere && seen.size() == 1) {
      if (!seen.begin()->empty())
        d.common += (d.common.empty() ? "" : " \xC2\xB7 ") + n + " = " + *seen.begin();
      continue;
    }
    for (std::size_t i = 0; i < panels.size(); ++i) {
      if (const std::string* v = value_of(panels[i], n)) {
        d.per_panel[i] +=
            (d.per_panel[i].empty() ? "" : " \xC2\xB7 ") + n + " = " + (v->empty() ? "(none)" : *v);
      }
    }
  }
  return d;
}

// Where each panel goes, as fractions of the figure body: 2 side by side (or one
// above the other: `stacked`), 3-4 in a 2 x 2 grid (row by row).
struct Cell {
  float left = 0, top = 0, right = 1, bottom = 1;
};
inline std::vector<Cell> grid(int n, bool stacked = false) {
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

// One panel of the comparison: its Figure (null while the first build runs) and the
// header line naming what differs.
struct Part {
  const plot::Figure* figure = nullptr;
  std::string header;       // "A · base = 10000"
  std::string placeholder;  // shown while there is no figure yet
};

// Two figures whose panels stand side by side (a heatmap and its profile) compare
// better one above the other; figures of one column of panels side by side.
inline bool wants_stacking(const plot::Figure& f) {
  return std::any_of(f.panels.begin(), f.panels.end(),
                     [](const plot::Panel& p) { return p.left >= 0.2f; });
}

// Axes that can share one range: same label and scale, numbers (not categories),
// a plotted panel (not dials).
inline bool shareable(const plot::Panel& a, const plot::Panel& b) {
  auto same = [](const plot::Axis& x, const plot::Axis& y) {
    return x.label == y.label && x.log == y.log && x.categories.empty() && y.categories.empty();
  };
  return a.axes && b.axes && !a.equal_aspect && !b.equal_aspect && same(a.x, b.x) && same(a.y, b.y);
}

// The length of an axis range (in decades on a log axis).
inline double extent(const plot::Axis& a) {
  if (a.log && a.lo > 0 && a.hi > 0) return std::abs(std::log10(a.hi) - std::log10(a.lo));
  return std::abs(a.hi - a.lo);
}

// Ranges are worth sharing when each covers at least a quarter of their union: a
// 100-position plot next to a 131072-position one would be a speck on shared axes.
inline bool similar_extents(const plot::Axis& own, const plot::Axis& united) {
  const double u = extent(united);
  return u > 0 && extent(own) >= 0.25 * u;
}

// One Figure with every part's panels placed in its cell under a header panel (a
// title and the part's own subtitle); panel ids get the part's prefix. Panels with
// the same id in several parts get the union of their axis ranges where the ranges
// are alike (similar_extents), and, when their x ranges are shared, one x_link, so
// that zooming or panning one zooms the others in x.
inline plot::Figure merge(const std::vector<Part>& parts, const std::vector<Cell>& cells,
                          float header_fraction, const std::string& common,
                          const plot::Color& muted) {
  plot::Figure out;
  std::set<std::string> notes;
  for (const Part& part : parts) {
    if (part.figure == nullptr) continue;
    if (out.title.empty()) out.title = part.figure->title + " \xC2\xB7 comparison";
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
    header.texts.push_back({0.0, 0.5, line, muted, 0.9f, false, 0.0f, 0.5f});
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

// The comparison of panels (a view and its parameters each) as one Figure of
// width x height laid out with 20-pixel fonts: each panel built at its cell's size
// under a header naming what differs, side by side (two figures that want it, one
// above the other), merged. `peviz export --compare` and the window's export
// dialog both write this, so they write the same picture.
struct ComparePanelSpec {
  View* view = nullptr;  // one instance per panel (it holds that panel's own params)
  SharedParams shared;
};
inline FigureBuilder comparison_builder(std::vector<ComparePanelSpec> panels, int width,
                                        int height) {
  const int n = static_cast<int>(panels.size());
  std::vector<std::vector<Setting>> values;
  for (ComparePanelSpec& p : panels) values.push_back(used_values(p.shared, *p.view));
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
      l.builders.push_back(panels[i].view->builder(panels[i].shared, request));
    }
    return l;
  };
  std::vector<std::string> headers;
  for (int i = 0; i < n; ++i) {
    headers.push_back(
        std::string(1, letter(i)) + "  \xC2\xB7  " +
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

// The part (index) a merged panel belongs to, and its id in that part.
inline std::pair<int, std::string> split_id(const std::string& merged_id) {
  if (merged_id.size() < 2 || merged_id[1] != '/') return {-1, merged_id};
  return {merged_id[0] - 'A', merged_id.substr(2)};
}

// The request of part `panel`: the zoomed windows of its panels from the merged
// widget's request, at the part's own pixel size.
inline plot::FigureRequest part_request(const plot::FigureRequest& merged, int panel, int width,
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

// Panels of one part linked in x (their own x_link) line up their plot edges, as
// layout_figure does within one Figure: it cannot here, because the link also
// spans the other parts' cells. Moves the panels' left/right fractions by the
// difference measured in `layout` (from layout_figure of `merged` in `body_width`).
inline void align_linked(plot::Figure& merged, const std::vector<plot::PanelGeometry>& layout,
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

// `text` cut at a character boundary, with an ellipsis, to be at most `width` wide
// as `measure` says (cells are narrower than the figures' titles were written for).
template <typename Measure>
std::string fit(const std::string& text, float width, Measure measure) {
  if (text.empty() || measure(text) <= width) return text;
  std::vector<std::size_t> cuts;  // starts of UTF-8 characters
  for (std::size_t i = 1; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
  }
  std::size_t lo = 0, hi = cuts.size();  // the longest prefix that fits: binary search
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (measure(text.substr(0, cuts[mid - 1]) + "\xE2\x80\xA6") <= width) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo == 0 ? std::string("\xE2\x80\xA6")
                 : trim(text.substr(0, cuts[lo - 1])) + "\xE2\x80\xA6";
}

}  // namespace peviz::compare
