// The explorer: the scheme and view chosen in the sidebar, the shared and per-view
// parameters, and for each view its latest Figure and interactive plot. Builds run
// on a worker thread; the window shows the last Figure until the new one is ready.
// Compare mode (sidebar toggle, key C, --compare) shows the active view for 2-4
// parameter sets side by side: each panel owns a SharedParams and one instance of
// every view (so its own view parameters), builds on its own worker thread, and the
// panels are drawn as one merged Figure (compare.hpp), so that panels of the same id
// zoom and pan together in x on shared axis ranges and share the hovered position.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/compare/compare.hpp"
#include "app/jobs/figure_worker.hpp"
#include "app/model/presets.hpp"
#include "app/plot/backend/figure_widget.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/plot/backend/imgui_canvas.hpp"
#include "app/plot/style.hpp"
#include "app/state/history.hpp"
#include "app/state/scene.hpp"
#include "app/state/state.hpp"
#include "app/views/shared_params.hpp"
#include "app/views/view.hpp"
#include "export_dialog.hpp"

namespace peviz {

class Explorer {
 public:
  Explorer();

  // Command line and lessons: select a view by name, set a parameter by name (the
  // view's own parameters first, then the shared ones). Throw InvalidArgument.
  // The name "compare" takes a compare spec (compare.hpp: "base=10000;base=500000"):
  // each ';'-separated group sets the parameters of one panel on top of the others.
  void select_view(const std::string& name);
  void set_param(const std::string& name, const std::string& value);
  // Every option, for --help.
  std::string options_help();
  std::vector<std::string> view_names() const;

  nlohmann::json save();
  void load(const nlohmann::json& settings);
  // load() that also leaves compare mode when `settings` has no panels (undo and redo).
  void restore(const nlohmann::json& settings);

  // Undo and redo (Edit menu; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y when no text field has the
  // keyboard) of the view, its parameters, compare mode and its panels, and a model
  // opened. record_history() ends every frame: `busy` is true while the caller has an
  // edit under way (a lesson's animation playing); mouse buttons and keys held, an active
  // widget and a playing view count too. A slider drag or a held key is one step
  // (app/state/history.hpp). undo() and redo() return false when there was nothing to do.
  void record_history(bool busy);
  bool undo();
  bool redo();
  bool can_undo() const { return history_.can_undo(); }
  bool can_redo() const { return history_.can_redo(); }
  const History& history() const { return history_; }
  // A change waits to become an undo step: the window must keep drawing.
  bool history_pending() const { return history_.pending(); }

  // The scene on screen (app/state/scene.hpp): the active view and the options it uses
  // (comparing: every panel's), the zoomed windows, the figure area's logical size, and
  // `theme` (the window's).
  Scene scene(plot::Theme theme);
  // Shows a scene: its view, its options (comparing: its panels) and its zoomed windows
  // (until the parameters change, Ctrl+0 or a double click). Its size and theme are the
  // caller's. Throws InvalidArgument with one line when the scene is refused; then
  // nothing changes.
  void open_scene(const Scene& scene);
  // The zoomed windows on screen, by panel id (comparing: the merged ids, "A/grid").
  std::vector<std::pair<std::string, plot::DataWindow>> zoom_windows() const;
  // A model file opened since the last call (File > Recent), or "".
  std::string take_opened_model() { return std::exchange(opened_model_, {}); }

  // One frame: the sidebar and the active view, filling the main viewport.
  void frame(const Fonts& fonts, const plot::Style& style, double seconds);
  // The same in a part of the window, with or without the sidebar; `view_keys` off
  // leaves PageUp/PageDown to a lesson.
  void frame(const Fonts& fonts, const plot::Style& style, double seconds, ImVec2 pos, ImVec2 size,
             bool show_sidebar, bool view_keys);
  // True when the active view's Figure is up to date (nothing being computed).
  bool settled() const;
  const View& active() const { return state_.view(); }
  const SharedParams& shared() const { return state_.shared; }
  const State& state() const { return state_; }
  // Text on screen that was cut, shortened or ran into other text, in the last frame's
  // figure (the comparison when comparing).
  std::vector<plot::TextProblem> text_problems() const;
  // The active view animates (a playing clock): the window must keep drawing.
  bool animating() const;
  const std::optional<plot::Figure>& figure() const { return states_[current()].figure; }
  std::string error() const;

  // A model's source (app/state/model_source.hpp): "preset", "config", "table" or "tensor",
  // set on the edited parameters (comparing: the selected panel's), as the sidebar's preset
  // list, File > Open model and a dropped file do. False when it was refused; model_error()
  // then says why until the next success.
  bool open_model(const std::string& option, const std::string& value);
  // A dropped or typed path: a .npy / .safetensors table, else a config.json.
  bool open_model_file(const std::string& path);
  const std::string& model_error() const { return model_error_; }
  void request_open_model() { open_model_popup_ = true; }

  // Export (export_dialog.hpp). The Export button above the view and Ctrl+E ask
  // for the dialog; the window takes the request (menus may make it too).
  void request_export() { export_requested_ = true; }
  bool take_export_request() {
    const bool r = export_requested_;
    export_requested_ = false;
    return r;
  }
  // The active view with the current parameters, or comparing, the merged
  // comparison of the panels, rebuilt at width x height (a picture's logical size)
  // over the whole range, as `peviz export` builds it.
  // With `visible`, over what the zoomed plot shows instead: built with the zoomed
  // windows and drawn with the axes limited to them (plot::show_windows).
  ExportItem export_item(int width, int height, bool visible = false);
  // Every view with the parameters the sidebar shows (comparing: the selected
  // panel's); a view that does not show the scheme is drawn at its own first scheme.
  std::vector<ExportItem> export_all_items(int width, int height);
  // The plot on screen is zoomed in.
  bool zoomed() const;

  // Compare mode.
  void set_compare(bool on);
  bool comparing() const { return compare_; }
  int compare_count() const { return static_cast<int>(panels_.size()); }
  void add_panel();  // a copy of the selected panel (up to four)
  void select_panel(int panel) { selected_ = panel; }
  SharedParams& panel_shared(int panel) { return panels_[panel].state.shared; }
  View& panel_view(int panel) { return panels_[panel].state.view(); }
  // The request of a panel's last submitted build (its pixel size and zoomed windows).
  const plot::FigureRequest& panel_request(int panel) const { return panels_[panel].request; }
  const std::optional<plot::Figure>& panel_figure(int panel) const { return panels_[panel].figure; }
  // The merged Figure on screen and where its panels' data rectangles were laid out.
  const plot::Figure& compare_figure() const { return merged_; }
  const std::vector<plot::PanelGeometry>& compare_layout() const { return merged_layout_; }

 private:
  struct ViewState {
    plot::FigureWidget widget;
    std::optional<plot::Figure> figure;
    std::string error;
    std::string key;        // parameters + request of the last submitted build
    std::string built_key;  // the key of the build `figure` and `error` come from
    double seconds = 0;     // how long the last build took
  };
  // One panel of compare mode.
  struct ComparePanel {
    State state;  // every panel keeps its own parameters; its active view is the explorer's
    std::optional<plot::Figure> figure;
    std::string error;
    std::string key;              // parameters + request of the last submitted build
    plot::FigureRequest request;  // the request of that build
    std::unique_ptr<FigureWorker> worker;
    std::uint64_t ticket = 0;
    bool pending = false;  // a build was submitted and has not come back
  };
  static ComparePanel make_panel(const State& state);
  static float text_scale(const plot::Style& style);
  int current() const { return state_.view_index(); }
  void apply_compare_spec();
  void choose_view(int view);
  SharedParams& edited_shared() {
    return compare_ ? panels_[selected_].state.shared : state_.shared;
  }
  View& edited_view() { return compare_ ? panels_[selected_].state.view() : state_.view(); }
  void compare_area(const Fonts& fonts, const plot::Style& style);
  void sidebar(const Fonts& fonts, float width, float height, ImVec2 pos);
  void main_area(const Fonts& fonts, const plot::Style& style, ImVec2 pos, ImVec2 size);
  void select_scheme(Scheme scheme);
  float export_button(ImVec2 origin, ImVec2 avail);
  float export_strip_height() const;  // the Export button's strip above the figure (0 presenting)
  void keyboard(bool view_keys);
  static std::string key_of(State& state, const plot::FigureRequest& request);
  // The scene's zoom windows (open_scene) shown until what they were set for changes.
  void keep_scene_zoom();
  void add_scene_zoom(plot::FigureRequest& request) const;
  FigureBuilder with_scene_zoom(FigureBuilder builder) const;
  std::string snapshot();

  State state_;  // the parameters and the active view (comparing: what panel A started from)
  std::vector<ViewState> states_;  // one per view, in the order of state_.views()
  FigureWorker worker_;
  std::uint64_t ticket_ = 0;
  int ticket_view_ = -1;
  std::string ticket_key_;  // the key of the build in flight (or last finished)
  std::optional<plot::Cursor> cursor_;
  std::vector<std::string> readout_;
  bool export_requested_ = false;
  std::vector<Preset> presets_;  // the sidebar's preset list, read once
  std::string model_error_;
  std::string model_path_;  // the Open model dialog's path field
  bool open_model_popup_ = false;
  void model_section(const Fonts& fonts);
  void open_model_dialog(float font_size);
  bool export_shown_ = true;  // the Export button (not while presenting)

  bool compare_ = false;
  std::vector<ComparePanel> panels_;
  int selected_ = 0;                  // the panel whose controls the sidebar shows
  std::vector<compare::Group> spec_;  // from --compare, if any
  plot::FigureWidget compare_widget_;
  plot::Figure merged_;
  std::vector<plot::PanelGeometry> merged_layout_;
  bool merged_dirty_ = true;
  bool stacked_ = false;  // two panels one above the other (compare::wants_stacking)
  ImVec2 merged_size_{0, 0};
  plot::HeatmapCache measure_cache_;  // unused by layout; ImGuiCanvas needs one

  History history_;
  std::string opened_model_;  // a model file opened since take_opened_model()
  // A scene's zoomed windows (by panel id, merged ids comparing): the views build at them
  // and their figures take them as their axes' ranges, until `scene_zoom_key_` (the view
  // and parameters they were set for) changes.
  std::vector<std::pair<std::string, plot::DataWindow>> scene_zoom_;
  std::string scene_zoom_key_;
  std::vector<std::pair<std::string, plot::DataWindow>> merged_zoom_;  // merged_ shows these
  int figure_width_ = 0;  // the figure area's logical size in the last frame
  int figure_height_ = 0;
};

}  // namespace peviz
