// A view turns Params into a Figure: one file per view in app/views/. The
// explorer draws its controls, runs its builder on a worker thread when the
// parameters or the visible window change, and draws the Figure.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/params/param.hpp"
#include "app/plot/figure.hpp"
#include "app/plot/table.hpp"
#include "app/views/shared_params.hpp"
#include "core/progress.hpp"

namespace peviz {

// Builds a Figure; runs on a worker thread, so it must only use what it captured.
// Reports progress (and may be cancelled) through the ProgressFn.
using FigureBuilder = std::function<plot::Figure(const ProgressFn&)>;

// A button the window draws under a view's parameters (Play, Shuffle...): views describe
// what can be done, the window decides how it looks.
struct ViewAction {
  std::string label;          // "Shuffle"
  std::string tooltip;        // one sentence on what it does; may be empty
  std::function<bool()> run;  // does it; returns true when a parameter changed
  bool enabled = true;        // false: drawn greyed out (Step +1 at the last position)
};

// A table's header as help text ("pair,frequency,wavelength,angle_range") and one line on
// what its rows are.
struct TableColumns {
  const char* names = "";
  const char* what = "";
};

class View {
 public:
  virtual ~View() = default;
  virtual const char* name() const = 0;   // command-line name: "encoding"
  virtual const char* title() const = 0;  // sidebar: "Encoding heatmap"
  // The schemes whose families list this view (the first is its home).
  virtual std::vector<Scheme> schemes() const = 0;
  // The shared fields this view uses, by name, in the order of its controls.
  virtual std::vector<std::string> shared_fields(const SharedParams& shared) const = 0;
  // One paragraph a student can read.
  virtual std::string explanation(const SharedParams& shared) const = 0;
  // The view's own parameters.
  virtual void visit(ParamVisitor& v) = 0;
  // Buttons beyond the parameter list (play, shuffle...), in the order they are drawn. The
  // actions refer to the view: run them before the view changes or is destroyed.
  virtual std::vector<ViewAction> actions() { return {}; }
  // Advances an animation by `seconds`; returns true if a parameter moved.
  virtual bool tick(double /*seconds*/) { return false; }
  virtual bool animating() const { return false; }
  virtual FigureBuilder builder(const SharedParams& shared,
                                const plot::FigureRequest& request) const = 0;
  // The view's own numbers as a table (what `peviz export VIEW --out F.csv` writes), or an
  // empty writer when the view has none and the CSV holds its figure's numbers instead.
  virtual plot::TableWriter table(const SharedParams& /*shared*/) const { return {}; }
  // The columns of table() and what they hold, for `peviz export --help`; empty for a
  // view without a table.
  virtual TableColumns table_columns() const { return {}; }
};

}  // namespace peviz
