#include "compare.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz::compare {

std::vector<State> apply_spec(const State& base, const std::vector<Group>& groups) {
  std::vector<State> panels;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string where = std::string("--compare panel ") + letter(static_cast<int>(i)) + ": ";
    State panel = base;
    try {
      for (const auto& [name, value] : groups[i]) panel.set_option(name, value);
      panel.check_scheme();
      panel.check_used(groups[i]);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(where + e.what());
    }
    panels.push_back(std::move(panel));
  }
  for (std::size_t i = 1; i < panels.size(); ++i) link_model(panels[0], panels[i]);
  return panels;
}

void link_model(const State& first, State& panel) {
  if (!panel.shared.versus.empty()) return;  // its own --versus
  if (std::string(panel.view().name()) != "model") {
    panel.shared.versus_params.reset();
    return;
  }
  SharedParams a = first.shared;
  a.versus_params.reset();
  if (a.model.empty()) a.model = "panel A";
  panel.shared.versus_params = std::make_shared<const SharedParams>(std::move(a));
}

std::vector<Group> parse_spec(const std::string& spec) {
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

Differences differences(const std::vector<std::vector<Setting>>& panels) {
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
        d.common += (d.common.empty() ? "" : " · ") + n + " = " + *seen.begin();
      continue;
    }
    for (std::size_t i = 0; i < panels.size(); ++i) {
      if (const std::string* v = value_of(panels[i], n)) {
        d.per_panel[i] +=
            (d.per_panel[i].empty() ? "" : " · ") + n + " = " + (v->empty() ? "(none)" : *v);
      }
    }
  }
  return d;
}

std::vector<std::string> used_names(SharedParams& shared, View& view) {
  std::vector<std::string> names{"scheme"};
  for (const std::string& n : view.shared_fields(shared)) names.push_back(n);
  ValueCollector own;
  view.visit(own);
  for (const auto& [n, v] : own.values) names.push_back(n);
  return names;
}

}  // namespace peviz::compare
