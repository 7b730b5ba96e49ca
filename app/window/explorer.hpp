// The explorer: the scheme and view chosen in the sidebar, the shared and per-view
// parameters, and for each view its latest Figure and interactive plot. Builds run
// on a worker thread; the window shows the last Figure until the new one is ready.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/jobs/figure_worker.hpp"
#include "app/plot/figure_widget.hpp"
#include "app/plot/style.hpp"
#include "app/views/shared_params.hpp"
#include "app/views/view.hpp"
#include "fonts.hpp"

namespace peviz {

class Explorer {
 public:
  Explorer();

  // Command line and lessons: select a view by name, set a parameter by name (the
  // view's own parameters first, then the shared ones). Throw InvalidArgument.
  void select_view(const std::string& name);
  void set_param(const std::string& name, const std::string& value);
  // Every option, for --help.
  std::string options_help();
  std::vector<std::string> view_names() const;

  nlohmann::json save() ;
  void load(const nlohmann::json& settings);

  // One frame: the sidebar and the active view, filling the main viewport.
  void frame(const Fonts& fonts, const plot::Style& style, double seconds);
  // True when the active view's Figure is up to date (nothing being computed).
  bool settled() const;
  const View& active() const { return *views_[current_]; }
  const std::optional<plot::Figure>& figure() const { return states_[current_].figure; }
  std::string error() const { return states_[current_].error; }

 private:
  struct ViewState {
    plot::FigureWidget widget;
    std::optional<plot::Figure> figure;
    std::string error;
    std::string key;     // parameters + request of the last submitted build
    double seconds = 0;  // how long the last build took
  };
  void sidebar(const Fonts& fonts, float width, float height);
  void main_area(const Fonts& fonts, const plot::Style& style, ImVec2 pos, ImVec2 size);
  void select_scheme(Scheme scheme);
  void keyboard();
  std::string key_for(int view, const plot::FigureRequest& request);

  SharedParams shared_;
  std::vector<std::unique_ptr<View>> views_;
  std::vector<ViewState> states_;
  int current_ = 0;
  FigureWorker worker_;
  std::uint64_t ticket_ = 0;
  int ticket_view_ = -1;
  std::optional<double> cursor_;
  std::vector<std::string> readout_;
};

}  // namespace peviz
