// The one parameter model of peviz: the parameters every view follows (SharedParams),
// one instance of every view with its own parameters, and which view is active. The
// window (one State, or one per compare panel), `peviz export`, lessons, the export
// dialog and the tests all set options through it, by the names of the command line,
// with the same order (the active view's own parameters first, then the shared ones),
// the same defaults and the same refusals, worded once (below).
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/params/param_io.hpp"
#include "app/views/shared_params.hpp"
#include "app/views/view.hpp"

namespace peviz {

// An option as on the command line, in a lesson's `set:` or a --compare group: name, value.
using Setting = std::pair<std::string, std::string>;

// An option found by name: its description, its kind of value, and whether it is one of
// the shared parameters (else the active view's own).
struct OptionInfo {
  ParamInfo info;
  ParamKind kind = ParamKind::Text;
  bool shared = false;
};

class State {
 public:
  // The defaults: SharedParams{}, every view at its defaults, the first view active.
  State();
  // A deep copy: the views' parameters are copied into a fresh set of views.
  State(const State& other);
  State& operator=(const State& other);
  State(State&&) noexcept = default;
  State& operator=(State&&) noexcept = default;
  ~State();

  SharedParams shared;

  // The active view and its index in views() (the sidebar's order, make_views()).
  View& view() { return *views_[current_]; }
  const View& view() const { return *views_[current_]; }
  int view_index() const { return current_; }
  const std::vector<std::unique_ptr<View>>& views() const { return views_; }
  View& view_at(int index) { return *views_[index]; }
  // The view called `name`, or nullptr; every view's name, in order.
  View* find_view(const std::string& name);
  std::vector<std::string> view_names() const;

  // The state `peviz export VIEW` starts from: the defaults, with the view called `name`
  // active at its first scheme. Throws InvalidArgument (unknown_view).
  static State of_view(const std::string& name);

  // Makes the view called `name` active; when it does not show the current scheme, the
  // scheme becomes the view's first. Throws InvalidArgument (unknown_view).
  void select_view(const std::string& name);
  void select_view(int index);
  // Sets the scheme; when the active view does not show it, the first view that does
  // becomes active (the sidebar's scheme buttons).
  void select_scheme(Scheme scheme);
  // The active view shows the current scheme.
  bool shows_scheme() const;
  // Throws InvalidArgument (scheme_not_shown) unless shows_scheme().
  void check_scheme() const;

  // Sets option `name` to `value` on the active view's own parameters, else on the shared
  // ones. try_set returns false when neither has the name; both throw InvalidArgument for
  // a value the option refuses (ParamSetter's message); set_option throws unknown_option
  // for an unknown name.
  bool try_set(const std::string& name, const std::string& value);
  void set_option(const std::string& name, const std::string& value);
  // try_set's rule on a view and shared parameters held elsewhere (one lesson step's view,
  // a test's view).
  static bool set_on(View& view, SharedParams& shared, const std::string& name,
                     const std::string& value);
  // The option called `name` as set_option finds it (the view's own first), or nothing.
  std::optional<OptionInfo> option(const std::string& name);
  // Every option name of the active view (its own, then the shared ones).
  std::vector<std::string> option_names();

  // The options the active view uses with the current parameters: the scheme, the shared
  // fields it shows, its own fields; and their values as text set_option accepts.
  std::vector<std::string> used_names();
  std::vector<Setting> used_values();
  bool uses(const std::string& name);
  // Throws InvalidArgument (not_used) for the first setting the active view does not use.
  void check_used(const std::vector<Setting>& settings);

  // "scheme=...;d=64;...;view-field=..." of the active view: changes mean a new figure.
  std::string describe();
  // The active view's builder at `request`, with the shared parameters.
  FigureBuilder builder(const plot::FigureRequest& request) const;

  // Every option with its help, for --help: the shared ones, then each view's own.
  std::string options_help();

  // {"view": name, "shared": {...}, "views": {name: {...}}}. load reads what it can: a
  // missing, mistyped or out-of-range value keeps the current one, an unknown view keeps
  // the active one (settings of an older version still load).
  nlohmann::json save() const;
  void load(const nlohmann::json& settings);

 private:
  std::vector<std::unique_ptr<View>> views_;
  int current_ = 0;
};

// The refusals, worded once for the window, the command line and lessons (a caller may
// put where it happened in front: "--compare panel B: ", "FILE:LINE: ").
namespace refusal {
// "unknown view 'encodign' (did you mean 'encoding'?)" or "(choose a, b, ...)"; `also`
// lists names that are accepted besides the views ("attention or all").
std::string unknown_view(const std::string& name, const std::vector<std::string>& views,
                         const std::string& also = "");
// "view 'encoding' has no option 'bse' (did you mean 'base'?)" or "(see peviz --help)".
std::string unknown_option(const std::string& view, const std::string& name,
                           const std::vector<std::string>& options);
// "view 'encoding' shows sinusoidal, learned, not rope".
std::string scheme_not_shown(const View& view, Scheme scheme);
// "view 'encoding' does not use 'heads' (it uses d, base, positions, ...)".
std::string not_used(const std::string& view, const std::string& name,
                     const std::vector<std::string>& used);
}  // namespace refusal

}  // namespace peviz
