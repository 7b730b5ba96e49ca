#include "state.hpp"

#include <algorithm>

#include "app/params/param_io.hpp"
#include "app/views/registry.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"
#include "model_source.hpp"

namespace peviz {
namespace {

bool lists(const View& v, Scheme s) {
  const std::vector<Scheme> schemes = v.schemes();
  return std::find(schemes.begin(), schemes.end(), s) != schemes.end();
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Copies every parameter of `from` into `to` (two instances of the same view).
void copy_params(View& from, View& to) {
  nlohmann::json j = nlohmann::json::object();
  JsonWriter w(j);
  from.visit(w);
  JsonReader r(j);
  to.visit(r);
}

}  // namespace

State::State() : views_(make_views()) {}

State::State(const State& other)
    : shared(other.shared), views_(make_views()), current_(other.current_) {
  for (std::size_t i = 0; i < views_.size() && i < other.views_.size(); ++i)
    copy_params(*other.views_[i], *views_[i]);
}

State& State::operator=(const State& other) {
  if (this != &other) {
    State copy(other);
    *this = std::move(copy);
  }
  return *this;
}

State::~State() = default;

View* State::find_view(const std::string& name) {
  for (auto& v : views_) {
    if (name == v->name()) return v.get();
  }
  return nullptr;
}

std::vector<std::string> State::view_names() const {
  std::vector<std::string> names;
  for (const auto& v : views_) names.emplace_back(v->name());
  return names;
}

State State::of_view(const std::string& name) {
  State state;
  state.select_view(name);
  state.shared.scheme = state.view().schemes().front();
  return state;
}

void State::select_view(const std::string& name) {
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (name == views_[i]->name()) {
      select_view(static_cast<int>(i));
      return;
    }
  }
  throw InvalidArgument(refusal::unknown_view(name, view_names()));
}

void State::select_view(int index) {
  current_ = std::clamp(index, 0, static_cast<int>(views_.size()) - 1);
  if (!shows_scheme()) shared.scheme = view().schemes().front();
}

void State::select_scheme(Scheme scheme) {
  shared.scheme = scheme;
  if (shows_scheme()) return;
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (lists(*views_[i], scheme)) {
      current_ = static_cast<int>(i);
      return;
    }
  }
}

bool State::shows_scheme() const {
  return lists(view(), shared.scheme);
}

void State::check_scheme() const {
  if (!shows_scheme()) throw InvalidArgument(refusal::scheme_not_shown(view(), shared.scheme));
}

bool State::try_set(const std::string& name, const std::string& value) {
  return set_on(view(), shared, name, value);
}

bool State::set_on(View& view, SharedParams& shared, const std::string& name,
                   const std::string& value) {
  if (set_model_source(shared, name, value)) return true;
  ParamSetter own(name, value);
  view.visit(own);
  if (own.found()) return true;
  ParamSetter common(name, value);
  shared.visit(common);
  return common.found();
}

void State::set_option(const std::string& name, const std::string& value) {
  if (!try_set(name, value))
    throw InvalidArgument(refusal::unknown_option(view().name(), name, option_names()));
}

std::optional<OptionInfo> State::option(const std::string& name) {
  ParamLookup own(name);
  view().visit(own);
  if (own.found) return OptionInfo{own.info, own.kind, false};
  ParamLookup common(name);
  shared.visit(common);
  if (common.found) return OptionInfo{common.info, common.kind, true};
  return std::nullopt;
}

std::vector<std::string> State::option_names() {
  ParamLookup own(""), common("");
  view().visit(own);
  shared.visit(common);
  std::vector<std::string> names = own.names;
  names.insert(names.end(), common.names.begin(), common.names.end());
  return names;
}

std::vector<std::string> State::used_names() {
  std::vector<std::string> names{"scheme"};
  for (const std::string& n : view().shared_fields(shared)) names.push_back(n);
  ValueCollector own;
  view().visit(own);
  for (const auto& [n, v] : own.values) names.push_back(n);
  return names;
}

std::vector<Setting> State::used_values() {
  ValueCollector all;  // the view's own first: its names win, as in set_option
  view().visit(all);
  shared.visit(all);
  std::vector<Setting> out;
  for (const std::string& n : used_names()) {
    for (const auto& [name, value] : all.values) {
      if (name == n) {
        out.emplace_back(name, value);
        break;
      }
    }
  }
  return out;
}

bool State::uses(const std::string& name) {
  return contains(used_names(), name);
}

void State::check_used(const std::vector<Setting>& settings) {
  const std::vector<std::string> used = used_names();
  for (const auto& [name, value] : settings) {
    // A model's source sets several options at once; each view uses what it shows of them.
    if (name == "preset" || name == "config" || name == "table" || name == "tensor" ||
        (name == "versus" && view().name() == std::string("model")))
      continue;
    if (!contains(used, name)) throw InvalidArgument(refusal::not_used(view().name(), name, used));
  }
}

std::string State::describe() {
  ParamDescriber d;
  shared.visit(d);
  view().visit(d);
  // The model view's other model (compare mode: panel A's parameters) is part of its figure.
  if (shared.versus_params) {
    ParamDescriber other;
    SharedParams copy = *shared.versus_params;
    copy.visit(other);
    return d.text() + "|versus:" + other.text();
  }
  return d.text();
}

FigureBuilder State::builder(const plot::FigureRequest& request) const {
  return view().builder(shared, request);
}

std::string State::options_help() {
  ParamHelp common;
  shared.visit(common);
  std::string text = "Model options (every view):\n" + common.text();
  for (auto& v : views_) {
    ParamHelp own;
    v->visit(own);
    if (!own.text().empty()) text += std::string("\nView ") + v->name() + ":\n" + own.text();
  }
  return text;
}

nlohmann::json State::save() const {
  nlohmann::json out;
  out["view"] = view().name();
  SharedParams copy = shared;
  JsonWriter w(out["shared"]);
  copy.visit(w);
  out["views"] = nlohmann::json::object();
  for (const auto& v : views_) {
    nlohmann::json& j = out["views"][v->name()];
    j = nlohmann::json::object();
    JsonWriter wv(j);
    v->visit(wv);
  }
  return out;
}

void State::load(const nlohmann::json& settings) {
  if (!settings.is_object()) return;
  if (const auto it = settings.find("shared"); it != settings.end() && it->is_object()) {
    JsonReader r(*it);
    shared.visit(r);
    reload_model_sources(shared);
  }
  if (const auto views = settings.find("views"); views != settings.end() && views->is_object()) {
    for (auto& v : views_) {
      if (const auto it = views->find(v->name()); it != views->end() && it->is_object()) {
        JsonReader r(*it);
        v->visit(r);
      }
    }
  }
  if (const auto it = settings.find("view"); it != settings.end() && it->is_string()) {
    // A view of another version keeps the active one. A remembered view that does not
    // show the remembered scheme shows its own first scheme, as select_view does.
    if (find_view(it->get<std::string>()) != nullptr) select_view(it->get<std::string>());
  }
  if (!shows_scheme()) select_scheme(shared.scheme);
}

namespace refusal {

std::string unknown_view(const std::string& name, const std::vector<std::string>& views,
                         const std::string& also) {
  const std::string near = closest(name, views);
  if (!near.empty()) return "unknown view '" + name + "' (did you mean '" + near + "'?)";
  return "unknown view '" + name + "' (choose " + join(views) + (also.empty() ? "" : ", " + also) +
         ")";
}

std::string unknown_option(const std::string& view, const std::string& name,
                           const std::vector<std::string>& options) {
  const std::string near = closest(name, options);
  return "view '" + view + "' has no option '" + name + "'" +
         (near.empty() ? " (see peviz --help)" : " (did you mean '" + near + "'?)");
}

std::string scheme_not_shown(const View& view, Scheme scheme) {
  std::vector<std::string> shown;
  for (Scheme s : view.schemes()) shown.emplace_back(scheme_name(s));
  return "view '" + std::string(view.name()) + "' shows " + join(shown) + ", not " +
         scheme_name(scheme);
}

std::string not_used(const std::string& view, const std::string& name,
                     const std::vector<std::string>& used) {
  std::vector<std::string> listed;
  for (const std::string& n : used) {
    if (n != "scheme") listed.push_back(n);
  }
  return "view '" + view + "' does not use '" + name + "' (it uses " + join(listed) + ")";
}

}  // namespace refusal
}  // namespace peviz
