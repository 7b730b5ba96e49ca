#include "rope_relative_view.hpp"

namespace peviz {

FigureBuilder RopeRelativeView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "RoPE relative property";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
