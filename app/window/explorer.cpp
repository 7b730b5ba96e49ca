#include "explorer.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "app/compare/compare.hpp"
#include "app/plot/visible_range.hpp"
#include "app/state/model_source.hpp"
#include "core/validate.hpp"

namespace peviz {

// Views fit their text to the size they are asked for, assuming 20-pixel fonts: with
// larger text (presentation mode, + key) they are asked for the size divided by this,
// as an export at --scale 2 is laid out at half its pixels.
float Explorer::text_scale(const plot::Style& style) {
  return std::max(0.25f, style.font_size / 20.0f);
}

Explorer::Explorer() : states_(state_.views().size()), presets_(list_presets()) {}

bool Explorer::open_model(const std::string& option, const std::string& value) {
  try {
    set_model_source(edited_shared(), option, value);
  } catch (const InvalidArgument& e) {
    model_error_ = e.what();
    return false;
  }
  model_error_.clear();
  // A RoPE model shown in a sinusoidal view: the first view that shows RoPE.
  if (!compare_ && !state_.shows_scheme()) select_scheme(state_.shared.scheme);
  return true;
}

bool Explorer::open_model_file(const std::string& path) {
  if (!open_model(model_file_option(path), path)) return false;
  opened_model_ = path;
  return true;
}

std::vector<std::string> Explorer::view_names() const {
  return state_.view_names();
}

void Explorer::select_view(const std::string& name) {
  if (name == "compare") throw InvalidArgument(compare::kNotAView);
  state_.select_view(name);
  if (!spec_.empty()) {
    apply_compare_spec();
  } else if (compare_) {
    choose_view(state_.view_index());
  }
}

void Explorer::set_param(const std::string& name, const std::string& value) {
  if (name == "compare") {
    spec_ = compare::parse_spec(value);
    apply_compare_spec();
    return;
  }
  state_.set_option(name, value);
  // A scheme the active view does not show moves to that scheme's first view.
  if (name == "scheme" && state_.option(name)->shared) state_.select_scheme(state_.shared.scheme);
  // The panels of a --compare are the other options plus their own settings; the
  // panels of a remembered comparison take the option too.
  if (!spec_.empty()) {
    apply_compare_spec();
  } else if (compare_) {
    for (ComparePanel& p : panels_) p.state.try_set(name, value);
    choose_view(state_.view_index());
  }
}

Explorer::ComparePanel Explorer::make_panel(const State& state) {
  ComparePanel p;
  p.state = state;
  p.worker = std::make_unique<FigureWorker>();
  return p;
}

void Explorer::apply_compare_spec() {
  std::vector<ComparePanel> panels;
  for (State& s : compare::apply_spec(state_, spec_)) panels.push_back(make_panel(s));
  panels_ = std::move(panels);
  compare_ = true;
  selected_ = 0;
  merged_dirty_ = true;
  compare_widget_.reset_zoom();
}

void Explorer::set_compare(bool on) {
  if (on == compare_) return;
  if (on) {
    panels_.clear();
    panels_.push_back(make_panel(state_));
    panels_.push_back(make_panel(state_));
    selected_ = 1;  // B is the one to change
    compare_ = true;
    merged_dirty_ = true;
    compare_widget_.reset_zoom();
    return;
  }
  // Back to one view: panel A's parameters stay.
  state_ = panels_[0].state;
  panels_.clear();
  spec_.clear();
  compare_ = false;
  selected_ = 0;
}

void Explorer::add_panel() {
  if (!compare_ || compare_count() >= compare::kMaxPanels) return;
  panels_.push_back(make_panel(panels_[selected_].state));
  selected_ = compare_count() - 1;
  merged_dirty_ = true;
}

void Explorer::choose_view(int view) {
  state_.select_view(view);
  if (!compare_) return;
  // Every panel shows the same view, at a scheme it shows.
  for (ComparePanel& p : panels_) p.state.select_view(view);
  merged_dirty_ = true;
  compare_widget_.reset_zoom();
}

std::string Explorer::error() const {
  if (!compare_) return states_[current()].error;
  for (int i = 0; i < compare_count(); ++i) {
    if (!panels_[i].error.empty())
      return std::string("panel ") + compare::letter(i) + ": " + panels_[i].error;
  }
  return "";
}

std::string Explorer::options_help() {
  return state_.options_help() +
         std::string("\nCompare (the view for 2 to 4 parameter sets side by side):\n  ") +
         compare::kSyntax +
         "\n      one ';'-separated group per panel (A, B, C, D), each a ','-separated list of\n"
         "      options of the view, by the names above, set on top of the other options;\n"
         "      e.g. --view similarity --compare \"scheme=sinusoidal;scheme=learned\"\n"
         "           --view rope-decay --compare \"base=10000;base=500000\"\n";
}

nlohmann::json Explorer::save() {
  // Comparing: panel A's parameters are the main ones, each panel's kept under "compare".
  nlohmann::json out = (compare_ ? panels_[0].state : state_).save();
  out["view"] = state_.view().name();
  if (compare_) {
    nlohmann::json& panels = out["compare"];
    panels = nlohmann::json::array();
    for (ComparePanel& p : panels_) {
      const nlohmann::json all = p.state.save();
      nlohmann::json entry = nlohmann::json::object();
      entry["shared"] = all["shared"];
      entry["view"] = all["views"][p.state.view().name()];
      panels.push_back(std::move(entry));
    }
  }
  return out;
}

void Explorer::load(const nlohmann::json& settings) {
  if (!settings.is_object()) return;
  state_.load(settings);
  // Compare mode as it was left: the active view's parameters of every panel.
  if (const auto it = settings.find("compare"); it != settings.end() && it->is_array() &&
                                                it->size() >= 2 &&
                                                it->size() <= compare::kMaxPanels) {
    std::vector<ComparePanel> panels;
    for (const nlohmann::json& entry : *it) {
      ComparePanel p = make_panel(state_);
      if (entry.is_object()) {
        nlohmann::json own = nlohmann::json::object();
        if (entry.contains("shared")) own["shared"] = entry["shared"];
        if (entry.contains("view")) own["views"][state_.view().name()] = entry["view"];
        p.state.load(own);
      }
      panels.push_back(std::move(p));
    }
    panels_ = std::move(panels);
    compare_ = true;
    selected_ = 0;
    merged_dirty_ = true;
    choose_view(current());  // schemes the view does not show
  }
}

void Explorer::restore(const nlohmann::json& settings) {
  if (!settings.is_object()) return;
  if (compare_ && !settings.contains("compare")) {
    panels_.clear();
    spec_.clear();
    compare_ = false;
    selected_ = 0;
  }
  const int selected = selected_;
  load(settings);
  if (compare_ && selected < compare_count()) selected_ = selected;
}

std::string Explorer::snapshot() {
  return save().dump();
}

void Explorer::record_history(bool busy) {
  const ImGuiIO& io = ImGui::GetIO();
  bool held = busy || ImGui::IsAnyMouseDown() || ImGui::IsAnyItemActive() || animating();
  // A key held (not a modifier: Ctrl stays down between Ctrl+Z and Ctrl+Z).
  for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown) && !held; ++k) {
    const bool modifier = k >= GLFW_KEY_LEFT_SHIFT && k <= GLFW_KEY_RIGHT_SUPER;
    held = io.KeysDown[k] && !modifier;
  }
  history_.observe(snapshot(), held, ImGui::GetTime());
}

bool Explorer::undo() {
  const std::optional<std::string> back = history_.undo(snapshot());
  if (!back) return false;
  restore(nlohmann::json::parse(*back, nullptr, false));
  history_.restored(snapshot());
  return true;
}

bool Explorer::redo() {
  const std::optional<std::string> next = history_.redo(snapshot());
  if (!next) return false;
  restore(nlohmann::json::parse(*next, nullptr, false));
  history_.restored(snapshot());
  return true;
}

Scene Explorer::scene(plot::Theme theme) {
  Scene s;
  if (compare_) {
    std::vector<State> panels;
    for (const ComparePanel& p : panels_) panels.push_back(p.state);
    s = scene_of(panels);
  } else {
    s = scene_of(state_);
  }
  s.zoom = zoom_windows();
  if (figure_width_ > 0 && figure_height_ > 0) {
    s.width = figure_width_;
    s.height = figure_height_;
  }
  s.theme = plot::theme_name(theme);
  return s;
}

void Explorer::open_scene(const Scene& scene) {
  if (scene.compare.empty()) {
    State state = state_of(scene);  // throws before anything changes
    panels_.clear();
    spec_.clear();
    compare_ = false;
    selected_ = 0;
    state_ = std::move(state);
  } else {
    std::vector<State> states = panels_of(scene);
    std::vector<ComparePanel> panels;
    for (const State& s : states) panels.push_back(make_panel(s));
    state_ = states.front();
    panels_ = std::move(panels);
    spec_.clear();
    compare_ = true;
    selected_ = 0;
    merged_dirty_ = true;
    compare_widget_.reset_zoom();
  }
  states_[current()].widget.reset_zoom();
  scene_zoom_ = scene.zoom;
  scene_zoom_key_.clear();  // the first frame notes what the windows are for
}

std::vector<std::pair<std::string, plot::DataWindow>> Explorer::zoom_windows() const {
  const plot::FigureWidget& widget = compare_ ? compare_widget_ : states_[current()].widget;
  plot::FigureRequest request = widget.request(0, 0);
  add_scene_zoom(request);
  return request.windows;
}

void Explorer::keep_scene_zoom() {
  if (scene_zoom_.empty()) return;
  std::string key = state_.view().name();
  if (compare_) {
    for (ComparePanel& p : panels_) key += "|" + p.state.describe();
  } else {
    key += "|" + state_.describe();
  }
  if (scene_zoom_key_.empty()) {
    scene_zoom_key_ = key;
  } else if (key != scene_zoom_key_) {
    scene_zoom_.clear();  // other parameters: the whole range again
    scene_zoom_key_.clear();
  }
}

void Explorer::add_scene_zoom(plot::FigureRequest& request) const {
  // The widget's own zoom (inside the scene's window) is what shows; the scene's elsewhere.
  for (const auto& [id, w] : scene_zoom_) {
    if (request.window(id) == nullptr) request.windows.emplace_back(id, w);
  }
}

FigureBuilder Explorer::with_scene_zoom(FigureBuilder builder) const {
  if (scene_zoom_.empty()) return builder;
  plot::FigureRequest windows;
  windows.windows = scene_zoom_;
  return [builder = std::move(builder), windows](const ProgressFn& progress) {
    plot::Figure figure = builder(progress);
    plot::show_windows(figure, windows);
    return figure;
  };
}

void Explorer::select_scheme(Scheme scheme) {
  state_.select_scheme(scheme);
}

std::string Explorer::key_of(State& state, const plot::FigureRequest& request) {
  std::string key =
      state.describe() + "|" + std::to_string(request.width) + "x" + std::to_string(request.height);
  for (const auto& [id, w] : request.windows) {
    key += "|" + id + ":" + std::to_string(w.x_lo) + "," + std::to_string(w.x_hi) + "," +
           std::to_string(w.y_lo) + "," + std::to_string(w.y_hi);
  }
  return key;
}

std::vector<plot::TextProblem> Explorer::text_problems() const {
  return compare_ ? compare_widget_.audit().problems()
                  : states_[current()].widget.audit().problems();
}

bool Explorer::animating() const {
  if (compare_) {
    for (const ComparePanel& p : panels_) {
      if (p.state.view().animating()) return true;
    }
    return false;
  }
  return state_.view().animating();
}

bool Explorer::settled() const {
  if (compare_) {
    for (const ComparePanel& p : panels_) {
      if (p.pending || p.key.empty() || (!p.figure && p.error.empty())) return false;
    }
    return !merged_dirty_;
  }
  const ViewState& state = states_[current()];
  return !worker_.busy() && state.figure.has_value() && !state.key.empty() &&
         state.built_key == state.key;
}

bool Explorer::zoomed() const {
  if (!scene_zoom_.empty()) return true;
  return compare_ ? compare_widget_.zoomed() : states_[current()].widget.zoomed();
}

ExportItem Explorer::export_item(int width, int height, bool visible) {
  View& active = state_.view();
  ExportItem item;
  item.view = active.name();
  // The visible range: built at the zoomed windows, drawn with the axes limited to them.
  plot::FigureRequest windows;
  if (visible) windows.windows = zoom_windows();
  const auto limited = [windows](ExportItem::Builder build) -> ExportItem::Builder {
    if (windows.windows.empty()) return build;
    return [build = std::move(build), windows](const ProgressFn& progress) {
      plot::Figure figure = build(progress);
      plot::show_windows(figure, windows);
      return figure;
    };
  };
  if (!compare_) {
    item.title = active.title();
    item.stem = default_file_stem(item.view, state_.used_values(), active.schemes().size() > 1);
    item.build = limited(state_.builder({width, height, windows.windows}));
    item.own_table = active.table(state_.shared);
    return item;
  }
  // The comparison as `peviz export VIEW --compare` lays it out (compare.hpp).
  std::vector<std::vector<Setting>> values;
  std::vector<State> states;
  for (ComparePanel& p : panels_) {
    values.push_back(p.state.used_values());
    states.push_back(p.state);
  }
  // Comparing, the panels are built over their whole range and their axes limited.
  item.build = limited(compare::comparison_builder(std::move(states), width, height));
  item.title =
      std::string(active.title()) + ": " + std::to_string(compare_count()) + " panels compared";
  item.stem = compare_file_stem(item.view, values);
  return item;
}

std::vector<ExportItem> Explorer::export_all_items(int width, int height) {
  // Every view with the parameters the sidebar shows (comparing: the selected panel's).
  const State& shown = compare_ ? panels_[selected_].state : state_;
  std::vector<ExportItem> items;
  for (int i = 0; i < static_cast<int>(shown.views().size()); ++i) {
    State one = shown;
    one.select_view(i);  // a view that does not show the scheme: at its own first
    ExportItem item;
    item.view = one.view().name();
    item.title = one.view().title();
    item.stem = item.view;  // as `peviz export all` names them
    item.build = one.builder({width, height, {}});
    item.own_table = one.view().table(one.shared);
    items.push_back(std::move(item));
  }
  return items;
}

void Explorer::frame(const Fonts& fonts, const plot::Style& style, double seconds) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  frame(fonts, style, seconds, vp->WorkPos, vp->WorkSize, true, true);
}

void Explorer::frame(const Fonts& fonts, const plot::Style& style, double seconds, ImVec2 pos,
                     ImVec2 size, bool show_sidebar, bool view_keys) {
  // The command line is done: later settings (lessons) reach every panel as they are.
  spec_.clear();
  keyboard(view_keys);
  if (compare_) {
    for (ComparePanel& p : panels_) p.state.view().tick(seconds);
  } else {
    state_.view().tick(seconds);
  }
  export_shown_ = show_sidebar;  // presenting: a clean picture (Ctrl+E still exports)
  // Wider with larger text (its labels and sliders grow), never more than 45% of the window.
  const float fs = text_scale(style);
  const float sidebar_w =
      show_sidebar ? std::min(std::clamp(size.x * 0.27f, 340.0f * fs, 520.0f * fs), size.x * 0.45f)
                   : 0.0f;
  if (show_sidebar) sidebar(fonts, sidebar_w, size.y, pos);
  main_area(fonts, style, ImVec2(pos.x + sidebar_w, pos.y), ImVec2(size.x - sidebar_w, size.y));
  open_model_dialog(style.font_size);
}

}  // namespace peviz